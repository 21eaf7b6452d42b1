"""The record: the release registry, its hash chain and the frozen texts and PDFs it
covers (``versions``), the registry file read and checked (``registry_file``), the
frozen files checked against it (``integrity``), what a release's kind of change
requires (``change_rules``: the notice period, the sections an editorial change may
not touch), what a release writes, all or nothing (``release``), and the RFC 3161
time-stamp tokens of chain heads (``timestamps``).

May import: ``notice.core``, ``notice.text``.
"""

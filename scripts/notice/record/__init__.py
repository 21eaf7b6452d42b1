"""The record: the release registry, its hash chain and the frozen texts and PDFs it
covers (``versions``), the registry file read and checked (``registry_file``), the
frozen files checked against it (``integrity``), what a release's kind of change
requires (``change_rules``: the notice period, the sections an editorial change may
not touch), and what a release writes, all or nothing (``release``).

May import: ``notice.core``, ``notice.text``.
"""

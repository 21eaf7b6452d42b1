"""The record: the release registry, its hash chain and the frozen texts and PDFs it
covers (``versions``), and what a release writes, all or nothing (``release``).

May import: ``notice.core``, ``notice.text``.
"""

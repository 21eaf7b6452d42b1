"""A project: its configuration, read once from ``mkdocs.yml`` (``config``), its sources
read and validated (``sources``), links between notices (``links``), the site's words
this package ships (``shipped``, ``site_strings``), and the audit that ``notice check``
and every build run (``audit``).

May import: ``notice.core``, ``notice.text``, ``notice.record``.
"""

"""A project: its configuration, read once from ``mkdocs.yml`` (``config``), its sources
read and validated (``sources``), links between notices (``links``), the site's words
this package ships (``shipped``, ``site_strings``), the line of ``requirements.txt``
that installs this tool where the project is published (``requirement``), and the audit
that ``notice check`` and every build run (``audit``).

May import: ``notice.core``, ``notice.text``, ``notice.record``.
"""

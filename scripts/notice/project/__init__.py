"""A project: its configuration, read once from ``mkdocs.yml`` (``config``), the notice
plugin's options (``options``) and the i18n plugin's (``i18n``), its sources read and
validated (``sources``), links between notices (``links``), the site's words this package
ships (``shipped``, ``site_strings``), the skeleton of a new project in its source
language (``skeleton``), languages added or renamed after releases
(``language_changes``), the line of ``requirements.txt`` that installs this tool where
the project is published (``requirement``), and the audit that ``notice check`` and
every build run (``audit``).

May import: ``notice.core``, ``notice.text``, ``notice.record``.
"""

"""The site as data, for any engine: every language's pages with their front matter
(``meta``, ``builders``, ``pages``), the files beside them (``index``, ``feeds``,
``calendars``, ``hosting``, ``published``), redlines (``redlines``), announcements
(``announce``), PDFs (``pdf``, ``fonts``, ``freeze``), the staged site (``stage``), and
the verification of a built one (``verify``). Imports no site generator.

May import: ``notice.core``, ``notice.text``, ``notice.record``, ``notice.project``.
"""

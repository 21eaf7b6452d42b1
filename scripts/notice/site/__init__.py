"""The site as data, for any engine. A language's words (``words``); its pages with their
front matter (``meta``; ``builders``: notice, version, history and draft pages;
``compare``: the redline pages; ``pages``: every language's pages of a build); the files
beside them (``files``: PDFs, feeds, calendars; ``index``: ``versions.json``;
``feeds``, ``calendars``, ``hosting``, ``published``; ``schema``: the shape of ``versions.json``,
for its writer and ``notice verify``); redlines computed and cached
(``redlines``); announcements (``announce``); PDFs (``pdf``, ``fonts``, ``freeze``); the
staged site (``stage``) and the verification of a built one (``verify``). Imports no site
generator.

May import: ``notice.core``, ``notice.text``, ``notice.record``, ``notice.project``.
"""

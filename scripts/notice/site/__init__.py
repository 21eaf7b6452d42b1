"""The site as data, for any engine. A language's words (``words``); the site's URL scheme
(``addresses``); its pages with their front matter (``meta``; ``view``: a notice's versions
seen from one language, typed, what every builder reads; ``builders``: notice, version and
draft pages; ``history``: the history page; ``compare``: the redline pages; ``pages``: every
language's pages of a build); what a notice says under the GDPR, its disclosures, shown to
readers (``disclosures``: the layers of a page, the map in ``versions.json``, what a change
affects; ``layers``: their part of the front matter; ``facts``: the facts in the reader's
words; ``linked``: as JSON-LD); the files beside the pages (``files``: PDFs, feeds,
calendars; ``index``: ``versions.json`` and the sitemap; ``feeds``, ``calendars``,
``hosting``, ``published``; ``schema``: the shape of ``versions.json``, for its writer and
``notice verify``); how the site renders Markdown, published (``rendering``); redlines
computed and cached (``redlines``); PDFs (``pdf``, ``fonts``); the staged site (``stage``)
and what an engine needs to know of it (``manifest``). Imports no site generator.

May import: ``notice.core``, ``notice.text``, ``notice.record``, ``notice.project``.
"""

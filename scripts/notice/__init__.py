"""Versioned, multilingual privacy notices published as a static site.

The package is layered; a layer imports only those below it (``pyproject.toml``'s
import-linter contracts say so, and the suite checks them)::

    notice.commands   the notice command, notice new
    notice.usecases   verify, announce, as-of, release planning, freezing, stamping
    notice.engines    MkDocs and Zensical render a staged site; the MkDocs plugin
    notice.site       the site as data: pages, files, PDFs, the staged site
    notice.project    the configuration, the sources read and checked
    notice.record     the registry, its chain, releases
    notice.text       segmenting, the diff and redlines, checks, catalogs, PO files
    notice.core       errors, YAML, languages, processes, the cache, the clock

``notice.plugin`` is where ``mkdocs.yml``'s ``notice`` plugin is found.
"""

from __future__ import annotations

__version__ = "0.1.0"

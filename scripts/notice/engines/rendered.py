"""Rendered pages kept between MkDocs builds: a page whose Markdown and settings did not
change reuses its HTML and table of contents.

Converting Markdown is most of what rendering a page costs, and most pages are the same
from one build to the next (a released version's page never changes; a daily build only
moves the dates in the front matter, which the theme renders, not Markdown). An entry is
keyed by everything ``Page.render`` reads: the page's final Markdown (after every
plugin's ``on_page_markdown``), its source and address, every file of the build with its
address (links are resolved against them), the Markdown extensions and their settings,
the validation levels, the versions of the libraries that render and this package's code.
It holds what ``Page.render`` sets: the HTML, the table of contents, the title found in
it, the anchors it has and the links it makes to other pages' anchors (MkDocs checks
them after every page is rendered, cached or not).

A render that logged a warning is not kept: a build with ``--strict`` fails on it every
time, warm or cold. Entries are kept per language (``<cache>/rendered/<lang>/``); after a
full build, a language's entries that the build did not use are removed.

A page not kept is rendered with the paragraphs converted before in this process
(``notice.engines.paragraphs``), with or without a folder to keep pages in.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from notice.core.cache import MISSING, Cache, cache_key
from notice.engines.paragraphs import Paragraphs

#: The libraries whose code decides what a page renders to.
RENDERERS = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")


class RenderedPages:
    """Rendered pages under ``folder`` (``None``: nothing kept between builds), and the
    paragraphs converted in this process (``paragraphs``, kept in memory whatever
    ``folder`` is)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._versions = {name: metadata.version(name) for name in RENDERERS}
        self._caches: dict[str, Cache] = {}
        self._files: dict[int, tuple[Files, str]] = {}
        self.paragraphs = Paragraphs()

    @property
    def hits(self) -> int:
        return sum(cache.hits for cache in self._caches.values())

    @property
    def misses(self) -> int:
        return sum(cache.misses for cache in self._caches.values())

    def take(self, page: Page) -> None:
        """Render ``page`` through the cache, and with the paragraphs converted before
        (``notice.engines.paragraphs``), when MkDocs asks for it."""
        original = page.render
        page.render = partial(self._render, page, original)  # type: ignore[method-assign]

    def prune(self) -> None:
        """Remove the entries of the languages rendered here that were not used."""
        for cache in self._caches.values():
            cache.prune()

    def _render(
        self,
        page: Page,
        original: Callable[[MkDocsConfig, Files], None],
        config: MkDocsConfig,
        files: Files,
    ) -> None:
        markdown = page.markdown
        assert markdown is not None
        settings = _settings(config, self._versions)
        language = page.file.src_uri.split("/", 1)[0]
        if self.folder is not None:
            key = cache_key(
                "rendered-page",
                [settings, self._digest(files), page.file.src_uri, page.file.url, markdown],
            )
            cache = self._cache(language)
            entry = cache.load(key)
            if entry is not MISSING and _restore(page, entry, files):
                return

        held: list[logging.LogRecord] = []

        def convert(text: str) -> str:
            """One render of the page from ``text``; what it logs is held, so that only
            the render whose page is kept says it (``Paragraphs`` may render twice)."""
            held.clear()
            page.markdown = text
            try:
                with _holding(held):
                    original(config, files)
            finally:
                page.markdown = markdown
            assert page.content is not None
            return page.content

        with _warnings() as seen:
            try:
                page.content = self.paragraphs.render(
                    markdown,
                    (language, settings),
                    config.markdown_extensions,
                    config.mdx_configs,
                    convert,
                )
            finally:  # said even if the render failed: it may say why
                for record in held:
                    logging.getLogger(record.name).handle(record)
        if not seen and self.folder is not None:
            cache.save(key, _entry(page))

    def _cache(self, language: str) -> Cache:
        if language not in self._caches:
            assert self.folder is not None
            self._caches[language] = Cache(self.folder / language)
        return self._caches[language]

    def _digest(self, files: Files) -> str:
        """Every file of the build with its address (once per build of a language)."""
        known = self._files.get(id(files))
        if known is not None and known[0] is files:
            return known[1]
        digest = hashlib.sha256()
        for file in sorted(files, key=lambda f: f.src_uri):
            digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0".encode())
            digest.update(f"{file.is_documentation_page()}\0{file.inclusion}\n".encode())
        value = digest.hexdigest()
        self._files[id(files)] = (files, value)
        return value


def _settings(config: MkDocsConfig, versions: Mapping[str, str]) -> str:
    """What of the configuration (as it is for the language being built) and the
    installed libraries a page's HTML depends on."""
    data = {
        "extensions": config.markdown_extensions,
        "configs": config.mdx_configs,
        "directory_urls": config.use_directory_urls,
        "validation": config.validation,
        "versions": versions,
    }
    return json.dumps(stable_data(data), sort_keys=True)


def stable_data(value: Any) -> Any:
    """A value as the same data in every process and folder: a mapping by its items, a
    set in order, a function by its name (not its address)."""
    if isinstance(value, Mapping):
        return {str(key): stable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [stable_data(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(repr(stable_data(item)) for item in value)
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return repr(value)


def _entry(page: Page) -> dict[str, Any]:
    links = page.links_to_anchors or {}
    return {
        "content": page.content,
        "toc": [_token(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {file.src_uri: dict(anchors) for file, anchors in links.items()},
        "has_links": page.links_to_anchors is not None,
    }


def _restore(page: Page, entry: dict[str, Any], files: Files) -> bool:
    """Set what ``Page.render`` sets from an entry; ``False`` if it does not fit."""
    links = {}
    for src_uri, anchors in entry["links"].items():
        file = files.get_file_from_path(src_uri)
        if file is None:
            return False
        links[file] = anchors
    page.content = entry["content"]
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    page.links_to_anchors = links if entry["has_links"] else None
    return True


def _token(item: AnchorLink) -> dict[str, Any]:
    return {
        "level": item.level,
        "id": item.id,
        "name": item.title,
        "children": [_token(child) for child in item.children],
    }


#: Where MkDocs logs what it finds while rendering a page (links that lead nowhere).
_PAGES_LOG = "mkdocs.structure.pages"


@contextmanager
def _holding(records: list[logging.LogRecord]) -> Iterator[None]:
    """What MkDocs logs while it renders a page, kept in ``records`` instead."""
    logger = logging.getLogger(_PAGES_LOG)
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign, assignment]
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@contextmanager
def _warnings() -> Iterator[list[logging.LogRecord]]:
    """The warnings MkDocs logs meanwhile."""
    seen: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = seen.append  # type: ignore[method-assign, assignment]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield seen
    finally:
        logger.removeHandler(handler)

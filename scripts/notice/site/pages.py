"""The pages of a build: for every language, every notice's versions, history and feed,
as staged pages and files (pure).

The result maps paths in the staged tree (``en/privacy/index.md``) to Markdown with
front matter (``notice.site.meta``), plus extra files (feeds, ``versions.json``). Nothing
here knows a site generator. The status of every version comes from ``today``. The
work is split by job: ``addresses`` (the URL scheme), ``builders`` (the pages),
``redlines`` (computing the comparisons on every core) and ``index`` (what lists them).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from notice.core.cache import Cache
from notice.core.errors import StructureError, raise_all
from notice.project.options import disclosures_list
from notice.project.sources import LazyDocuments, Sources
from notice.record.versions import Registry, Version, status
from notice.site import addresses, index, published
from notice.site.addresses import relink
from notice.site.builders import (
    draft_page,
    landing_listing,
    not_found_listing,
    not_found_page,
    notice_listing,
    notice_pages,
)
from notice.site.disclosures import VOCABULARY, NoticeDisclosures, version_disclosures
from notice.site.files import calendar_file, feed, pdf_document, pdf_sheet
from notice.site.linked import vocabulary
from notice.site.manifest import NavEntry
from notice.site.meta import Page
from notice.site.redlines import Pending, Redlines
from notice.site.rendering import markdown_settings
from notice.site.schema import NoticeEntry, VersionEntry
from notice.site.view import Build, Shown
from notice.site.words import Words
from notice.text.markdown import Renderer

__all__ = ["Options", "Page", "Site", "build_pages", "relink"]


@dataclass(frozen=True)
class Options:
    """Settings of a build that are not in the sources."""

    today: date
    draft: bool = False
    preview: bool = False
    """A quick preview for editors (``notice serve``): the source language only, the
    drafts with their redlines, the current and upcoming versions; no archive."""
    site_url: str = ""
    site_name: str = ""
    date_locales: Mapping[str, str] = field(default_factory=dict)
    """Language -> Babel locale for dates (e.g. ``en`` -> ``en_GB`` for 1 January 2027)."""
    language_names: dict[str, str] = field(default_factory=dict)
    """Language -> its name in the language switcher (the i18n plugin's ``name``)."""
    pdf: bool = True
    """Every released text as a PDF too (not in a preview)."""
    disclosures: Mapping[str, str] = field(default_factory=dict)
    """The GDPR list each notice's map is shown against (``NoticeOptions.disclosures``:
    per notice id, ``*`` for every notice); ``off`` where none is."""
    only: frozenset[str] | None = None
    """A part of the site (``notice build --languages``): the languages whose pages,
    redlines (with their alternates), feeds, released texts, PDFs and sitemap entries
    are made; ``None`` for every language. What every language shares
    (``versions.json``, the navigation, the registries) is the same either way."""

    def publishes(self, code: str, configured: Collection[str]) -> bool:
        """Whether this build publishes the record's files (released texts, PDFs) of
        language ``code``: those of the languages it makes, and those of a language the
        site no longer has (not ``configured``), which belong to no part."""
        return code not in configured or self.made(code)

    def made(self, code: str) -> bool:
        """Whether this build makes the pages and files of language ``code``."""
        return self.only is None or code in self.only

    def disclosures_list(self, notice: str) -> str:
        return disclosures_list(self.disclosures, notice)


@dataclass(frozen=True)
class Site:
    """Everything a build writes: staged pages and extra files, by path."""

    pages: list[Page]
    files: dict[str, str | bytes]
    """Feeds, ``versions.json``, calendars (text) and the released texts, registries and
    PDFs (bytes, as they are)."""
    site_names: dict[str, str] = field(default_factory=dict)
    """The site's name in every language (``site_name``, translated in ``site.po``)."""
    sitemap: bytes = b""
    """``sitemap.xml``: its pages' entries (``index.sitemap``)."""
    nav: dict[str, tuple[NavEntry, ...]] = field(default_factory=dict)
    """Each language's navigation: its landing page, then every notice's main page."""
    link_titles: dict[str, str] = field(default_factory=dict)
    """The title of a heading's link to itself, in every language."""
    elsewhere: frozenset[str] = frozenset()
    """In a part, the paths of the files the other parts publish (the other languages'
    released texts), for what names every file of the site (``_headers``)."""


@dataclass(frozen=True)
class _NoticeBuilt:
    """What one notice adds to a build."""

    pages: list[Page | Pending]
    files: dict[str, str | bytes]
    documents: dict[str, published.Pdf]
    """The PDFs to make, by path."""
    frozen_pdfs: dict[str, bytes]
    """The PDFs of the record, by path: copied, never made again."""
    titles: dict[str, tuple[str, str]]
    """Per language, the notice's title and description (the description only in the
    languages this build makes, whose landing pages list the notices)."""
    entry: NoticeEntry
    problems: tuple[StructureError, ...]
    elsewhere: frozenset[str] = frozenset()
    """The released texts other parts publish, by path."""


def build_pages(
    sources: Sources,
    to_html: Renderer,
    options: Options,
    cache: Cache | None = None,
    workers: int = 1,
) -> Site:
    """Every page and file of the site, in every language; refuses broken translations.
    Redlines and PDFs are taken from ``cache`` (where there is one), the others computed on
    up to ``workers`` processes: the site is the same whatever they are."""
    cache = cache or Cache(None)
    every = {
        code: Words(code, sources, options.date_locales.get(code), options.site_name)
        for code in sources.languages
    }
    codes = (sources.source_language,) if options.preview else sources.languages
    languages = {code: every[code] for code in codes}
    build = Build(
        sources,
        options.today,
        to_html,
        Redlines(cache, workers, made=options.made),
        draft=options.draft,
        preview=options.preview,
        pdf=not options.preview and options.pdf,
    )
    if not options.preview and isinstance(sources.frozen, LazyDocuments):
        # A full build shows every text (a part, those of its languages).
        made = {sources.source_language, *(code for code in codes if options.made(code))}
        sources.frozen.prefetch(workers, lambda key: key[2] in made)
    landing = _landing_pages(build, options, languages)
    built = [
        done
        for notice in sources.notices
        if (done := _notice(build, options, notice, every, languages, cache)) is not None
    ]
    raise_all([*(p for p in landing if isinstance(p, StructureError)), *_problems(built)])
    pages: list[Page | Pending] = [p for p in landing if not isinstance(p, StructureError)]
    files: dict[str, str | bytes] = {}
    for done in built:
        pages.extend(done.pages)
        files.update(done.files)
    files.update(_pdfs_and_index(build, built, cache, workers, options.site_url))
    pages.extend(
        (not_found_page if options.made(code) else not_found_listing)(language)
        for code, language in languages.items()
    )
    # Every page of the languages this build makes with its alternates, which name the
    # pages of the others too.
    pages = index.with_alternates(
        pages, _names(sources, options), sources.source_language, options.made
    )
    titles = {(d.entry["id"], code): title for d in built for code, title in d.titles.items()}
    finished = _finished(build, pages, titles, every, options)
    elsewhere = frozenset().union(*(done.elsewhere for done in built))
    return _site(build, options, pages, finished, files, every, elsewhere)


def _problems(built: list[_NoticeBuilt]) -> list[StructureError]:
    return [problem for done in built for problem in done.problems]


def _notice(
    build: Build,
    options: Options,
    notice: str,
    every: dict[str, Words],
    languages: dict[str, Words],
    cache: Cache,
) -> _NoticeBuilt | None:
    """One notice's pages in every language, its files, the PDFs to make and its entry
    in ``versions.json``; ``None`` for a notice with nothing to show."""
    sources, today = build.sources, build.today
    registry = (sources.registries.get(notice) or Registry(notice)).as_of(today)
    versions = registry.versions()
    shown = Shown(
        notice,
        versions,
        [v for v in versions if status(v, versions, today) is not None],
        tuple(v for v in registry.withdrawn() if v.published <= today),
        NoticeDisclosures(
            options.disclosures_list(notice), cache, linked=options.site_url.startswith("https://")
        ),
    )
    listed = [*shown.shown, *shown.withdrawn]
    if not listed and not options.draft:
        return None
    files: dict[str, str | bytes] = {}
    elsewhere: frozenset[str] = frozenset()
    if listed and not build.preview:
        # A part publishes its languages' texts; `notice assemble` unites them.
        ours = {c for v in listed for c in v.files if options.publishes(c, every)}
        files.update(published.released_files(sources, notice, registry, listed, ours))
        elsewhere = frozenset(
            addresses.released_url(notice, v, c) for v in listed for c in v.files if c not in ours
        )
    documents, frozen_pdfs = _pdfs(build, shown, every, options)
    pages: list[Page | Pending] = []
    problems: list[StructureError] = []
    titles: dict[str, tuple[str, str]] = {}
    for language in languages.values():
        pages_of = notice_pages if options.made(language.code) else notice_listing
        made = pages_of(build, shown, language)
        pages.extend(made.pages)
        problems.extend(made.problems)
        front = made.pages[0].meta
        titles[language.code] = (front.title, front.description or "")
        if shown.shown and options.made(language.code):
            files.update(_language_files(build, shown, language, registry, options.site_url))
    entry, index_files = _entry(build, shown, registry, every, languages, titles, options.site_url)
    files.update(index_files)
    return _NoticeBuilt(
        pages, files, documents, frozen_pdfs, titles, entry, tuple(problems), elsewhere
    )


def _landing_pages(
    build: Build, options: Options, languages: dict[str, Words]
) -> list[Page | StructureError]:
    """The pages of the texts that are not notices (the landing page) in every language:
    built in the languages this build makes, their addresses and titles in the others."""
    sources = build.sources
    return [
        (draft_page if options.made(code) else landing_listing)(
            build, domain, document, language, domain
        )
        for domain, document in sources.documents.items()
        if domain not in sources.notices
        for code, language in languages.items()
    ]


def _pdfs(
    build: Build, shown: Shown, every: dict[str, Words], options: Options
) -> tuple[dict[str, published.Pdf], dict[str, bytes]]:
    """The PDFs of a notice's versions: those of the record (copied as they are), and the
    others to make (in a build with PDFs, for the site's languages); in a part, those of
    its languages (and of languages no longer configured, which belong to none)."""
    sources, notice, site_url = build.sources, shown.notice, options.site_url
    documents: dict[str, published.Pdf] = {}
    frozen_pdfs: dict[str, bytes] = {}
    for version in [] if build.preview else [*shown.shown, *shown.withdrawn]:
        for code in version.files:
            if not options.publishes(code, every):
                continue
            path = addresses.released_url(notice, version, code, "pdf")
            if code in version.pdfs:  # part of the record: copied, never made again
                frozen_pdfs[path] = sources.frozen_pdfs[(notice, version.key, code)]
                continue
            if not build.pdf or code not in every:
                continue  # no PDFs, or no longer a language of the site: its record only
            sheet = pdf_sheet(
                sources,
                notice,
                version,
                every[code],
                site_url=site_url,
                listed=shown.disclosures.listed,
            )
            text = sources.shown_text(notice, version, code).text
            documents[path] = published.Pdf(
                (text, repr(sheet), " ".join(sources.notices), build.to_html.key),
                partial(pdf_document, sources, notice, version, every[code], build.to_html, sheet),
                lang=code,
                what=f"the PDF of {addresses.released_url(notice, version, code)}",
            )
    return documents, frozen_pdfs


def _language_files(
    build: Build, shown: Shown, language: Words, registry: Registry, site_url: str
) -> dict[str, str | bytes]:
    """A notice's feed and calendar in one language."""
    sources, notice = build.sources, shown.notice
    return {
        f"{language.prefix}{notice}/feed.xml": feed(
            sources,
            notice,
            shown.shown,
            language,
            today=build.today,
            site_url=site_url,
            head=registry.head,
            withdrawn=shown.withdrawn,
        ),
        addresses.calendar_url(language.prefix, notice): calendar_file(
            sources, notice, [*shown.shown, *shown.withdrawn], language, site_url=site_url
        ),
    }


def _entry(
    build: Build,
    shown: Shown,
    registry: Registry,
    every: dict[str, Words],
    languages: dict[str, Words],
    titles: dict[str, tuple[str, str]],
    site_url: str,
) -> tuple[NoticeEntry, dict[str, str | bytes]]:
    """A notice's entry in ``versions.json``, and the linked-data files it names."""
    sources, notice, today = build.sources, shown.notice, build.today

    def version_entry(version: Version) -> VersionEntry:
        return index.version_entry(
            sources, notice, version, shown.shown, every, today=today, site_url=site_url
        )

    entry: NoticeEntry = {
        "id": notice,
        "title": titles[sources.source_language][0],
        "titles": {lang: titles[lang][0] for lang in languages},
        "versions": [version_entry(v) for v in reversed(shown.shown)],
    }
    files: dict[str, str | bytes] = {}
    if not build.preview:
        for found, version in zip(entry["versions"], reversed(shown.shown), strict=True):
            said = version_disclosures(
                sources, notice, version, shown.shown, every, shown.disclosures, site_url=site_url
            )
            if said is not None:
                found["disclosures"] = said.disclosures
                found["affects"] = said.affects
                if said.index_file is not None:
                    found["index"] = said.index_file
                if said.index is not None:
                    files[addresses.index_url(notice, version)] = said.index
                    files[VOCABULARY] = vocabulary()
    if shown.withdrawn:
        entry["withdrawn"] = [version_entry(v) for v in shown.withdrawn]
    if shown.shown or shown.withdrawn:
        entry["registry"] = index.registry_entry(
            registry,
            languages,
            site_url=site_url,
            notice=notice,
            stamped=sources.timestamps.get(notice, {}),
        )
    return entry, files


def _pdfs_and_index(
    build: Build, built: list[_NoticeBuilt], cache: Cache, workers: int, site_url: str
) -> dict[str, str | bytes]:
    """The PDFs (made, or copied from the record) and ``versions.json``, which lists them."""
    files: dict[str, str | bytes] = {}
    notices = [done.entry for done in built]
    documents = {path: pdf for done in built for path, pdf in done.documents.items()}
    frozen_pdfs = {path: pdf for done in built for path, pdf in done.frozen_pdfs.items()}
    if documents or frozen_pdfs:
        made = published.pdfs(documents, cache, workers)
        files.update(made)
        files.update(frozen_pdfs)
        notices = index.with_pdfs(notices, made, frozen_pdfs, site_url)
    files["versions.json"] = index.versions_json(
        build.today, notices, site_url, markdown_settings(build.to_html)
    )
    return files


def _finished(
    build: Build,
    pages: list[Page | Pending],
    titles: dict[tuple[str, str], tuple[str, str]],
    every: dict[str, Words],
    options: Options,
) -> list[Page]:
    """The pages this build makes, with their redlines, their links between notices and
    the list of notices."""
    sources, redlines = build.sources, build.redlines
    redlines.start(order=(sources.source_language, *sources.languages))
    done = [
        Page(p.path, p.meta, relink(p.body, p.path, p.meta.notice_id, sources.notices))
        for p in map(redlines.complete, (p for p in pages if options.made(_language(p))))
    ]
    leads = {code: words.lead for code, words in every.items()}
    return [index.with_notice_list(p, sources, titles, leads) for p in done]


def _language(page: Page | Pending) -> str:
    return page.path.split("/", 1)[0]


def _names(sources: Sources, options: Options) -> dict[str, str]:
    """Each language's name in the switcher, in the site's order."""
    return {code: options.language_names.get(code, code) for code in sources.languages}


def _site(
    build: Build,
    options: Options,
    every_page: list[Page | Pending],
    pages: list[Page],
    files: dict[str, str | bytes],
    every: dict[str, Words],
    elsewhere: frozenset[str],
) -> Site:
    """The site: its pages and its sitemap's entries (in a part, those of its languages),
    and what is drawn from the pages of every language: each language's navigation."""
    source = build.sources.source_language
    site_names = {code: language.site_name for code, language in every.items()}
    made = [page for page in every_page if options.made(_language(page))]
    sitemap = index.sitemap(made, source, options.site_url, build.today)
    nav = {code: _nav(every_page, code) for code in {_language(page) for page in every_page}}
    titles = {code: language.address_label for code, language in every.items()}
    return Site(pages, files, site_names, sitemap, nav, titles, elsewhere)


def _nav(pages: list[Page | Pending], code: str) -> tuple[NavEntry, ...]:
    """The landing page first, then every notice's main page, in path order."""
    main = [
        page
        for page in pages
        if page.path == f"{code}/index.md"
        or (
            page.path.count("/") == 2
            and page.path.startswith(f"{code}/")
            and page.path.endswith("/index.md")
        )
    ]
    main.sort(key=lambda page: (page.path != f"{code}/index.md", page.path))
    return tuple(NavEntry(page.meta.front_matter()["title"], page.path) for page in main)

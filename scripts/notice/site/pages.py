"""The pages of a build: for every language, every notice's versions, history and feed,
as staged pages and files (pure).

The result maps paths in the staged tree (``en/privacy/index.md``) to Markdown with
front matter (``notice.site.meta``), plus extra files (feeds, ``versions.json``). Nothing
here knows a site generator. The status of every version comes from ``today``. The
work is split by job: ``addresses`` (the URL scheme), ``builders`` (the pages),
``redlines`` (computing the comparisons on every core) and ``index`` (what lists them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from notice.core.cache import Cache
from notice.core.errors import StructureError, raise_all
from notice.project.options import disclosures_list
from notice.project.sources import LazyDocuments, Sources
from notice.record.versions import Registry, status
from notice.site import addresses, index, published
from notice.site.addresses import relink
from notice.site.builders import draft_page, not_found_page, notice_pages
from notice.site.files import calendar_file, feed, pdf_document, pdf_sheet
from notice.site.layers import VOCABULARY, Disclosing, disclosed
from notice.site.linked import vocabulary
from notice.site.meta import Page
from notice.site.redlines import Redlines
from notice.site.rendering import markdown_settings
from notice.site.schema import NoticeEntry
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
    pages: list[Page] = []
    files: dict[str, str | bytes] = {}
    problems: list[StructureError] = []
    titles: dict[tuple[str, str], tuple[str, str]] = {}
    notices: list[NoticeEntry] = []
    every = {
        code: Words(code, sources, options.date_locales.get(code), options.site_name)
        for code in sources.languages
    }
    redlines = Redlines(cache, workers)
    codes = (sources.source_language,) if options.preview else sources.languages
    languages = {code: every[code] for code in codes}
    if not options.preview and isinstance(sources.frozen, LazyDocuments):
        sources.frozen.prefetch(workers)  # a full build shows every text
    for domain, document in sources.documents.items():
        if domain in sources.notices:
            continue
        for language in languages.values():
            page = draft_page(sources, domain, document, language, to_html, problems, domain)
            if page is not None:
                pages.append(page)
    pdfs = not options.preview and options.pdf
    documents: dict[str, published.Pdf] = {}
    frozen_pdfs: dict[str, bytes] = {}
    for notice in sources.notices:
        disclosing = Disclosing(
            options.disclosures_list(notice),
            cache,
            linked=options.site_url.startswith("https://"),
        )
        registry = (sources.registries.get(notice) or Registry(notice)).as_of(options.today)
        versions = registry.versions()
        shown = [v for v in versions if status(v, versions, options.today) is not None]
        withdrawn = tuple(v for v in registry.withdrawn() if v.published <= options.today)
        if not shown and not withdrawn and not options.draft:
            continue
        if (shown or withdrawn) and not options.preview:
            files.update(published.released_files(sources, notice, registry, [*shown, *withdrawn]))
        for version in [] if options.preview else [*shown, *withdrawn]:
            for code in version.files:
                path = addresses.released_url(notice, version, code, "pdf")
                if code in version.pdfs:  # part of the record: copied, never made again
                    frozen_pdfs[path] = sources.frozen_pdfs[(notice, version.key, code)]
                    continue
                if not pdfs:
                    continue
                if code not in every:
                    continue  # no longer a language of the site: only its record is published
                sheet = pdf_sheet(
                    sources,
                    notice,
                    version,
                    every[code],
                    site_url=options.site_url,
                    listed=disclosing.listed,
                )
                text = sources.shown_text(notice, version, code).text
                documents[addresses.released_url(notice, version, code, "pdf")] = published.Pdf(
                    (text, repr(sheet), " ".join(sources.notices), to_html.key),
                    partial(pdf_document, sources, notice, version, every[code], to_html, sheet),
                    lang=code,
                    what=f"the PDF of {addresses.released_url(notice, version, code)}",
                )
        for language in languages.values():
            built = notice_pages(
                sources,
                notice,
                versions,
                shown,
                language,
                today=options.today,
                draft=options.draft,
                preview=options.preview,
                to_html=to_html,
                problems=problems,
                redlines=redlines,
                pdf=pdfs,
                disclosing=disclosing,
                withdrawn=withdrawn,
            )
            pages.extend(built)
            front = built[0].meta
            titles[(notice, language.code)] = (front.title, front.description or "")
            if shown:
                files[f"{language.prefix}{notice}/feed.xml"] = feed(
                    sources,
                    notice,
                    shown,
                    language,
                    today=options.today,
                    site_url=options.site_url,
                    head=registry.head,
                    withdrawn=withdrawn,
                )
                files[addresses.calendar_url(language.prefix, notice)] = calendar_file(
                    sources, notice, [*shown, *withdrawn], language, site_url=options.site_url
                )
        entry: NoticeEntry = {
            "id": notice,
            "title": titles[(notice, sources.source_language)][0],
            "titles": {lang: titles[(notice, lang)][0] for lang in languages},
            "versions": [
                index.version_entry(
                    sources,
                    notice,
                    v,
                    shown,
                    every,
                    today=options.today,
                    site_url=options.site_url,
                )
                for v in reversed(shown)
            ],
        }
        if not options.preview:
            for version_entry, version in zip(entry["versions"], reversed(shown), strict=True):
                told = disclosed(
                    sources, notice, version, shown, every, disclosing, site_url=options.site_url
                )
                if told is not None:
                    version_entry.update(told.entry)  # type: ignore[typeddict-item]
                    if told.index is not None:
                        files[addresses.index_url(notice, version)] = told.index
                        files[VOCABULARY] = vocabulary()
        if withdrawn:
            entry["withdrawn"] = [
                index.version_entry(
                    sources, notice, v, shown, every, today=options.today, site_url=options.site_url
                )
                for v in withdrawn
            ]
        if shown or withdrawn:
            entry["registry"] = index.registry_entry(
                registry,
                languages,
                site_url=options.site_url,
                notice=notice,
                stamped=sources.timestamps.get(notice, {}),
            )
        notices.append(entry)
    raise_all(problems)
    if documents or frozen_pdfs:
        made = published.pdfs(documents, cache, workers)
        files.update(made)
        files.update(frozen_pdfs)
        notices = index.with_pdfs(notices, made, frozen_pdfs, options.site_url)
    files["versions.json"] = index.versions_json(
        options.today, notices, options.site_url, markdown_settings(to_html)
    )
    for language in languages.values():
        pages.append(not_found_page(language))
    redlines.start(order=(sources.source_language, *sources.languages))
    pages = [
        Page(p.path, p.meta, relink(p.body, p.path, p.meta.notice_id, sources.notices))
        for p in map(redlines.complete, pages)
    ]
    names = {code: options.language_names.get(code, code) for code in sources.languages}
    leads = {code: words.lead for code, words in every.items()}
    pages = index.with_alternates(
        [index.with_notice_list(p, sources, titles, leads) for p in pages],
        names,
        sources.source_language,
    )
    site_names = {code: language.site_name for code, language in every.items()}
    sitemap = index.sitemap(pages, sources.source_language, options.site_url, options.today)
    return Site(pages, files, site_names, sitemap)

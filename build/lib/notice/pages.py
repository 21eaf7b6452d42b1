"""The pages of a build: for every language, every notice's versions, history and feed,
as Markdown pages and files (pure).

The result maps paths in the staging tree (``en/privacy/index.md``) to Markdown with
front matter, plus extra files (feeds, ``versions.json``). The MkDocs plugin writes them
out; nothing here knows MkDocs. The status of every version comes from ``today``.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from datetime import date
from functools import partial
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date
from babel.support import Translations

from notice.cache import MISSING, Cache, cache_key
from notice.catalog import coverage, gettext_translations, translations
from notice.checks import inert_translations, structure_error
from notice.diff import Labels, diff_documents, plain_title, redline_markdown
from notice.errors import StructureError, raise_all
from notice.feeds import Entry as FeedEntry
from notice.feeds import atom_feed
from notice.links import notice_link
from notice.meta import (
    HistoryRow,
    Links,
    NoticeMeta,
    PageMeta,
    Section,
    Side,
    Upcoming,
    VersionLink,
)
from notice.parallel import Background, run_all
from notice.project import SITE_DOMAIN, SITE_NAME_CONTEXT
from notice.segment import _MD, Document, render_page
from notice.sources import LazyDocuments, Sources
from notice.versions import Version, status

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


@dataclass(frozen=True)
class Page:
    """One page of one language, ready to be written into the staging tree."""

    path: str
    meta: PageMeta
    body: str

    @property
    def text(self) -> str:
        """The page as Markdown, its title and description as YAML front matter.

        The rest of ``meta`` (banners, links, histories) reaches the templates through
        the plugin: front matter is for what the theme itself reads.
        """
        theme = self.meta.for_theme()
        front = {k: theme[k] for k in ("title", "description") if k in theme}
        dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=True, width=1000)
        return f"---\n{dumped}---\n\n{self.body}"


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
    date_locales: dict[str, str] = field(default_factory=dict)
    """Language -> Babel locale for dates (e.g. ``en`` -> ``en_GB`` for 1 January 2027)."""
    cache: Cache = field(default_factory=lambda: Cache(None), compare=False)
    """Where redlines of released texts are kept between builds (nowhere by default)."""
    workers: int = 1
    """Processes that compute the redlines the cache lacks."""
    background: bool = False
    """Compute them while the site is rendered (see ``Site.later``)."""


@dataclass(frozen=True)
class Site:
    """Everything a build writes: staged pages and extra files, by path."""

    pages: list[Page]
    files: dict[str, str]
    later: dict[str, Callable[[], Page]] = field(default_factory=dict)
    """With ``Options.background``: the pages whose body is still being computed (their
    ``body`` is empty), each with a function that waits for it and gives the whole page."""
    close: Callable[[], None] = lambda: None
    """Stop what is computed in the background."""
    site_names: dict[str, str] = field(default_factory=dict)
    """The site's name in every language (``site_name``, translated in ``site.po``)."""


def language_name(code: str, in_language: str) -> str:
    """The name of a language, in another language, from Babel's locale data."""
    return Locale.parse(code).get_display_name(Locale.parse(in_language)) or code


class _Language:
    """What the pages of one language need: its prefix, translations and dates."""

    def __init__(self, code: str, sources: Sources, options: Options) -> None:
        self.code = code
        self.source = sources.source_language
        self.prefix = "" if code == self.source else f"{code}/"
        catalog = sources.catalogs.get((SITE_DOMAIN, code))
        self.translations: Translations = gettext_translations(catalog)
        self.date_locale = options.date_locales.get(code, code)
        self.site_name: str = (
            str(self.translations.pgettext(SITE_NAME_CONTEXT, options.site_name))
            if options.site_name
            else ""
        )

    def _(self, message: str, **values: str) -> str:
        text = self.translations.gettext(message)
        return text % values if values else text

    def _html(self, message: str, **values: str) -> str:
        """A translation made safe as HTML; the values must already be escaped."""
        text = html.escape(self.translations.gettext(message), quote=False)
        return text % values if values else text

    def status(self, state: str | None) -> str:
        """A version's status, in words."""
        labels = {
            "current": self._("In effect"),
            "upcoming": self._("Upcoming"),
            "archived": self._("Archived"),
        }
        return labels[state or "archived"]

    def date(self, day: date) -> str:
        return format_date(day, "long", locale=self.date_locale)

    def url(self, notice: str, *parts: str) -> str:
        tail = "".join(f"{p}/" for p in parts)
        return f"{self.prefix}{notice}/{tail}"


def build_pages(sources: Sources, to_html: Callable[[str], str], options: Options) -> Site:
    """Every page and file of the site, in every language; refuses broken translations."""
    pages: list[Page] = []
    files: dict[str, str] = {}
    problems: list[StructureError] = []
    titles: dict[tuple[str, str], tuple[str, str]] = {}
    index: list[dict[str, Any]] = []
    every = {code: _Language(code, sources, options) for code in sources.languages}
    redlines = _Redlines(options.cache, options.workers)
    codes = (sources.source_language,) if options.preview else sources.languages
    languages = {code: every[code] for code in codes}
    if not options.preview and isinstance(sources.frozen, LazyDocuments):
        sources.frozen.prefetch(options.workers)  # a full build shows every text
    for domain, document in sources.documents.items():
        if domain in sources.notices:
            continue
        for language in languages.values():
            page = _draft_page(sources, domain, document, language, to_html, problems, domain)
            if page is not None:
                pages.append(page)
    for notice in sources.notices:
        registry = sources.registries.get(notice)
        versions = registry.versions() if registry else []
        shown = [v for v in versions if status(v, versions, options.today) is not None]
        if not shown and not options.draft:
            continue
        entry: dict[str, Any] = {"id": notice, "versions": []}
        for language in languages.values():
            built = _notice_pages(
                sources, notice, versions, shown, language, options, to_html, problems, redlines
            )
            pages.extend(built)
            front = built[0].meta
            titles[(notice, language.code)] = (front.title, front.description or "")
            if shown:
                files[f"{language.prefix}{notice}/feed.xml"] = _feed(
                    sources, notice, versions, shown, language, options
                )
        entry["title"] = titles[(notice, sources.source_language)][0]
        entry["titles"] = {lang: titles[(notice, lang)][0] for lang in languages}
        entry["versions"] = [
            _version_json(sources, notice, v, versions, every, options) for v in reversed(shown)
        ]
        index.append(entry)
    raise_all(problems)
    files["versions.json"] = (
        json.dumps(
            {"date": options.today.isoformat(), "notices": index},
            ensure_ascii=False,
            indent=2,
            sort_keys=True,
        )
        + "\n"
    )
    for language in languages.values():
        pages.append(_not_found_page(language))
    redlines.start(options.background, order=(sources.source_language, *sources.languages))
    later: dict[str, Callable[[], Page]] = {}
    done = []
    for p in pages:
        fill = redlines.bodies.get(p.path)
        if fill is not None and options.background:
            later[p.path] = partial(_completed, p, fill, sources.notices)
            done.append(p)
        elif fill is not None:
            done.append(_completed(p, fill, sources.notices))
        else:
            done.append(
                Page(p.path, p.meta, relink(p.body, p.path, p.meta.notice_id, sources.notices))
            )
    pages = [_with_notice_list(p, sources, titles) for p in done]
    site_names = {code: language.site_name for code, language in every.items()}
    return Site(pages, files, later, redlines.close, site_names)


def _completed(
    page: Page, fill: Callable[[], tuple[str, dict[str, Any]]], notices: tuple[str, ...]
) -> Page:
    """A compare page once its redline is there: its body and its section map."""
    body, fields = fill()
    return Page(
        page.path,
        page.meta.replace(**fields),
        relink(body, page.path, page.meta.notice_id, notices),
    )


def _not_found_page(language: _Language) -> Page:
    """A 404 page in every language (static-i18n writes one, for the last language)."""
    meta = PageMeta(
        title=language._("Page not found"),
        notice_id="404",
        notice=NoticeMeta(kind="page", lang=language.code),
    )
    explanation = language._(
        "There is no page at this address. Notices and their earlier versions keep their "
        "addresses; this one may have been mistyped."
    )
    home = language._("Go to the list of notices")
    body = f"{_escape(explanation)}\n\n[{_escape(home)}](index.md)\n"
    return Page(f"{language.code}/404.md", meta, body)


def _draft_page(
    sources: Sources,
    domain: str,
    document: Document,
    language: _Language,
    to_html: Callable[[str], str],
    problems: list[StructureError],
    path: str,
    extra: dict[str, Any] | None = None,
    title_format: str | None = None,
) -> Page | None:
    """A page built from a working text and the current catalogs (landing page, drafts).

    ``extra`` sets fields of its ``NoticeMeta``; ``title_format`` (a site string with
    ``%(title)s``) makes its title."""
    template = sources.template(domain)
    catalog = sources.catalogs.get((domain, language.code))
    is_source = language.code == sources.source_language
    complete = is_source or coverage(template, catalog, language.code).complete
    raw = translations(catalog) if complete and not is_source else {}
    texts = inert_translations((s.text for s in document.segments), raw)
    if texts:
        po_path = sources.po_paths[(domain, language.code)]
        broken = structure_error(document, texts, to_html, po_path, catalog)
        if broken is not None:
            problems.append(broken)
            return None
    front, body = render_page(document, texts, anchors=True, fields=raw)
    title = str(front.get("title") or domain)
    fields: dict[str, Any] = {"kind": "page", **(extra or {})}
    meta = PageMeta(
        title=language._(title_format, title=title) if title_format else title,
        notice_id=domain,
        notice=NoticeMeta(
            lang=language.code if complete else sources.source_language,
            fallback=None if complete else "incomplete",
            source_name=language_name(sources.source_language, language.code),
            **fields,
        ),
        description=str(front["description"]) if front.get("description") else None,
    )
    target = f"{language.code}/{path}/index.md" if "/" in path else f"{language.code}/{path}.md"
    return Page(target, meta, body)


def _notice_pages(
    sources: Sources,
    notice: str,
    versions: list[Version],
    shown: list[Version],
    language: _Language,
    options: Options,
    to_html: Callable[[str], str],
    problems: list[StructureError],
    redlines: _Redlines,
) -> list[Page]:
    """The current page, the history and every shown version of one notice in one language."""
    today = options.today
    statuses = {v.effective: status(v, versions, today) for v in shown}
    current = next((v for v in shown if statuses[v.effective] == "current"), None)
    upcoming = [v for v in shown if statuses[v.effective] == "upcoming"]
    pairs = [] if options.preview else compare_pairs(shown, current, upcoming)
    compared = {(a.effective, b.effective) for a, b in pairs}
    drafts = options.draft or options.preview
    links = Links(
        history=language.url(notice, "versions"),
        current=language.url(notice),
        feed=f"{language.prefix}{notice}/feed.xml",
        draft=language.url(notice, "draft") if drafts else None,
        draft_compare=(
            language.url(notice, "compare", _key(current), "draft")
            if drafts and current is not None
            else None
        ),
    )
    common: dict[str, Any] = {
        "links": links,
        "id": notice,
        "versions": tuple(
            VersionLink(
                effective=v.effective.isoformat(),
                effective_text=language.date(v.effective),
                status_text=language.status(statuses[v.effective]),
                url=language.url(notice, "versions", v.effective.isoformat()),
            )
            for v in reversed(shown)
        ),
    }
    if upcoming:
        nxt = upcoming[0]
        common["upcoming"] = Upcoming(
            effective=nxt.effective.isoformat(),
            effective_text=language.date(nxt.effective),
            url=language.url(notice, "versions", nxt.effective.isoformat()),
            compare_url=(
                _compare_url(language, notice, current, nxt) if current is not None else None
            ),
        )

    def version_page(version: Version, path: str) -> Page:
        comparisons = _comparison_links(version, shown, current, compared, language, notice)
        return _version_page(
            sources,
            notice,
            version,
            shown,
            statuses,
            language,
            {**common, "links": dataclasses.replace(links, **comparisons)},
            path=path,
        )

    pages: list[Page] = []
    for version in shown:
        if options.preview and statuses[version.effective] == "archived":
            continue
        key = version.effective.isoformat()
        pages.append(version_page(version, f"{language.code}/{notice}/versions/{key}/index.md"))
    for older, newer in pairs:
        pages.append(
            _compare_page(sources, notice, older, newer, statuses, language, common, redlines)
        )
    main = current or (upcoming[0] if upcoming else None)
    if main is not None:
        page = version_page(main, f"{language.code}/{notice}/index.md")
        pages.insert(0, page)
        pages.append(_history_page(sources, notice, shown, statuses, language, common, page))
    if drafts:
        draft = _draft_page(
            sources,
            notice,
            sources.documents[notice],
            language,
            to_html,
            problems,
            f"{notice}/draft",
            {**common, "kind": "draft", "status": "draft"},
            title_format="%(title)s (draft)",
        )
        if draft is not None and current is not None:
            pages.append(_draft_compare_page(sources, notice, current, language, common, redlines))
        if draft is not None:
            if main is None:
                pages.insert(0, Page(f"{language.code}/{notice}/index.md", draft.meta, draft.body))
            pages.append(draft)
    return pages


def _version_page(
    sources: Sources,
    notice: str,
    version: Version,
    shown: list[Version],
    statuses: dict[date, str | None],
    language: _Language,
    common: dict[str, Any],
    path: str,
) -> Page:
    document = sources.frozen_text(notice, version, language.code)
    fallback = None
    if document is None:
        document = sources.frozen_text(notice, version, sources.source_language)
        fallback = "missing"
    assert document is not None
    front, body = render_page(document, {}, anchors=True)
    state = statuses[version.effective]
    later = [v for v in shown if v.effective > version.effective]
    earlier = [v for v in shown if v.effective < version.effective]
    title = str(front.get("title") or notice)
    is_main = path.endswith(f"/{notice}/index.md")
    meta = PageMeta(
        title=title
        if is_main
        else language._(
            "%(title)s, version of %(date)s", title=title, date=language.date(version.effective)
        ),
        notice_id=notice,
        notice=NoticeMeta(
            **common,
            kind="version",
            status=state,
            lang=sources.source_language if fallback else language.code,
            fallback=fallback,
            source_name=language_name(sources.source_language, language.code),
            effective=version.effective.isoformat(),
            effective_text=language.date(version.effective),
            published_text=language.date(version.published),
            permalink=language.url(notice, "versions", version.effective.isoformat()),
            binding=_binding(front, sources, language) if not fallback else None,
            until_text=language.date(later[0].effective) if later and state == "archived" else None,
            previous_text=language.date(earlier[-1].effective) if earlier else None,
            changes=str(front["changes"]) if front.get("changes") else None,
        ),
        description=str(front["description"]) if front.get("description") else None,
    )
    return Page(path, meta, body)


def compare_pairs(
    shown: list[Version], current: Version | None, upcoming: list[Version]
) -> list[tuple[Version, Version]]:
    """Which comparisons get a page: every pair of consecutive versions, every older
    version to the current one, and the current one to every upcoming one."""
    by_date = {v.effective: v for v in shown}
    keys = {(a.effective, b.effective) for a, b in itertools.pairwise(shown)}
    if current is not None:
        keys |= {(v.effective, current.effective) for v in shown if v.effective < current.effective}
        keys |= {(current.effective, v.effective) for v in upcoming}
    return [(by_date[a], by_date[b]) for a, b in sorted(keys)]


def _key(version: Version) -> str:
    return version.effective.isoformat()


def _compare_url(language: _Language, notice: str, older: Version, newer: Version) -> str:
    return language.url(notice, "compare", _key(older), _key(newer))


def _comparison_links(
    version: Version,
    shown: list[Version],
    current: Version | None,
    compared: set[tuple[date, date]],
    language: _Language,
    notice: str,
) -> dict[str, str]:
    """A version page's links to its comparisons: from the previous version, and with
    the current one (those that have a page)."""
    links: dict[str, str] = {}
    effective = version.effective
    earlier = [v for v in shown if v.effective < effective]
    if earlier and (earlier[-1].effective, effective) in compared:
        links["previous_compare"] = _compare_url(language, notice, earlier[-1], version)
    if current is not None and effective != current.effective:
        pair = (version, current) if effective < current.effective else (current, version)
        if (pair[0].effective, pair[1].effective) in compared:
            links["current_compare"] = _compare_url(language, notice, *pair)
    return links


def _labels(language: _Language) -> Labels:
    return Labels(
        deleted_start=language._("Deleted:"),
        deleted_end=language._("End of deletion."),
        inserted_start=language._("Inserted:"),
        inserted_end=language._("End of insertion."),
    )


def _compare_texts(
    sources: Sources, notice: str, older: Version, newer: Version, language: _Language
) -> tuple[Document, Document, bool]:
    """Both texts in the reader's language, or both in the source language if one lacks it."""
    a = sources.frozen_text(notice, older, language.code)
    b = sources.frozen_text(notice, newer, language.code)
    if a is not None and b is not None:
        return a, b, False
    a = sources.frozen_text(notice, older, sources.source_language)
    b = sources.frozen_text(notice, newer, sources.source_language)
    assert a is not None
    assert b is not None
    return a, b, True


def _compare_page(
    sources: Sources,
    notice: str,
    older: Version,
    newer: Version,
    statuses: dict[date, str | None],
    language: _Language,
    common: dict[str, Any],
    redlines: _Redlines,
) -> Page:
    a, b, fallback = _compare_texts(sources, notice, older, newer, language)
    return _redline_page(
        a,
        b,
        fallback,
        notice,
        language,
        common,
        redlines,
        path=f"{language.code}/{notice}/compare/{_key(older)}/{_key(newer)}/index.md",
        older=Side(
            effective_text=language.date(older.effective),
            url=language.url(notice, "versions", _key(older)),
        ),
        newer=Side(
            effective_text=language.date(newer.effective),
            url=language.url(notice, "versions", _key(newer)),
            status=statuses.get(newer.effective),
        ),
        source_name=language_name(sources.source_language, language.code),
        source_lang=sources.source_language,
    )


def _draft_compare_page(
    sources: Sources,
    notice: str,
    current: Version,
    language: _Language,
    common: dict[str, Any],
    redlines: _Redlines,
) -> Page:
    """The draft against the current version, in the source language: for legal review."""
    a = sources.frozen_text(notice, current, sources.source_language)
    assert a is not None
    b = sources.documents[notice]
    return _redline_page(
        a,
        b,
        language.code != sources.source_language,
        notice,
        language,
        common,
        redlines,
        path=f"{language.code}/{notice}/compare/{_key(current)}/draft/index.md",
        older=Side(
            effective_text=language.date(current.effective),
            url=language.url(notice, "versions", _key(current)),
        ),
        newer=Side(
            effective_text=language._("Draft"),
            url=language.url(notice, "draft"),
            status="draft",
        ),
        source_name=language_name(sources.source_language, language.code),
        source_lang=sources.source_language,
    )


def _redline_page(
    a: Document,
    b: Document,
    fallback: bool,
    notice: str,
    language: _Language,
    common: dict[str, Any],
    redlines: _Redlines,
    *,
    path: str,
    older: Side,
    newer: Side,
    source_name: str,
    source_lang: str,
) -> Page:
    key = redlines.ask(a, b, language)
    status_text = {
        "added": language._("added"),
        "removed": language._("removed"),
        "changed": language._("changed"),
        "renamed": language._("renamed"),
        "unchanged": language._("unchanged"),
    }
    title = str(b.front_matter.get("title") or notice)
    meta = PageMeta(
        title=language._(
            "%(title)s: changes from %(old)s to %(new)s",
            title=title,
            old=older.effective_text,
            new=newer.effective_text,
        ),
        notice_id=notice,
        notice=NoticeMeta(
            **common,
            kind="compare",
            lang=source_lang if fallback else language.code,
            fallback="missing" if fallback else None,
            source_name=source_name,
            older=older,
            newer=newer,
            changes=str(b.front_matter.get("changes") or ""),
        ),
    )

    def fill() -> tuple[str, dict[str, Any]]:
        """The page's body and section map, once the redline is there."""
        redline = redlines.take(key)
        sections = tuple(
            Section(state, status_text[state], section_title, old_title, anchor)
            for state, anchor, section_title, old_title in redline["sections"]
        )
        return str(redline["body"]), {"sections": sections, "identical": not redline["changed"]}

    redlines.bodies[path] = fill
    return Page(path, meta, "")


class _Redlines:
    """The redlines of a build's compare pages: asked for while the pages are made, then
    read from the cache or, for those it lacks, computed all at once on every core."""

    def __init__(self, cache: Cache, workers: int) -> None:
        self.cache = cache
        self.workers = workers
        self.bodies: dict[str, Callable[[], tuple[str, dict[str, Any]]]] = {}
        """Per compare page: its body, and its section map (fields of its metadata)."""
        self._values: dict[str, dict[str, Any]] = {}
        self._jobs: dict[str, Callable[[], dict[str, Any]]] = {}
        self._background: Background | None = None
        self._index: dict[str, int] = {}
        self._language: dict[str, str] = {}
        self._uses: dict[str, int] = {}

    def ask(self, a: Document, b: Document, language: _Language) -> str:
        """The key of the redline from ``a`` to ``b`` for a reader of ``language``."""
        labels = _labels(language)
        unchanged = language.translations.gettext(_UNCHANGED)
        key = cache_key("redline", (a.text, b.text, *astuple(labels), unchanged))
        self._uses[key] = self._uses.get(key, 0) + 1
        if key not in self._values and key not in self._jobs:
            value = self.cache.load(key)
            if value is MISSING:
                self._jobs[key] = partial(_redline, a, b, labels, unchanged)
                self._language[key] = language.code
            else:
                self._values[key] = value
        return key

    def start(self, background: bool, order: tuple[str, ...]) -> None:
        """Compute every redline asked for that the cache lacks: now, on every core, or
        in the background on all cores but one (then ``bodies`` wait for them), the
        languages in ``order``, as MkDocs builds them."""
        keys = sorted(self._jobs, key=lambda k: order.index(self._language[k]))
        jobs = [partial(self.cache.compute, key, self._jobs[key]) for key in keys]
        self._jobs.clear()
        if background:
            self._background = Background(jobs, self.workers - 1)
            self._index = {key: index for index, key in enumerate(keys)}
        else:
            self._values.update(zip(keys, run_all(jobs, self.workers), strict=True))

    def close(self) -> None:
        """Stop the background workers, if any."""
        if self._background is not None:
            self._background.close()

    def take(self, key: str) -> dict[str, Any]:
        """A redline, for one of the pages that asked for it (then forgotten: a build
        holds each redline only until its page has it)."""
        if key not in self._values:
            assert self._background is not None, "start() computes the redlines"
            self._values[key] = self._background.take(self._index[key])
        self._uses[key] -= 1
        return self._values[key] if self._uses[key] else self._values.pop(key)


def N_(message: str) -> str:
    """Mark a message for ``notice extract``; it is translated where it is used."""
    return message


_UNCHANGED = N_("%(title)s (unchanged)")


def _redline(a: Document, b: Document, labels: Labels, unchanged: str) -> dict[str, Any]:
    """What a compare page shows of two texts: the marked text and its section map, as
    JSON data. ``unchanged`` is the translation of "%(title)s (unchanged)"."""
    redline = diff_documents(a, b)
    summary = html.escape(unchanged, quote=False)
    body = redline_markdown(
        a, b, redline, labels, unchanged_summary=lambda title: summary % {"title": title}
    )
    sections = [
        [
            section.status,
            section.anchor,
            plain_title(section.title),
            plain_title(section.old_title) if section.old_title else None,
        ]
        for section in redline.sections
        if section.anchor
    ]
    return {"body": body, "changed": redline.changed, "sections": sections}


def _binding(front: dict[str, Any], sources: Sources, language: _Language) -> str | None:
    """On a translated page: which language is legally binding."""
    if language.code == sources.source_language:
        return None
    if front.get("binding"):
        return str(front["binding"])
    return language._(
        "This is a translation. The %(language)s text is legally binding.",
        language=language_name(sources.source_language, language.code),
    )


def _history_page(
    sources: Sources,
    notice: str,
    shown: list[Version],
    statuses: dict[date, str | None],
    language: _Language,
    common: dict[str, Any],
    main: Page,
) -> Page:
    rows = []
    for version in reversed(shown):
        document = sources.shown_text(notice, version, language.code)
        state = statuses[version.effective] or "archived"
        rows.append(
            HistoryRow(
                effective=version.effective.isoformat(),
                effective_text=language.date(version.effective),
                published_text=language.date(version.published),
                status=state,
                status_text=language.status(state),
                changes=str(document.front_matter.get("changes") or ""),
                changes_lang=language.code
                if version.files.get(language.code)
                else sources.source_language,
                url=language.url(notice, "versions", version.effective.isoformat()),
                compare_url=_history_compare(shown, version, language, notice),
            )
        )
    title = main.meta.title
    meta = PageMeta(
        title=language._("%(title)s: version history", title=title),
        notice_id=notice,
        notice=NoticeMeta(
            **common, kind="history", lang=language.code, rows=tuple(rows), notice_title=title
        ),
    )
    return Page(f"{language.code}/{notice}/versions/index.md", meta, "")


def _history_compare(
    shown: list[Version], version: Version, language: _Language, notice: str
) -> str | None:
    earlier = [v for v in shown if v.effective < version.effective]
    return _compare_url(language, notice, earlier[-1], version) if earlier else None


def _feed(
    sources: Sources,
    notice: str,
    versions: list[Version],
    shown: list[Version],
    language: _Language,
    options: Options,
) -> str:
    entries = []
    for version in shown:
        document = sources.shown_text(notice, version, language.code)
        updated = max([version.published, *version.added.values()])
        entries.append(
            FeedEntry(
                key=f"{notice}/{version.effective.isoformat()}/{language.code}",
                title=language._(
                    "Version effective %(date)s", date=language.date(version.effective)
                ),
                summary=str(document.front_matter.get("changes") or ""),
                published=version.published,
                updated=min(updated, options.today),
                link=f"versions/{version.effective.isoformat()}/",
            )
        )
    title = str(
        sources.shown_text(notice, shown[-1], language.code).front_matter.get("title") or notice
    )
    return atom_feed(
        key=f"{notice}/{language.code}",
        title=language._("%(title)s: versions", title=title),
        language=language.code,
        author=language.site_name or notice,
        base=_absolute(options.site_url, f"{language.prefix}{notice}/"),
        self_link="feed.xml",
        entries=list(reversed(entries)),
    )


def _absolute(site_url: str, path: str) -> str:
    """An absolute URL when the site's URL is known, else a path from the site root."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return "/" + path


def _version_json(
    sources: Sources,
    notice: str,
    version: Version,
    versions: list[Version],
    languages: dict[str, _Language],
    options: Options,
) -> dict[str, Any]:
    return {
        "effective": version.effective.isoformat(),
        "published": version.published.isoformat(),
        "status": status(version, versions, options.today),
        "languages": {
            lang: {
                "url": _absolute(
                    options.site_url,
                    languages[lang].url(notice, "versions", version.effective.isoformat()),
                ),
                "sha256": digest,
            }
            for lang, digest in sorted(version.files.items())
        },
        "unavailable": sorted(set(sources.languages) - set(version.files)),
    }


def _with_notice_list(
    page: Page, sources: Sources, titles: dict[tuple[str, str], tuple[str, str]]
) -> Page:
    """The landing page lists every published notice, titled in the reader's language."""
    if page.meta.notice_id != "index":
        return page
    language = page.path.split("/", 1)[0]
    lines = []
    for notice in sources.notices:
        if (notice, language) not in titles:
            continue
        title, description = titles[(notice, language)]
        entry = f"- [{_escape(title)}]({notice}/index.md)"
        if description:
            entry += f": {_escape(description)}"
        lines.append(entry)
    body = page.body.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    return Page(page.path, page.meta, body)


def relink(body: str, page_path: str, notice: str, notices: tuple[str, ...]) -> str:
    """Point links between notices at the right staged page.

    In a notice, a link to another notice is written as in the source tree, relative to
    the notice's draft: ``../cookies/draft.md#anchor``. Wherever the text is shown (the
    current page, an old version, a draft preview, another language), it must lead to
    that notice's current page in the same language.
    """
    if "draft.md" not in body:
        return body
    hrefs = {
        href
        for token in _MD.parse(body)
        for child in (token.children or [])
        if child.type == "link_open" and isinstance(href := child.attrGet("href"), str)
    }
    language = page_path.split("/", 1)[0]
    here = posixpath.dirname(page_path)
    for href in sorted(hrefs):
        link = notice_link(href, notice, notices)
        if link is None or link[0] not in notices:
            continue
        name, anchor = link
        new = posixpath.relpath(f"{language}/{name}/index.md", here) + (
            f"#{anchor}" if anchor else ""
        )
        body = body.replace(f"]({href}", f"]({new}").replace(f"]: {href}", f"]: {new}")
    return body


def _escape(text: str) -> str:
    """Text from a catalog, made inert as Markdown and HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))

"""The page builders: from sources and a build date to the staged pages of one language.
Every sentence a page shows is translated and formatted here, so templates only place it.
Each builder returns what it made (pages, or the translation it could not use), never
changing what it was given."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from notice.core.errors import StructureError
from notice.record.versions import Status, Version
from notice.site import addresses
from notice.site.addresses import key
from notice.site.compare import compare_page, draft_compare_page
from notice.site.disclosures import page_layers
from notice.site.history import history_page
from notice.site.meta import NoticeMeta, Page, PageMeta, Record, Shared, Upcoming
from notice.site.redlines import Pending
from notice.site.view import Build, Shown, View, view
from notice.site.words import Words, binding_note, earlier_note, escape, new_page_meta
from notice.text.catalog import coverage, translations
from notice.text.checks import inert_translations
from notice.text.compose import render_page
from notice.text.facts import FIELD as FACTS
from notice.text.markdown import structure_error
from notice.text.segment import Document


@dataclass(frozen=True)
class Built:
    """The pages of one notice in one language, and the translations that could not be
    used (a draft whose translation breaks its structure)."""

    pages: list[Page | Pending]
    problems: tuple[StructureError, ...] = ()


def not_found_page(language: Words) -> Page:
    """A 404 page in every language (static-i18n writes one, for the last language)."""
    page_meta = new_page_meta(
        language,
        language._("Page not found"),
        "404",
        language.notice(NoticeMeta(kind="page", lang=language.code)),
    )
    explanation = language._(
        "There is no page at this address. Notices and their earlier versions keep their "
        "addresses; this one may have been mistyped."
    )
    home = language._("Go to the list of notices")
    body = f"{escape(explanation)}\n\n[{escape(home)}](index.md)\n"
    return Page(f"{language.code}/404.md", page_meta, body)


def not_found_listing(language: Words) -> Page:
    """The 404 page of a language the build does not make: its address alone."""
    return _address_only(language, f"{language.code}/404.md", "404")


def _address_only(language: Words, path: str, notice_id: str, title: str = "") -> Page:
    """A page of a language the build does not make. It is never rendered: its address,
    its title and the language of its address are what is read of it."""
    meta = NoticeMeta(kind="page", lang=language.code)
    return Page(path, PageMeta(title, notice_id, meta, lang=language.tag.tag), "")


def draft_page(
    build: Build,
    domain: str,
    document: Document,
    language: Words,
    path: str,
    shared: Shared | None = None,
    listed: str = "off",
) -> Page | StructureError:
    """A page built from a working text and the current catalogs: a landing page, or
    (with what the notice's pages ``shared``) a notice's draft, its title followed by
    "Draft". A translation that breaks the text's structure is returned, not used."""
    found = _working_text(build, domain, document, language)
    if isinstance(found, StructureError):
        return found
    front, body, texts = found.front, found.body, found.texts
    title = found.title(domain)
    complete = found.complete
    lang = language.code if complete else build.sources.source_language
    meta = NoticeMeta(
        kind="draft" if shared else "page",
        status="draft" if shared else None,
        lang=lang,
        fallback=None if complete else "incomplete",
        layers=page_layers(
            language, document, listed, lang=lang, translate=lambda text: texts.get(text, text)
        ),
    )
    page_meta = new_page_meta(
        language,
        language.titled(title, language._("Draft")) if shared else title,
        domain,
        language.notice(meta, shared),
        description=str(front["description"]) if front.get("description") else None,
    )
    return Page(_draft_path(language, path), page_meta, body)


def landing_listing(
    build: Build, domain: str, document: Document, language: Words, path: str
) -> Page | StructureError:
    """A landing page in a language the build does not make (see ``draft_page``): its
    address and its translated title (the navigation's), no words of the site's."""
    found = _working_text(build, domain, document, language)
    if isinstance(found, StructureError):
        return found
    title = found.title(domain)
    return _address_only(language, _draft_path(language, path), domain, title)


def _draft_path(language: Words, path: str) -> str:
    """Where a working text's page is staged: ``en/privacy/draft/index.md``, ``en/index.md``."""
    return f"{language.code}/{path}/index.md" if "/" in path else f"{language.code}/{path}.md"


@dataclass(frozen=True)
class _Working:
    """A working text in one language, as its page shows it."""

    front: dict[str, Any]
    """Its front matter, translated."""
    body: str
    texts: dict[str, str]
    """The translations used (none where the translation is incomplete)."""
    complete: bool
    """Whether it is translated in full (else the source's text is shown)."""

    def title(self, domain: str) -> str:
        return str(self.front.get("title") or domain)


def _working_text(
    build: Build, domain: str, document: Document, language: Words
) -> _Working | StructureError:
    """A working text in ``language``, from the current catalogs where its translation
    is complete (else the source's). A translation that breaks its structure is
    returned, not used."""
    sources = build.sources
    template = sources.template(domain)
    catalog = sources.catalogs.get((domain, language.code))
    is_source = language.code == sources.source_language
    complete = is_source or coverage(template, catalog, language.code).complete
    raw = translations(catalog) if complete and not is_source else {}
    texts = inert_translations((s.text for s in document.segments), raw)
    if texts and not sources.checked:
        po_path = sources.po_paths[(domain, language.code)]
        broken = structure_error(document, texts, build.to_html, po_path, catalog)
        if broken is not None:
            return broken
    front, body = render_page(document, texts, anchors=True, fields=raw)
    return _Working(front, body, texts, complete)


def notice_pages(build: Build, shown: Shown, language: Words) -> Built:
    """The main page, the history, every shown version, the comparisons and (in a build
    with drafts) the draft of one notice in one language."""
    seen = _announcing(view(build, shown, language))
    own = {version.key: version_page(seen, version) for version in _with_pages(seen)}
    pages: list[Page | Pending] = [page for page, _ in own.values()]
    pages.extend(compare_page(seen, older, newer) for older, newer in seen.pairs)
    main = seen.main
    if main is not None:
        page = _main_page(seen, *own[main.key])
        pages.insert(0, page)
        pages.append(history_page(seen, page))
    if not seen.drafts:
        return Built(pages)
    return _with_draft(seen, pages, has_main=main is not None)


def notice_listing(build: Build, shown: Shown, language: Words) -> Built:
    """What a part of the site needs of a notice in a language it does not make (see
    ``notice_pages``, whose pages these are): the main page, whose title names the notice
    in ``versions.json`` and the navigation, first; then every other page's address
    alone (for the alternates of the pages a part makes), with no text.

    Nothing here is put in words but the draft (a notice with no version yet, in a
    build with drafts) and the title of a notice whose versions were all withdrawn (a
    version's title has its date): the language's data from CLDR (about 1 MiB a
    language) is read by the part that makes it, not by every part."""
    seen = view(build, shown, language, worded=False)
    code, notice = language.code, shown.notice
    paths = [_version_path(language, notice, version) for version in _with_pages(seen)]
    paths.extend(
        addresses.staged_path(code, notice, "compare", key(older), key(newer))
        for older, newer in seen.pairs
    )
    main = seen.main
    first: list[Page] = []
    if main is not None:
        main_path = addresses.staged_path(code, notice)
        first.append(_address_only(language, main_path, notice, _text_title(seen, main)))
        paths.append(addresses.staged_path(code, notice, "versions"))
    elif not seen.drafts and _with_pages(seen):
        # No version in effect nor a draft (only withdrawn ones): the first page leads,
        # under its title as a version's page (a date in words: see `_version_page`).
        leading = _with_pages(seen)[0]
        title = version_page(view(build, shown, language), leading)[0].meta.title
        first.append(
            _address_only(language, _version_path(language, notice, leading), notice, title)
        )
        paths.remove(first[0].path)
    if seen.drafts:
        if seen.baseline is not None:
            paths.append(
                addresses.staged_path(code, notice, "compare", key(seen.baseline), "draft")
            )
        paths.append(addresses.staged_path(code, notice, "draft"))
        if main is None:
            drafted = _draft(_announcing(view(build, shown, language)))
            if isinstance(drafted, StructureError):
                return Built([], (drafted,))
            first.append(Page(addresses.staged_path(code, notice), drafted.meta, ""))
    return Built([*first, *(_address_only(language, path, notice) for path in paths)])


def _announcing(seen: View) -> View:
    """The view whose pages announce the next version to take effect, if one is."""
    upcoming = seen.announced
    if not upcoming:
        return seen
    shared = dataclasses.replace(seen.shared, upcoming=banner(seen, upcoming[0], seen.current))
    return dataclasses.replace(seen, shared=shared)


def _main_page(seen: View, page: Page, title: str) -> Page:
    """The version's own page, at the notice's address, under the text's own title."""
    meta = dataclasses.replace(page.meta, title=title)
    return Page(addresses.staged_path(seen.language.code, seen.notice), meta, page.body)


def _with_pages(seen: View) -> list[Version]:
    """The versions that have a page of their own: every shown one (in a preview, not the
    archived ones), then those withdrawn."""
    preview = seen.build.preview
    kept = [
        v for v in seen.shown.shown if not (preview and seen.statuses[v.effective] == "archived")
    ]
    return kept if preview else [*kept, *seen.shown.withdrawn]


def _version_path(language: Words, notice: str, version: Version) -> str:
    return addresses.staged_path(language.code, notice, "versions", key(version))


def _with_draft(seen: View, pages: list[Page | Pending], *, has_main: bool) -> Built:
    """The pages with the draft's page and its comparison with the latest release (and,
    for a notice with no version yet, the draft as its main page)."""
    language, notice = seen.language, seen.notice
    drafted = _draft(seen)
    if isinstance(drafted, StructureError):
        return Built(pages, (drafted,))
    baseline = seen.baseline
    if baseline is not None:
        pages.append(draft_compare_page(seen, baseline))
    if not has_main:
        pages.insert(
            0, Page(addresses.staged_path(language.code, notice), drafted.meta, drafted.body)
        )
    pages.append(drafted)
    return Built(pages)


def _draft(seen: View) -> Page | StructureError:
    """The notice's draft page in the view's language."""
    return draft_page(
        seen.build,
        seen.notice,
        seen.sources.documents[seen.notice],
        seen.language,
        f"{seen.notice}/draft",
        seen.shared,
        listed=seen.shown.disclosures.listed,
    )


def banner(seen: View, nxt: Version, base: Version | None) -> Upcoming:
    """The banner of a version announced to take effect after the page's."""
    language, notice, today = seen.language, seen.notice, seen.build.today
    day = language.date(nxt.effective)
    impact = seen.sources.shown_text(notice, nxt, language.code).front_matter.get("impact")
    compared = base is not None and (base.effective, nxt.effective) in seen.compared
    return Upcoming(
        effective=nxt.effective.isoformat(),
        effective_text=day,
        url=language.version_url(notice, nxt),
        takes_effect=language._("A new version of this notice takes effect on %(date)s.", date=day),
        took_effect=language._("A new version of this notice took effect on %(date)s.", date=day),
        compare_url=language.compare_url(notice, base, nxt) if compared and base else None,
        days_left=language.days_left(today, nxt.effective),
        built=today.isoformat(),
        impact=str(impact) if impact else None,
    )


def version_page(seen: View, version: Version) -> tuple[Page, str]:
    """A version's page and its text's title, the banner announcing the next version
    after its own, never one before it."""
    comparisons = (
        addresses.comparison_links(
            version,
            seen.shown.shown,
            seen.current,
            seen.shown_pairs,
            seen.language.prefix,
            seen.notice,
        )
        if version.withdrawn is None
        else {}
    )
    later = [v for v in seen.announced if v.effective > version.effective]
    base = version if seen.statuses.get(version.effective) == "upcoming" else seen.current
    shared = dataclasses.replace(
        seen.shared,
        links=dataclasses.replace(seen.links, **comparisons),
        upcoming=banner(seen, later[0], base) if later else None,
    )
    return _version_page(seen, version, shared)


def _shown_text(seen: View, version: Version) -> tuple[Document, str | None]:
    """The version's text in the view's language, else in the source language
    (``"missing"``)."""
    sources, notice = seen.sources, seen.notice
    document = sources.frozen_text(notice, version, seen.language.code)
    if document is not None:
        return document, None
    document = sources.frozen_text(notice, version, sources.source_language)
    assert document is not None
    return document, "missing"


def _text_title(seen: View, version: Version) -> str:
    """The title of the version's text, as its page shows it."""
    front, _ = render_page(_shown_text(seen, version)[0], {}, anchors=True)
    return str(front.get("title") or seen.notice)


def _version_page(seen: View, version: Version, shared: Shared) -> tuple[Page, str]:
    language, notice, sources = seen.language, seen.notice, seen.sources
    document, fallback = _shown_text(seen, version)
    shown_lang = sources.source_language if fallback else language.code
    front, body = render_page(document, {}, anchors=True)
    state: Status | None = "withdrawn" if version.withdrawn else seen.statuses[version.effective]
    title = str(front.get("title") or notice)
    effective_text = language.date(version.effective)
    meta = dataclasses.replace(
        _version_words(seen, version, state),
        lang=shown_lang,
        fallback=fallback,
        binding=binding_note(front, sources, language) if not fallback else None,
        changes=str(front["changes"]) if front.get("changes") else None,
        impact=str(front["impact"]) if front.get("impact") else None,
        record=_record(seen, version, shown_lang),
        layers=page_layers(
            language,
            document,
            seen.shown.disclosures.listed,
            lang=shown_lang,
            index_url=addresses.index_url(notice, version)
            if not seen.build.preview
            and seen.shown.disclosures.linked
            and FACTS in document.front_matter
            else None,
        ),
    )
    page_meta = new_page_meta(
        language,
        language._("%(title)s, version of %(date)s", title=title, date=effective_text),
        notice,
        language.notice(meta, shared),
        description=str(front["description"]) if front.get("description") else None,
    )
    return Page(_version_path(language, notice, version), page_meta, body), title


def _version_words(seen: View, version: Version, state: Status | None) -> NoticeMeta:
    """What a version's page says of its dates and its state, in the reader's words."""
    language, today = seen.language, seen.build.today
    later = [v for v in seen.shown.shown if v.effective > version.effective]
    earlier = [v for v in seen.shown.shown if v.effective < version.effective]
    effective_text = language.date(version.effective)
    published_text = language.date(version.published)
    until_text = language.date(later[0].effective) if later and state == "archived" else None
    upcoming = state == "upcoming"
    return NoticeMeta(
        kind="version",
        lang=language.code,
        status=state,
        effective=version.effective.isoformat(),
        effective_text=effective_text,
        published_text=published_text,
        permalink=language.version_url(seen.notice, version),
        until_text=until_text,
        previous_text=language.date(earlier[-1].effective) if earlier else None,
        since=language._("In effect since %(date)s.", date=effective_text)
        if state == "current"
        else None,
        published_line=language._("Published %(date)s.", date=published_text),
        takes_effect=language._("This version takes effect on %(date)s.", date=effective_text)
        if upcoming
        else None,
        took_effect=language._("This version took effect on %(date)s.", date=effective_text)
        if upcoming
        else None,
        earlier=earlier_note(language, effective_text, until_text) if state == "archived" else None,
        withdrawn=language.withdrawn_note(version),
        recorded=language.recorded_note(version),
        change=version.change,
        change_note=language._(
            "An editorial change: it corrects or clarifies wording and changes nothing "
            "in how personal data is processed."
        )
        if version.editorial
        else None,
        days_left=language.days_left(today, version.effective) if upcoming else None,
        built=today.isoformat() if upcoming else None,
    )


def _record(seen: View, version: Version, shown_lang: str) -> Record:
    """A version's dates, the hash of the text shown and where its released files are."""
    language, notice, published = seen.language, seen.notice, not seen.build.preview
    return Record(
        effective=version.effective.isoformat(),
        published=version.published.isoformat(),
        effective_text=language.date(version.effective),
        published_text=language.date(version.published),
        sha256=version.files[shown_lang],
        lang=shown_lang,
        source_url=addresses.released_url(notice, version, shown_lang) if published else None,
        pdf_url=addresses.released_url(notice, version, shown_lang, "pdf")
        if seen.build.pdf
        else None,
    )

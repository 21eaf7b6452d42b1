"""The page builders: from sources and a build date to the staged pages of one language
(pure). Every sentence a page shows is translated and formatted here, so templates only
place it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from babel.lists import format_list

from notice.core.errors import StructureError
from notice.project.sources import Sources
from notice.record.versions import Version, status
from notice.site import addresses
from notice.site.addresses import key
from notice.site.hosting import CONTENT_SECURITY_POLICY
from notice.site.meta import (
    Fragment,
    HistoryRow,
    Links,
    NoticeMeta,
    Page,
    PageMeta,
    Record,
    Section,
    Side,
    TocItem,
    Upcoming,
    VersionLink,
)
from notice.site.redlines import Redlines
from notice.site.words import Language, binding_note, escape
from notice.text.catalog import coverage, translations
from notice.text.checks import inert_translations
from notice.text.markdown import structure_error
from notice.text.segment import Document, render_page


def meta(
    language: Language, title: str, notice_id: str, notice: NoticeMeta, **rest: Any
) -> PageMeta:
    """A page's front matter, with what every page of the language carries."""
    return PageMeta(
        title=title,
        notice_id=notice_id,
        notice=notice,
        lang=language.tag.tag,
        dir=language.direction,
        csp=CONTENT_SECURITY_POLICY,
        **rest,
    )


def not_found_page(language: Language) -> Page:
    """A 404 page in every language (static-i18n writes one, for the last language)."""
    page_meta = meta(
        language,
        language._("Page not found"),
        "404",
        language.notice(kind="page", lang=language.code),
    )
    explanation = language._(
        "There is no page at this address. Notices and their earlier versions keep their "
        "addresses; this one may have been mistyped."
    )
    home = language._("Go to the list of notices")
    body = f"{escape(explanation)}\n\n[{escape(home)}](index.md)\n"
    return Page(f"{language.code}/404.md", page_meta, body)


def draft_page(
    sources: Sources,
    domain: str,
    document: Document,
    language: Language,
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
    page_meta = meta(
        language,
        language._(title_format, title=title) if title_format else title,
        domain,
        language.notice(
            lang=language.code if complete else sources.source_language,
            fallback=None if complete else "incomplete",
            **fields,
        ),
        description=str(front["description"]) if front.get("description") else None,
    )
    target = f"{language.code}/{path}/index.md" if "/" in path else f"{language.code}/{path}.md"
    return Page(target, page_meta, body)


def notice_pages(
    sources: Sources,
    notice: str,
    versions: list[Version],
    shown: list[Version],
    language: Language,
    *,
    today: date,
    draft: bool,
    preview: bool,
    to_html: Callable[[str], str],
    problems: list[StructureError],
    redlines: Redlines,
    pdf: bool = False,
) -> list[Page]:
    """The current page, the history and every shown version of one notice in one language
    (``pdf``: the version pages link to their PDFs)."""
    statuses = {v.effective: status(v, versions, today) for v in shown}
    current = next((v for v in shown if statuses[v.effective] == "current"), None)
    upcoming = [v for v in shown if statuses[v.effective] == "upcoming"]
    pairs = [] if preview else addresses.compare_pairs(shown, current, upcoming)
    compared = {(a.effective, b.effective) for a, b in pairs}
    drafts = draft or preview
    links = Links(
        history=language.url(notice, "versions"),
        current=language.url(notice),
        feed=addresses.feed_url(language.prefix, notice),
        calendar=addresses.calendar_url(language.prefix, notice),
        draft=language.url(notice, "draft") if drafts else None,
        draft_compare=(
            language.url(notice, "compare", key(current), "draft")
            if drafts and current is not None
            else None
        ),
    )
    common: dict[str, Any] = {
        "links": links,
        "id": notice,
        "versions": tuple(
            VersionLink(
                effective=key(v),
                effective_text=language.date(v.effective),
                status_text=language.status(statuses[v.effective]),
                url=language.version_url(notice, v),
            )
            for v in reversed(shown)
        ),
    }
    announced = [v for v in upcoming if not v.editorial]  # editorial fixes get no banner
    if announced:
        nxt = announced[0]
        day = language.date(nxt.effective)
        impact = sources.shown_text(notice, nxt, language.code).front_matter.get("impact")
        common["upcoming"] = Upcoming(
            effective=key(nxt),
            effective_text=day,
            url=language.version_url(notice, nxt),
            takes_effect=language._(
                "A new version of this notice takes effect on %(date)s.", date=day
            ),
            took_effect=language._(
                "A new version of this notice took effect on %(date)s.", date=day
            ),
            compare_url=(
                language.compare_url(notice, current, nxt) if current is not None else None
            ),
            days_left=language.days_left(today, nxt.effective),
            built=today.isoformat(),
            impact=str(impact) if impact else None,
        )

    def version_page(version: Version, path: str) -> Page:
        comparisons = addresses.comparison_links(
            version, shown, current, compared, language.prefix, notice
        )
        return _version_page(
            sources,
            notice,
            version,
            shown,
            statuses,
            language,
            {**common, "links": dataclasses.replace(links, **comparisons)},
            path=path,
            today=today,
            pdf=pdf,
            published=not preview,
        )

    pages: list[Page] = []
    for version in shown:
        if preview and statuses[version.effective] == "archived":
            continue
        pages.append(
            version_page(
                version, addresses.staged_path(language.code, notice, "versions", key(version))
            )
        )
    for older, newer in pairs:
        pages.append(
            _compare_page(sources, notice, older, newer, statuses, language, common, redlines)
        )
    main = current or (upcoming[0] if upcoming else None)
    if main is not None:
        page = version_page(main, addresses.staged_path(language.code, notice))
        pages.insert(0, page)
        pages.append(_history_page(sources, notice, shown, statuses, language, common, page))
    if drafts:
        preview_page = draft_page(
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
        if preview_page is not None and current is not None:
            pages.append(_draft_compare_page(sources, notice, current, language, common, redlines))
        if preview_page is not None:
            if main is None:
                pages.insert(
                    0,
                    Page(
                        addresses.staged_path(language.code, notice),
                        preview_page.meta,
                        preview_page.body,
                    ),
                )
            pages.append(preview_page)
    return pages


def _version_page(
    sources: Sources,
    notice: str,
    version: Version,
    shown: list[Version],
    statuses: dict[date, str | None],
    language: Language,
    common: dict[str, Any],
    path: str,
    today: date,
    pdf: bool,
    published: bool = True,
) -> Page:
    document = sources.frozen_text(notice, version, language.code)
    fallback = None
    if document is None:
        document = sources.frozen_text(notice, version, sources.source_language)
        fallback = "missing"
    assert document is not None
    shown_lang = sources.source_language if fallback else language.code
    front, body = render_page(document, {}, anchors=True)
    state = statuses[version.effective]
    later = [v for v in shown if v.effective > version.effective]
    earlier = [v for v in shown if v.effective < version.effective]
    title = str(front.get("title") or notice)
    is_main = path == addresses.staged_path(language.code, notice)
    effective_text = language.date(version.effective)
    published_text = language.date(version.published)
    until_text = language.date(later[0].effective) if later and state == "archived" else None
    page_meta = meta(
        language,
        title
        if is_main
        else language._("%(title)s, version of %(date)s", title=title, date=effective_text),
        notice,
        language.notice(
            **common,
            kind="version",
            status=state,
            lang=sources.source_language if fallback else language.code,
            fallback=fallback,
            effective=key(version),
            effective_text=effective_text,
            published_text=published_text,
            permalink=language.version_url(notice, version),
            binding=binding_note(front, sources, language) if not fallback else None,
            until_text=until_text,
            previous_text=language.date(earlier[-1].effective) if earlier else None,
            changes=str(front["changes"]) if front.get("changes") else None,
            since=language._("In effect since %(date)s.", date=effective_text)
            if state == "current"
            else None,
            published_line=language._("Published %(date)s.", date=published_text),
            takes_effect=language._("This version takes effect on %(date)s.", date=effective_text)
            if state == "upcoming"
            else None,
            took_effect=language._("This version took effect on %(date)s.", date=effective_text)
            if state == "upcoming"
            else None,
            earlier=_earlier(language, effective_text, until_text) if state == "archived" else None,
            impact=str(front["impact"]) if front.get("impact") else None,
            change=version.change,
            change_note=language._(
                "An editorial change: it corrects or clarifies wording and changes nothing "
                "in how personal data is processed."
            )
            if version.editorial
            else None,
            days_left=language.days_left(today, version.effective) if state == "upcoming" else None,
            built=today.isoformat() if state == "upcoming" else None,
            record=Record(
                effective=key(version),
                published=version.published.isoformat(),
                effective_text=effective_text,
                published_text=published_text,
                sha256=version.files[shown_lang],
                lang=shown_lang,
                source_url=addresses.released_url(notice, version, shown_lang)
                if published
                else None,
                pdf_url=addresses.released_url(notice, version, shown_lang, "pdf") if pdf else None,
            ),
        ),
        description=str(front["description"]) if front.get("description") else None,
    )
    return Page(path, page_meta, body)


def _earlier(language: Language, start: str, end: str | None) -> str:
    """An archived version's banner: when it was in effect, if known."""
    if end is None:
        return language.labels.earlier_version
    return language._(
        "This is an earlier version. It was in effect from %(start)s to %(end)s.",
        start=start,
        end=end,
    )


def _compare_texts(
    sources: Sources, notice: str, older: Version, newer: Version, language: Language
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
    language: Language,
    common: dict[str, Any],
    redlines: Redlines,
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
        path=addresses.staged_path(language.code, notice, "compare", key(older), key(newer)),
        older=Side(
            effective_text=language.date(older.effective),
            url=language.version_url(notice, older),
        ),
        newer=Side(
            effective_text=language.date(newer.effective),
            url=language.version_url(notice, newer),
            status=statuses.get(newer.effective),
        ),
        source_lang=sources.source_language,
    )


def _draft_compare_page(
    sources: Sources,
    notice: str,
    current: Version,
    language: Language,
    common: dict[str, Any],
    redlines: Redlines,
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
        path=addresses.staged_path(language.code, notice, "compare", key(current), "draft"),
        older=Side(
            effective_text=language.date(current.effective),
            url=language.version_url(notice, current),
        ),
        newer=Side(
            effective_text=language.labels.draft,
            url=language.url(notice, "draft"),
            status="draft",
        ),
        source_lang=sources.source_language,
    )


def _redline_page(
    a: Document,
    b: Document,
    fallback: bool,
    notice: str,
    language: Language,
    common: dict[str, Any],
    redlines: Redlines,
    *,
    path: str,
    older: Side,
    newer: Side,
    source_lang: str,
) -> Page:
    headings = sum(1 for s in (*a.segments, *b.segments) if s.kind == "heading")
    redline_key = redlines.ask(
        a, b, language.diff_labels(), language.folding(headings), language.code
    )
    status_text = {
        "added": language._("added"),
        "removed": language._("removed"),
        "changed": language._("changed"),
        "renamed": language._("renamed"),
        "unchanged": language._("unchanged"),
    }
    title = str(b.front_matter.get("title") or notice)
    page_meta = meta(
        language,
        language._(
            "%(title)s: changes from %(old)s to %(new)s",
            title=title,
            old=older.effective_text,
            new=newer.effective_text,
        ),
        notice,
        language.notice(
            **common,
            kind="compare",
            lang=source_lang if fallback else language.code,
            fallback="missing" if fallback else None,
            older=older,
            newer=newer,
            changes=str(b.front_matter.get("changes") or ""),
            impact=str(b.front_matter["impact"]) if b.front_matter.get("impact") else None,
            from_to=language.fragments(
                "From the version of %(old)s to the version of %(new)s.",
                old=Fragment(older.effective_text, older.url),
                new=Fragment(newer.effective_text, newer.url),
            ),
        ),
    )

    def fill() -> tuple[str, dict[str, Any]]:
        """The page's body and section map, once the redline is there."""
        done = redlines.take(redline_key)
        sections = tuple(
            Section(
                state,
                status_text[state],
                section_title,
                old_title,
                anchor,
                note=language._("was %(title)s", title=old_title)
                if state == "renamed" and old_title
                else None,
            )
            for state, anchor, section_title, old_title in done["sections"]
            if state != "unchanged"
        )
        toc = tuple(TocItem(f"{s.title} ({s.status_text})", f"#{s.anchor}") for s in sections)
        return str(done["body"]), {
            "sections": sections,
            "toc": toc,
            "summary_line": _summary_line(language, sections, len(done["sections"])),
            "identical": not done["changed"],
        }

    redlines.bodies[path] = fill
    return Page(path, page_meta, "")


def _summary_line(language: Language, changed: tuple[Section, ...], total: int) -> str:
    """ "3 of 26 sections changed: 1 added and 2 changed."."""
    parts = []
    for state in ("added", "changed", "renamed", "removed"):
        n = sum(1 for s in changed if s.status == state)
        if n:
            parts.append(language.counted(state, n))
    head = language.ngettext(
        "%(changed)s of %(num)s section changed",
        "%(changed)s of %(num)s sections changed",
        total,
        changed=language.number(len(changed)),
    )
    if not parts:
        return language._("%(summary)s.", summary=head)
    details = format_list(parts, locale=language.date_locale)
    return language._("%(summary)s: %(details)s.", summary=head, details=details)


def _history_page(
    sources: Sources,
    notice: str,
    shown: list[Version],
    statuses: dict[date, str | None],
    language: Language,
    common: dict[str, Any],
    main: Page,
) -> Page:
    rows = []
    for version in reversed(shown):
        document = sources.shown_text(notice, version, language.code)
        state = statuses[version.effective] or "archived"
        changes_lang = (
            language.code if version.files.get(language.code) else sources.source_language
        )
        rows.append(
            HistoryRow(
                effective=key(version),
                effective_text=language.date(version.effective),
                published_text=language.date(version.published),
                status=state,
                status_text=language.status(state),
                changes=str(document.front_matter.get("changes") or ""),
                changes_lang=changes_lang,
                url=language.version_url(notice, version),
                compare_url=addresses.history_compare(shown, version, language.prefix, notice),
                change=version.change,
                change_text=language.change_text(version),
                short_notice=language.ngettext(
                    "Announced %(num)s day ahead: %(reason)s",
                    "Announced %(num)s days ahead: %(reason)s",
                    (version.effective - version.published).days,
                    reason=version.short_notice,
                )
                if version.short_notice
                else None,
                short_notice_lang=sources.source_language if version.short_notice else None,
                changes_dir=language.other_direction(changes_lang),
                short_notice_dir=language.other_direction(sources.source_language)
                if version.short_notice
                else None,
            )
        )
    title = main.meta.title
    page_meta = meta(
        language,
        language._("%(title)s: version history", title=title),
        notice,
        language.notice(
            **common, kind="history", lang=language.code, rows=tuple(rows), notice_title=title
        ),
    )
    return Page(addresses.staged_path(language.code, notice, "versions"), page_meta, "")

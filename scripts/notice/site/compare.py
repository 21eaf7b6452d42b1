"""The compare pages of a language: a redline between two versions, or between the draft
and the version in effect, led by a summary of what changed.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from notice.project.sources import Sources
from notice.record.versions import Status, Version
from notice.site import addresses
from notice.site.addresses import key
from notice.site.disclosed import Affects
from notice.site.facts import said_changes
from notice.site.layers import Disclosing, affects_line
from notice.site.meta import Page, Section, Side, TocItem, Upcoming
from notice.site.redlines import Redlines
from notice.site.words import Words, new_page_meta
from notice.text.segment import Document


def _compare_texts(
    sources: Sources, notice: str, older: Version, newer: Version, language: Words
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


def compare_page(
    sources: Sources,
    notice: str,
    older: Version,
    newer: Version,
    statuses: dict[date, Status | None],
    language: Words,
    common: dict[str, Any],
    redlines: Redlines,
    disclosing: Disclosing,
) -> Page:
    a, b, fallback = _compare_texts(sources, notice, older, newer, language)
    source = sources.source_language
    old_source, new_source = (sources.frozen_text(notice, v, source) for v in (older, newer))
    assert old_source is not None
    assert new_source is not None
    own_url = language.compare_url(notice, older, newer)
    return _redline_page(
        a,
        b,
        fallback,
        notice,
        language,
        _without_repeats(common, own_url, newer.effective.isoformat()),
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
        affects=affects_line(
            language,
            disclosing.affected(old_source, new_source),
            said_changes(language, sources, notice, older, newer),
        ),
    )


def draft_compare_page(
    sources: Sources,
    notice: str,
    current: Version,
    language: Words,
    common: dict[str, Any],
    redlines: Redlines,
    disclosing: Disclosing,
) -> Page:
    """The draft against ``current``, the latest release (``latest_release``), in the source
    language: for legal review."""
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
        affects=affects_line(
            language, disclosing.affected(a, b), said_changes(language, sources, notice, current, b)
        ),
    )


def _without_repeats(common: dict[str, Any], own_url: str, newer: str) -> dict[str, Any]:
    """The notice's fields for a comparison, its banner saying nothing the page says:
    no link to the page itself, and no impact of the version compared to (the head of
    the comparison gives it)."""
    upcoming: Upcoming | None = common.get("upcoming")
    if upcoming is None:
        return common
    return {
        **common,
        "upcoming": dataclasses.replace(
            upcoming,
            compare_url=None if upcoming.compare_url == own_url else upcoming.compare_url,
            impact=None if upcoming.effective == newer else upcoming.impact,
        ),
    }


def _redline_page(
    a: Document,
    b: Document,
    fallback: bool,
    notice: str,
    language: Words,
    common: dict[str, Any],
    redlines: Redlines,
    *,
    path: str,
    older: Side,
    newer: Side,
    source_lang: str,
    affects: Affects | None = None,
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
    page_meta = new_page_meta(
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
            affects=affects,
            impact=str(b.front_matter["impact"]) if b.front_matter.get("impact") else None,
        ),
    )

    def fill() -> tuple[str, dict[str, Any]]:
        """The page's body and section map, once the redline is there."""
        done = redlines.take(redline_key)
        sections = tuple(
            _section(language, state, status_text[state], section_title, old_title, anchor)
            for state, anchor, section_title, old_title in done["sections"]
            if state != "unchanged"
        )
        toc = tuple(
            TocItem(language.titled(s.title, s.status_text), f"#{s.anchor}") for s in sections
        )
        return str(done["body"]), {
            "sections": sections,
            "toc": toc,
            "summary_line": _summary_line(language, sections, len(done["sections"])),
            "identical": not done["changed"],
        }

    redlines.bodies[path] = fill
    return Page(path, page_meta, "")


def _section(
    language: Words, state: str, text: str, title: str, old_title: str | None, anchor: str
) -> Section:
    """One changed section in the map, its status in the language's punctuation."""
    note = (
        language._("was %(title)s", title=old_title) if state == "renamed" and old_title else None
    )
    remark = language.noted(text, note) if note else language.remark(text)
    return Section(state, text, title, old_title, anchor, note=note, remark=remark)


def _summary_line(language: Words, changed: tuple[Section, ...], total: int) -> str:
    """ "3 of 26 sections changed: 1 added and 2 changed.", the count of each kind only
    where there are several kinds ("2 of 13 sections changed." never goes on with
    ": 2 changed"): the list under it gives each section's."""
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
    if len(parts) < 2:
        return language._("%(summary)s.", summary=head)
    details = language.listed(parts)
    return language._("%(summary)s: %(details)s.", summary=head, details=details)

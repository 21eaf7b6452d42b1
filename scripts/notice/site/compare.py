"""The compare pages of a language: a redline between two versions, or between the draft
and the version in effect, led by a summary of what changed.
"""

from __future__ import annotations

import dataclasses
from functools import partial

from notice.project.sources import Sources
from notice.record.versions import Version
from notice.site import addresses
from notice.site.addresses import key
from notice.site.disclosures import affects_line
from notice.site.facts import said_changes
from notice.site.layers import Affects
from notice.site.meta import Comparison, NoticeMeta, Section, Shared, Side, TocItem
from notice.site.redlines import Pending, Redlines
from notice.site.view import View
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


def compare_page(seen: View, older: Version, newer: Version) -> Pending:
    """The redline from ``older`` to ``newer`` in the reader's language (both in the
    source language where either text lacks it)."""
    sources, notice, language = seen.sources, seen.notice, seen.language
    a, b, fallback = _compare_texts(sources, notice, older, newer, language)
    source = sources.source_language
    old_source, new_source = (sources.frozen_text(notice, v, source) for v in (older, newer))
    assert old_source is not None
    assert new_source is not None
    own_url = language.compare_url(notice, older, newer)
    sides = (
        Side(
            effective_text=language.date(older.effective), url=language.version_url(notice, older)
        ),
        Side(
            effective_text=language.date(newer.effective),
            url=language.version_url(notice, newer),
            status=seen.statuses.get(newer.effective),
        ),
    )
    affects = affects_line(
        language,
        seen.shown.disclosures.affected(old_source, new_source),
        said_changes(language, sources, notice, older, newer),
    )
    return _redline_page(
        seen,
        (a, b),
        fallback,
        _without_repeats(seen.shared, own_url, newer.effective.isoformat()),
        addresses.staged_path(language.code, notice, "compare", key(older), key(newer)),
        sides,
        affects,
    )


def draft_compare_page(seen: View, current: Version) -> Pending:
    """The draft against ``current``, the latest release (``latest_release``), in the source
    language: for legal review."""
    sources, notice, language = seen.sources, seen.notice, seen.language
    a = sources.frozen_text(notice, current, sources.source_language)
    assert a is not None
    b = sources.documents[notice]
    sides = (
        Side(
            effective_text=language.date(current.effective),
            url=language.version_url(notice, current),
        ),
        Side(
            effective_text=language.labels.draft, url=language.url(notice, "draft"), status="draft"
        ),
    )
    affects = affects_line(
        language,
        seen.shown.disclosures.affected(a, b),
        said_changes(language, sources, notice, current, b),
    )
    return _redline_page(
        seen,
        (a, b),
        language.code != sources.source_language,
        seen.shared,
        addresses.staged_path(language.code, notice, "compare", key(current), "draft"),
        sides,
        affects,
    )


def _without_repeats(shared: Shared, own_url: str, newer: str) -> Shared:
    """What the notice's pages share, for a comparison: its banner saying nothing the page
    says (no link to the page itself, and no impact of the version compared to: the head
    of the comparison gives it)."""
    upcoming = shared.upcoming
    if upcoming is None:
        return shared
    return dataclasses.replace(
        shared,
        upcoming=dataclasses.replace(
            upcoming,
            compare_url=None if upcoming.compare_url == own_url else upcoming.compare_url,
            impact=None if upcoming.effective == newer else upcoming.impact,
        ),
    )


def _redline_page(
    seen: View,
    texts: tuple[Document, Document],
    fallback: bool,
    shared: Shared,
    path: str,
    sides: tuple[Side, Side],
    affects: Affects | None,
) -> Pending:
    """A compare page whose body waits for its redline (``Redlines.complete``)."""
    language, redlines = seen.language, seen.build.redlines
    a, b = texts
    older, newer = sides
    headings = sum(1 for s in (*a.segments, *b.segments) if s.kind == "heading")
    folding = language.folding(headings)
    if fallback:  # the reader's words inside a text in the source language
        folding = dataclasses.replace(folding, lang=language.tag.tag, direction=language.direction)
    redline_key = redlines.ask(a, b, language.diff_labels(), folding, language.code)
    title = str(b.front_matter.get("title") or seen.notice)
    meta = NoticeMeta(
        kind="compare",
        lang=seen.sources.source_language if fallback else language.code,
        fallback="missing" if fallback else None,
        older=older,
        newer=newer,
        changes=str(b.front_matter.get("changes") or ""),
        affects=affects,
        impact=str(b.front_matter["impact"]) if b.front_matter.get("impact") else None,
    )
    page_meta = new_page_meta(
        language,
        language._(
            "%(title)s: changes from %(old)s to %(new)s",
            title=title,
            old=older.effective_text,
            new=newer.effective_text,
        ),
        seen.notice,
        language.notice(meta, shared),
    )
    return Pending(path, page_meta, partial(_comparison, language, redlines, redline_key))


def _comparison(language: Words, redlines: Redlines, redline_key: str) -> tuple[str, Comparison]:
    """A compare page's body and what it says of its redline, once the redline is there."""
    status_text = {
        "added": language._("added"),
        "removed": language._("removed"),
        "changed": language._("changed"),
        "renamed": language._("renamed"),
        "unchanged": language._("unchanged"),
    }
    done = redlines.take(redline_key)
    sections = tuple(
        _section(language, str(state), status_text[str(state)], str(title), old, str(anchor))
        for state, anchor, title, old in done["sections"]
        if state != "unchanged"
    )
    toc = tuple(TocItem(language.titled(s.title, s.status_text), f"#{s.anchor}") for s in sections)
    return str(done["body"]), Comparison(
        sections=sections,
        toc=toc,
        summary_line=_summary_line(language, sections, len(done["sections"])),
        identical=not done["changed"],
    )


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

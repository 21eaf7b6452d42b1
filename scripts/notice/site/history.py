"""A notice's history page: every shown version, newest first, with its dates, its kind
of change and why, its summary, what it changed of what the notice must say, and the
comparison with the version before it.
"""

from __future__ import annotations

import itertools

from notice.record.versions import Version
from notice.site import addresses
from notice.site.disclosures import affects_line
from notice.site.facts import said_changes
from notice.site.meta import HistoryRow, NoticeMeta, Page
from notice.site.view import View
from notice.site.words import new_page_meta


def history_page(seen: View, main: Page) -> Page:
    """Every shown and withdrawn version of the notice, newest first; ``main`` is the
    notice's main page (the history takes its title)."""
    language = seen.language
    shown = seen.shown.shown
    before = {later.key: earlier for earlier, later in itertools.pairwise(shown)}
    every = sorted(
        [*shown, *seen.shown.withdrawn], key=lambda v: (v.effective, v.withdrawn is None)
    )
    rows = [_row(seen, version, before.get(version.key)) for version in reversed(every)]
    title, notice = main.meta.title, seen.notice
    page_meta = new_page_meta(
        language,
        language._("%(title)s: version history", title=title),
        notice,
        language.notice(
            NoticeMeta(kind="history", lang=language.code, rows=tuple(rows), notice_title=title),
            seen.shared,
        ),
    )
    return Page(addresses.staged_path(language.code, notice, "versions"), page_meta, "")


def _row(seen: View, version: Version, previous: Version | None) -> HistoryRow:
    """One version's row: its dates, state, kind of change and what it changed."""
    sources, notice, language = seen.sources, seen.notice, seen.language
    source = sources.source_language
    changed: tuple[str, ...] = ()
    if previous is not None:
        old, new = (sources.frozen_text(notice, v, source) for v in (previous, version))
        assert old is not None
        assert new is not None
        changed = seen.shown.disclosures.affected(old, new)
    document = sources.shown_text(notice, version, language.code)
    state = "withdrawn" if version.withdrawn else seen.statuses[version.effective] or "archived"
    changes_lang = language.code if version.files.get(language.code) else sources.source_language

    return HistoryRow(
        effective=version.effective.isoformat(),
        effective_text=language.date(version.effective),
        published_text=language.date(version.published),
        status=state,
        status_text=language.status(state),
        changes=str(document.front_matter.get("changes") or ""),
        changes_lang=changes_lang,
        url=language.version_url(notice, version),
        compare_url=None
        if version.withdrawn
        else addresses.history_compare(seen.shown.shown, version, language.prefix, notice),
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
        affects=affects_line(
            language,
            changed,
            said_changes(language, sources, notice, previous, version)
            if previous is not None
            else (),
        ),
        editorial_because=language._(
            "Editorial, although it touches these sections: %(reason)s",
            reason=version.editorial_because,
        )
        if version.editorial_because
        else None,
        withdrawn=language.withdrawn_note(version),
        recorded=language.recorded_note(version),
        reason_lang=source,
        reason_dir=language.other_direction(source),
    )

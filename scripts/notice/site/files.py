"""The files of a language that are not pages: the PDF of a released text, the Atom feed
of a notice and its calendar of effective dates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypedDict
from urllib.parse import urlsplit

from notice.project.sources import Sources
from notice.record.versions import Version
from notice.site import addresses
from notice.site.addresses import key
from notice.site.calendars import Day, calendar
from notice.site.disclosures import page_layers
from notice.site.facts import said_changes
from notice.site.feeds import FeedEntry as FeedEntry
from notice.site.feeds import atom_feed
from notice.site.pdf import Sheet, document_html
from notice.site.words import Words, binding_note
from notice.text.compose import render_page
from notice.text.markdown import sanitize
from notice.text.segment import Document


def pdf_sheet(
    sources: Sources,
    notice: str,
    version: Version,
    language: Words,
    *,
    site_url: str,
    listed: str = "off",
) -> Sheet:
    """What a released text's PDF prints besides the text, in the text's own language:
    what a reader needs to cite and check it (its dates, address and SHA-256)."""
    document = sources.frozen_text(notice, version, language.code)
    assert document is not None, "a PDF is made of a language the version has"
    labels = language.labels
    address = addresses.absolute(site_url, language.version_url(notice, version))
    return Sheet(
        lang=language.tag.tag,
        dir=language.direction,
        title=str(document.front_matter.get("title") or notice),
        site_name=language.site_name or notice,
        effective=version.effective.isoformat(),
        lines=(
            (labels.effective, language.date(version.effective)),
            (labels.published, language.date(version.published)),
            (labels.address, address),
            (labels.sha256, version.files[language.code]),
        ),
        address=address,
        binding=binding_note(document.front_matter, sources, language),
        **_summary(language, document, listed),
    )


class _Summary(TypedDict, total=False):
    """What a PDF's record prints of the text's disclosures (``Sheet``'s fields)."""

    first_title: str | None
    first: tuple[tuple[str, tuple[str, ...], str | None], ...]
    summary_title: str | None
    summary: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...]


def _summary(language: Words, document: Document, listed: str) -> _Summary:
    """What the text says under the GDPR, as a PDF prints it (everything, unfolded)."""
    found = page_layers(language, document, listed, lang=language.code)
    if found is None:
        return {}
    return {
        "first_title": found.title if found.said else None,
        "first": tuple((d.label, d.lines, d.email) for d in found.said),
        "summary_title": found.all_title,
        "summary": tuple(
            (d.label, d.article, tuple((s.before, s.title, s.url) for s in d.sections))
            for d in found.all
        ),
    }


def pdf_document(
    sources: Sources,
    notice: str,
    version: Version,
    language: Words,
    to_html: Callable[[str], str],
    sheet: Sheet,
) -> str:
    """The HTML a released text's PDF is made from: ``sheet``, then the text."""
    document = sources.frozen_text(notice, version, language.code)
    assert document is not None, "a PDF is made of a language the version has"
    _, body = render_page(document, {}, anchors=True)
    here = addresses.staged_path(language.code, notice, "versions", key(version))
    body = addresses.relink(body, here, notice, sources.notices)
    return document_html(sheet, sanitize(to_html(body)))  # as a page is: no file: links


def _with_facts(language: Words, summary: str, facts: tuple[str, ...]) -> str:
    """A version's summary of changes, then which facts change, a line each."""
    if not facts:
        return summary
    lines = "\n".join(f"- {line}" for line in facts)
    return f"{summary}\n\n{language._('What changes, fact by fact:')}\n{lines}"


def feed(
    sources: Sources,
    notice: str,
    shown: list[Version],
    language: Words,
    *,
    today: date,
    site_url: str,
    head: str = "",
    withdrawn: tuple[Version, ...] = (),
) -> str:
    """The Atom feed of a notice's shown versions, in one language; ``head`` is the
    published registry's chain head. A withdrawn version keeps its entry and gets one
    more, on the day it was withdrawn."""
    earlier = dict(zip((v.key for v in shown[1:]), shown, strict=False))
    entries = [
        _entry(sources, notice, version, earlier.get(version.key), language, today)
        for version in shown
    ]
    for version in withdrawn:
        entries.extend(_withdrawn_entries(sources, notice, version, language, today))
    if withdrawn:
        entries.sort(key=lambda e: (e.published, e.key))
    title = str(
        sources.shown_text(notice, shown[-1], language.code).front_matter.get("title") or notice
    )
    return atom_feed(
        key=f"{notice}/{language.code}",
        title=language._("%(title)s: versions", title=title),
        language=language.code,
        author=language.site_name or notice,
        base=addresses.absolute(site_url, f"{language.prefix}{notice}/"),
        self_link="feed.xml",
        entries=list(reversed(entries)),
        registry=(addresses.absolute(site_url, addresses.registry_url(notice)), head)
        if head
        else None,
    )


def _entry(
    sources: Sources,
    notice: str,
    version: Version,
    before: Version | None,
    language: Words,
    today: date,
) -> FeedEntry:
    """A shown version's entry: its summary of changes and what changes, fact by fact,
    since the version ``before`` it."""
    document = sources.shown_text(notice, version, language.code)
    updated = max([version.published, *version.added.values()])
    said = said_changes(language, sources, notice, before, version) if before else ()
    day = language.date(version.effective)
    return FeedEntry(
        key=f"{notice}/{key(version)}/{language.code}",
        title=language._("Editorial change effective %(date)s", date=day)
        if version.editorial
        else language._("Version effective %(date)s", date=day),
        summary=_with_facts(language, str(document.front_matter.get("changes") or ""), said),
        category=(version.change, language.change_text(version)),
        published=version.published,
        updated=min(updated, today),
        link=f"versions/{key(version)}/",
    )


def _withdrawn_entries(
    sources: Sources, notice: str, version: Version, language: Words, today: date
) -> tuple[FeedEntry, FeedEntry]:
    """A withdrawn version's two entries: its withdrawal, on the day it was withdrawn,
    and its release as it was."""
    assert version.withdrawn is not None
    document = sources.shown_text(notice, version, language.code)
    day = language.date(version.effective)
    link = f"versions/{key(version)}/"
    return (
        FeedEntry(
            key=f"{notice}/{key(version)}/withdrawn/{language.code}",
            title=language._("Version effective %(date)s withdrawn", date=day),
            summary=language.withdrawn_note(version) or "",
            category=("withdrawn", language.status("withdrawn")),
            published=version.withdrawn,
            updated=version.withdrawn,
            link=link,
        ),
        FeedEntry(
            key=f"{notice}/{key(version)}/{language.code}",
            title=language._("Version effective %(date)s", date=day),
            summary=str(document.front_matter.get("changes") or ""),
            category=(version.change, language.change_text(version)),
            published=version.published,
            updated=min(version.published, today),
            link=link,
        ),
    )


def calendar_file(
    sources: Sources,
    notice: str,
    shown: list[Version],
    language: Words,
    *,
    site_url: str,
) -> str:
    """The iCalendar file of a notice's effective dates, in one language."""
    host = urlsplit(site_url).hostname or "notice.invalid"
    days = []
    for version in shown:
        document = sources.shown_text(notice, version, language.code)
        front = document.front_matter
        title = str(front.get("title") or notice)
        day = language.date(version.effective)
        url = addresses.absolute(site_url, language.version_url(notice, version))
        summary = (
            language._("%(title)s: editorial change takes effect", title=title)
            if version.editorial
            else language._("%(title)s: a new version takes effect", title=title)
        )
        lines = [language._("This version takes effect on %(date)s.", date=day)]
        lines.extend(str(front[field]) for field in ("changes", "impact") if front.get(field))
        if site_url:
            lines.append(url)
        if version.withdrawn:
            lines[0] = language.withdrawn_note(version) or ""
        days.append(
            Day(
                uid=f"{notice}-{key(version)}-{language.code}@{host}",
                day=version.effective,
                summary=summary,
                description="\n\n".join(lines),
                stamp=version.withdrawn or max([version.published, *version.added.values()]),
                url=url if site_url else None,
                category=version.change,
                cancelled=version.withdrawn is not None,
                sequence=1 if version.withdrawn else 0,
            )
        )
    title = str(
        sources.shown_text(notice, shown[-1], language.code).front_matter.get("title") or notice
    )
    name = language._("%(title)s: effective dates", title=title)
    return calendar(name, language.code, days).decode("utf-8")

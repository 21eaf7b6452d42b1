"""Announcements of a version before it takes effect: one ready-to-send message per
language (pure planning, then one all-or-nothing write).

For every language of the version, ``announcements/<notice>/<effective>/`` gets
``<lang>.eml``, a complete RFC 5322 message (UTF-8, ``multipart/alternative``: plain
text and HTML) that a controller's mailer sends as it is, and ``<lang>.json``, the same
content as fields for a mailer or a webhook. The links are absolute (``site_url``); the
messages carry no tracking and load nothing. The same sources and date give the same
bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path
from urllib.parse import urlsplit

from notice.core.errors import NoticeError
from notice.core.languages import language_tag
from notice.core.plaintext import one_line
from notice.project.sources import Sources
from notice.record.versions import Version
from notice.site import addresses
from notice.site.disclosures import NoticeDisclosures, affects_line
from notice.site.facts import said_changes
from notice.site.words import Words

FOLDER = "announcements"


@dataclass(frozen=True)
class Announcement:
    """What one language's message says, as fields (its ``.json``)."""

    notice: str
    language: str
    effective: str
    published: str
    kind: str
    """``material`` or ``editorial``; ``withdrawn`` for the news that a version announced
    before will not take effect."""
    version: str
    """The version's part of its addresses (``Version.key``): its folder of announcements."""
    title: str
    subject: str
    sender: str
    message_id: str
    effective_text: str
    lead: str
    """"A new version of this notice takes effect on <date>."."""
    summary_title: str
    summary: str
    impact_title: str
    url: str
    """The new version's page."""
    history_url: str
    feed_url: str
    calendar_url: str
    links: tuple[tuple[str, str], ...]
    """Each link with its words, in the order the message shows them."""
    impact: str | None = None
    editorial_note: str | None = None
    binding: str | None = None
    compare_url: str | None = None
    """Its redline against the version before it (none for a notice's first version)."""
    affects_title: str | None = None
    affects: tuple[str, ...] = ()
    """What the notice tells that this version changes (its GDPR items), in words."""
    facts_title: str | None = None
    facts: tuple[str, ...] = ()
    """Which facts change, each in a line."""
    text: str = ""
    """The plain-text body."""
    html: str = ""
    """The HTML body."""


@dataclass(frozen=True)
class Mailing:
    """What every announcement of a build is written from: the sources, the day, the
    site (its address and name), the sender and each language's locale for dates."""

    sources: Sources
    today: date
    site_url: str
    site_name: str
    sender: str
    """The notice plugin's ``contact``: ``Name <address>``, or an address alone."""
    date_locales: Mapping[str, str]

    def words(self, code: str) -> Words:
        """The reader's words in language ``code``."""
        return Words(code, self.sources, self.date_locales.get(code), self.site_name)

    def absolute(self, path: str) -> str:
        return addresses.absolute(self.site_url, path)

    def message_id(self, *parts: str) -> str:
        host = urlsplit(self.site_url).hostname or "notice.invalid"
        return f"<{'.'.join(parts)}@{host}>"


def plan(
    mailing: Mailing, notice: str, effective: date | None, disclosures: str = "off"
) -> list[tuple[Announcement, bytes]]:
    """Every language's announcement of a version (the newest for ``effective`` None),
    and its message; refuses a version that cannot be announced (unknown, already in
    effect, not yet published)."""
    if not mailing.site_url:
        raise NoticeError(
            "site_url is not set in mkdocs.yml: an announcement links to the site, "
            "and its links must be absolute",
            "mkdocs.yml",
            hint="set site_url: https://… (the address the site is published at)",
        )
    sources, today = mailing.sources, mailing.today
    mailing = dataclasses.replace(mailing, sender=_sender(mailing.sender, mailing.site_name))
    registry = sources.registries.get(notice)
    versions = registry.versions() if registry else []
    withdrawn = [
        v
        for v in (registry.withdrawn() if registry else [])
        if v.effective == effective and v.withdrawn is not None and v.withdrawn <= today
    ]
    if withdrawn and not any(v.effective == effective for v in versions):
        return _withdrawals(mailing, notice, withdrawn[-1], versions)
    version = _announced(versions, effective, notice, today)
    earlier = [v for v in versions if v.effective < version.effective]
    previous = earlier[-1] if earlier else None
    changed: tuple[str, ...] = ()
    if previous is not None:
        old, new = (
            sources.frozen_text(notice, v, sources.source_language) for v in (previous, version)
        )
        if old is not None and new is not None:
            changed = NoticeDisclosures(disclosures).affected(old, new)
    out = []
    for code in [c for c in version.languages if c in sources.languages]:  # the site's only
        announcement = _announcement(
            mailing, notice, version, previous, mailing.words(code), changed
        )
        out.append((announcement, _message(announcement, today)))
    return out


def _announced(
    versions: list[Version], effective: date | None, notice: str, today: date
) -> Version:
    """The version to announce: published, and not yet in effect."""
    if not versions:
        raise NoticeError(f"'{notice}' has no released version to announce")
    version = versions[-1] if effective is None else _version(versions, effective, notice)
    if version.effective <= today:
        raise NoticeError(
            f"version {version.effective} of '{notice}' took effect on {version.effective}: "
            "an announcement tells people before a version takes effect",
            hint="release a new version to announce (notice release)",
        )
    if version.published > today:
        raise NoticeError(
            f"version {version.effective} of '{notice}' is published on {version.published}; "
            "until then its pages are not on the site and the links would not work",
            hint=f"announce it on or after {version.published} "
            f"(or prepare it with --date {version.published})",
        )
    return version


def _withdrawals(
    mailing: Mailing, notice: str, version: Version, versions: list[Version]
) -> list[tuple[Announcement, bytes]]:
    """Every language's news that ``version``, announced before, was withdrawn and will
    not take effect: what stays in effect, and why."""
    sources, today = mailing.sources, mailing.today
    out = []
    for code in [c for c in version.languages if c in sources.languages]:  # the site's only
        language = mailing.words(code)
        title = str(sources.shown_text(notice, version, code).front_matter.get("title") or notice)
        day = language.date(version.effective)
        history = mailing.absolute(language.url(notice, "versions"))
        links = [(language.labels.all_versions, history)]
        if any(v.effective <= today for v in versions):
            links.insert(0, (language.labels.read_current, mailing.absolute(language.url(notice))))
        announcement = Announcement(
            notice=notice,
            language=code,
            effective=version.effective.isoformat(),
            published=version.published.isoformat(),
            kind="withdrawn",
            version=version.key,
            title=title,
            subject=language._(
                "%(title)s: the version announced for %(date)s is withdrawn", title=title, date=day
            ),
            sender=mailing.sender,
            message_id=mailing.message_id(notice, version.key, "withdrawn", code),
            effective_text=day,
            lead=language.withdrawn_note(version) or "",
            summary_title=language.labels.summary,
            summary="",
            impact_title=language.labels.impact,
            url=mailing.absolute(language.version_url(notice, version)),
            history_url=history,
            feed_url=mailing.absolute(addresses.feed_url(language.prefix, notice)),
            calendar_url=mailing.absolute(addresses.calendar_url(language.prefix, notice)),
            links=tuple(links),
        )
        announcement = _written(announcement, language)
        out.append((announcement, _message(announcement, today)))
    return out


def _version(versions: list[Version], effective: date, notice: str) -> Version:
    for version in versions:
        if version.effective == effective:
            return version
    known = ", ".join(v.effective.isoformat() for v in versions)
    raise NoticeError(
        f"'{notice}' has no version effective {effective} (versions: {known})",
        hint="give the effective date of a released version, or none for the newest",
    )


def _sender(contact: str, site_name: str) -> str:
    """The ``From`` of every announcement, in every language: the notice plugin's
    ``contact`` (``Name <address>``), named by mkdocs.yml's ``site_name`` if it has no
    name. It comes from the configuration alone, never from a translation: a translator
    writes no header of the controller's mail. (Reading mkdocs.yml refuses both unless
    they are one line; ``Address`` quotes a name and refuses a line break in it.)"""
    name, address = parseaddr(contact)
    user, at, domain = address.rpartition("@")
    if not (user and at and domain):
        raise NoticeError(
            "the notice plugin has no contact e-mail address to send announcements from",
            "mkdocs.yml",
            hint="set contact: privacy@example.org in the notice plugin's options",
        )
    return str(Address(display_name=name or site_name, username=user, domain=domain))


def _announcement(
    mailing: Mailing,
    notice: str,
    version: Version,
    previous: Version | None,
    language: Words,
    changed: tuple[str, ...],
) -> Announcement:
    """One language's announcement of ``version``, which follows ``previous``; ``changed``:
    the items of the notice's map whose sections it changes."""
    _, labels, sources = language._, language.labels, mailing.sources
    front = sources.shown_text(notice, version, language.code).front_matter
    title = str(front.get("title") or notice)
    day = language.date(version.effective)
    url, compare, history, links = _links(mailing, notice, version, previous, language)
    facts = said_changes(language, sources, notice, previous, version) if previous else ()
    line = affects_line(language, changed, facts)
    announcement = Announcement(
        notice=notice,
        language=language.code,
        effective=version.effective.isoformat(),
        published=version.published.isoformat(),
        kind=version.change,
        version=version.key,
        title=title,
        subject=_("%(title)s: corrected wording from %(date)s", title=title, date=day)
        if version.editorial
        else _("%(title)s: a new version from %(date)s", title=title, date=day),
        sender=mailing.sender,
        message_id=mailing.message_id(notice, version.key, language.code),
        effective_text=day,
        lead=_("A new version of this notice takes effect on %(date)s.", date=day),
        summary_title=labels.summary,
        summary=str(front.get("changes") or ""),
        impact_title=labels.impact,
        impact=str(front["impact"]) if front.get("impact") else None,
        editorial_note=_(
            "An editorial change: it corrects or clarifies wording and changes nothing "
            "in how personal data is processed."
        )
        if version.editorial
        else None,
        binding=_(
            "This is a translation. The %(language)s text is legally binding.",
            language=language.source_name,
        )
        if language.code != sources.source_language
        else None,
        url=url,
        compare_url=compare,
        history_url=history,
        feed_url=mailing.absolute(addresses.feed_url(language.prefix, notice)),
        calendar_url=mailing.absolute(addresses.calendar_url(language.prefix, notice)),
        links=links,
        affects_title=line.lead if line else None,
        affects=line.topics if line else (),
        facts_title=line.facts_lead if line else None,
        facts=line.facts if line else (),
    )
    return _written(announcement, language)


def _links(
    mailing: Mailing, notice: str, version: Version, previous: Version | None, language: Words
) -> tuple[str, str | None, str, tuple[tuple[str, str], ...]]:
    """The new version's page, its redline against ``previous`` (if any), the history,
    and each with its words in the order the message shows them."""
    labels = language.labels
    url = mailing.absolute(language.version_url(notice, version))
    compare = (
        mailing.absolute(language.compare_url(notice, previous, version))
        if previous is not None
        else None
    )
    history = mailing.absolute(language.url(notice, "versions"))
    links = [(labels.read_new, url)]
    if compare:
        links.append((labels.see_changes, compare))
    links.append((labels.all_versions, history))
    return url, compare, history, tuple(links)


def _written(announcement: Announcement, language: Words) -> Announcement:
    """The announcement with its bodies: plain text and HTML."""
    return dataclasses.replace(
        announcement,
        text=_text(announcement, language.plain_lead),
        html=_html(announcement),
    )


def _paragraphs(said: Announcement) -> list[tuple[str | None, str]]:
    """The message's paragraphs, each with its heading (if any)."""
    out: list[tuple[str | None, str]] = [(None, said.lead)]
    if said.editorial_note:
        out.append((None, said.editorial_note))
    if said.summary:
        out.append((said.summary_title, said.summary))
    if said.impact:
        out.append((said.impact_title, said.impact))
    return out


def _wrap(text: str) -> str:
    return textwrap.fill(text, 72, break_long_words=False, break_on_hyphens=False)


def _text(said: Announcement, lead: Callable[[str], str]) -> str:
    """The plain-text message; ``lead`` writes a label before its value ("Summary:")."""
    blocks = [said.title]
    for heading, text in _paragraphs(said):
        blocks.append(f"{lead(heading)}\n{_wrap(text)}" if heading else _wrap(text))
    if said.affects:
        items = "\n".join(f"- {topic}" for topic in said.affects)
        blocks.append(f"{_wrap(said.affects_title or '')}\n{items}")
    if said.facts:
        items = "\n".join(f"- {line}" for line in said.facts)
        blocks.append(f"{_wrap(said.facts_title or '')}\n{items}")
    blocks.append("\n".join(f"{lead(words)}\n{url}" for words, url in said.links))
    if said.binding:
        blocks.append(_wrap(said.binding))
    return "\n\n".join(blocks) + "\n"


def _html(said: Announcement) -> str:
    def e(text: str) -> str:
        return html.escape(text, quote=True)

    body = [f"<h1>{e(said.title)}</h1>"]
    for heading, text in _paragraphs(said):
        if heading:
            body.append(f"<h2>{e(heading)}</h2>")
        body.append(f"<p>{e(text)}</p>")
    if said.affects:
        body.append(f"<p>{e(said.affects_title or '')}</p>")
        body.append("<ul>" + "".join(f"<li>{e(t)}</li>" for t in said.affects) + "</ul>")
    if said.facts:
        body.append(f"<p>{e(said.facts_title or '')}</p>")
        body.append("<ul>" + "".join(f"<li>{e(t)}</li>" for t in said.facts) + "</ul>")
    items = "".join(f'<li><a href="{e(url)}">{e(words)}</a></li>' for words, url in said.links)
    body.append(f"<ul>{items}</ul>")
    if said.binding:
        body.append(f"<p><small>{e(said.binding)}</small></p>")
    tag = language_tag(said.language)
    direction = ' dir="rtl"' if tag.direction == "rtl" else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{e(tag.tag)}"{direction}>\n<head>\n'
        f'<meta charset="utf-8">\n<title>{e(said.subject)}</title>\n</head>\n<body>\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _message(announcement: Announcement, today: date) -> bytes:
    message = EmailMessage(policy=SMTP)
    message["From"] = announcement.sender
    # One line whatever a translation says (the title and the words are translated).
    message["Subject"] = one_line(announcement.subject)
    message["Date"] = format_datetime(datetime.combine(today, datetime.min.time(), timezone.utc))
    message["Message-ID"] = announcement.message_id
    message.set_content(announcement.text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        announcement.html, subtype="html", charset="utf-8", cte="quoted-printable"
    )
    message["Content-Language"] = announcement.language
    # Stable, and never in a quoted-printable body (which writes "=" as "=3D").
    digest = hashlib.sha256((announcement.text + announcement.html).encode("utf-8"))
    message.set_boundary(f"=_{digest.hexdigest()[:32]}")
    return message.as_bytes(policy=SMTP)


def write(announcements: list[tuple[Announcement, bytes]], folder: Path) -> list[Path]:
    """Write every language's ``.eml`` and ``.json`` into ``folder`` (replaced whole)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".announce-", dir=folder.parent))
    try:
        for announcement, message in announcements:
            (staging / f"{announcement.language}.eml").write_bytes(message)
            data = json.dumps(asdict(announcement), ensure_ascii=False, indent=2, sort_keys=True)
            (staging / f"{announcement.language}.json").write_text(data + "\n", encoding="utf-8")
        old = folder.with_name(f".{folder.name}.old")
        if folder.exists():
            os.replace(folder, old)
        os.replace(staging, folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(folder.iterdir())

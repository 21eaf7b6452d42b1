"""The release registry: its entries, the versions they make, the hash chain (pure).

``docs/<notice>/versions.yml`` is a YAML list of entries, oldest first, only ever
appended to. A ``release`` entry freezes a version; an ``add-language`` entry adds a
translation finished later; a ``freeze-pdfs`` entry freezes the PDFs of a version
released before PDFs were part of the record; a ``withdraw`` entry withdraws a version
before it takes effect (it stays in the record, shown as withdrawn, and its day may be
taken by a corrected release). Each entry records the SHA-256 of its frozen files (texts
under ``files``, PDFs under ``pdfs``), the day it was recorded (``recorded``, from the
clock: entries written before it was kept have none) and the hash of the entry before
it, so that altering or removing an earlier entry breaks the chain and is detected.
``notice.record.registry_file`` reads the file, ``notice.record.integrity`` checks the
frozen files against it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal, get_args

from notice.core.errors import NoticeError, quoted

REGISTRY_NAME = "versions.yml"
VERSIONS_DIR = "versions"
HEADER = (
    "# Release registry of this notice, written by `notice release`.\n"
    "# Append-only: never edit or remove an entry; `notice check` verifies the chain.\n"
)
Kind = Literal["release", "add-language", "freeze-pdfs", "withdraw"]
"""What an entry of the registry records: a release, a language added to a version, the
PDFs of a version frozen after it was released, or a version withdrawn before it took
effect."""
KINDS: tuple[Kind, ...] = get_args(Kind)
#: The date each kind of entry is dated by, by the key it is written under (a withdrawal
#: is dated by the day it was recorded).
DATED: dict[Kind, str] = {
    "release": "published",
    "add-language": "added",
    "freeze-pdfs": "frozen",
    "withdraw": "recorded",
}
Change = Literal["material", "editorial"]
CHANGES: tuple[Change, ...] = get_args(Change)
"""What a release changes: ``material`` (what is processed, why, by whom, the reader's
rights: a notice period applies) or ``editorial`` (wording and typo fixes)."""
#: Days between publication and effect of a material change, unless configured
#: (the notice plugin's ``notice_period_days``).
NOTICE_PERIOD_DAYS = 30


class RegistryError(NoticeError):
    """A registry that is malformed, out of order or does not match the frozen files."""


@dataclass(frozen=True)
class Entry:
    """One entry of the registry, as written."""

    kind: Kind
    effective: date
    dated: date
    """For a release: its published date; for an added language: the day it was added;
    for frozen PDFs: the day they were frozen; for a withdrawal: the day it was recorded."""
    files: dict[str, str]
    """Language code -> SHA-256 of ``versions/<effective>/<lang>.md``."""
    previous: str
    """The hash of the entry before this one (empty for the first)."""
    without: tuple[str, ...] = ()
    """For a release: configured languages left out because they were not complete."""
    change: Change | None = None
    """For a release: ``material`` or ``editorial`` (None in entries written before the
    distinction: they read as material)."""
    short_notice: str | None = None
    """For a material release with less than the notice period: the reason given."""
    editorial_because: str | None = None
    """For an editorial release that touches a section whose change must always be
    communicated (the purposes, the rights...): why it is editorial all the same."""
    line: int | None = None
    """Where the entry starts in ``versions.yml`` (1-based), if it was read from one."""
    pdfs: dict[str, str] = field(default_factory=dict)
    """Language code -> SHA-256 of ``versions/<effective>/<lang>.pdf``, the PDF made of
    that text when it was frozen (empty in entries written before PDFs were recorded)."""
    recorded: date | None = None
    """The day the entry was written, by the clock (``SOURCE_DATE_EPOCH`` when set), not
    a date typed in: what the other dates are measured against. None in entries written
    before the registry kept it."""
    published_because: str | None = None
    """For a release published before the day it was recorded: why (a version published
    before the project kept its record here)."""
    because: str | None = None
    """For a withdrawal: why the version was withdrawn."""

    @property
    def where(self) -> str:
        """The entry's place, for messages: ``versions.yml line 12``."""
        return f"{REGISTRY_NAME} line {self.line}" if self.line else REGISTRY_NAME

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"'{self.kind}' is not a valid entry kind")
        if self.kind == "freeze-pdfs":
            if self.files or not self.pdfs:
                raise ValueError("a freeze-pdfs entry records PDFs and no texts")
        elif self.kind == "withdraw":
            if self.files or self.pdfs or not self.because or self.recorded != self.dated:
                raise ValueError("a withdraw entry records a reason, its day and no files")
        elif not self.files:
            raise ValueError("an entry must record at least one file")
        if self.change is not None and self.change not in CHANGES:
            raise ValueError(f"'{self.change}' is not a kind of change")

    def canonical(self) -> dict[str, Any]:
        """The entry as plain data: what is written and what is hashed."""
        data: dict[str, Any] = {"kind": self.kind, "effective": self.effective.isoformat()}
        data[DATED[self.kind]] = self.dated.isoformat()
        if self.recorded is not None:
            data["recorded"] = self.recorded.isoformat()
        if self.files:
            data["files"] = {lang: self.files[lang] for lang in sorted(self.files)}
        if self.pdfs:
            data["pdfs"] = {lang: self.pdfs[lang] for lang in sorted(self.pdfs)}
        if self.without:
            data["without"] = sorted(self.without)
        if self.change is not None:
            data["change"] = self.change
        if self.short_notice is not None:
            data["short-notice"] = self.short_notice
        if self.editorial_because is not None:
            data["editorial-because"] = self.editorial_because
        if self.published_because is not None:
            data["published-because"] = self.published_because
        if self.because is not None:
            data["because"] = self.because
        data["previous"] = self.previous
        return data

    @property
    def hash(self) -> str:
        """SHA-256 of the canonical JSON form of the entry (its ``previous`` included)."""
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Version:
    """A released version: its dates and the frozen file of each language it has."""

    effective: date
    published: date
    files: dict[str, str]
    without: tuple[str, ...] = ()
    added: dict[str, date] = field(default_factory=dict)
    """Languages added after release, with the day they were added."""
    change: Change = "material"
    """``material`` or ``editorial``."""
    short_notice: str | None = None
    """Why a material change was given less than the notice period, if it was."""
    editorial_because: str | None = None
    """Why an editorial change that touches the purposes, the rights or the like is
    editorial all the same, if it does."""
    chain: str = ""
    """The hash of the registry entry that released it."""
    pdfs: dict[str, str] = field(default_factory=dict)
    """Language -> SHA-256 of its frozen PDF, for the languages whose PDF is part of the
    record (made at release, or frozen later by ``notice freeze-pdfs``)."""
    recorded: date | None = None
    """The day its release was recorded (None in registries from before it was kept)."""
    published_because: str | None = None
    """Why it was published before the day it was recorded, if it was."""
    folder: str = ""
    """Its folder under ``versions/`` and its part of every address: the effective date,
    or ``<date>-<n>`` for the n-th release of a day whose earlier releases were
    withdrawn (published addresses never change, so a correction gets its own)."""
    withdrawn: date | None = None
    """The day it was withdrawn, before it took effect (it never did), if it was."""
    withdrawn_because: str | None = None
    """Why it was withdrawn."""

    @property
    def key(self) -> str:
        """Its folder under ``versions/`` and its part of every address."""
        return self.folder or self.effective.isoformat()

    @property
    def notified(self) -> date:
        """The day its notice period starts (``notified``)."""
        return notified(self.published, self.recorded, self.effective)

    @property
    def editorial(self) -> bool:
        """Whether it only fixes wording (no notice period, no announcement banner)."""
        return self.change == "editorial"

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this version is available in."""
        return tuple(self.files)


@dataclass(frozen=True)
class Registry:
    """The entries of one notice's registry, validated."""

    notice: str
    entries: tuple[Entry, ...] = ()

    @property
    def head(self) -> str:
        """The hash the next entry must record as ``previous``."""
        return self.entries[-1].hash if self.entries else ""

    def versions(self) -> list[Version]:
        """The versions in the record, oldest first, with any languages added later merged
        in; withdrawn versions are left out (``withdrawn()``)."""
        return self._read()[0]

    def withdrawn(self) -> list[Version]:
        """The versions withdrawn before they took effect, in the order of withdrawal."""
        return self._read()[1]

    def all_versions(self) -> list[Version]:
        """Every version released, withdrawn ones included, by effective date then folder."""
        live, withdrawn = self._read()
        return sorted([*live, *withdrawn], key=lambda v: (v.effective, len(v.key), v.key))

    def _read(self) -> tuple[list[Version], list[Version]]:
        live: dict[date, Version] = {}
        withdrawn: list[Version] = []
        releases: dict[date, int] = {}
        for entry in self.entries:
            if entry.kind == "release":
                count = releases[entry.effective] = releases.get(entry.effective, 0) + 1
                day = entry.effective.isoformat()
                live[entry.effective] = Version(
                    entry.effective,
                    entry.dated,
                    dict(entry.files),
                    entry.without,
                    change=entry.change or "material",
                    short_notice=entry.short_notice,
                    editorial_because=entry.editorial_because,
                    chain=entry.hash,
                    pdfs=dict(entry.pdfs),
                    recorded=entry.recorded,
                    published_because=entry.published_because,
                    folder=day if count == 1 else f"{day}-{count}",
                )
            elif entry.kind == "withdraw":
                withdrawn.append(
                    dataclasses.replace(
                        live.pop(entry.effective),
                        withdrawn=entry.dated,
                        withdrawn_because=entry.because,
                    )
                )
            else:
                old = live[entry.effective]
                live[entry.effective] = dataclasses.replace(
                    old,
                    files={**old.files, **entry.files},
                    added={**old.added, **dict.fromkeys(entry.files, entry.dated)},
                    pdfs={**old.pdfs, **entry.pdfs},
                )
        return [live[key] for key in sorted(live)], withdrawn

    def folders(self) -> list[str]:
        """Per entry, in order: the folder under ``versions/`` of the version whose files it
        records (that of the latest release of its effective date)."""
        releases: dict[date, int] = {}
        folders: list[str] = []
        for entry in self.entries:
            day = entry.effective.isoformat()
            if entry.kind == "release":
                releases[entry.effective] = releases.get(entry.effective, 0) + 1
            count = releases.get(entry.effective, 1)
            folders.append(day if count == 1 else f"{day}-{count}")
        return folders

    def as_of(self, today: date) -> Registry:
        """The registry as published on ``today``: its entries up to the first one dated
        later (a release announced in the future is not public yet, nor is anything
        appended after it). A prefix keeps the chain checkable."""
        for index, entry in enumerate(self.entries):
            if entry.dated > today:
                return Registry(self.notice, self.entries[:index])
        return self

    def text(self) -> str:
        """The registry file as ``notice release`` writes it."""
        return HEADER + "".join(entry_text(entry) for entry in self.entries)

    def latest(self) -> Version | None:
        """The version with the latest effective date."""
        versions = self.versions()
        return versions[-1] if versions else None


def entry_text(entry: Entry) -> str:
    """The YAML text of one entry, to be appended to the registry file."""
    data = entry.canonical()
    lines = [f"- kind: {data['kind']}", f"  effective: {data['effective']}"]
    dated = DATED[entry.kind]
    lines.append(f"  {dated}: {data[dated]}")
    if "recorded" in data and dated != "recorded":
        lines.append(f"  recorded: {data['recorded']}")
    for key in ("files", "pdfs"):
        if key in data:
            lines.append(f"  {key}:")
            lines.extend(f"    {lang}: {digest}" for lang, digest in data[key].items())
    if "without" in data:
        lines.append(f"  without: [{', '.join(data['without'])}]")
    if "change" in data:
        lines.append(f"  change: {data['change']}")
    for key in ("short-notice", "editorial-because", "published-because", "because"):
        if key in data:
            lines.append(f"  {key}: {json.dumps(data[key], ensure_ascii=False)}")
    lines.append(f"  previous: '{data['previous']}'")
    return "\n".join(lines) + "\n"


def notified(published: date, recorded: date | None, effective: date) -> date:
    """The day a version's notice period starts: the day it was published, but never
    before the day it was recorded if it was not in effect by then (a date typed in cannot
    lengthen the notice readers got)."""
    if recorded is None or published >= recorded or effective <= recorded:
        return published
    return recorded


Status = Literal["upcoming", "current", "archived", "withdrawn"]
"""Where a version stands on a day: not yet in effect, in effect, replaced, or withdrawn
before it took effect."""


def status(version: Version, versions: list[Version], today: date) -> Status | None:
    """``upcoming``, ``current`` or ``archived`` as of ``today``; None if not shown yet."""
    if version.published > today:
        return None
    if version.effective > today:
        return "upcoming"
    in_effect = [v for v in versions if v.effective <= today and v.published <= today]
    if in_effect and version.effective == max(v.effective for v in in_effect):
        return "current"
    return "archived"


def in_effect(versions: list[Version], day: date) -> Version | None:
    """The version in effect on ``day``: the latest that took effect on or before it."""
    earlier = [v for v in versions if v.effective <= day]
    return earlier[-1] if earlier else None


def latest_release(versions: list[Version], today: date) -> Version | None:
    """What a draft is compared with, by `notice diff` and by the preview of `notice
    serve` alike: the latest release published by ``today`` (current or upcoming)."""
    published = [v for v in versions if v.published <= today]
    return published[-1] if published else None


def in_effect_until(version: Version, versions: list[Version], today: date) -> date | None:
    """The last day ``version`` was in effect, once a later version has taken effect by
    ``today``; None while it is current or upcoming (``versions.json``, ``as-of``)."""
    later = [v for v in versions if v.effective > version.effective]
    if later and later[0].effective <= today:
        return later[0].effective - timedelta(days=1)
    return None


def build_date(value: str | date | None = None) -> date:
    """The date a build is made as of: the given one, else SOURCE_DATE_EPOCH, else today."""
    import os
    from datetime import datetime, timezone

    if isinstance(value, date):
        return value
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise NoticeError(f"{quoted(value)} is not a valid date (YYYY-MM-DD)") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    return date.today()


def next_change(registries: list[Registry], today: date) -> date | None:
    """The next date after ``today`` on which a build would differ: a version is
    published or takes effect."""
    dates = [
        day
        for registry in registries
        for version in registry.versions()
        for day in (version.published, version.effective, *version.added.values())
        if day > today
    ]
    return min(dates) if dates else None


def sha256(data: bytes) -> str:
    """The hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()

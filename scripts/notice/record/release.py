"""Releasing a version: freeze the draft and its complete translations (pure planning,
then one all-or-nothing write)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel.messages.catalog import Catalog

from notice.core.errors import NoticeError, raise_all
from notice.record.change_rules import always_communicated, notice_period
from notice.record.integrity import frozen_path, sha256
from notice.record.versions import (
    CHANGES,
    HEADER,
    NOTICE_PERIOD_DAYS,
    REGISTRY_NAME,
    Change,
    Entry,
    Registry,
    entry_text,
    notified,
)
from notice.text.catalog import coverage, template_catalog, translations
from notice.text.checks import inert_translations
from notice.text.compose import render_markdown
from notice.text.gate import refusals, review_source, review_translation
from notice.text.glyphs import FontCoverage
from notice.text.segment import Document


@dataclass(frozen=True)
class Plan:
    """What a release writes: the frozen texts and the registry entry."""

    notice: str
    entry: Entry
    texts: dict[str, str]
    """Language -> frozen Markdown text."""
    folder: str
    """The version's folder under ``versions/`` (``Version.key``)."""
    pdfs: dict[str, bytes] = field(default_factory=dict)
    """Language -> its PDF, frozen with the text (``with_pdfs``)."""

    def with_pdfs(self, pdfs: dict[str, bytes]) -> Plan:
        """The same release with the PDFs of its texts, their SHA-256 in its entry."""
        entry = dataclasses.replace(
            self.entry, pdfs={code: sha256(data) for code, data in pdfs.items()}
        )
        return dataclasses.replace(self, entry=entry, pdfs=dict(pdfs))


@dataclass(frozen=True)
class Release:
    """What a release is asked to freeze: the draft, its dates and its kind of change."""

    notice: str
    draft: Document
    effective: date
    published: date
    recorded: date
    """The day the release is made (the clock's, not one typed in): a ``published`` date
    before it needs ``published_because``."""
    change: Change
    """``material`` or ``editorial``: a material change takes effect at least the notice
    period after it is published (or recorded, if that is later and it is not in effect
    yet), unless ``short_notice`` says why not."""
    without: tuple[str, ...] = ()
    """Translation languages left out, though configured."""
    short_notice: str | None = None
    editorial_because: str | None = None
    published_because: str | None = None


@dataclass(frozen=True)
class Catalogs:
    """The translations a release may freeze and what checks them."""

    source_language: str
    languages: tuple[str, ...]
    """The translation languages of the site."""
    catalogs: Mapping[str, Catalog | None]
    po_paths: Mapping[str, str]
    to_html: Callable[[str], str]
    fonts: FontCoverage | None = None
    """What the installed fonts draw, where PDFs are made (a text they cannot draw is
    refused)."""


def plan_release(
    release: Release,
    registry: Registry,
    latest_source: Document | None,
    catalogs: Catalogs,
    notice_period_days: int = NOTICE_PERIOD_DAYS,
) -> Plan:
    """Check that the draft can be released and compute what to freeze; refuse otherwise
    (every problem at once): its dates, its text (through the one gate ``notice check``
    runs), and each translation not left out."""
    problems = [
        *_date_problems(release, registry, notice_period_days),
        *_draft_problems(release, registry, latest_source, catalogs),
    ]
    texts, refused = _frozen_texts(release, registry, catalogs)
    raise_all([*problems, *refused])
    left_out = [code for code in catalogs.languages if code in release.without]
    entry = Entry(
        kind="release",
        effective=release.effective,
        dated=release.published,
        files={lang: sha256(text.encode("utf-8")) for lang, text in texts.items()},
        previous=registry.head,
        without=tuple(sorted(left_out)),
        change=release.change,
        short_notice=_stripped(release.short_notice),
        editorial_because=_stripped(release.editorial_because),
        recorded=release.recorded,
        published_because=_stripped(release.published_because),
    )
    return Plan(release.notice, entry, texts, _folder(registry, entry))


def _stripped(reason: str | None) -> str | None:
    return reason.strip() if reason else None


def _date_problems(
    release: Release, registry: Registry, notice_period_days: int
) -> list[NoticeError]:
    """Backdating, the notice period, and the order of the dates."""
    effective, published, recorded = release.effective, release.published, release.recorded
    latest = registry.latest()
    problems = backdating(published, recorded, release.published_because, "--published")
    if latest is not None:  # a notice's first version changes nothing: no period applies
        problems.extend(
            notice_period(
                release.change,
                notified(published, recorded, effective),
                effective,
                release.short_notice,
                notice_period_days,
                published,
            )
        )
    elif release.change not in CHANGES:
        problems.append(NoticeError(f"'{release.change}' is not a kind of change"))
    if published > effective:
        problems.append(
            NoticeError(
                f"the published date {published} is after the effective date {effective}",
                hint="a version is announced before (or on) the day it takes effect",
            )
        )
    if latest is not None and effective <= latest.effective:
        problems.append(
            NoticeError(
                f"the effective date {effective} is not after the latest version's "
                f"({latest.effective})",
                hint="choose a later --effective date",
            )
        )
    return problems


def _draft_problems(
    release: Release, registry: Registry, latest_source: Document | None, catalogs: Catalogs
) -> list[NoticeError]:
    """What the draft's text and summary may not be, and languages left out unknown."""
    draft, where = release.draft, release.draft.path
    latest = registry.latest()
    problems: list[NoticeError] = []
    if latest_source is not None and latest_source.text == draft.text:
        problems.append(
            NoticeError(
                f"the draft is identical to the version of {latest.effective if latest else ''}",
                where,
                hint="there is nothing to release",
            )
        )
    problems.extend(
        always_communicated(draft, latest_source, release.change, release.editorial_because)
    )
    # the one gate, as `notice check` runs it
    review = review_source(draft, catalogs.source_language, catalogs.fonts, releasing=True)
    problems.extend(refusals(review))
    problems.extend(_summary_problems(draft, latest_source))
    unknown = sorted(set(release.without) - set(catalogs.languages))
    if unknown:
        problems.append(
            NoticeError(f"--without {', '.join(unknown)}: not a translation language of this site")
        )
    return problems


def _summary_problems(draft: Document, latest_source: Document | None) -> list[NoticeError]:
    """The front matter's ``changes``: there, and not the previous version's."""
    changes = draft.front_matter.get("changes")
    if not isinstance(changes, str) or not changes.strip():
        return [
            NoticeError(
                "the front matter has no 'changes' summary",
                draft.path,
                1,
                "write in plain words what this version changes",
            )
        ]
    before = latest_source.front_matter.get("changes") if latest_source is not None else None
    if isinstance(before, str) and before.strip() == changes.strip():
        return [
            NoticeError(
                "the 'changes' summary is the same as the previous version's",
                draft.path,
                1,
                "describe what this version changes",
            )
        ]
    return []


def _frozen_texts(
    release: Release, registry: Registry, catalogs: Catalogs
) -> tuple[dict[str, str], list[NoticeError]]:
    """The texts to freeze (the source, then each complete translation that passes the
    one gate), and why the others cannot be."""
    draft, latest = release.draft, registry.latest()
    template = template_catalog(release.notice, [draft])
    texts = {catalogs.source_language: draft.text}
    problems: list[NoticeError] = []
    for language in catalogs.languages:
        if language in release.without:
            continue
        catalog = catalogs.catalogs.get(language)
        result = coverage(template, catalog, language)
        if not result.complete:
            had = latest is not None and language in latest.files
            reason = (
                f"{language} was in the previous version but is now incomplete"
                if had
                else f"{language} is incomplete"
            )
            problems.append(
                NoticeError(
                    f"{reason} ({result.translated} of {result.total} translated, "
                    f"{result.fuzzy} fuzzy)",
                    catalogs.po_paths.get(language),
                    hint=f"finish the translation, or release without it: --without {language}",
                )
            )
            continue
        found = review_translation(
            draft,
            catalog,
            catalogs.po_paths.get(language, ""),
            source_language=catalogs.source_language,
            language=language,
            to_html=catalogs.to_html,
            coverage=catalogs.fonts,
        )
        if refusals(found):  # the one gate, as `notice check` runs it
            problems.extend(refusals(found))
            continue
        raw = translations(catalog)
        table = inert_translations((s.text for s in draft.segments), raw)
        texts[language] = render_markdown(draft, table, anchors=True, fields=raw)
    return texts, problems


def plan_withdrawal(registry: Registry, effective: date, because: str, *, recorded: date) -> Entry:
    """The entry that withdraws the version of ``effective`` on ``recorded`` (the clock's
    day), before it takes effect: nothing is deleted, the version stays in the record."""
    version = next((v for v in registry.versions() if v.effective == effective), None)
    if version is None:
        gone = any(v.effective == effective for v in registry.withdrawn())
        known = ", ".join(v.effective.isoformat() for v in registry.versions()) or "none"
        raise NoticeError(
            f"version {effective} of '{registry.notice}' was withdrawn already"
            if gone
            else f"'{registry.notice}' has no version effective {effective} (versions: {known})"
        )
    if effective <= recorded:
        raise NoticeError(
            f"version {effective} of '{registry.notice}' took effect on {effective}: a version "
            "in effect can no longer be withdrawn, only succeeded",
            hint=f"release a new version: notice release {registry.notice} --material "
            "--effective DATE",
        )
    if not because.strip():
        raise NoticeError("--because is empty", hint="say why the version is withdrawn")
    return Entry(
        kind="withdraw",
        effective=effective,
        dated=recorded,
        recorded=recorded,
        files={},
        previous=registry.head,
        because=because.strip(),
    )


def _folder(registry: Registry, entry: Entry) -> str:
    """The folder under ``versions/`` of the version ``entry`` records files of."""
    return Registry(registry.notice, (*registry.entries, entry)).folders()[-1]


def backdating(day: date, recorded: date, because: str | None, option: str) -> list[NoticeError]:
    """Why a date typed in for an entry may not be the one recorded (if so): a day before
    the entry is recorded is history brought in, allowed only with a reason."""
    if because is not None and not because.strip():
        return [NoticeError(f"{option}-because is empty", hint="say why the date is earlier")]
    if because is not None and day >= recorded:
        return [
            NoticeError(
                f"{option}-because applies to a date before today ({recorded}), the day "
                f"this is recorded; {day} is not"
            )
        ]
    if because is None and day < recorded:
        return [
            NoticeError(
                f"{option} {day} is before today ({recorded}), the day this is recorded: "
                "readers could not have seen it then",
                hint=f"leave out {option} to publish it today; for a version published before "
                f'this project kept its record, say so: {option}-because "…" (recorded and '
                "shown on the history page)",
            )
        ]
    return []


@dataclass(frozen=True)
class Addition:
    """What adding a translation to a released version is asked: which language, to which
    version, on which day."""

    notice: str
    language: str
    effective: date
    """The released version's effective date."""
    added: date
    """The day the translation is published: not before the version, nor before
    ``recorded``."""
    recorded: date
    """The clock's day."""


def plan_addition(
    addition: Addition, registry: Registry, frozen_source: Document, catalogs: Catalogs
) -> Plan:
    """Add a translation finished after release to a released version: the released
    source text ``frozen_source`` in ``catalogs``' translation of ``addition.language``,
    checked by the one gate (``fonts`` as for ``plan_release``)."""
    language, effective = addition.language, addition.effective
    _check_addition(addition, registry)
    catalog, po_path = catalogs.catalogs.get(language), catalogs.po_paths[language]
    raw = _with_obsolete(catalog)
    found = review_translation(
        frozen_source,
        catalog,
        po_path,
        source_language=catalogs.source_language,
        language=language,
        to_html=catalogs.to_html,
        obsolete=True,
        coverage=catalogs.fonts,
    )
    raise_all(refusals(found))  # the one gate, as `notice check` runs it
    table = inert_translations((s.text for s in frozen_source.segments), raw)
    missing = [s for s in frozen_source.segments if not table.get(s.text)]
    if missing:
        raise NoticeError(
            f"{language} does not translate the text of version {effective}: "
            f"{len(missing)} of {len(frozen_source.segments)} blocks are missing, the first on "
            f"line {missing[0].line} of the released text",
            po_path,
            hint="translate them (they may be obsolete `#~` entries) and retry",
        )
    text = render_markdown(frozen_source, table, anchors=True, fields=raw)
    entry = Entry(
        kind="add-language",
        effective=effective,
        dated=addition.added,
        files={language: sha256(text.encode("utf-8"))},
        previous=registry.head,
        recorded=addition.recorded,
    )
    return Plan(addition.notice, entry, {language: text}, _folder(registry, entry))


def _check_addition(addition: Addition, registry: Registry) -> None:
    """Refuse adding a language to a version that does not exist or has it already, or
    on a day before the version was published or before today."""
    effective, added = addition.effective, addition.added
    version = next((v for v in registry.versions() if v.effective == effective), None)
    if version is None:
        raise NoticeError(
            f"there is no released version effective {effective}",
            hint="run `notice release NOTICE` without --add-language to release one",
        )
    if addition.language in version.files:
        raise NoticeError(f"version {effective} already has {addition.language}")
    if added < version.published:
        raise NoticeError(f"the date {added} is before the version was published")
    if added < addition.recorded:
        raise NoticeError(
            f"--published {added} is before today ({addition.recorded}), the day this is recorded",
            hint="leave out --published: a language is added on the day it is recorded",
        )


def _with_obsolete(catalog: Catalog | None) -> dict[str, str]:
    """A catalog's translations, with those of its obsolete messages: the version's text
    may be older than the draft, its messages obsolete now."""
    table = translations(catalog)
    if catalog is not None:
        table.update(
            {
                str(m.id): str(m.string)
                for m in catalog.obsolete.values()
                if m.id and m.string and not m.fuzzy and str(m.id) not in table
            }
        )
    return table


def write_plan(plan: Plan, folder: Path) -> list[Path]:
    """Write the frozen files and append the entry: all of it, or nothing."""
    target = folder / frozen_path(plan.folder, "x").rsplit("/", 1)[0]
    registry = folder / REGISTRY_NAME
    existing = set(p.name for p in target.iterdir()) if target.is_dir() else set()
    names = {f"{lang}.md": text.encode("utf-8") for lang, text in plan.texts.items()}
    names.update({f"{lang}.pdf": data for lang, data in plan.pdfs.items()})
    clash = sorted(existing & set(names))
    if clash:
        raise NoticeError(
            f"{target}/{clash[0]} already exists and released texts are never replaced"
        )
    old_registry = registry.read_bytes() if registry.exists() else None
    staging = Path(tempfile.mkdtemp(prefix=".release-", dir=folder))
    written: list[Path] = []
    try:
        for name, data in names.items():
            (staging / name).write_bytes(data)
        new_registry = _appended(old_registry or HEADER.encode("utf-8"), (plan.entry,))
        (staging / REGISTRY_NAME).write_bytes(new_registry)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            destination = target / name
            os.replace(staging / name, destination)
            written.append(destination)
        os.replace(staging / REGISTRY_NAME, registry)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if target.is_dir() and not any(target.iterdir()):
            target.rmdir()
        if old_registry is not None and registry.read_bytes() != old_registry:
            registry.write_bytes(old_registry)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [*written, registry]


def _appended(registry: bytes, entries: Sequence[Entry]) -> bytes:
    """A registry file with ``entries`` appended, in its own line endings (a file saved
    by a Windows editor keeps CRLF)."""
    appended = "".join(entry_text(entry) for entry in entries)
    if b"\r\n" in registry:
        appended = appended.replace("\n", "\r\n")
    if not registry.endswith(b"\n"):
        registry += b"\r\n" if b"\r\n" in registry else b"\n"
    return registry + appended.encode("utf-8")


def append_entries(
    old: Registry, new: Registry, files: dict[Path, bytes], folder: Path
) -> list[Path]:
    """Append the entries ``new`` has beyond ``old`` (the registry as read) to ``folder``'s
    registry, and write the ``files`` they record (PDFs frozen later; none for a
    withdrawal): all of it, or nothing."""
    path = folder / REGISTRY_NAME
    old_registry = path.read_bytes()
    assert new.entries[: len(old.entries)] == old.entries, "a registry is only appended to"
    new_registry = _appended(old_registry, new.entries[len(old.entries) :])
    clash = sorted(p for p in files if p.exists())
    if clash:
        raise NoticeError(f"{clash[0]} already exists and released PDFs are never replaced")
    staging = Path(tempfile.mkdtemp(prefix=".freeze-", dir=folder))
    written: list[Path] = []
    try:
        for index, (_, data) in enumerate(sorted(files.items())):
            (staging / str(index)).write_bytes(data)
        (staging / REGISTRY_NAME).write_bytes(new_registry)
        for index, target in enumerate(sorted(files)):
            os.replace(staging / str(index), target)
            written.append(target)
        os.replace(staging / REGISTRY_NAME, path)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        if path.read_bytes() != old_registry:
            path.write_bytes(old_registry)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [*written, path]

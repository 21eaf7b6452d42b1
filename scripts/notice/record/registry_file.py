"""``versions.yml`` read and checked: its fields, its dates, their order and the hash chain.

Any fault is a ``RegistryError`` naming the file and the line of the entry; what is
read is a ``Registry`` (``notice.record.versions``), whose ``text()`` writes it back.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import cast

import yaml

from notice.core import yamltext
from notice.core.errors import printable, quoted
from notice.record.versions import (
    CHANGES,
    DATED,
    KINDS,
    Change,
    Entry,
    Kind,
    Registry,
    RegistryError,
)


def _date(value: object, what: str, path: str, line: int) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RegistryError(
            f"{quoted(str(value))} is not a valid {what} date (YYYY-MM-DD)", path, line
        ) from None


def parse_registry(text: str, notice: str, path: str) -> Registry:
    """Read and validate a registry: fields, dates, order and the hash chain. It is plain
    data (``yamltext.load_plain``): a registry this tool writes has no anchor or alias."""
    try:
        root, data = yamltext.load_plain(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        kind = "" if isinstance(exc, yamltext.NotPlainData) else "invalid YAML: "
        raise RegistryError(
            f"{kind}{printable(str(getattr(exc, 'problem', exc)), 200)}",
            path,
            mark.line + 1 if mark else None,
        ) from exc
    except ValueError as exc:  # a number longer than Python reads, a tagged date that is none
        raise RegistryError(f"invalid YAML: {printable(str(exc))}", path) from exc
    if data is None:
        return Registry(notice)
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise RegistryError("the registry must be a list of entries", path, 1)
    entries: list[Entry] = []
    previous = ""
    for item, node in zip(data, root.value, strict=True):
        line = node.start_mark.line + 1
        entry = _entry(item, path, line)
        if entry.previous != previous:
            before = f"the entry on line {entries[-1].line}" if entries else "the start"
            raise RegistryError(
                f"the hash chain is broken: this entry does not follow {before} "
                "(an earlier entry was changed or removed)",
                path,
                line,
                "released history cannot be rewritten; restore versions.yml from version control",
            )
        _check_order(Registry(notice, tuple(entries)), entry, path, line)
        entries.append(entry)
        previous = entry.hash
    return Registry(notice, tuple(entries))


def _check_order(registry: Registry, entry: Entry, path: str, line: int) -> None:
    """Refuse an entry that does not fit the record before it: its days, and the version
    it refers to."""
    recorded = [e.recorded for e in registry.entries if e.recorded is not None]
    if recorded and entry.recorded is None:
        raise RegistryError(
            "entry is missing recorded (every entry after the first that records its day "
            "must record its own)",
            path,
            line,
        )
    if recorded and entry.recorded is not None and entry.recorded < recorded[-1]:
        raise RegistryError(
            f"recorded {entry.recorded} is before the previous entry's ({recorded[-1]}): "
            "entries are recorded in order, by the clock",
            path,
            line,
        )
    live = {v.effective: v for v in registry.versions()}
    withdrawn = {v.effective for v in registry.withdrawn()}
    if entry.kind == "release":
        if live and entry.effective <= max(live):
            raise RegistryError(
                f"effective date {entry.effective} is not after the previous version's "
                f"({max(live)})",
                path,
                line,
            )
        if entry.dated > entry.effective:
            raise RegistryError(
                f"published date {entry.dated} is after the effective date {entry.effective}",
                path,
                line,
            )
        backdated = entry.recorded is not None and entry.dated < entry.recorded
        if backdated and not entry.published_because:
            raise RegistryError(
                f"published date {entry.dated} is before the day the entry was recorded "
                f"({entry.recorded}), and no published-because says why",
                path,
                line,
            )
        if entry.published_because is not None and not backdated:
            raise RegistryError(
                "published-because: a reason belongs to a release published before the day "
                "it was recorded",
                path,
                line,
            )
        return
    version = live.get(entry.effective)
    if version is None:
        what = {
            "add-language": "adds a language to",
            "freeze-pdfs": "freezes PDFs of",
            "withdraw": "withdraws",
        }[entry.kind]
        state = "a withdrawn version" if entry.effective in withdrawn else "not a released version"
        raise RegistryError(f"{what} {entry.effective}, which is {state}", path, line)
    if entry.kind == "withdraw":
        if entry.recorded is not None and entry.recorded >= entry.effective:
            raise RegistryError(
                f"withdraws {entry.effective} on {entry.recorded}, when it is in effect "
                "already: a version can be withdrawn only before it takes effect",
                path,
                line,
            )
    elif entry.kind == "freeze-pdfs":
        unknown = set(entry.pdfs) - set(version.files)
        again = set(version.pdfs) & set(entry.pdfs)
        if unknown or again:
            raise RegistryError(
                f"freezes the PDF of {', '.join(sorted(unknown | again))}, which version "
                f"{entry.effective} " + ("does not have" if unknown else "has frozen already"),
                path,
                line,
            )
    else:
        again = set(version.files) & set(entry.files)
        if again:
            raise RegistryError(
                f"{', '.join(sorted(again))} is already in version {entry.effective}",
                path,
                line,
            )
    if set(entry.pdfs) - set(entry.files) and entry.kind != "freeze-pdfs":
        raise RegistryError("pdfs: a PDF of a text the entry does not freeze", path, line)


#: The keys an entry may have, besides the date its kind records.
_KEYS = {
    "kind",
    "effective",
    "recorded",
    "files",
    "pdfs",
    "without",
    "change",
    "short-notice",
    "editorial-because",
    "published-because",
    "because",
    "previous",
}


def _entry(item: object, path: str, line: int) -> Entry:
    if not isinstance(item, dict):
        raise RegistryError("an entry must be a mapping", path, line)
    kind = item.get("kind")
    if kind not in KINDS:
        raise RegistryError(
            f"unknown entry kind {quoted(kind)} (expected {', '.join(KINDS)})",
            path,
            line,
        )
    dated_key = DATED[kind]
    known = _KEYS | {dated_key}
    for key in item:
        if key not in known:
            near = difflib.get_close_matches(str(key), sorted(known), n=1)
            raise RegistryError(
                f"unknown key {quoted(key)} in a {kind} entry"
                + (f" (did you mean {near[0]}?)" if near else ""),
                path,
                line,
            )
    required: tuple[str, ...] = (
        ("effective", dated_key, "because")
        if kind == "withdraw"
        else ("effective", dated_key, "pdfs" if kind == "freeze-pdfs" else "files")
    )
    missing = [k for k in (*required, "previous") if k not in item]
    if missing:
        raise RegistryError(f"entry is missing {', '.join(missing)}", path, line)
    files = item.get("files") or {}
    pdfs = item.get("pdfs") or {}
    for name, mapping in (("files", files), ("pdfs", pdfs)):
        if not isinstance(mapping, dict) or (name in required and not mapping):
            raise RegistryError(
                f"{name} must map each language to the SHA-256 of its file", path, line
            )
        for lang, digest in mapping.items():
            if not isinstance(digest, str) or len(digest) != 64:
                raise RegistryError(
                    f"the SHA-256 of {quoted(str(lang))} is not a 64-digit hex string", path, line
                )
    if kind == "freeze-pdfs" and files:
        raise RegistryError("a freeze-pdfs entry records PDFs, not texts", path, line)
    without = item.get("without") or []
    change = item.get("change")
    if change is not None and (kind != "release" or change not in CHANGES):
        raise RegistryError(
            f"change: {quoted(change)} is not valid here (a release is material or editorial)",
            path,
            line,
        )
    short_notice = item.get("short-notice")
    if short_notice is not None and (change == "editorial" or not str(short_notice).strip()):
        raise RegistryError(
            "short-notice: a reason belongs to a material release, and must not be empty",
            path,
            line,
        )
    because = item.get("editorial-because")
    if because is not None and (change != "editorial" or not str(because).strip()):
        raise RegistryError(
            "editorial-because: a reason belongs to an editorial release, and must not be empty",
            path,
            line,
        )
    if kind == "withdraw" and (files or pdfs):
        raise RegistryError("a withdraw entry records no files", path, line)
    reasons = {}
    for key in ("published-because", "because"):
        value = item.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise RegistryError(f"{key}: the reason must not be empty", path, line)
        reasons[key] = value
    if reasons["because"] is not None and kind != "withdraw":
        raise RegistryError("because: a reason belongs to a withdraw entry", path, line)
    if reasons["published-because"] is not None and kind != "release":
        raise RegistryError("published-because: a reason belongs to a release", path, line)
    dated = _date(item[dated_key], dated_key, path, line)
    recorded = _date(item["recorded"], "recorded", path, line) if "recorded" in item else None
    return Entry(
        kind=cast(Kind, kind),  # one of KINDS, checked above
        effective=_date(item["effective"], "effective", path, line),
        dated=dated,
        recorded=recorded,
        published_because=reasons["published-because"],
        because=reasons["because"],
        files={str(k): str(v) for k, v in files.items()},
        previous=str(item["previous"] or ""),
        without=tuple(str(x) for x in without),
        change=None if change is None else cast(Change, change),  # checked above
        short_notice=None if short_notice is None else str(short_notice),
        editorial_because=None if because is None else str(because),
        line=line,
        pdfs={str(k): str(v) for k, v in pdfs.items()},
    )

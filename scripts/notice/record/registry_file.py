"""``versions.yml`` read and checked: its fields, its dates, their order and the hash chain.

Any fault is a ``RegistryError`` naming the file and the line of the entry; what is
read is a ``Registry`` (``notice.record.versions``), whose ``text()`` writes it back.
"""

from __future__ import annotations

from datetime import date
from typing import cast

import yaml

from notice.core import yamltext
from notice.record.versions import (
    CHANGES,
    KINDS,
    RECORDED,
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
            f"'{value}' is not a valid {what} date (YYYY-MM-DD)", path, line
        ) from None


def parse_registry(text: str, notice: str, path: str) -> Registry:
    """Read and validate a registry: fields, dates, order and the hash chain."""
    try:
        root = yaml.compose(text)
        data = yamltext.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RegistryError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}", path, mark.line + 1 if mark else None
        ) from exc
    if data is None:
        return Registry(notice)
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise RegistryError("the registry must be a list of entries", path, 1)
    entries: list[Entry] = []
    previous = ""
    released: dict[date, set[str]] = {}
    frozen_pdfs: dict[date, set[str]] = {}
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
        if entry.kind == "release":
            if released and entry.effective <= max(released):
                raise RegistryError(
                    f"effective date {entry.effective} is not after the previous version's "
                    f"({max(released)})",
                    path,
                    line,
                )
            if entry.recorded > entry.effective:
                raise RegistryError(
                    f"published date {entry.recorded} is after "
                    f"the effective date {entry.effective}",
                    path,
                    line,
                )
            released[entry.effective] = set(entry.files)
        elif entry.kind == "freeze-pdfs":
            if entry.effective not in released:
                raise RegistryError(
                    f"freezes PDFs of {entry.effective}, which is not a released version",
                    path,
                    line,
                )
            unknown = set(entry.pdfs) - released[entry.effective]
            again = frozen_pdfs.get(entry.effective, set()) & set(entry.pdfs)
            if unknown or again:
                raise RegistryError(
                    f"freezes the PDF of {', '.join(sorted(unknown | again))}, which version "
                    f"{entry.effective} " + ("does not have" if unknown else "has frozen already"),
                    path,
                    line,
                )
        else:
            if entry.effective not in released:
                raise RegistryError(
                    f"adds a language to {entry.effective}, which is not a released version",
                    path,
                    line,
                )
            again = released[entry.effective] & set(entry.files)
            if again:
                raise RegistryError(
                    f"{', '.join(sorted(again))} is already in version {entry.effective}",
                    path,
                    line,
                )
            released[entry.effective] |= set(entry.files)
        if set(entry.pdfs) - set(entry.files) and entry.kind != "freeze-pdfs":
            raise RegistryError("pdfs: a PDF of a text the entry does not freeze", path, line)
        frozen_pdfs.setdefault(entry.effective, set()).update(entry.pdfs)
        entries.append(entry)
        previous = entry.hash
    return Registry(notice, tuple(entries))


def _entry(item: object, path: str, line: int) -> Entry:
    if not isinstance(item, dict):
        raise RegistryError("an entry must be a mapping", path, line)
    kind = item.get("kind")
    if kind not in KINDS:
        raise RegistryError(
            f"unknown entry kind {kind!r} (expected release, add-language or freeze-pdfs)",
            path,
            line,
        )
    recorded_key = RECORDED[kind]
    required = ("effective", recorded_key, "pdfs" if kind == "freeze-pdfs" else "files")
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
                    f"the SHA-256 of '{lang}' is not a 64-digit hex string", path, line
                )
    if kind == "freeze-pdfs" and files:
        raise RegistryError("a freeze-pdfs entry records PDFs, not texts", path, line)
    without = item.get("without") or []
    change = item.get("change")
    if change is not None and (kind != "release" or change not in CHANGES):
        raise RegistryError(
            f"change: {change!r} is not valid here (a release is material or editorial)",
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
    return Entry(
        kind=cast(Kind, kind),  # one of KINDS, checked above
        effective=_date(item["effective"], "effective", path, line),
        recorded=_date(item[recorded_key], recorded_key, path, line),
        files={str(k): str(v) for k, v in files.items()},
        previous=str(item["previous"] or ""),
        without=tuple(str(x) for x in without),
        change=None if change is None else cast(Change, change),  # checked above
        short_notice=None if short_notice is None else str(short_notice),
        editorial_because=None if because is None else str(because),
        line=line,
        pdfs={str(k): str(v) for k, v in pdfs.items()},
    )

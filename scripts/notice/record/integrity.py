"""The frozen files of a registry checked against the hashes it records.

A file that is missing, or whose bytes are not those recorded, is a ``RegistryError``;
one that differs from the record only in its line endings (a checkout that converted
them) says so, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from notice.record.versions import (
    REGISTRY_NAME,
    VERSIONS_DIR,
    Entry,
    Registry,
    RegistryError,
    sha256,
)


def frozen_path(version: date | str, language: str, extension: str = "md") -> str:
    """The frozen text (or, with ``pdf``, PDF) of one language of a version, relative to
    the notice folder. ``version`` is its folder (``Version.key``: the effective date,
    or ``<date>-<n>`` for a correction of a withdrawn release) or its effective date."""
    folder = version.isoformat() if isinstance(version, date) else version
    return f"{VERSIONS_DIR}/{folder}/{language}.{extension}"


def verify_files(
    registry: Registry, files: Mapping[str, bytes | None], folder: str
) -> list[RegistryError]:
    """Every recorded file exists and has its hash; no file is there that is not recorded.

    ``files`` maps paths relative to the notice folder (``versions/<date>/<lang>.md``)
    to their bytes (None for a file that is missing).
    """
    problems: list[RegistryError] = []
    known: set[str] = set()
    for entry, version in zip(registry.entries, registry.folders(), strict=True):
        recorded = [(lang, digest, "md") for lang, digest in entry.files.items()]
        recorded += [(lang, digest, "pdf") for lang, digest in entry.pdfs.items()]
        for language, digest, extension in recorded:
            relative = frozen_path(version, language, extension)
            known.add(relative)
            data = files.get(relative)
            shown = f"{folder}/{relative}"
            if data is None:
                problems.append(
                    RegistryError(f"released file is missing (recorded in {entry.where})", shown)
                )
            elif sha256(data) != digest:
                problems.append(
                    _changed(data, digest, entry, shown)
                    if extension == "md"
                    else RegistryError(
                        f"released PDF was changed or replaced: its SHA-256 does not match "
                        f"{entry.where}",
                        shown,
                        hint=f"released PDFs are frozen; restore it with "
                        f"`git checkout HEAD -- {shown}`",
                    )
                )
    for relative in sorted(set(files) - known):
        problems.append(
            RegistryError(
                f"not recorded in {REGISTRY_NAME}: a file in versions/ that no release made",
                f"{folder}/{relative}",
            )
        )
    return problems


def _changed(data: bytes, digest: str, entry: Entry, shown: str) -> RegistryError:
    """Why a released file no longer has its hash: its line endings, or its text."""
    for converted in (data.replace(b"\r\n", b"\n"), data.replace(b"\n", b"\r\n")):
        if converted != data and sha256(converted) == digest:
            now = "CRLF" if b"\r\n" in data else "LF"
            return RegistryError(
                f"released file has other line endings ({now}) than when it was released; "
                f"its text is unchanged, but its SHA-256 no longer matches {entry.where}",
                shown,
                hint=f"restore it with `git checkout HEAD -- {shown}`; the line "
                "`docs/*/versions/** -text` in .gitattributes keeps git from converting it",
            )
    return RegistryError(
        f"released text was changed: its SHA-256 does not match {entry.where}",
        shown,
        hint="released texts are frozen; restore the file from version control",
    )

"""Errors a person can act on: ``path:line: message``, with a remedy where one exists."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class NoticeError(Exception):
    """A problem in the user's input, reported as ``path:line: message``."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def quoted(value: object, limit: int = 80) -> str:
    """Input shown in a message (a line of a file, a value of the configuration), as
    ``!r`` shows it but safe to print: text in quotes, anything else as its ``repr``,
    made ``printable``."""
    if isinstance(value, str):
        return f"'{printable(value, limit)}'"
    return printable(repr(value), limit)


def printable(text: str, limit: int = 80) -> str:
    """Text from outside (a file's, a library's message quoting one) made safe to print:
    a character that is not printable (a control character, an escape sequence, a line
    break, a bidirectional override) as its escape (``\\x1b``), letters of every script
    as they are, and cut after ``limit`` characters with ``…``. A message then never
    carries a terminal's escape sequence, a forged line of its own, or a whole file."""
    pieces = [char if char.isprintable() else repr(char)[1:-1] for char in text]
    if sum(len(piece) for piece in pieces) <= limit:
        return "".join(pieces)
    kept: list[str] = []
    room = limit - 1
    for piece in pieces:
        if len(piece) > room:
            break
        kept.append(piece)
        room -= len(piece)
    return "".join(kept) + "…"


BOM = "\ufeff"


def decode_utf8(data: bytes, display: str, error: type[NoticeError] = NoticeError) -> str:
    """Text as an editor means it: UTF-8, without a byte order mark, with ``\\n`` line
    endings (Windows editors write a BOM and CRLF; neither is part of the text).

    Bytes that are not UTF-8 are ``error`` with the line of the first bad byte.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error("not valid UTF-8", display, line, "save the file as UTF-8") from exc
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_utf8(path: Path, display: str, error: type[NoticeError] = NoticeError) -> str:
    """A text file read as ``decode_utf8`` reads it."""
    return decode_utf8(path.read_bytes(), display, error)


class SegmentError(NoticeError):
    """Markdown that cannot be split into translatable segments and put back."""


class CatalogError(NoticeError):
    """A PO file that cannot be read strictly, or is inconsistent with its template."""


class ConfigError(NoticeError):
    """A problem in ``mkdocs.yml`` or the project layout."""


class StructureError(NoticeError):
    """A translation that changes the block structure of the page."""


class NoticeErrors(NoticeError):
    """Several problems found in one pass, so the user can fix them all at once."""

    def __init__(self, errors: Sequence[NoticeError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def raise_all(problems: Sequence[NoticeError]) -> None:
    """Raise the problems found, if any: one as itself, several as ``NoticeErrors``
    (each one flattened, so that a list never nests, and said once: a folder that is a
    link stops every file read in it)."""
    flat = [e for p in problems for e in (p.errors if isinstance(p, NoticeErrors) else [p])]
    unique: dict[str, NoticeError] = {}
    for error in flat:
        unique.setdefault(str(error), error)
    flat = list(unique.values())
    if len(flat) == 1:
        raise flat[0]
    if flat:
        raise NoticeErrors(flat)

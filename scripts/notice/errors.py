"""Errors a person can act on: ``path:line: message``, with a remedy where one exists."""

from __future__ import annotations

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


def read_utf8(path: Path, display: str, error: type[NoticeError] = NoticeError) -> str:
    """A file's text; if it is not UTF-8, ``error`` names the line of the first bad byte."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error("not valid UTF-8", display, line, "save the file as UTF-8") from exc


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

    def __init__(self, errors: list[NoticeError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

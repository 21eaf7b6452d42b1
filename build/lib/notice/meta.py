"""What the templates know of a page: its metadata, built once, typed and immutable.

Every page of a build gets one ``PageMeta``. The templates read it as ``page.meta``
(``page.meta.notice`` for the notice's own fields), through ``PageMeta.for_theme``.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Links:
    """Addresses a notice page links to, relative to the site root (``en/privacy/``)."""

    history: str
    current: str
    feed: str
    draft: str | None = None
    """The draft's preview (draft builds only)."""
    draft_compare: str | None = None
    """The current version against the draft (draft builds only)."""
    previous_compare: str | None = None
    """On a version page: the comparison with the version before it."""
    current_compare: str | None = None
    """On a version page: the comparison with the current version."""


@dataclass(frozen=True)
class VersionLink:
    """One shown version, in the version picker."""

    effective: str
    effective_text: str
    status_text: str
    url: str


@dataclass(frozen=True)
class Upcoming:
    """The version that takes effect next, announced on every page of the notice."""

    effective: str
    effective_text: str
    url: str
    compare_url: str | None = None


@dataclass(frozen=True)
class Side:
    """One of the two texts of a comparison."""

    effective_text: str
    url: str
    status: str | None = None


@dataclass(frozen=True)
class Section:
    """One section of a comparison's map."""

    status: str
    status_text: str
    title: str
    old_title: str | None
    anchor: str


@dataclass(frozen=True)
class HistoryRow:
    """One version in the history table."""

    effective: str
    effective_text: str
    published_text: str
    status: str
    status_text: str
    changes: str
    changes_lang: str
    url: str
    compare_url: str | None


@dataclass(frozen=True)
class NoticeMeta:
    """The notice's own fields of a page (``page.meta.notice`` in the templates)."""

    kind: str
    """``page``, ``version``, ``history``, ``compare`` or ``draft``."""
    lang: str
    """The language of the page's text (the source language for a fallback)."""
    fallback: str | None = None
    """``incomplete`` (a draft's translation) or ``missing`` (not in this version)."""
    source_name: str = ""
    """The source language's name, in the reader's language."""
    id: str = ""
    links: Links | None = None
    versions: tuple[VersionLink, ...] = ()
    upcoming: Upcoming | None = None
    status: str | None = None
    effective: str | None = None
    effective_text: str | None = None
    published_text: str | None = None
    until_text: str | None = None
    previous_text: str | None = None
    permalink: str | None = None
    binding: str | None = None
    changes: str | None = None
    older: Side | None = None
    newer: Side | None = None
    sections: tuple[Section, ...] = ()
    identical: bool = False
    rows: tuple[HistoryRow, ...] = ()
    notice_title: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("page", "version", "history", "compare", "draft"):
            raise ValueError(f"'{self.kind}' is not a kind of page")


@dataclass(frozen=True)
class PageMeta:
    """Everything the templates read of one page."""

    title: str
    notice_id: str
    notice: NoticeMeta
    description: str | None = None

    def replace(self, **notice: Any) -> PageMeta:
        """The same metadata with some of the notice's fields set otherwise."""
        return dataclasses.replace(self, notice=dataclasses.replace(self.notice, **notice))

    def for_theme(self) -> dict[str, Any]:
        """As plain data for the theme, the title and description escaped as HTML text:
        the theme writes them into the page as they are (MkDocs does not autoescape)."""
        data = dataclasses.asdict(self)
        for key in ("title", "description"):
            if data[key] is not None:
                data[key] = html.escape(data[key], quote=True)
        if data["description"] is None:
            del data["description"]
        return data

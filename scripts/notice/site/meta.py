"""The staged site's page front matter: typed, immutable, built once per page.

This is the contract between the core and any engine. Every staged page is Markdown
whose YAML front matter is ``PageMeta.front_matter()``; the templates in ``overrides/``
read ``page.meta`` (``page.meta.notice`` for the notice's own fields) and nothing else
of ours, so MkDocs (Jinja2) and Zensical (MiniJinja) render the same data.

Rules of the contract (schema version ``SCHEMA_VERSION``):

- ``title`` and ``description`` are HTML text (escaped): themes write them as they are.
  Every other string is plain text; templates escape it (``| e``).
- Addresses (``url``, ``links.*``) are paths from the site root (``en/privacy/``); a
  template turns them into relative ones with the ``url`` filter.
- Dates are given twice: ISO (``effective``) for scripts, and formatted for the page's
  language by Babel (``effective_text``). Every sentence a template shows is already
  translated (``labels`` and the formatted fields); a template calls no function.
- Fields that do not apply to a page are left out (a template tests them with ``if``).
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from notice.record.versions import Status
from notice.site.layers import Affects, Layers

#: The version of the front matter's shape; raised when a field changes meaning or goes.
SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Fragment:
    """A piece of a translated sentence, linked when ``url`` is set (a sentence whose
    words surround links, such as "From the version of X to the version of Y.")."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class Labels:
    """The fixed words of a notice page, in the page's language."""

    translation_incomplete_title: str
    translation_incomplete: str
    translation_missing_title: str
    translation_missing: str
    draft: str
    draft_note: str
    compare_current: str
    until_then: str
    earlier_version: str
    read_current: str
    previous_compare: str
    see_changes: str
    all_versions: str
    feed: str
    draft_changes: str
    coming_title: str
    in_effect_title: str
    read_new: str
    summary: str
    identical: str
    changed_sections: str
    """The heading of a comparison's list of changes (and of its table of contents)."""
    how_to_read: str
    deleted_text: str
    inserted_text: str
    folded: str
    effective: str
    published: str
    status: str
    what_changed: str
    compare: str
    changes_previous: str
    other_versions: str
    impact: str
    """"What this means for you" (the heading of a version's ``impact``)."""
    editorial: str
    material: str
    calendar: str
    record: str
    """"The record of this version": its dates, the hash of its text, its files."""
    sha256: str
    released_text: str
    pdf: str
    address: str
    impact_lead: str = ""
    """"What this means for you:", with the language's punctuation, before the impact."""
    editorial_lead: str = ""
    """"Editorial change.", as the first words of a note on an editorial change."""
    effective_lead: str = ""
    """"Effective:" (and the two below): a history card's labels on a phone."""
    published_lead: str = ""
    status_lead: str = ""


@dataclass(frozen=True)
class Alternate:
    """The same page in another language (the language switcher)."""

    lang: str
    name: str
    url: str


@dataclass(frozen=True)
class Links:
    """Addresses a notice page links to, relative to the site root (``en/privacy/``)."""

    history: str
    current: str
    feed: str
    draft: str | None = None
    """The draft's preview (draft builds only)."""
    draft_compare: str | None = None
    """The latest release against the draft (draft builds only; ``latest_release``)."""
    calendar: str | None = None
    """The notice's effective dates as an iCalendar file."""
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
    status_remark: str = ""
    """The status in the language's parentheses: "(In effect)"."""


@dataclass(frozen=True)
class Upcoming:
    """The version that takes effect next, announced on every page of the notice."""

    effective: str
    effective_text: str
    url: str
    takes_effect: str
    """"A new version of this notice takes effect on <date>." (before that day)"""
    took_effect: str
    """The same, once the day has come (a page script swaps them on the reader's date)."""
    compare_url: str | None = None
    days_left: str | None = None
    """"37 days remain." as of ``built``; a page script hides it on any other day."""
    built: str | None = None
    """The build date (ISO)."""
    impact: str | None = None
    """What the change means for the reader (the version's ``impact``), in the page's
    language when the version has it."""


@dataclass(frozen=True)
class Side:
    """One of the two texts of a comparison."""

    effective_text: str
    url: str
    status: Status | Literal["draft"] | None = None


@dataclass(frozen=True)
class Section:
    """One section of a comparison's map."""

    status: str
    status_text: str
    title: str
    old_title: str | None
    anchor: str
    note: str | None = None
    """For a renamed section: "was <old title>"."""
    remark: str = ""
    """The status (and note) in the language's parentheses and colon: "(renamed: was
    <old title>)", "（変更）"."""


@dataclass(frozen=True)
class TocItem:
    """One entry of a page's table of contents given in its front matter (the changes of
    a comparison): the shape of the theme's own ``page.toc`` items."""

    title: str
    url: str
    children: tuple[TocItem, ...] = ()
    content: str = ""
    """The same title, where Zensical's theme reads it (``toc_item.content``)."""

    def __post_init__(self) -> None:
        if not self.content:
            object.__setattr__(self, "content", self.title)


@dataclass(frozen=True)
class HistoryRow:
    """One version in the history table."""

    effective: str
    effective_text: str
    published_text: str
    status: Status
    status_text: str
    changes: str
    changes_lang: str
    url: str
    compare_url: str | None
    change: str = "material"
    change_text: str = ""
    """"Material change" or "Editorial change"."""
    short_notice: str | None = None
    """A material change announced with less than the notice period: why (in the
    source language, as the editor wrote it), with the days given."""
    short_notice_lang: str | None = None
    changes_dir: str | None = None
    """The direction of ``changes`` where it differs from the page's (a Norwegian summary
    on an Arabic page): set on its element, so that it reads in its own order."""
    short_notice_dir: str | None = None
    affects: Affects | None = None
    """What the notice tells that this version changed (its sections' items)."""
    editorial_because: str | None = None
    """An editorial change to such a section: why it is editorial (as recorded)."""
    withdrawn: str | None = None
    """A version withdrawn before it took effect: when and why (the reason as recorded)."""
    recorded: str | None = None
    """A version published before its release was recorded here: when it was recorded
    and why (the reason as recorded), beside the published date."""
    reason_lang: str | None = None
    """The language of the recorded reasons (the source language's)."""
    reason_dir: str | None = None


@dataclass(frozen=True)
class Record:
    """A version page's record: what anyone can check against the published registry
    (``notice verify`` reads it: the ``<time>`` elements and the hash)."""

    effective: str
    published: str
    """Both ISO dates, as in ``versions.yml``."""
    effective_text: str
    published_text: str
    sha256: str
    """The SHA-256 of the text shown, as released (the file at ``source_url``)."""
    lang: str
    """The language of that text."""
    source_url: str | None
    """The text as released, from the site root (``privacy/versions/2025-09-01/en.md``);
    None in a preview, which publishes no file."""
    pdf_url: str | None = None


PageKind = Literal["page", "version", "history", "compare", "draft"]
"""What a page of a notice is; its template is chosen by it."""


@dataclass(frozen=True)
class NoticeMeta:
    """The notice's own fields of a page (``page.meta.notice`` in the templates)."""

    kind: PageKind
    lang: str
    """The language of the page's text (the source language for a fallback)."""
    text_dir: str | None = None
    """The direction of that text where it differs from the page's (``ltr`` for a
    Norwegian text shown on an Arabic page), else left out."""
    fallback: str | None = None
    """``incomplete`` (a draft's translation) or ``missing`` (not in this version)."""
    source_name: str = ""
    """The source language's name, in the reader's language."""
    id: str = ""
    links: Links | None = None
    versions: tuple[VersionLink, ...] = ()
    upcoming: Upcoming | None = None
    status: Status | Literal["draft"] | None = None
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
    """A comparison: the sections that changed, in order."""
    summary_line: str | None = None
    """A comparison: "3 of 26 sections changed: 1 added and 2 changed."."""
    toc: tuple[TocItem, ...] = ()
    """A comparison: its table of contents (the changes)."""
    identical: bool = False
    rows: tuple[HistoryRow, ...] = ()
    notice_title: str = ""
    labels: Labels | None = None
    since: str | None = None
    """A current version: "In effect since <date>."."""
    published_line: str | None = None
    """"Published <date>."."""
    takes_effect: str | None = None
    """An upcoming version: "This version takes effect on <date>."."""
    took_effect: str | None = None
    """The same once the day has come (a page script swaps them on the reader's date)."""
    earlier: str | None = None
    """An archived version: "This is an earlier version. It was in effect from ... to ..."."""
    withdrawn: str | None = None
    """A withdrawn version: "Withdrawn on <date>, before it took effect: <reason>"."""
    recorded: str | None = None
    """A version published before its release was recorded here: when and why."""
    from_to: tuple[Fragment, ...] = ()
    """A comparison: "From the version of <older> to the version of <newer>."."""
    impact: str | None = None
    """A version (or the newer text of a comparison): what it means for the reader."""
    change: str | None = None
    """A version: ``material`` or ``editorial``."""
    change_note: str | None = None
    """An editorial version: says it changes wording only."""
    days_left: str | None = None
    """An upcoming version: "37 days remain." as of ``built``."""
    built: str | None = None
    record: Record | None = None
    """A version: its dates, hash and released files."""
    layers: Layers | None = None
    """A version or a draft: its first layer and the full list of what it must say."""
    affects: Affects | None = None
    """A comparison: what the notice tells that the change affects."""

    def __post_init__(self) -> None:
        if self.kind not in ("page", "version", "history", "compare", "draft"):
            raise ValueError(f"'{self.kind}' is not a kind of page")


@dataclass(frozen=True)
class Shared:
    """What every page of one notice in one language shows alike: the notice's id, its
    links, its versions and the banner of the next one (a page may set its own)."""

    id: str
    links: Links
    versions: tuple[VersionLink, ...]
    upcoming: Upcoming | None = None


@dataclass(frozen=True)
class Comparison:
    """What a compare page says of its redline, once computed."""

    sections: tuple[Section, ...]
    """The sections that changed, in order."""
    toc: tuple[TocItem, ...]
    summary_line: str
    identical: bool


@dataclass(frozen=True)
class PageMeta:
    """Everything the templates read of one page."""

    title: str
    notice_id: str
    notice: NoticeMeta
    description: str | None = None
    lang: str = ""
    """The page's language, a BCP 47 tag (``<html lang>``): the language of its address,
    whatever language its text falls back to (that text says so with its own ``lang``)."""
    dir: str = "ltr"
    """The direction of that language (``<html dir>``, ``<body dir>``): ``ltr`` or ``rtl``."""
    csp: str = ""
    """The page's Content-Security-Policy (a ``<meta>`` element)."""
    alternates: tuple[Alternate, ...] = ()
    """This page in every language of the site, this one included."""
    schema: int = SCHEMA_VERSION

    def compared(self, comparison: Comparison) -> PageMeta:
        """The same metadata with what the redline says (a compare page, once computed)."""
        notice = dataclasses.replace(
            self.notice,
            sections=comparison.sections,
            toc=comparison.toc,
            summary_line=comparison.summary_line,
            identical=comparison.identical,
        )
        return dataclasses.replace(self, notice=notice)

    def front_matter(self) -> dict[str, Any]:
        """The page's front matter: plain data, fields that do not apply left out, the
        title and description escaped as HTML text (themes write them as they are)."""
        data = _plain(dataclasses.asdict(self))
        for key in ("title", "description"):
            if key in data:
                data[key] = html.escape(data[key], quote=True)
        return data


def _plain(value: Any) -> Any:
    """Dataclass fields as YAML-ready data: tuples as lists, ``None`` fields dropped."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Page:
    """One staged page: its path in the staged tree, its front matter, its Markdown."""

    path: str
    meta: PageMeta
    body: str

    @property
    def text(self) -> str:
        """The page as a Markdown file: front matter, then the body.

        The front matter is YAML written in JSON's notation (a YAML flow mapping, on one
        line): every engine's YAML reader reads it, and writing it costs a twentieth of
        YAML's block style, which a build paid for every page.
        """
        return f"---\n{front_matter_yaml(self.meta.front_matter())}\n---\n\n{self.body}"


def front_matter_yaml(data: dict[str, Any]) -> str:
    """``data`` as one line of YAML, in JSON's notation, that YAML 1.1 reads back as it is."""
    dumped = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


#: What JSON leaves as it is in a string but YAML 1.1 reads otherwise: C1 controls and
#: DEL are not allowed in a YAML file, and NEL, LS and PS are line breaks (folded to
#: spaces in a quoted string); the byte order mark is not allowed inside a document.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")

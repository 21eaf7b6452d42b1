"""The shape of ``versions.json``: one schema, for the build that writes it
(``notice.site.index``) and for ``notice verify``, which reads it back from any site.

The types say what each field holds; ``read_versions_json`` checks a document against
them, field by field, and names the first field that is not what the schema says.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal, TypedDict, Union

from notice.record.versions import Change, Status

#: The shape's version: 2 added the chain, the registry, the released texts, their PDFs
#: and ``in_effect_from``/``in_effect_until``; 3 the Markdown settings the pages were
#: rendered with and the registries' timestamps.
VERSIONS_JSON_SCHEMA = 3


class PdfEntry(TypedDict):
    """A language's PDF of a version."""

    url: str
    sha256: str
    frozen: bool
    """Part of the record (released with the text, its hash in the chain), or made by
    the build from the frozen text."""


class _LanguageEntry(TypedDict):
    url: str | None
    """The version's page in that language; null for a language the site no longer has
    (its text as released stays published at ``source``)."""
    sha256: str
    """Of the text as released."""
    source: str
    """Where the text as released is published."""


class LanguageEntry(_LanguageEntry, total=False):
    """A version in one language."""

    pdf: PdfEntry


class _VersionEntry(TypedDict):
    effective: str
    published: str
    status: Status | None
    kind: Change | None
    in_effect_from: str | None
    """The day it took effect; null for a version withdrawn before it did."""
    in_effect_until: str | None
    """The last day it was in effect; null while it is current or upcoming."""
    chain: str
    """The chain hash of the registry entry that released it."""
    languages: dict[str, LanguageEntry]
    unavailable: list[str]
    """Configured languages the version has no text in."""


class Disclosure(TypedDict):
    """One thing the GDPR requires the notice to say, and where this version says it."""

    item: str
    """Its stable name (``retention``: ``notice.text.disclosures.ITEMS``)."""
    article: str
    """Where the law requires it (``13(2)(a)``)."""
    anchors: list[str]
    urls: dict[str, list[str]]
    """Per language, the sections' addresses."""


class IndexFile(TypedDict):
    """A version's JSON-LD index of its disclosures."""

    url: str
    sha256: str


class VersionEntry(_VersionEntry, total=False):
    """One version of a notice."""

    short_notice: str
    """Why it took effect with less notice than the notice period."""
    editorial_because: str
    """Why an editorial change to a section that must always be communicated is
    editorial all the same."""
    disclosures: list[Disclosure]
    """Its map of GDPR disclosures (where its text has one)."""
    affects: list[str]
    """The items whose sections it changed, from the version before it."""
    index: IndexFile
    recorded: str
    """The day its release was recorded (absent from releases recorded before it was kept)."""
    published_because: str
    """Why it was published before the day it was recorded (brought in from before)."""
    withdrawn: str
    """The day it was withdrawn, before it took effect."""
    withdrawn_because: str
    """Why it was withdrawn."""


class _RegistryEntry(TypedDict):
    url: str
    head: str
    entries: int
    feeds: dict[str, str]


class Timestamp(TypedDict):
    """An RFC 3161 time-stamp token of one chain head, published beside the registry."""

    head: str
    """The chain head it stamps: its message imprint is this SHA-256 (that of the head
    entry's canonical JSON, ``notice.record.timestamps``)."""
    url: str
    """Where the token (a DER ``TimeStampResp``) is published."""


class RegistryEntry(_RegistryEntry, total=False):
    """Where a notice's registry is published, its chain head and its feeds."""

    timestamps: list[Timestamp]
    """The time-stamp tokens of heads of its chain, oldest first (where it has any)."""


class _NoticeEntry(TypedDict):
    id: str
    title: str
    titles: dict[str, str]
    versions: list[VersionEntry]


class NoticeEntry(_NoticeEntry, total=False):
    """One notice: its versions, newest first, and (once one is published) its registry."""

    registry: RegistryEntry
    withdrawn: list[VersionEntry]
    """The versions withdrawn before they took effect, in the order of withdrawal (their
    texts stay published, at their own addresses)."""


class MarkdownSettings(TypedDict):
    """How the site renders Markdown: ``markdown_extensions`` of ``mkdocs.yml`` as the
    engines use them (``notice verify`` renders each frozen text with them again)."""

    extensions: list[str]
    configs: dict[str, Any]
    """Per extension, its options (plain data)."""


class VersionsJson(TypedDict):
    """The whole document."""

    schema: int
    date: str
    site_url: str
    markdown: MarkdownSettings | None
    """Null when an extension's options are not plain data (a Python object)."""
    notices: list[NoticeEntry]


class SchemaError(ValueError):
    """A document that is not ``versions.json`` as the schema describes it."""


def versions_json_text(document: VersionsJson) -> str:
    """The document as the build writes it."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_versions_json(text: str) -> VersionsJson:
    """The document in ``text``, checked against the schema (``SchemaError`` names the
    first field that does not fit)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SchemaError(f"not JSON ({exc})") from None
    _check(data, VersionsJson, "versions.json")
    return typing.cast(VersionsJson, data)


def _check(value: Any, kind: Any, where: str) -> None:
    """``value`` is of the type ``kind``, or ``SchemaError`` names ``where`` it is not."""
    origin = typing.get_origin(kind)
    if kind is Any:
        return
    if typing.is_typeddict(kind):
        if not isinstance(value, dict):
            raise SchemaError(f"{where} is not an object")
        hints = typing.get_type_hints(kind)
        missing = sorted(kind.__required_keys__ - set(value))
        if missing:
            raise SchemaError(f"{where} has no '{missing[0]}'")
        for key, item in value.items():
            if key not in hints:
                raise SchemaError(f"{where} has a field the schema does not know: '{key}'")
            _check(item, hints[key], f"{where}.{key}")
    elif origin in (Union, types.UnionType):
        for option in typing.get_args(kind):
            try:
                _check(value, option, where)
                return
            except SchemaError:
                continue
        raise SchemaError(f"{where} is not one of {_name(kind)}: {value!r}")
    elif origin is Literal:
        if value not in typing.get_args(kind):
            raise SchemaError(f"{where} is {value!r}, not one of {typing.get_args(kind)}")
    elif origin is list:
        if not isinstance(value, list):
            raise SchemaError(f"{where} is not a list")
        (item,) = typing.get_args(kind)
        for number, element in enumerate(value):
            _check(element, item, f"{where}[{number}]")
    elif origin is dict:
        if not isinstance(value, dict):
            raise SchemaError(f"{where} is not an object")
        _, item = typing.get_args(kind)
        for key, element in value.items():
            _check(element, item, f"{where}.{key}")
    elif kind is type(None):
        if value is not None:
            raise SchemaError(f"{where} is not null")
    elif kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise SchemaError(f"{where} is not a whole number")
    elif not isinstance(value, kind):
        raise SchemaError(f"{where} is not {_name(kind)}")


def _name(kind: Any) -> str:
    return {str: "a string", bool: "true or false"}.get(kind, str(kind))

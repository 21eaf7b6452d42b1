"""Markdown -> translatable segments (pure).

A segment is one block's inline text (a heading, a paragraph, a list item, a table
cell, ...) with the exact places in the source it was read from. Rendering
(``notice.text.compose``) puts each translation back in those places, so a translated
page has the source's block structure, and identity translations give the source back
byte for byte.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from notice.core import yamltext
from notice.core.errors import SegmentError
from notice.text import facts

#: Front-matter fields that are translated with the text.
FRONT_MATTER_FIELDS = ("title", "description", "changes", "impact")


def markdown_parser() -> MarkdownIt:
    """The Markdown every source is read with: CommonMark, tables, front matter,
    admonitions, footnotes and definition lists."""
    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(front_matter_plugin)
        .use(admon_plugin)
        .use(footnote_plugin)
        .use(deflist_plugin)
    )


#: The one Markdown parser the segmenter, the checks and the links read texts with.
PARSER = markdown_parser()

# Python-Markdown's attr_list at the end of a heading: `{ #id .class key=value }`.
_ATTR = r"(?:[#.][\w:-]+|[\w:-]+=(?:\"[^\"]*\"|'[^']*'|\S+))"
_ATTR_LIST = re.compile(r"\s*\{:?\s*(" + _ATTR + r"(?:\s+" + _ATTR + r")*)\s*\}\s*$")
_ADMON_TITLE = re.compile(
    r"^(?P<head>\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s+\")(?P<title>.*)\"\s*$"
)
_TAG = re.compile(r"<[^>]*>")
_ATX_OPENING = re.compile(r"#{1,6}(?:[ \t]+|$)")  # after a container's prefix, if any

# Which container a paragraph sits in decides the block type named in the PO comment.
_CONTAINER_KIND = {
    "list_item_open": "list item",
    "blockquote_open": "quote",
    "admonition_open": "admonition",
    "footnote_open": "footnote",
    "dd_open": "definition",
}


@dataclass(frozen=True)
class Segment:
    """One translatable unit: the text of one block, and where it sits in the source."""

    text: str
    """The message id: inline Markdown verbatim, soft line breaks folded to spaces."""
    kind: str
    """The block type, e.g. ``heading``, ``paragraph``, ``list item``, ``table cell``."""
    line: int
    """1-based line of the block's first line in the source file."""
    spans: tuple[tuple[int, int], ...]
    """Character offsets of the text in the source, one span per source line."""
    continuation: str = ""
    """The prefix a new line of this block needs (list indentation, ``> ``)."""
    anchor: str | None = None
    """For a heading: its id, from an explicit ``{ #id }`` or from the source text."""
    explicit_anchor: bool = False
    """For a heading: whether the id is written in the source."""
    section: str = ""
    """The anchor of the section the block is in (empty before the first heading)."""
    field: str | None = None
    """For a front-matter segment: the field name, or for a fact's words its path
    (``facts/purposes/0/name``)."""

    def __post_init__(self) -> None:
        if not self.text:
            raise ValueError("a segment's text cannot be empty")
        if self.line < 1:
            raise ValueError(f"{self.line} is not a valid line number")


@dataclass(frozen=True)
class Document:
    """A Markdown source and its segments, in document order."""

    text: str
    path: str
    segments: tuple[Segment, ...]
    front_matter: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0
    """Offset of the first character after the front matter."""

    @property
    def messages(self) -> list[str]:
        """The distinct message ids, in order of first appearance."""
        return list(dict.fromkeys(s.text for s in self.segments))

    def to_data(self) -> dict[str, Any]:
        """The segments and front matter as JSON data (the text itself is left out)."""
        return {
            "front_matter": self.front_matter,
            "body_start": self.body_start,
            "segments": [
                [
                    s.text,
                    s.kind,
                    s.line,
                    [list(span) for span in s.spans],
                    s.continuation,
                    s.anchor,
                    s.explicit_anchor,
                    s.section,
                    s.field,
                ]
                for s in self.segments
            ],
        }

    @classmethod
    def from_data(cls, text: str, path: str, data: dict[str, Any]) -> Document:
        """The document ``to_data`` was made from, given its text back."""
        segments = tuple(
            Segment(t, k, line, tuple((a, b) for a, b in spans), cont, anchor, exp, sec, fld)
            for t, k, line, spans, cont, anchor, exp, sec, fld in data["segments"]
        )
        return cls(text, path, segments, dict(data["front_matter"]), int(data["body_start"]))


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "œ": "oe", "đ": "d", "ł": "l"})


def slugify(value: str, separator: str = "-") -> str:
    """A heading id: lower case, Latin letters folded to ASCII, other scripts kept.

    Also usable as Python-Markdown's ``toc`` ``slugify`` option.
    """
    value = unicodedata.normalize("NFKD", value.lower().translate(_FOLD))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = unicodedata.normalize("NFC", value)
    value = re.sub(r"[^\w\s-]", "", value).strip()
    return re.sub(r"[\s_-]+", separator, value) or "section"


@lru_cache(maxsize=4096)
def plain_text(inline_markdown: str) -> str:
    """The text a reader sees for a piece of inline Markdown (markup and tags removed)."""
    rendered = PARSER.renderInline(inline_markdown)
    return html.unescape(_TAG.sub("", rendered)).strip()


class _Lines:
    """Line offsets of a text, for turning (line, column) into an absolute offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts: list[int] = []
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line)
        self.starts.append(pos)

    def line(self, index: int) -> str:
        """Line ``index`` (0-based) without its line ending."""
        if index >= len(self.lines):
            return ""
        return self.lines[index].rstrip("\r\n")


def segment_markdown(text: str, path: str = "<string>") -> Document:
    """Split a Markdown text into its translatable segments, in document order."""
    lines = _Lines(text)
    tokens = PARSER.parse(text)
    segments: list[Segment] = []
    front_matter: dict[str, Any] = {}
    containers: list[str] = []
    used_anchors: set[str] = set()
    section = ""
    row_cursor = 0
    body_start = 0
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            assert token.map is not None
            body_start = lines.starts[min(token.map[1], len(lines.lines))]
            front_matter, fm_segments = _front_matter(token, lines, path)
            segments.extend(fm_segments)
        elif token.type in _CONTAINER_KIND:
            containers.append(token.type)
        elif (
            token.type.endswith("_close")
            and token.type.replace("_close", "_open") in _CONTAINER_KIND
        ):
            containers.pop()
        elif token.type == "tr_open" and token.map:
            row_cursor = lines.starts[token.map[0]]
        elif token.type == "inline" and token.content.strip():
            opener = tokens[index - 1]
            if opener.type in ("th_open", "td_open"):
                segment, row_cursor = _table_cell(token, opener, lines, row_cursor, path, section)
                segments.append(segment)
                continue
            if opener.type == "admonition_title_open":
                admon = _admonition_title(token, lines, path, section)
                if admon is not None:
                    segments.append(admon)
                continue
            kind = _kind(opener, containers)
            segment = _block(token, kind, lines, path, section)
            if kind == "heading":
                segment = _heading(segment, token, lines, used_anchors)
                section = segment.anchor or section
            segments.append(segment)
    return Document(
        text=text,
        path=path,
        segments=tuple(segments),
        front_matter=front_matter,
        body_start=body_start,
    )


def _kind(opener: Token, containers: list[str]) -> str:
    if opener.type == "heading_open":
        return "heading"
    if opener.type == "dt_open":
        return "term"
    for container in reversed(containers):
        return _CONTAINER_KIND[container]
    return "paragraph"


def _block(token: Token, kind: str, lines: _Lines, path: str, section: str) -> Segment:
    """Place a block's inline content line by line in the source."""
    assert token.map is not None
    first = token.map[0]
    content_lines = token.content.split("\n")
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    continuation = ""
    for offset, content in enumerate(content_lines):
        number = first + offset
        source = lines.line(number)
        needle = content.strip()
        pos = source.rfind(needle) if needle else -1
        opening = _ATX_OPENING.search(source) if kind == "heading" and offset == 0 else None
        if opening and source.startswith(needle, opening.end()):
            pos = opening.end()  # not in a closing sequence: `# # #` is a heading `#`
        if pos < 0:
            raise SegmentError(
                f"cannot place this {kind} in the source: {needle[:60]!r}",
                path,
                number + 1,
                "write the block without tabs or lazy continuation lines",
            )
        start = lines.starts[number] + pos
        spans.append((start, start + len(needle)))
        if offset == 1:
            continuation = source[:pos]
        last = offset == len(content_lines) - 1
        if last:
            parts.append(needle)
        elif content.endswith("  ") or needle.endswith("\\"):
            parts.append(needle + "\n")
        else:
            parts.append(needle + " ")
    if len(content_lines) == 1:
        source = lines.line(first)
        pos = spans[0][0] - lines.starts[first]
        continuation = re.sub(r"[^>\s]", " ", source[:pos])
    return Segment(
        text="".join(parts),
        kind=kind,
        line=first + 1,
        spans=tuple(spans),
        continuation=continuation,
        section=section,
    )


def _heading(segment: Segment, token: Token, lines: _Lines, used: set[str]) -> Segment:
    """Split a trailing attribute list off a heading and give it a stable anchor."""
    text = segment.text
    spans = list(segment.spans)
    explicit: str | None = None
    match = _ATTR_LIST.search(text)
    if match:
        explicit = next(
            (a[1:] for a in match.group(1).split() if a.startswith("#")),
            None,
        )
        cut = len(text) - match.start()
        start, end = spans[-1]
        spans[-1] = (start, end - cut)
        text = text[: match.start()]
        if not text.strip():
            raise SegmentError("a heading has an attribute list but no text", None, segment.line)
    anchor = explicit or _unique(slugify(plain_text(text)), used)
    used.add(anchor)
    return Segment(
        text=text,
        kind=segment.kind,
        line=segment.line,
        spans=tuple(spans),
        continuation=segment.continuation,
        anchor=anchor,
        explicit_anchor=explicit is not None or match is not None,
        section=anchor,
    )


def _unique(anchor: str, used: set[str]) -> str:
    if anchor not in used:
        return anchor
    n = 1
    while f"{anchor}_{n}" in used:
        n += 1
    return f"{anchor}_{n}"


def _table_cell(
    token: Token, opener: Token, lines: _Lines, cursor: int, path: str, section: str
) -> tuple[Segment, int]:
    """Place a table cell in its row, from left to right."""
    assert token.map is not None
    number = token.map[0]
    row_end = lines.starts[number] + len(lines.line(number))
    content = token.content.strip()
    for needle in (content, content.replace("|", "\\|")):
        pos = lines.text.find(needle, cursor, row_end)
        if pos >= 0:
            kind = "table header" if opener.type == "th_open" else "table cell"
            segment = Segment(
                text=needle,
                kind=kind,
                line=number + 1,
                spans=((pos, pos + len(needle)),),
                section=section,
            )
            return segment, pos + len(needle)
    raise SegmentError(
        f"cannot place this table cell in its row: {content[:60]!r}", path, number + 1
    )


def _admonition_title(token: Token, lines: _Lines, path: str, section: str) -> Segment | None:
    """The quoted title of an admonition (``!!! note "Title"``), if it has one."""
    assert token.map is not None
    number = token.map[0]
    source = lines.line(number)
    match = _ADMON_TITLE.match(source)
    if not match or not match.group("title").strip():
        return None
    start = lines.starts[number] + match.start("title")
    title = match.group("title")
    return Segment(
        text=title,
        kind="admonition title",
        line=number + 1,
        spans=((start, start + len(title)),),
        section=section,
    )


def _front_matter(token: Token, lines: _Lines, path: str) -> tuple[dict[str, Any], list[Segment]]:
    """The YAML front matter as data, and its translatable fields as segments."""
    assert token.map is not None
    begin = lines.starts[token.map[0] + 1]
    end = lines.starts[token.map[1] - 1]
    source = lines.text[begin:end]
    try:
        root = yaml.compose(source)
        data = yamltext.load(source)
    except yaml.YAMLError as exc:
        # Where the broken construct starts is more useful than where YAML gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = token.map[0] + 2 + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SegmentError(f"invalid front matter: {problem}", path, line) from exc
    if data is None:
        return {}, []
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise SegmentError("front matter must be a mapping of fields", path, token.map[0] + 1)
    segments = []
    for key_node, value_node in root.value:
        name = key_node.value
        if name not in FRONT_MATTER_FIELDS:
            continue
        line = token.map[0] + 2 + key_node.start_mark.line
        if not isinstance(value_node, yaml.ScalarNode) or not isinstance(data.get(name), str):
            raise SegmentError(f"front matter field '{name}' must be text", path, line)
        value = data[name].strip()
        if not value:
            continue
        start = begin + value_node.start_mark.index
        stop = begin + value_node.end_mark.index
        segments.append(
            Segment(
                text=value,
                kind=f"front matter: {name}",
                line=line,
                spans=((start, stop),),
                field=name,
            )
        )
    for path, node in facts.text_nodes(root):
        segments.append(
            Segment(
                text=str(data_at(data[facts.FIELD], path)).strip(),
                kind="fact: " + " ".join(p for p in path.split("/") if not p.isdigit()),
                line=token.map[0] + 2 + node.start_mark.line,
                spans=((begin + node.start_mark.index, begin + node.end_mark.index),),
                field=f"{facts.FIELD}/{path}",
            )
        )
    return data, segments


def data_at(data: Any, path: str) -> Any:
    """The value at ``path`` (``facts/purposes/0/name``) in nested mappings and lists."""
    for step in path.split("/"):
        data = data[int(step)] if isinstance(data, list) else data[step]
    return data

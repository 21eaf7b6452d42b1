"""A segmented document put back together: its Markdown with translations in place of
its source texts (pure).

Each segment is replaced by its translation where the table has one, at the exact
place it was cut from, so what lies between segments (containers' prefixes, markup,
blank lines) is kept byte for byte; ``render_page`` gives the front matter and the body
of a page, headings with their anchors.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from notice.text.segment import Document, Segment


def render_markdown(
    document: Document,
    translations: Mapping[str, str],
    *,
    anchors: bool = False,
    fields: Mapping[str, str] | None = None,
) -> str:
    """The source with each segment's text replaced in place by its translation.

    A segment without a translation keeps its source text. Every segment is substituted,
    translated or not, so that rendering the source's own texts proves the substitution:
    it gives the source back byte for byte. With ``anchors``, every heading without an
    explicit id gets its source-language id written out, so the ids are the same in
    every language.
    """
    edits: list[tuple[int, int, str]] = []
    text = document.text
    for segment in document.segments:
        table = fields if segment.field is not None and fields is not None else translations
        translated = table.get(segment.text) or segment.text
        if segment.field is not None:
            if translated != segment.text:
                start, stop = segment.spans[0]
                tail = "\n" if text[start:stop].endswith("\n") else ""
                edits.append((start, stop, json.dumps(translated, ensure_ascii=False) + tail))
            continue
        suffix = ""
        if anchors and segment.kind == "heading" and not segment.explicit_anchor:
            suffix = f" {{ #{segment.anchor} }}"
        if translated == segment.text and len(segment.spans) > 1:
            # Untranslated, the block keeps its lines: each gets its own part of the text.
            pos = 0
            for index, (start, end) in enumerate(segment.spans):
                part = translated[pos : pos + end - start]
                pos += end - start + 1  # and the space or line break that joined the lines
                last = index == len(segment.spans) - 1
                edits.append((start, end, part + suffix if last else part))
            continue
        first_start, first_end = segment.spans[0]
        new_lines = translated.split("\n")
        replacement = ("\n" + segment.continuation).join(
            line + ("  " if i < len(new_lines) - 1 and not line.endswith("\\") else "")
            for i, line in enumerate(new_lines)
        )
        if len(segment.spans) == 1:
            edits.append((first_start, first_end, replacement + suffix))
            continue
        # Several source lines: the whole translation goes on the first one, and the
        # continuation lines of the block are removed entirely.
        edits.append((first_start, first_end, replacement + suffix))
        for start, end in segment.spans[1:]:
            begin = text.rfind("\n", 0, start)
            stop = text.find("\n", end)
            edits.append((begin, len(text) if stop < 0 else stop, ""))
    return apply_edits(text, edits)


def render_page(
    document: Document,
    translations: Mapping[str, str],
    *,
    anchors: bool = True,
    fields: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], str]:
    """The translated front matter (as data) and the translated body, apart.

    ``fields`` translates the front matter, when it needs other text than the body.
    """
    data = copy.deepcopy(dict(document.front_matter))
    for segment in document.segments:
        if segment.field is not None:
            table = translations if fields is None else fields
            *parents, last = segment.field.split("/")
            target: Any = data
            for step in parents:
                target = target[int(step)] if isinstance(target, list) else target[step]
            key: Any = int(last) if isinstance(target, list) else last
            target[key] = table.get(segment.text) or segment.text
    body = Document(
        text=document.text[document.body_start :],
        path=document.path,
        segments=tuple(
            _shift(s, -document.body_start) for s in document.segments if s.field is None
        ),
    )
    return data, render_markdown(body, translations, anchors=anchors)


def _shift(segment: Segment, delta: int) -> Segment:
    spans = tuple((a + delta, b + delta) for a, b in segment.spans)
    return replace(segment, spans=spans)


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with each ``(start, stop, replacement)`` applied; edits must not overlap."""
    out: list[str] = []
    pos = 0
    for start, stop, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise AssertionError("overlapping edits")
        out.append(text[pos:start])
        out.append(replacement)
        pos = stop
    out.append(text[pos:])
    return "".join(out)

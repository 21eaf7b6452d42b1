"""Round-trip properties of segmenting and rendering, shared by the unit and fuzz tests.

Rendering with the source's own texts goes through the substitution (every segment is
replaced), so ``render(source texts) == source`` proves the substitution, not a skip.
Rendering real, different translations and segmenting the result must give back exactly
those translations, in the same blocks.
"""

from __future__ import annotations

import itertools

import yaml

from notice.text.compose import render_markdown
from notice.text.segment import Document, segment_markdown

_ACCENTED = str.maketrans("aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ")


def assert_spans_hold_the_text(document: Document) -> None:
    """Every segment's spans in the source are its text, line by line: joined by the
    one space (a soft break) or line break (a hard break) that folds them; and the
    segments come in document order, none overlapping another."""
    spans = [span for segment in document.segments for span in segment.spans]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "segments out of order"
    for segment in document.segments:
        pieces = [document.text[start:end] for start, end in segment.spans]
        if segment.field is not None:
            value = yaml.safe_load(pieces[0])
            assert isinstance(value, str), segment
            assert value.strip() == segment.text, segment
            continue
        pos = 0
        for index, piece in enumerate(pieces):
            assert segment.text.startswith(piece, pos), (segment, piece)
            pos += len(piece)
            if index < len(pieces) - 1:
                assert segment.text[pos] in " \n", (segment, pos)
                pos += 1
        assert pos == len(segment.text), segment


def assert_identity(document: Document) -> None:
    """The source's own texts, substituted for every segment, give the source back."""
    rendered = render_markdown(document, {s.text: s.text for s in document.segments})
    assert rendered == document.text


def pseudo_translation(text: str) -> str:
    """A different text that keeps the inline Markdown of ``text``: vowels accented and
    a word put in front, so that every offset after it moves."""
    return "Ṫŕ " + text.translate(_ACCENTED)


def assert_translations_come_back(
    document: Document, table: dict[str, str], *, anchors: bool = True
) -> None:
    """Rendering ``table`` and segmenting the result gives back exactly its texts, in the
    same kinds of block, in the same order, under the source's heading anchors."""
    rendered = render_markdown(document, table, anchors=anchors, fields=table)
    again = segment_markdown(rendered, document.path)
    assert [(s.kind, s.text) for s in again.segments] == [
        (s.kind, table.get(s.text) or s.text) for s in document.segments
    ]
    if anchors:
        assert [s.anchor for s in again.segments] == [s.anchor for s in document.segments]

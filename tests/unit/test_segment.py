"""Segmenting Markdown into messages and rendering translations back in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notice.core.errors import SegmentError
from notice.text.compose import render_markdown, render_page
from notice.text.segment import segment_markdown, slugify
from tests.conftest import REPO, corpus_files
from tests.roundtrip import (
    assert_spans_hold_the_text,
    assert_translations_come_back,
    pseudo_translation,
)


def texts(markdown: str) -> list[tuple[str, str, int]]:
    return [(s.kind, s.text, s.line) for s in segment_markdown(markdown).segments]


def identity(markdown: str) -> str:
    """The source's own texts put back through the substitution, with every segment's
    spans checked against its text first."""
    document = segment_markdown(markdown)
    assert_spans_hold_the_text(document)
    return render_markdown(document, {s.text: s.text for s in document.segments})


def test_one_message_per_block_with_type_and_line() -> None:
    source = "# Title\n\nFirst *para*\ncontinues.\n\n- item one\n- item **two**\n"
    assert texts(source) == [
        ("heading", "Title", 1),
        ("paragraph", "First *para* continues.", 3),
        ("list item", "item one", 6),
        ("list item", "item **two**", 7),
    ]


def test_inline_markdown_is_kept_verbatim() -> None:
    source = 'See [the *law*](https://lovdata.no/ "Lovdata") and `code` and <abbr>EØS</abbr>.\n'
    assert texts(source) == [("paragraph", source.strip(), 1)]


def test_soft_breaks_fold_to_spaces_and_hard_breaks_stay() -> None:
    source = "one\n   two  \nthree\\\nfour\n"
    assert texts(source) == [("paragraph", "one two\nthree\\\nfour", 1)]


def test_code_html_and_link_definitions_are_not_extracted() -> None:
    source = (
        "```\nnot text\n```\n\n    indented code\n\n<div>\nraw html\n</div>\n\n"
        "[ref]: https://example.org\n\nText with [ref].\n\n<!-- a comment -->\n"
    )
    assert texts(source) == [("paragraph", "Text with [ref].", 13)]


def test_tables_admonitions_footnotes_definitions_quotes() -> None:
    source = (
        '!!! note "Kort fortalt"\n\n    Body text.\n\n'
        "| A | B \\| C |\n|---|---|\n| x |  |\n\n"
        "> quoted\n> text\n\n"
        "Term\n:   Definition\n\n"
        "Note[^1].\n\n[^1]: The footnote.\n"
    )
    assert texts(source) == [
        ("admonition title", "Kort fortalt", 1),
        ("admonition", "Body text.", 3),
        ("table header", "A", 5),
        ("table header", "B \\| C", 5),
        ("table cell", "x", 7),
        ("quote", "quoted text", 9),
        ("term", "Term", 12),
        ("definition", "Definition", 13),
        ("paragraph", "Note[^1].", 15),
        ("footnote", "The footnote.", 17),
    ]


def test_front_matter_fields_are_segments_with_their_lines() -> None:
    source = (
        "---\ntitle: Tittel\nlayout: x\ndescription: Kort.\nchanges: |\n  Endret.\n---\n\nTekst.\n"
    )
    assert texts(source) == [
        ("front matter: title", "Tittel", 2),
        ("front matter: description", "Kort.", 4),
        ("front matter: changes", "Endret.", 5),
        ("paragraph", "Tekst.", 9),
    ]


def test_heading_attribute_list_is_kept_out_of_the_message() -> None:
    document = segment_markdown("## Dine rettigheter { #rights }\n\n## Sikkerhet\n\n## Sikkerhet\n")
    assert [(s.text, s.anchor, s.explicit_anchor) for s in document.segments] == [
        ("Dine rettigheter", "rights", True),
        ("Sikkerhet", "sikkerhet", False),
        ("Sikkerhet", "sikkerhet_1", False),
    ]


def test_translated_headings_keep_the_source_anchor() -> None:
    document = segment_markdown("## Overføring til land utenfor EØS\n\nTekst.\n")
    rendered = render_markdown(
        document, {"Overføring til land utenfor EØS": "Transfers outside the EEA"}, anchors=True
    )
    assert rendered.startswith(
        "## Transfers outside the EEA { #overforing-til-land-utenfor-eos }\n"
    )


def test_multi_line_block_in_a_list_is_replaced_on_one_line() -> None:
    source = "- første linje\n  andre linje\n- neste\n\nEtter.\n"
    document = segment_markdown(source)
    rendered = render_markdown(document, {"første linje andre linje": "first line"})
    assert rendered == "- first line\n- neste\n\nEtter.\n"


def test_hard_break_in_translation_gets_the_block_prefix() -> None:
    document = segment_markdown("> sitat\n")
    assert render_markdown(document, {"sitat": "one\ntwo"}) == "> one  \n> two\n"


def test_front_matter_translation_is_valid_yaml() -> None:
    source = "---\ntitle: Tittel\nchanges: |\n  Linje.\nother: 1\n---\n\nTekst.\n"
    document = segment_markdown(source)
    front, body = render_page(document, {"Tittel": 'A "quoted": title', "Linje.": "Line."})
    assert front == {"title": 'A "quoted": title', "changes": "Line.", "other": 1}
    assert body == "\nTekst.\n"
    again = segment_markdown(render_markdown(document, {"Tittel": "T: x", "Linje.": "L"}))
    assert again.front_matter == {"title": "T: x", "changes": "L", "other": 1}


def test_unplaceable_markdown_is_an_error_with_file_and_line() -> None:
    with pytest.raises(SegmentError) as caught:
        segment_markdown("---\ntitle: [unclosed\n---\n", "docs/x/draft.md")
    assert str(caught.value).startswith("docs/x/draft.md:2: invalid front matter")


def test_front_matter_title_must_be_text() -> None:
    with pytest.raises(SegmentError) as caught:
        segment_markdown("---\ntitle:\n  - a\n---\n", "d.md")
    assert str(caught.value) == "d.md:2: front matter field 'title' must be text"


def test_slugify_folds_latin_and_keeps_other_scripts() -> None:
    assert slugify("Hvor lenge vi lagrer opplysningene?") == "hvor-lenge-vi-lagrer-opplysningene"
    assert slugify("Überblick: Größe") == "uberblick-grosse"
    assert slugify("Права субъекта") == "права-субъекта"


def sample_documents() -> list[Path]:
    """Every Markdown page of the sample, drafts and released texts."""
    return sorted((REPO / "docs").rglob("*.md"))


@pytest.mark.parametrize(
    "path", sample_documents(), ids=lambda p: p.relative_to(REPO / "docs").as_posix()
)
def test_sample_notices_round_trip_byte_for_byte(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert identity(source) == source


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_real_corpus_round_trips_byte_for_byte(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    document = segment_markdown(source, str(path))
    assert len(document.segments) > 50
    assert identity(source) == source


@pytest.mark.parametrize(
    "path",
    [*corpus_files(), *sample_documents()],
    ids=lambda p: p.stem if p.parent.name == "corpus" else p.relative_to(REPO).as_posix(),
)
def test_real_translations_come_back_in_the_same_blocks(path: Path) -> None:
    document = segment_markdown(path.read_text(encoding="utf-8"), str(path))
    table = {text: pseudo_translation(text) for text in document.messages}
    assert_translations_come_back(document, table)


def test_a_multi_line_block_is_substituted_line_by_line() -> None:
    source = "- første linje\n  andre  \n  tredje\n"
    document = segment_markdown(source)
    (segment,) = document.segments
    assert segment.text == "første linje andre\ntredje"
    assert render_markdown(document, {segment.text: segment.text}) == source
    assert render_markdown(document, {segment.text: "one\ntwo"}) == "- one  \n  two\n"


# --- properties -----------------------------------------------------------------------

_word = st.text(alphabet="abcæøå ABC*_`[]()!#|\\<>&%{}", min_size=1, max_size=12).filter(
    lambda w: w.strip() != ""
)
_line = st.lists(_word, min_size=1, max_size=5).map(" ".join)


def _block(kind: str, lines: list[str]) -> str:
    if kind == "paragraph":
        return "\n".join(lines)
    if kind == "heading":
        return "## " + " ".join(lines)
    if kind == "list":
        return "\n".join(f"- {line}" for line in lines)
    if kind == "ordered":
        return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))
    if kind == "quote":
        return "\n".join(f"> {line}" for line in lines)
    if kind == "admonition":
        return '!!! note "Merk"\n\n' + "\n".join(f"    {line}" for line in lines)
    return "```\n" + "\n".join(lines) + "\n```"


_blocks = st.lists(
    st.tuples(
        st.sampled_from(["paragraph", "heading", "list", "ordered", "quote", "admonition", "code"]),
        st.lists(_line, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_blocks, st.sampled_from(["\n", "\r\n"]))
def test_identity_round_trip_on_generated_markdown(blocks: list, newline: str) -> None:
    source = "\n\n".join(_block(kind, lines) for kind, lines in blocks) + "\n"
    source = source.replace("\n", newline)
    assert identity(source) == source


_safe_word = st.text(alphabet="abcdefghæøåABCXYZ0123456789.,;:?!'", min_size=1, max_size=10)


@st.composite
def _translation(draw: st.DrawFn, multi_line: bool) -> str:
    """A different text with balanced inline Markdown, on one line or several."""
    words = draw(st.lists(_safe_word, min_size=1, max_size=6))
    marked = []
    for word in words:
        mark = draw(st.sampled_from(["", "", "**", "*", "`", "link"]))
        marked.append(
            f"[{word}](https://example.org/{len(word)})"
            if mark == "link"
            else (f"{mark}{word}{mark}")
        )
    text = " ".join(marked)
    # A second line that starts with a letter: one that starts with ": " or "1. " would be
    # block markup (a definition, a list), a structure change the checks refuse.
    breaks = [i for i in range(1, len(marked)) if marked[i][:1].isalpha()]
    if multi_line and len(marked) > 2 and breaks and draw(st.booleans()):
        at = breaks[0]
        text = " ".join(marked[:at]) + "\n" + " ".join(marked[at:])
    return text if text[:1] not in ":0123456789" else "a " + text


_ONE_LINE_KINDS = ("heading", "table cell", "table header", "admonition title", "term")


@settings(max_examples=200, deadline=None)
@given(_blocks, st.data())
def test_translations_land_in_their_own_blocks(blocks: list, data: st.DataObject) -> None:
    source = "\n\n".join(_block(kind, lines) for kind, lines in blocks) + "\n"
    document = segment_markdown(source)
    one_line = {s.text for s in document.segments if s.kind in _ONE_LINE_KINDS}
    translated = {text: data.draw(_translation(text not in one_line)) for text in document.messages}
    assert_translations_come_back(document, translated)


_pieces = st.sampled_from(
    [
        *"ab #>-*_|`[]():!\\\t\n\n\n  1.{}<>=~+\"'",
        "---",
        '!!! note "T"',
        "    ",
        "|---|",
        "```",
        "<div>",
        "&amp;",
        "æ",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_pieces, max_size=40).map("".join))
def test_any_text_round_trips_or_is_refused_and_substitution_keeps_blocks(source: str) -> None:
    try:
        document = segment_markdown(source)
    except SegmentError:
        return
    assert_spans_hold_the_text(document)
    assert render_markdown(document, {}) == source
    rendered = render_markdown(document, {t: f"T{n}" for n, t in enumerate(document.messages)})
    assert [s.kind for s in segment_markdown(rendered).segments] == [
        s.kind for s in document.segments
    ]


@pytest.mark.parametrize(
    ("source", "text", "rendered"),
    [
        ("# # #\n", "#", "# X #\n"),
        ("> ## # ##\n", "#", "> ## X ##\n"),
        ("## a ## b ##\n", "a ## b", "## X ##\n"),
    ],
)
def test_a_heading_is_placed_before_its_closing_sequence(
    source: str, text: str, rendered: str
) -> None:
    document = segment_markdown(source)
    assert [s.text for s in document.segments] == [text]
    assert render_markdown(document, {text: "X"}) == rendered


def test_front_matter_gives_segments_of_its_own_keys_and_of_text_only() -> None:
    """A title merged in from an anchor (``<<: *d``) is not the page's own field, and a
    date among the facts is not text to translate: neither is a segment."""
    merged = "---\ndefaults: &d {title: Hello}\n<<: *d\ndescription: A text.\n---\n\nBody.\n"
    assert [s.kind for s in segment_markdown(merged, "x.md").segments] == [
        "front matter: description",
        "paragraph",
    ]
    dated = (
        "---\ntitle: T\nfacts:\n  retention:\n    - data: 2025-01-01\n"
        "      after: 2025-01-01 10:00:00\n---\n\nBody.\n"
    )
    assert [s.kind for s in segment_markdown(dated, "x.md").segments] == [
        "front matter: title",
        "paragraph",
    ]

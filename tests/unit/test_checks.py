"""The block-structure check that keeps a translation from breaking its page."""

from __future__ import annotations

from notice.checks import block_skeleton, markdown_renderer, structure_breaker
from notice.segment import segment_markdown

TO_HTML = markdown_renderer(["admonition", "attr_list", "tables", "def_list", "footnotes"])
SOURCE = "## Tittel\n\nFørste avsnitt.\n\n- punkt\n\n| A | B |\n|---|---|\n| x | y |\n"


def test_skeleton_lists_block_tags_only() -> None:
    assert block_skeleton("<p>a <em>b</em></p><ul><li>c</li></ul>") == [
        "<p>",
        "</p>",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
    ]


def test_faithful_translation_passes() -> None:
    document = segment_markdown(SOURCE)
    good = {"Tittel": "Title", "Første avsnitt.": "First *paragraph*.", "punkt": "item", "x": "z"}
    assert structure_breaker(document, good, TO_HTML) is None


def test_translation_that_adds_blocks_is_named() -> None:
    document = segment_markdown(SOURCE)
    for bad in ("- a list now", "# A heading now", "Two\n\nparagraphs", "> quoted"):
        broken = structure_breaker(document, {"Tittel": "Title", "Første avsnitt.": bad}, TO_HTML)
        assert broken is not None, bad
        assert broken.text == "Første avsnitt.", bad


def test_table_cell_with_a_pipe_is_named() -> None:
    document = segment_markdown(SOURCE)
    broken = structure_breaker(document, {"x": "one | two"}, TO_HTML)
    assert broken is not None
    assert broken.kind == "table cell"

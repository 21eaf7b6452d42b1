"""The block-structure check that keeps a translation from breaking its page."""

from __future__ import annotations

from pathlib import Path

import pytest

from notice.project.config import load_project
from notice.text.checks import check_translation
from notice.text.markdown import block_skeleton, markdown_renderer, structure_breaker
from notice.text.segment import segment_markdown

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


@pytest.mark.parametrize(
    ("source", "translation", "found"),
    [
        ("Vi bruker data.", "**We use data.", "2 unpaired '*' (the source has 0)"),
        ("Se [lenke](x).", "See [link](x).", None),
        ("Se [lenke](x).", "See [link] (x).", "1 unpaired '[' (the source has 0)"),
        ("Tekst `kode`.", "Text `kode` and `.", "1 unpaired '`' (the source has 0)"),
        ("Felt med * er påkrevd.", "Fields with * are required.", None),
        ("Skriv `a_b`.", "Write `a_b`.", None),
        ("Tekst.", "Text with \\*escaped\\* stars.", None),
        ("Tekst.", "Text with _one.", "1 unpaired '_' (the source has 0)"),
    ],
)
def test_markdown_that_would_show_as_typed_is_reported(
    source: str, translation: str, found: str | None
) -> None:
    messages = [m for _, m in check_translation(source, translation) if "unbalanced" in m]
    if found is None:
        assert messages == []
    else:
        assert len(messages) == 1
        assert found in messages[0]
        assert check_translation(source, translation, {"ignore-markdown"}) == [
            finding
            for finding in check_translation(source, translation)
            if "unbalanced" not in finding[1]
        ]


def test_the_one_renderer_reads_mkdocs_yml_as_mkdocs_does(sample: Path) -> None:
    """Check, release and build render with the extensions MkDocs reads from
    ``mkdocs.yml``, in its order, and with their options (the sample's
    ``toc: permalink``)."""
    from mkdocs.config import load_config

    project = load_project(sample / "mkdocs.yml")
    config = load_config(str(project.config_file))
    assert list(project.markdown_extensions) == config.markdown_extensions
    assert project.mdx_configs == config.mdx_configs
    assert config.mdx_configs["toc"]["permalink"] is True
    html = project.markdown_renderer()("## Tittel\n")
    assert 'class="headerlink"' in html

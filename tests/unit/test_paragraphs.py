"""Paragraphs converted once per language (``notice.engines.paragraphs``): a page rendered
with the paragraphs of the pages before it is the page MkDocs renders, byte for byte,
whatever its Markdown holds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.pages import Page

from notice.engines.rendered import RenderedPages
from notice.text.markdown import with_site_extensions

#: Pages at three depths: a relative link resolves differently on each.
PAGES = ("en/index.md", "en/privacy/compare/a/b/index.md", "en/privacy/versions/a/index.md")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[MkDocsConfig, Files]:
    docs = tmp_path_factory.mktemp("paragraphs") / "docs"
    for name in (*PAGES, "en/other.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Other\n\n## Part { #part }\n", encoding="utf-8")
    config = load_config(
        config_file=None,
        site_name="t",
        docs_dir=str(docs),
        markdown_extensions=[
            {"toc": {"permalink": True}},
            *(name for name in with_site_extensions([]) if name != "toc"),
        ],
    )
    return config, get_files(config)


def _render(
    config: MkDocsConfig, files: Files, name: str, text: str, rendered: RenderedPages | None
) -> tuple[Any, ...]:
    file = files.get_file_from_path(name)
    assert file is not None
    page = Page(None, file, config)
    page.markdown = text
    if rendered is not None:
        rendered.take(page)
    page.render(config, files)
    links = {f.src_uri: a for f, a in (page.links_to_anchors or {}).items()}
    return (
        page.content,
        [(item.id, item.level, item.title, len(item.children)) for item in page.toc],
        page._title_from_render,
        sorted(page.present_anchor_ids or ()),
        links,
    )


def _same(site: tuple[MkDocsConfig, Files], texts: list[str]) -> RenderedPages:
    """Render each text on each page, whole and with the paragraphs of those before."""
    config, files = site
    rendered = RenderedPages(None)
    for text in texts:
        for name in PAGES:
            assert _render(config, files, name, text, rendered) == _render(
                config, files, name, text, None
            ), (name, text)
    return rendered


_WORD = st.sampled_from(["Data", "we", "keep", "you", "ID", "name", "1.", "a-b", "x_y", "*", "&"])
_INLINE = st.sampled_from(
    [
        "*kept*",
        "**all**",
        "`code`",
        "<del>old</del>",
        '<span class="notice-sr">Deleted: </span>',
        "<ins>new <em>text</em></ins>",
        "[the address](https://example.org/a)",
        "[another page](other.md)",
        "[its part](other.md#part)",
        "[here](#part)",
        "[a reference][ref]",
        "[ref]",
        "a note[^1]",
        '<a id="here"></a>',
        '<a name="there">x</a>',
        "{ .class }",
        "[TOC]",
        "<https://example.org>",
        "![a picture](https://example.org/p.png)",
        "\\[not a link]",
    ]
)
_LINE = st.lists(st.one_of(_WORD, _INLINE), min_size=1, max_size=8).map(" ".join)
_PARAGRAPH = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)
_OTHER = st.sampled_from(
    [
        "## A heading { #a-heading }",
        "### Who we are",
        "- one\n- two",
        "1. first\n2. second",
        "- loose\n\n- list",
        "    indented code",
        "Term",
        ": its definition",
        "```\nfenced\n\nstill fenced\n```",
        "<div>\n\nraw paragraph\n\n</div>",
        '<details class="notice-unchanged" markdown="1">\n<summary>Folded</summary>',
        "</details>",
        '<p class="notice-next"><a href="#part">Next change</a></p>',
        "| a | b |\n|---|---|\n| c | d |",
        "!!! note\n    inside a box\n\n    still inside",
        "> quoted",
        "---",
        "<!-- a comment -->",
        "<!--\na comment opened",
        "and closed -->",
        "Setext\n======",
        "[ref]: https://example.org/ref",
        "[^1]: The note.",
        "  two spaces in",
        "\tTab",
    ]
)
_DOCUMENT = st.lists(st.one_of(_PARAGRAPH, _PARAGRAPH, _OTHER), min_size=1, max_size=10)
_SEPARATOR = st.sampled_from(["\n\n", "\n\n", "\n\n\n", "\n", "\r\n\r\n", "\n  \n"])


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(blocks=_DOCUMENT, separators=st.lists(_SEPARATOR, min_size=10, max_size=10), data=st.data())
def test_a_page_renders_as_mkdocs_renders_it(
    site: tuple[MkDocsConfig, Files],
    blocks: list[str],
    separators: list[str],
    data: st.DataObject,
) -> None:
    """Any mix of paragraphs (inline tags, links of every kind, references, notes,
    attribute lists, anchors) and other blocks (definitions, fences, raw HTML, folded
    sections, boxes, tables), rendered on pages at three depths, then again in another
    order (so that paragraphs are taken from before): MkDocs' page every time (its HTML,
    table of contents, title, anchors and links)."""
    text = "".join(b + s for b, s in zip(blocks, separators, strict=False))
    shuffled = data.draw(st.permutations(blocks))
    _same(site, [text, "\n\n".join(shuffled), text])


def test_the_paragraphs_of_the_pages_before_are_taken(site: tuple[MkDocsConfig, Files]) -> None:
    """The texts of two versions share paragraphs: the page of the second converts only
    the paragraph it has new (and renders as MkDocs does)."""
    config, files = site
    shared = [f"Paragraph {n}: <del>gone</del> and [a link](https://x.org/{n})." for n in range(6)]
    first = "# Notice\n\n" + "\n\n".join(shared)
    second = "# Notice\n\n" + "\n\n".join([*shared[:3], "A new paragraph.", *shared[3:]])
    rendered = RenderedPages(None)
    for name, text, reused in ((PAGES[0], first, 0), (PAGES[1], second, 6), (PAGES[2], second, 13)):
        page = _render(config, files, name, text, rendered)
        assert page == _render(config, files, name, text, None)
        assert rendered.paragraphs.reused == reused


@pytest.mark.parametrize(
    "text",
    [
        "Term\n\n: its definition",
        "```\nfenced\n\nParagraph.\n```",
        "<div>\n\nParagraph.\n\n</div>",
        '<details markdown="1">\n<summary>s</summary>\n\nParagraph.\n\n</details>',
        "See [the other page](other.md).",
        "[ref]: https://x.org\n\nSee [ref].",
        "Paragraph.\n\nParagraph.",
    ],
)
def test_blocks_that_depend_on_what_is_around_them(
    site: tuple[MkDocsConfig, Files], text: str
) -> None:
    """What a paragraph converts to depends on its neighbours (a term before a
    definition), on what holds it (a fence, raw HTML) or on the page (a relative link, a
    reference defined elsewhere): each renders as MkDocs renders it, after the same
    paragraph was converted elsewhere."""
    config, files = site
    rendered = RenderedPages(None)
    _render(config, files, PAGES[1], "Paragraph.\n\nSee [the other page](other.md).", rendered)
    for name in PAGES:
        assert _render(config, files, name, text, rendered) == _render(
            config, files, name, text, None
        )


@pytest.mark.parametrize("toc", ["toc", "markdown.extensions.toc"])
def test_a_table_of_contents_marker_is_never_taken_from_another_page(
    site: tuple[MkDocsConfig, Files], toc: str
) -> None:
    """``toc`` replaces a paragraph that is its marker with the page's own table of
    contents, whatever the marker is set to, under either name of the extension."""
    _, files = site
    config = load_config(
        config_file=None,
        site_name="t",
        docs_dir=site[0].docs_dir,
        markdown_extensions=[{toc: {"marker": "TOCHERE"}}],
    )
    rendered = RenderedPages(None)
    for n, name in enumerate(PAGES):
        text = f"# Page {n}\n\nTOCHERE\n\n## Part {n}\n"
        page = _render(config, files, name, text, rendered)
        assert page == _render(config, files, name, text, None)
        assert f"Part {n}</a>" in page[0]


@pytest.mark.parametrize(
    "text",
    [
        "> [a]: https://example.com/\n\nSee [a].",
        "- item\n\n    [a]: https://example.com/\n\nSee [a].",
        "Intro\n[]: https://example.com/\n\nSee [] here.",
        "[a]: https://example.com/\r\rSee [a].",
        "Use <!-- here.\n\n<div>\nraw *not md*\n</div>\n\nend -->",
        '<div markdown="1">\n\nText </div> z\n\n</div>',
        "See [a].\n\n[^1]: note\n\n- [^2]: nested note",
        "Text <https://example.org/a> and more.",
        "Text <script>\n\nstill script\n\n</script>",
    ],
)
def test_a_page_that_a_paragraph_depends_on_is_rendered_as_it_is(
    site: tuple[MkDocsConfig, Files], text: str
) -> None:
    """Definitions in a quotation or a list item, an empty label, lines ended by a
    carriage return, a comment or a block opened or closed inside a paragraph: each
    page renders as MkDocs renders it, after every paragraph of it was converted
    elsewhere (with no definition around it)."""
    config, files = site
    rendered = RenderedPages(None)
    for block in _normalized_blocks(text.replace("[a]: https://example.com/", "Filler.")):
        _render(config, files, PAGES[0], block, rendered)
    for name in PAGES:
        assert _render(config, files, name, text, rendered) == _render(
            config, files, name, text, None
        )


def _normalized_blocks(text: str) -> list[str]:
    from notice.engines.paragraphs import _normalized

    return [block for block in _normalized(text).split("\n\n") if block]


def test_a_page_rendered_twice_says_what_it_found_once(
    site: tuple[MkDocsConfig, Files], caplog: pytest.LogCaptureFixture
) -> None:
    """A paragraph in raw HTML fails the check and the page is rendered again, whole:
    its broken link is reported once, by the render whose page is kept."""
    config, files = site
    rendered = RenderedPages(None)
    text = "See [the page](missing.md).\n\n<div>\n\nA paragraph.\n\n</div>"
    with caplog.at_level("INFO"):
        _render(config, files, PAGES[0], text, rendered)
    said = [r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()]
    assert len(said) == 1, said

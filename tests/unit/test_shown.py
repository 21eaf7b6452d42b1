"""The text a page shows of a notice (``notice.text.shown``) and the frozen text rendered
again with a site's published Markdown settings (``notice.site.rendering``)."""

from __future__ import annotations

import pytest

from notice.site.rendering import frozen_renderer, loadable, markdown_settings
from notice.text.markdown import Renderer
from notice.text.shown import first_difference, page_notice_texts, shown_text

EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "footnotes", "def_list", "md_in_html"]


def test_what_engines_lay_out_differently_does_not_count() -> None:
    mkdocs = (
        '<h2 id="a">About<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>\n'
        "<p>We keep it for\n30 days.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )
    other = (
        '<h2 id="a">About <a class="headerlink" href="#a">#</a></h2><p>We keep it for 30 '
        "days.</p><ul><li>one</li><li>two</li></ul><!-- built by another engine -->"
    )
    assert shown_text(mkdocs) == shown_text(other) == "About We keep it for 30 days. one two"


def test_every_character_of_the_text_counts() -> None:
    assert shown_text("<p>999\u00a0888</p>") != shown_text("<p>999 888</p>")
    assert shown_text("<p>we <strong>do</strong>n't</p>") == "we don't"
    assert shown_text("<p>e\u0301</p>") == shown_text("<p>\u00e9</p>")  # one form of Unicode
    assert shown_text("<p>a<script>b</script><style>c</style></p>") == "a"


def test_a_page_has_one_notice_text_and_the_rest_is_not_it() -> None:
    page = (
        "<html><body><h1>Privacy</h1><div class='banner'>A new version</div>"
        '<div class="notice-text" lang="en"><p>The text.</p><div class="admonition">'
        "<p>In short</p></div></div><footer>Built today</footer></body></html>"
    )
    assert page_notice_texts(page) == ["The text. In short"]
    twice = page.replace("<footer>", '<div class="x notice-text">Another text.</div><footer>')
    assert page_notice_texts(twice) == ["The text. In short", "Another text."]


def test_the_first_difference_is_shown_with_its_words_around_it() -> None:
    frozen = "We delete the guest register entry after 30 days, and the logs after 90 days."
    page = frozen.replace("30", "40")
    assert first_difference(page, frozen) == (
        "… the guest register entry after 40 days, and the logs after …",
        "… the guest register entry after 30 days, and the logs after …",
    )
    assert first_difference("A B", "A B C") == ("A B", "A B C")


def test_the_settings_are_published_as_data_or_not_at_all() -> None:
    renderer = Renderer(EXTENSIONS, {"toc": {"permalink": True}})
    assert markdown_settings(renderer) == {
        "extensions": EXTENSIONS,
        "configs": {"toc": {"permalink": True}},
    }
    assert markdown_settings(Renderer(["toc"], {"toc": {"slugify": object()}})) is None


@pytest.mark.parametrize(
    ("name", "loaded"),
    [
        ("toc", True),
        ("markdown.extensions.footnotes", True),
        ("pymdownx.details", True),
        ("pymdownx.snippets", False),  # reads files
        ("pymdownx.b64", False),
        ("os", False),
        ("markdown.extensions.toc.something", False),
        ("material.extensions.emoji", False),
    ],
)
def test_verify_loads_only_extensions_that_read_nothing_but_the_text(
    name: str, loaded: bool
) -> None:
    assert loadable(name) is loaded


def test_a_frozen_text_renders_as_the_page_shows_it() -> None:
    text_of = frozen_renderer({"extensions": EXTENSIONS, "configs": {"toc": {"permalink": True}}})
    assert callable(text_of)
    markdown = (
        '---\ntitle: "T"\n---\n\n!!! note "In short"\n\n    We sell nothing.\n\n'
        "## Rights { #rights }\n\nYou may ask.[^1]\n\n[^1]: Within 30 days.\n"
    )
    # The footnote's mark is a superscript of its word; Python-Markdown puts a no-break
    # space before the link back, which is left out.
    assert text_of(markdown) == "In short We sell nothing. Rights You may ask.1 Within 30 days.\xa0"


def test_a_text_verified_again_is_rendered_again_under_other_settings() -> None:
    """What a text shows is kept by its settings and its Markdown: the same text under
    other settings (another site) is rendered with those."""
    text = "# T\n\nA paragraph.\n{: .note }\n"
    plain = frozen_renderer({"extensions": ["toc"], "configs": {}})
    listed = frozen_renderer({"extensions": ["toc", "attr_list"], "configs": {}})
    assert callable(plain)
    assert callable(listed)
    assert plain(text) == "T { #t } A paragraph. {: .note }"
    assert listed(text) == "T A paragraph."
    assert plain(text) == "T { #t } A paragraph. {: .note }"


def test_what_verify_does_not_load_is_said() -> None:
    assert frozen_renderer({"extensions": ["toc", "pymdownx.snippets"], "configs": {}}) == (
        "the site renders Markdown with pymdownx.snippets, which verify does not load"
    )
    assert frozen_renderer(None) == (
        "versions.json states no Markdown settings (an extension's options are not data)"
    )
    refused = frozen_renderer({"extensions": ["toc"], "configs": {"toc": {"nonsense": 1}}})
    assert isinstance(refused, str)
    assert refused.startswith("the site's Markdown settings do not load (")

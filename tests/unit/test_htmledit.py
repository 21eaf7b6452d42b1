"""Edits of built HTML: what the parser finds is changed, the rest kept byte for byte."""

from __future__ import annotations

from notice.core.htmledit import Tag, edit_attributes, edit_html
from notice.site.hosting import standalone_page

PAGE = (
    "<!doctype html>\n<html><head>\n"
    '  <link rel="canonical" href="https://example.org/en/404/">\n'
    '  <link rel="stylesheet" href="../assets/main.css">\n'
    '<script id="__config" type="application/json">{"base": "..", "search": "../s.js"}</script>\n'
    "<script>var text = '<a href=\"../not-a-tag/\">';</script>\n"
    "</head><body>\n"
    '<!-- <a href="../in-a-comment/"> -->\n'
    "<p>A line\u2028with a separator</p>"
    "<p title='href=\"../in-a-value/\"'>x</p>\n"
    "<a class=x href = '../privacy/' >privacy</a><img src=\"../a.png\"/>\n"
    "</body></html>\n"
)


def test_only_what_the_parser_finds_is_changed() -> None:
    seen: list[str] = []

    def tag(found: Tag) -> str:
        seen.append(found.name)
        return edit_attributes(found.text, frozenset({"href", "src"}), lambda v: v.upper())

    edited = edit_html(PAGE, tag)
    assert 'href="../ASSETS/MAIN.CSS"' in edited
    assert "href = '../PRIVACY/'" in edited
    assert 'src="../A.PNG"/>' in edited
    for kept in ("../not-a-tag/", "../in-a-comment/", "../in-a-value/", '"base": ".."'):
        assert kept in edited
    assert edit_html(PAGE) == PAGE
    assert edit_html(PAGE, lambda found: found.text) == PAGE
    assert seen.count("script") == 2
    assert "p" in seen


def test_a_dropped_tag_takes_the_spaces_before_it() -> None:
    edited = edit_html(PAGE, lambda t: None if t.attributes.get("rel") == "canonical" else t.text)
    assert "canonical" not in edited
    assert edited.startswith('<!doctype html>\n<html><head>\n  <link rel="stylesheet"')


def test_a_404_page_works_at_any_address() -> None:
    page = standalone_page(PAGE, "en/404/", "https://example.org/site/")
    assert "canonical" not in page
    assert 'href="/site/en/assets/main.css"' in page
    assert "href = '/site/en/privacy/'" in page
    assert '{"base": "/site/en/", "search": "/site/en/s.js"}' in page
    assert "../not-a-tag/" in page
    assert "../in-a-comment/" in page
    assert "../in-a-value/" in page

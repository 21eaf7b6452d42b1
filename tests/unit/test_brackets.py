"""Links' brackets found from the brackets alone (``notice.text.brackets``): the answers
are Python-Markdown's, and so is every page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor

from notice.text import brackets
from notice.text.brackets import BracketEnds

pytestmark = pytest.mark.skipif(brackets._WALK is None, reason="Python-Markdown has no walk")


@contextmanager
def walking(ends: Callable[[str], Any]) -> Iterator[None]:
    """Python-Markdown finding brackets with ``ends``, for a while."""
    saved = LinkInlineProcessor.__dict__["_findBracketEnds"]
    LinkInlineProcessor._findBracketEnds = staticmethod(ends)  # type: ignore[method-assign]
    try:
        yield
    finally:
        LinkInlineProcessor._findBracketEnds = saved  # type: ignore[method-assign]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="[]a!(\\", max_size=40))
def test_every_bracket_gets_python_markdowns_answer(data: str) -> None:
    """Nested, unclosed and stray brackets: for the position after each ``[`` (the only
    ones a link pattern asks for), the end Python-Markdown's walk finds, found from the
    brackets; any other position is answered by the walk itself."""
    assert brackets._WALK is not None
    theirs = brackets._WALK(data)
    ours = BracketEnds(data)
    after = [i + 1 for i, c in enumerate(data) if c == "["]
    assert all(i in ours._ends for i in after)
    assert [ours[i] for i in after] == [theirs[i] for i in after]
    assert [ours[i] for i in range(len(data) + 1)] == theirs


_INLINE = st.sampled_from(
    ["a", " ", "[", "]", "(https://x.org/a)", "(b.md)", "![", "*", "`", "<del>", "</del>", "\\["]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_INLINE, max_size=25).map("".join), min_size=1, max_size=4))
def test_markdown_converts_the_same_with_either(paragraphs: list[str]) -> None:
    """Links, images, nested and escaped brackets and inline tags, converted with
    Python-Markdown's walk and with ``BracketEnds``: the same HTML."""
    text = "\n\n".join(paragraphs)
    assert brackets._WALK is not None
    with walking(brackets._WALK):
        theirs = markdown.markdown(text, extensions=["attr_list", "md_in_html"])
    with walking(BracketEnds):
        ours = markdown.markdown(text, extensions=["attr_list", "md_in_html"])
    assert ours == theirs


def test_the_site_s_renderer_uses_it() -> None:
    """Once the site's renderer is made, every conversion in the process uses it."""
    from notice.text.markdown import markdown_renderer

    assert brackets._WALK is not None
    with walking(brackets._WALK):
        assert LinkInlineProcessor.__dict__["_findBracketEnds"].__func__ is brackets._WALK
        markdown_renderer(["toc"])
        assert LinkInlineProcessor.__dict__["_findBracketEnds"].__func__ is BracketEnds


def test_the_module_read_again_still_knows_python_markdown_s_walk() -> None:
    """Read again once Python-Markdown uses ``BracketEnds`` (the module run afresh), it
    still answers other positions with Python-Markdown's walk, not with itself."""
    import runpy

    from notice.text.markdown import markdown_renderer

    markdown_renderer(["toc"])
    assert runpy.run_path(brackets.__file__)["_WALK"] is brackets._WALK

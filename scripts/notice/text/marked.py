"""How many words a compare page marks, set against a plain word diff of the two texts as
the site shows them (pure): what a redline marks beyond what changed.

A word is what a reader counts: a run of characters between spaces with a letter or a
digit in it, in the text a page shows (``notice.text.shown``). The plain word diff is
``difflib.SequenceMatcher`` (no ``autojunk``) over the words of both versions rendered as
the site renders them: its deleted and inserted words are what changed. The redline's
marked words are those inside its ``<del>`` and ``<ins>``, less the labels only screen
readers get. ``tests/unit/test_diff.py`` bounds the excess on the real corpus and
``scripts/benchmark_diff.py`` prints it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from notice.text.compose import render_page
from notice.text.diff import diff_documents
from notice.text.markdown import sanitize
from notice.text.matching import SequenceMatcher
from notice.text.redline import Folding, RedlineLabels, redline_markdown
from notice.text.segment import segment_markdown
from notice.text.shown import shown_text

#: The class of the labels only a screen reader gets (``notice.text.redline``).
_SCREEN_READER = "notice-sr"


@dataclass(frozen=True)
class MarkedWords:
    """The words a compare page marks, and those that changed."""

    plain: int
    """Words deleted plus inserted by a plain word diff of the two texts as shown."""
    marked: int
    """Words inside the redline's ``<del>`` and ``<ins>``, as shown."""

    @property
    def excess(self) -> float:
        """How much more the redline marks, as a fraction of ``plain`` (0 when both are 0)."""
        if not self.plain:
            return float(self.marked > 0)
        return (self.marked - self.plain) / self.plain


def words(text: str) -> list[str]:
    """The words of a text as shown: runs between spaces with a letter or a digit."""
    return [word for word in text.split() if any(c.isalnum() for c in word)]


def plain_word_diff(old: str, new: str) -> int:
    """Words deleted plus inserted by ``difflib`` over the words of two shown texts."""
    matcher = SequenceMatcher(None, words(old), words(new), autojunk=False)
    return sum(
        (i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def marked_words(html: str) -> int:
    """Words a rendered redline shows inside ``<del>`` and ``<ins>``."""
    import tinyhtml5

    root = tinyhtml5.parse(html, namespace_html_elements=False)
    return sum(
        len(words(_shown(element))) for element in root.iter() if element.tag in ("del", "ins")
    )


def _shown(element: Element) -> str:
    """The text of an element, less what only screen readers get."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and _SCREEN_READER not in str(child.get("class") or ""):
            pieces.append(_shown(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def measure_redline(old: str, new: str, to_html: Callable[[str], str]) -> MarkedWords:
    """The compare page of two versions' Markdown against a plain word diff of their
    texts, each rendered by ``to_html`` as the site renders it."""
    before, after = segment_markdown(old), segment_markdown(new)

    def shown(markdown: str) -> str:
        return shown_text(sanitize(to_html(markdown)))

    plain = plain_word_diff(
        shown(render_page(before, {}, anchors=True)[1]),
        shown(render_page(after, {}, anchors=True)[1]),
    )
    body = redline_markdown(
        before, after, diff_documents(before, after), RedlineLabels(), Folding()
    )
    return MarkedWords(plain, marked_words(sanitize(to_html(body))))

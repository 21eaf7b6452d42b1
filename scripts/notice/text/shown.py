"""The text a page shows of a notice, as a reader reads it (pure).

``notice verify`` compares what a published page shows with its frozen text: the page's
notice body (the element of class ``notice-text``) against the frozen Markdown rendered
again. Both are read by one HTML parser that builds the tree a browser builds
(``tinyhtml5``, the WHATWG algorithm) and reduced to one normal form, ``shown_text``:

- the text content of the element, in document order, with a space at the edge of every
  block-level element and for every ``<br>``, so that how an engine lays out its markup
  (line breaks between blocks or none) does not count;
- without what an engine adds around the text rather than in it: the permalinks of
  headings (``a.headerlink``, ``¶``) and the links back from footnotes
  (``a.footnote-backref``, ``↩``), whose symbols are settings, and ``<script>``,
  ``<style>`` and ``<template>``, which show no text;
- runs of HTML's white space (space, tab, line feed, form feed, carriage return) as one
  space, none at either end, and Unicode in its composed form (NFC). Every other
  character counts: a no-break space that keeps a number whole in right-to-left text is
  not a space here.

MkDocs and Zensical render the same Markdown to markup that differs in its white space
only; this form is the same for both (``tests/e2e/test_site.py`` checks both engines).
"""

from __future__ import annotations

import re
import unicodedata
from xml.etree.ElementTree import Element

from notice.text.matching import SequenceMatcher

#: The class of the element that holds a page's notice text (``overrides/partials/content.html``).
NOTICE_TEXT_CLASS = "notice-text"

#: Elements whose edges separate words (HTML's block-level and table elements).
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip

#: Elements that show no text.
_HIDDEN = frozenset({"script", "style", "template", "head", "title"})

#: Links an engine adds beside the text (their symbol is a setting of the engine).
_ADDED_LINKS = frozenset({"headerlink", "footnote-backref"})

_SPACE = re.compile(r"[ \t\n\f\r]+")


def shown_text(html: str) -> str:
    """The normal form of the text an HTML fragment shows (see the module's docstring)."""
    return _text_of(_parse(html))


def page_notice_texts(page: str) -> list[str]:
    """The normal form of the text of every notice body (``class="notice-text"``) of a
    whole page, in document order: one on a page that shows a notice."""
    return [_text_of(element) for element in _parse(page).iter() if _is_notice_text(element)]


def first_difference(shown: str, expected: str, context: int = 5) -> tuple[str, str]:
    """Where two normal forms first differ, as a few words of each around it
    (``… within 40 days …`` and ``… within 30 days …``)."""
    ours, theirs = shown.split(" "), expected.split(" ")
    matcher = SequenceMatcher(None, ours, theirs, autojunk=False)
    for tag, start, stop, other_start, other_stop in matcher.get_opcodes():
        if tag != "equal":
            return (
                _excerpt(ours, start, stop, context),
                _excerpt(theirs, other_start, other_stop, context),
            )
    return shown, expected


def _excerpt(words: list[str], start: int, stop: int, context: int) -> str:
    first = max(0, start - context)
    last = min(len(words), max(stop, start) + context)
    changed = words[start:stop]
    if len(changed) > 3 * context:
        changed = [*changed[:context], "…", *changed[-context:]]
    shown = [*words[first:start], *changed, *words[stop:last]]
    text = " ".join(word for word in shown if word)
    return ("… " if first > 0 else "") + (text or "(nothing)") + (" …" if last < len(words) else "")


def _parse(html: str) -> Element:
    import tinyhtml5

    return tinyhtml5.parse(html, namespace_html_elements=False)


def _is_notice_text(element: Element) -> bool:
    return NOTICE_TEXT_CLASS in _classes(element)


def _classes(element: Element) -> set[str]:
    return set(str(element.get("class") or "").split())


def _text_of(root: Element) -> str:
    pieces: list[str] = []

    def walk(element: Element) -> None:
        tag = element.tag
        if not isinstance(tag, str):
            return  # a comment shows nothing
        hidden = tag in _HIDDEN or (tag == "a" and _classes(element) & _ADDED_LINKS)
        if not hidden:
            block = tag in _BLOCKS
            if block:
                pieces.append(" ")
            pieces.append(element.text or "")
            for child in element:
                walk(child)
                pieces.append(child.tail or "")
            if block:
                pieces.append(" ")

    walk(root)
    text = unicodedata.normalize("NFC", "".join(pieces))
    return _SPACE.sub(" ", text).strip(" ")

"""Paragraphs converted once per language: a page's paragraphs that another page of the
build already had are not converted again.

A notice's versions and the comparisons between them repeat most of their paragraphs
(22 versions and their 41 comparisons hold each unchanged paragraph dozens of times), and
converting Markdown is most of what rendering costs. A page is rendered by MkDocs as
always (``Page.render``: its table of contents, title, anchors and links are MkDocs'
own), from its Markdown with each paragraph already converted in this language replaced
by a placeholder paragraph, and each new one set between two marker paragraphs, which
show where its HTML is in the page's (kept for the next page); the placeholders are then
replaced by that HTML and the markers removed. A page so rendered is the page MkDocs
renders from its Markdown, byte for byte; where that cannot be shown, MkDocs renders it
as it is.

A block (text between blank lines) is taken only when nothing around it changes what it
converts to, nor it what is around it:

- the page's extensions are all ``STANDALONE`` ones, and the page defines no reference
  link or footnote anywhere, a quotation or a list included (a ``[label]`` anywhere
  might be one);
- it starts at the margin with text or an inline tag, and none of its lines starts what
  could be another block (a heading, a list, a quotation, a table, a definition, an
  admonition, a fence, a rule, a block tag); the block after it is no definition (that
  would make it a term);
- it has no attribute list, footnote, identifier or table-of-contents marker (``toc``'s
  ``marker``, ``[TOC]`` unless set otherwise), no tag but inline ones, no comment, and
  its links and images are absolute addresses (MkDocs resolves a relative one against
  the page, and records links to anchors).

Each placeholder must come back as the one paragraph it is, and each new paragraph
between its markers: a block inside raw HTML or a fenced code block, which is not
converted as a paragraph, fails that, and the page is rendered whole instead.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

#: Python-Markdown's, which MkDocs does not change.
TAB_LENGTH = 4

#: Markdown extensions under which a paragraph converts the same wherever it is.
STANDALONE = frozenset(
    {
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
    }
)

#: Tags a paragraph may start with (HTML's phrasing content that Markdown leaves inline).
_INLINE_TAGS = (
    "a|abbr|b|bdi|bdo|br|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|"
    "sub|sup|time|u|var|wbr"
)
_STARTS_PLAIN = re.compile(rf"(?:[^\s#>|:!?=*+\-_`~<{{\d\[]|<(?:{_INLINE_TAGS})[\s>/]|\[(?!\^))")
#: A line that starts another block, or could, inside a paragraph's block.
_OTHER_LINE = re.compile(
    r"^(?: {0,3}(?:[#>|:=`~{]|!!!|\?\?\?|[-*+_](?:\s|[-*_]|$)|\d+[.)](?:\s|$)|<(?!(?:"
    + _INLINE_TAGS
    + r")[\s>/]))|\s)",
    re.MULTILINE,
)
#: A reference link's or footnote's definition, wherever it is (a quotation or a list
#: item may hold one, and it counts for the whole page): ``[label]:``, the label empty or
#: not.
_DEFINITION = re.compile(r"\[[^\]\n]*\]:")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ABSOLUTE = re.compile(r"(?:https?:|mailto:)", re.IGNORECASE)
_NOT_STANDALONE = ("{", "[^", "id=", "name=", "href=", "src=")
#: Markup in a paragraph that may open or close something beyond it: a comment, a
#: processing instruction, any tag but the inline ones (``</div>`` closes a block
#: that holds the paragraph, ``<script>`` holds what follows), an automatic link.
_BEYOND = re.compile(rf"<(?!/?(?:{_INLINE_TAGS})[\s>/])[A-Za-z/!?]")


def _standalone(extensions: Sequence[Any]) -> bool:
    """Whether every extension is one under which paragraphs convert alike anywhere (one
    given as an object, not a name, is not known to be)."""
    return all(
        isinstance(name, str) and name.removeprefix("markdown.extensions.") in STANDALONE
        for name in extensions
    )


def _toc_marker(configs: Mapping[str, Any]) -> str:
    """The text of the paragraph ``toc`` replaces with the page's table of contents."""
    for name in ("toc", "markdown.extensions.toc"):
        settings = configs.get(name)
        if isinstance(settings, Mapping) and "marker" in settings:
            return str(settings["marker"] or "")
    return "[TOC]"


def _normalized(markdown: str) -> str:
    """The text as Python-Markdown's first step makes it (``NormalizeWhitespace``, but for
    the blank lines it adds at the end): splitting it at blank lines splits it where
    Markdown does."""
    text = markdown.replace("\x02", "").replace("\x03", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(TAB_LENGTH)
    return re.sub(r"(?<=\n) +\n", "\n", text)


def _paragraph(block: str, following: str) -> bool:
    """Whether ``block`` is a paragraph that converts the same on its own."""
    if not block or not _STARTS_PLAIN.match(block) or _OTHER_LINE.search(block):
        return False
    if following.startswith(":") or any(mark in block for mark in _NOT_STANDALONE):
        return False
    if _BEYOND.search(block):
        return False
    return all(_ABSOLUTE.match(target) for target in _LINK_TARGET.findall(block))


class Paragraphs:
    """The HTML of the paragraphs converted so far in this process, per language and
    settings."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}
        self._scope: tuple[str, str] | None = None
        self.reused = 0

    def render(
        self,
        markdown: str,
        scope: tuple[str, str],
        extensions: Sequence[Any],
        configs: Mapping[str, Any],
        convert: Callable[[str], str],
    ) -> str:
        """The HTML of ``markdown`` as ``convert`` makes it (a whole render, which sets
        whatever else it sets), with the paragraphs already converted in ``scope`` (a
        language and its settings) not converted again. ``extensions`` and ``configs``
        are the Markdown extensions and their settings."""
        if scope != self._scope:
            self._known.clear()  # another language or other settings: nothing is shared
            self._scope = scope
        normalized = _normalized(markdown)
        if not _standalone(extensions) or _DEFINITION.search(normalized):
            return convert(markdown)
        marker = _toc_marker(configs)
        blocks = normalized.split("\n\n")
        nonce = "notice" + secrets.token_hex(8)
        while nonce in markdown:
            nonce = "notice" + secrets.token_hex(8)
        known: dict[str, str] = {}
        new: dict[str, str] = {}
        text: list[str] = []
        in_comment = False  # blocks inside an HTML comment are not converted
        for block, following in zip(blocks, _following(blocks), strict=True):
            if in_comment or not _paragraph(block, following) or (marker and marker in block):
                text.append(block)
                opened, closed = block.rfind("<!--"), block.rfind("-->")
                in_comment = opened > closed if opened >= 0 else in_comment and closed < 0
            elif block in self._known:
                token = f"{nonce}k{len(known)}"
                known[token] = self._known[block]
                text.append(token)
            else:
                token = f"{nonce}n{len(new)}"
                new[token] = block
                text.append(f"{token}a\n\n{block}\n\n{token}b")
        if not known and not new:
            return convert(markdown)
        html = convert("\n\n".join(text))
        finished = _finish(html, nonce, known, new)
        if finished is None:
            return convert(markdown)
        html, converted = finished
        for token, block in new.items():
            self._known[block] = converted[token]
        self.reused += len(known)
        return html


def _following(blocks: list[str]) -> list[str]:
    """The next block that is not empty, after each block."""
    out: list[str] = []
    after = ""
    for block in reversed(blocks):
        out.append(after)
        after = block or after
    return out[::-1]


def _finish(
    html: str, nonce: str, known: dict[str, str], new: dict[str, str]
) -> tuple[str, dict[str, str]] | None:
    """``html`` with each placeholder replaced by its paragraph's HTML and the markers
    removed, and each new paragraph's HTML; ``None`` if a placeholder or a pair of markers
    did not come back once each as the paragraphs they are, with the new paragraph's
    HTML alone between its markers."""
    parts = re.split(rf"<p>({nonce}(?:k\d+|n\d+[ab]))</p>", html)
    texts, tokens = parts[0::2], parts[1::2]
    if len(tokens) != len(known) + 2 * len(new) or len(set(tokens)) != len(tokens):
        return None
    out = [texts[0]]
    converted: dict[str, str] = {}
    for index, token in enumerate(tokens):
        after = texts[index + 1]
        if token in known:
            out.extend((known[token], after))
        elif token.endswith("a"):
            closing = tokens[index + 1] if index + 1 < len(tokens) else ""
            if closing != token[:-1] + "b" or len(after) < 3 or after[0] + after[-1] != "\n\n":
                return None
            converted[token[:-1]] = after[1:-1]
            out.append(after[1:-1])
        elif tokens[index - 1] != token[:-1] + "a":
            return None
        else:
            out.append(after)
    return "".join(out), converted

"""Edits of built HTML where a parser finds what to edit: the rest stays byte for byte.

Python's ``html.parser`` finds each start tag (and the text of each ``<script>``)
where a browser would: not inside a comment, a script or an attribute's value. Only
those pieces are rewritten: a tag's quoted ``href``/``src`` values, a tag dropped, a
script's text; everything between them is copied as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

#: One attribute and its double- or single-quoted value, inside a start tag's text.
_ATTRIBUTE = re.compile(r"""(\s(?P<name>[\w:-]+)\s*=\s*(?P<q>["']))(?P<value>.*?)((?P=q))""", re.S)


@dataclass(frozen=True)
class Tag:
    """A start tag as the parser read it."""

    name: str
    attributes: dict[str, str | None]
    """Its attributes, their values with character references resolved."""
    text: str
    """The tag as written (``<a href="x">``)."""


#: What becomes of a tag: its new text, or None to drop it (and the spaces before it).
TagEdit = Callable[[Tag], str | None]


def edit_html(
    html: str,
    tag: TagEdit | None = None,
    script: Callable[[Tag, str], str] | None = None,
) -> str:
    """``html`` with each start tag given to ``tag`` and each script's text (with its
    ``<script>`` tag) given to ``script``; the rest unchanged."""
    pieces = _Pieces()
    pieces.feed(html)
    pieces.close()
    # Where each line starts: the parser counts lines by "\n" alone (a U+2028 in a
    # translation is no line break to it).
    starts = [0, *(match.end() for match in re.finditer("\n", html))]
    out: list[str] = []
    done = 0
    for kind, (line, column), found, text in pieces.found:
        start = starts[line - 1] + column
        if kind == "tag":
            new = tag(found) if tag else text
            if new is None:
                kept = html[done:start].rstrip()
                out.append(kept)
            else:
                out.append(html[done:start])
                out.append(new)
        else:
            out.append(html[done:start])
            out.append(script(found, text) if script else text)
        done = start + len(text)
    out.append(html[done:])
    return "".join(out)


def edit_attributes(text: str, names: frozenset[str], change: Callable[[str], str]) -> str:
    """A start tag's text with the quoted values of the attributes ``names`` changed
    (``change`` gets and gives the value as written, references unresolved)."""

    def replace(match: re.Match[str]) -> str:
        if match["name"].lower() not in names:
            return match.group(0)
        return match.group(1) + change(match["value"]) + match.group(5)

    return _ATTRIBUTE.sub(replace, text)


class _Pieces(HTMLParser):
    """Where each start tag and each script's text is, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[int, int], Tag, str]] = []
        self._script: Tag | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        found = Tag(tag, dict(attrs), text)
        self.found.append(("tag", self.getpos(), found, text))
        self._script = found if tag == "script" else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        self.found.append(("tag", self.getpos(), Tag(tag, dict(attrs), text), text))

    def handle_data(self, data: str) -> None:
        if self._script is not None and self.lasttag == "script":
            self.found.append(("script", self.getpos(), self._script, data))

    def handle_endtag(self, tag: str) -> None:
        self._script = None

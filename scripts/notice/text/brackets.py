"""Where each ``[`` of a link closes, found from the brackets alone.

Python-Markdown (3.11) finds the ``]`` that closes a link's ``[`` by walking every
character of the text being parsed, in Python, and walks it again each time an inline
pattern has replaced part of it. A compare page's changed paragraph is a long text with
a link and dozens of inline tags (each a replacement): a tenth of a cold build went
there. ``use_quicker_brackets`` gives Python-Markdown the same answers from the
brackets only, found by a regular expression: linear in the text, as Python-Markdown's
own walk is (a text of unclosed brackets cannot make it quadratic: 200,000 of them take
a twentieth of a second), and much faster.

The answers are Python-Markdown's: for the position just after a ``[``, the position just
after the ``]`` that closes it (``None`` if none does); any other position, which
Python-Markdown's link patterns never ask for, is answered by its own walk.
"""

from __future__ import annotations

import re

from markdown.inlinepatterns import LinkInlineProcessor

_BRACKET = re.compile(r"[\[\]]")

#: Python-Markdown's own walk, where it has one (3.11 on; before, it scanned per link),
#: kept on the class too, so that this module read again still finds it.
_WALK = getattr(LinkInlineProcessor, "_notice_walk", None) or getattr(
    LinkInlineProcessor, "_findBracketEnds", None
)
LinkInlineProcessor._notice_walk = _WALK


class BracketEnds:
    """For each position of ``data`` just after a ``[``, the position just after the
    ``]`` that closes it, or ``None``; other positions as Python-Markdown finds them."""

    def __init__(self, data: str) -> None:
        self._data = data
        self._ends: dict[int, int | None] = {}
        self._walked: list[int | None] | None = None
        open_: list[int] = []
        for match in _BRACKET.finditer(data):
            if match.group() == "[":
                open_.append(match.end())
                self._ends[match.end()] = None
            elif open_:
                self._ends[open_.pop()] = match.end()

    def __getitem__(self, index: int) -> int | None:
        if index in self._ends:
            return self._ends[index]
        if self._walked is None:
            assert _WALK is not None
            self._walked = _WALK(self._data)
        return self._walked[index]


def use_quicker_brackets() -> bool:
    """Have Python-Markdown find brackets with ``BracketEnds`` from now on; whether it
    does (``False`` where its version has no walk to replace)."""
    if _WALK is None:
        return False
    LinkInlineProcessor._findBracketEnds = staticmethod(BracketEnds)
    return True

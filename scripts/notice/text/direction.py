"""The numbers a right-to-left text shows in another order than it writes them.

In a right-to-left paragraph the Unicode bidirectional algorithm (UAX #9) shows the digits
of a number from left to right, and the groups of one number in order only where the mark
between them joins them for the algorithm too. A space (bidi class WS) or an apostrophe (ON) between
two groups takes the paragraph's direction (rule N1 reads numbers as right-to-left), so
"999 888 777" is shown as "777 888 999". A common separator (CS: the no-break space
U+00A0, the narrow no-break space U+202F) between groups of the same kind of digits joins
them into one number (rule W4), and so does any separator where the digits follow Latin
letters (rule W7 makes them left-to-right, as the words before them). European digits
after Arabic letters are read as Arabic ones (rule W2); Arabic-Indic digits stay Arabic
after Latin letters.

Only this much of the algorithm is modelled, for the marks that group a number's digits
(the spaces and apostrophes ``numbers.py`` reads); ``tests/unit/test_direction.py``
checks the model against python-bidi, a full implementation. Separate numbers (a range's
dash, a list's comma) are not this module's: they read from right to left as the words
around them do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from notice.core.languages import UnknownLanguage, language_tag

#: What to write between the groups of a number instead: it keeps them in order.
KEEPS_ORDER = "\u00a0"
#: The marks that group a number's digits: every space (Unicode's Zs) and the apostrophes.
_GROUP_MARKS = (
    "".join(chr(code) for code in range(0x3001) if unicodedata.category(chr(code)) == "Zs")
    + "'\u2019"
)
#: Groups of digits (any script's) joined by one grouping mark each.
_GROUPED = re.compile(r"\d+(?:[" + re.escape(_GROUP_MARKS) + r"]\d+)+")
_LRI, _RLI, _FSI, _PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_STRONG = ("L", "R", "AL")


@dataclass(frozen=True)
class Reordered:
    """A number a reader of a right-to-left text sees with its groups in another order."""

    written: str
    """As written (in the text's order)."""
    shown: str
    """As a reader sees it, from left to right."""
    marks: tuple[str, ...]
    """The marks between its groups that reorder them, once each, in the order found."""


def reordered_numbers(text: str, language: str | None) -> list[Reordered]:
    """The numbers of ``text`` whose groups a reader sees in another order: none unless
    ``language`` is written from right to left."""
    if not _right_to_left(language):
        return []
    found = []
    for match in _GROUPED.finditer(text):
        parts = re.split(r"(\D)", match.group())
        groups, marks = parts[0::2], parts[1::2]
        context = _context(text, match.start())
        kinds = [_kind(group, context) for group in groups]
        # A unit is groups joined so that they keep their order; units show right to left,
        # with the marks between them.
        units, between = [groups[0]], []
        for mark, kind, next_kind, group in zip(
            marks, kinds[:-1], kinds[1:], groups[1:], strict=True
        ):
            if _joins(mark, kind, next_kind):
                units[-1] += mark + group
            else:
                units.append(group)
                between.append(mark)
        if between:
            shown = units[-1] + "".join(
                m + u for m, u in zip(between[::-1], units[-2::-1], strict=True)
            )
            found.append(Reordered(match.group(), shown, tuple(dict.fromkeys(between))))
    return found


def describe(number: Reordered) -> str:
    """What a check says of a reordered number: what the reader sees, why, what to write."""
    marks = " and ".join(_name(mark) for mark in number.marks)
    return (
        f"'{_plain(number.written)}' is shown as '{_plain(number.shown)}' in right-to-left "
        f"text: the Unicode bidi algorithm shows groups of digits separated by a {marks} "
        f"from right to left; join them with a {_name(KEEPS_ORDER)} instead, which keeps "
        f"them in order (or write the number between U+2066 and U+2069, a left-to-right "
        f"isolate)"
    )


def _right_to_left(language: str | None) -> bool:
    if not language:
        return False
    try:
        return language_tag(language).direction == "rtl"
    except UnknownLanguage:
        return False


def _context(text: str, end: int) -> str:
    """The bidi class of the last strong character before ``end`` (``L``, ``R``, ``AL``),
    what an open isolate sets, or ``R`` (the paragraph's) where there is none; a closed
    isolate counts as a neutral character."""
    depth = 0
    for i in range(end - 1, -1, -1):
        char = text[i]
        if char == _PDI:
            depth += 1
        elif char in (_LRI, _RLI, _FSI):
            if depth:
                depth -= 1
            elif char == _LRI:
                return "L"
            elif char == _RLI:
                return "R"
            else:  # an FSI takes the direction of the first strong character after it
                return next(
                    (c for c in map(unicodedata.bidirectional, text[i + 1 :]) if c in _STRONG),
                    "L",
                )
        elif not depth and unicodedata.bidirectional(char) in _STRONG:
            return unicodedata.bidirectional(char)
    return "R"


def _kind(group: str, context: str) -> str:
    """The bidi class a group of digits takes after a strong character of class
    ``context``: European digits are Arabic after Arabic letters (W2), left to right
    after Latin ones (W7)."""
    kind = unicodedata.bidirectional(group[0])
    if kind == "EN" and context == "AL":
        return "AN"
    if kind == "EN" and context == "L":
        return "L"
    return kind


def _joins(mark: str, before: str, after: str) -> bool:
    """Whether a grouping mark between two groups of digits keeps them in order."""
    if before == after == "L":
        return True  # N1: a neutral between left-to-right text is left to right
    return unicodedata.bidirectional(mark) == "CS" and before == after  # W4


def _name(char: str) -> str:
    return f"{unicodedata.name(char, '?').lower()} (U+{ord(char):04X})"


def _plain(text: str) -> str:
    """A number with its spaces shown as plain spaces."""
    return "".join(" " if unicodedata.category(char) == "Zs" else char for char in text)

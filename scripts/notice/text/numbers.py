"""The numbers of a text, read as its language writes them, and compared as numbers.

A translation tells its reader the same as its source only if it gives the same numbers,
each written in its own language's notation: Polish "99,5 %" is English "99.5%", English
"1,000" is German "1.000" and French "1 000", Persian ۳۰ and Hindi ३० are 30. So a
number is read twice: as written (its digits made ASCII, by ``unicodedata.decimal``, for
every script), and as a value in the notation of its text's language (Babel's decimal
and group symbols, and those every language reads alike: a space, no-break space or
narrow no-break space between groups of three digits, an apostrophe, the Arabic ٫ and ٬).

Two numbers are the same when both are values and the values are equal, or when one of
them is not a value in its language (an article "6.1", a date, a time, a phone number)
and both are written alike. Written alike and read as different values is a difference:
"1,000" is a thousand in English and one in German, and a German reader is told one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import get_decimal_symbol, get_group_symbol

from notice.core.languages import UnknownLanguage, language_tag

#: Spaces that group digits (space, no-break, narrow no-break, thin, figure): each is
#: written as a plain space when numbers are compared.
_SPACES = " \u00a0\u202f\u2009\u2007"
#: Marks written as their ASCII twins: the typographic apostrophe (Swiss 1’000), the
#: full-width comma and full stop, and the dashes of a range (3–5 is 3-5).
_DASHES = "\u2010\u2011\u2013"
_TWINS = (
    {"\u2019": "'", "\uff0c": ",", "\uff0e": "."}
    | {space: " " for space in _SPACES}
    | {dash: "-" for dash in _DASHES}
)
#: Arabic decimal and thousands separators: they stand for "." and "," in whichever
#: roles the other text's language gives those.
_ARABIC = "\u066b\u066c"
#: Digits (``\d`` is any script's: ٣ ۳ ३ ๓ ３) joined by marks, or by a space before a
#: group of exactly three digits ("30 000", but "22 33 44 55" is four numbers).
_NUMBER = re.compile(
    r"\d+(?:(?:[.,:/'\-\u2019\u066b\u066c\uff0c\uff0e"
    + _DASHES
    + r"]|["
    + _SPACES
    + r"](?=\d{3}(?!\d)))\d+)*"
)


@dataclass(frozen=True)
class Notation:
    """How a language writes a number's decimal mark and groups of digits."""

    decimal: frozenset[str]
    """Marks that start the decimals."""
    group: frozenset[str]
    """Marks between groups of digits."""
    secondary: int = 3
    """The size of the groups above the first three digits: 2 in India's 1,00,000."""


#: What every language reads alike; all that is known of a text whose language is not.
UNIVERSAL = Notation(frozenset("\u066b"), frozenset(" '\u066c"))


@functools.cache
def notation(language: str | None) -> Notation:
    """The notation of a language code (``nb``, ``zh-Hant``); ``UNIVERSAL`` for none."""
    if not language:
        return UNIVERSAL
    try:
        locale = language_tag(language).locale
    except UnknownLanguage:
        return UNIVERSAL
    systems = ("latn", "default")  # ar-EG writes ٫ by default, and Latin digits with "."
    decimal = {_twin(get_decimal_symbol(locale, numbering_system=s)) for s in systems}
    group = {_twin(get_group_symbol(locale, numbering_system=s)) for s in systems}
    grouping = locale.decimal_formats[None].grouping
    return Notation(
        UNIVERSAL.decimal | decimal,
        (UNIVERSAL.group | group) - decimal,
        grouping[1] if grouping[1] > 0 else 3,
    )


def _twin(mark: str) -> str:
    return "".join(_TWINS.get(char, char) for char in mark)


@dataclass(frozen=True)
class Number:
    """One number of a text."""

    written: str
    """As written, its digits ASCII, its spaces plain: what a finding shows."""
    value: Decimal | None
    """Its value in its language's notation; None if it is not a number there."""


def read_numbers(text: str, language: str | None = None) -> list[Number]:
    """The numbers of ``text``, read in the notation of ``language``."""
    way = notation(language)
    numbers = []
    for match in _NUMBER.finditer(text):
        written = "".join(
            str(unicodedata.decimal(char)) if char.isdecimal() else _twin(char)
            for char in match.group()
        )
        numbers.append(Number(written, _value(written, way)))
    return numbers


def _value(written: str, way: Notation) -> Decimal | None:
    """A number's value, if it is written as a number in the notation ``way``."""
    parts = re.split(r"(\D)", written)
    digits, marks = parts[0::2], parts[1::2]
    decimals = ""
    if marks and marks[-1] in way.decimal:
        decimals = digits.pop()
        marks.pop()
    if marks and (len(set(marks)) > 1 or marks[0] not in way.group):
        return None
    if marks and not _grouped(digits, way.secondary):
        return None
    return Decimal("".join(digits) + ("." + decimals if decimals else ""))


def _grouped(groups: list[str], secondary: int) -> bool:
    """Whether digits are grouped by three (or by ``secondary`` above the last three)."""
    first, middle, last = groups[0], groups[1:-1], groups[-1]
    if len(last) != 3:
        return False
    return any(
        all(len(group) == size for group in middle) and 1 <= len(first) <= size
        for size in {3, secondary}
    )


def same_number(a: Number, b: Number) -> bool:
    """Whether two numbers tell a reader the same (see the module's docstring)."""
    if a.value is not None and b.value is not None:
        return a.value == b.value
    return len(a.written) == len(b.written) and all(
        x == y or (x in _ARABIC and y in ".,") or (y in _ARABIC and x in ".,")
        for x, y in zip(a.written, b.written, strict=True)
    )


def differing_numbers(
    source: str,
    translation: str,
    source_language: str | None = None,
    language: str | None = None,
) -> tuple[list[str], list[str]]:
    """The numbers of the source the translation lacks and those it adds, as written,
    sorted: the most numbers are paired with a number that is the same."""
    ours = read_numbers(source, source_language)
    theirs = read_numbers(translation, language)
    pairs = _pairs(ours, theirs)
    missing = [n.written for i, n in enumerate(ours) if i not in pairs]
    paired = set(pairs.values())
    extra = [n.written for j, n in enumerate(theirs) if j not in paired]
    return sorted(missing), sorted(extra)


def _pairs(ours: Sequence[Number], theirs: Sequence[Number]) -> dict[int, int]:
    """A largest pairing of the same numbers (Kuhn's augmenting paths): source index to
    translation index. "1,5 og 2,5" against "٢٫٥ و١٫٥" pairs both, in either order."""
    owner: dict[int, int] = {}

    def place(j: int, seen: set[int]) -> bool:
        for i, number in enumerate(ours):
            if i in seen or not same_number(number, theirs[j]):
                continue
            seen.add(i)
            if i not in owner or place(owner[i], seen):
                owner[i] = j
                return True
        return False

    for j in range(len(theirs)):
        place(j, set())
    return owner

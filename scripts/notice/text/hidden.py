"""Invisible format characters in a translation: those that change what readers see or
what software reading the notice finds, named with what each does (pure).

Joiners, direction marks, isolates and the zero-width space are normal text in the
scripts that need them; bidirectional overrides, embeddings and the tag characters
make the text readers see differ from the text that is released and hashed.
"""

from __future__ import annotations

import unicodedata

#: Invisible format characters (Unicode category Cf) that belong in running text.
_FORMAT_ALLOWED = frozenset(
    "\u00ad"  # SOFT HYPHEN: where a word may be hyphenated, shown only at a line break
    # Visible signs written before the number they span (Arabic, Syriac, Kaithi):
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
    "\u061c\u200e\u200f"  # ARABIC LETTER MARK, LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u2066\u2067\u2068\u2069"  # isolates: set a run's direction without touching the rest
    "\u200c\u200d"  # ZWNJ, ZWJ: part or join letters (Persian words, Indic conjuncts, emoji)
    "\u200b\u2060"  # ZERO WIDTH SPACE (where Thai, Khmer, Lao may break a line), WORD JOINER
    "\u180e"  # MONGOLIAN VOWEL SEPARATOR: selects the shape of the letter before it
)


_REORDERS = (
    "makes readers see the words in another order than the text that is released and "
    "hashed; remove it (use {isolates} isolates or {mark} if a direction mark is needed)"
)


#: What a forbidden format character does to the reader, by the ranges it is in.
_HIDDEN_EFFECTS: tuple[tuple[int, int, str], ...] = (
    (0x202A, 0x202A, _REORDERS.format(isolates="U+2066…U+2069", mark="U+200E")),
    (0x202B, 0x202B, _REORDERS.format(isolates="U+2067…U+2069", mark="U+200F")),
    (
        0x202C,
        0x202C,
        "ends an embedding or override, which makes readers see the words in another order "
        "than the text that is released and hashed; remove it (use U+2066…U+2069 isolates "
        "or U+200E or U+200F if a direction mark is needed)",
    ),
    (0x202D, 0x202D, _REORDERS.format(isolates="U+2066…U+2069", mark="U+200E")),
    (0x202E, 0x202E, _REORDERS.format(isolates="U+2067…U+2069", mark="U+200F")),
    (
        0x206A,
        0x206F,
        "deprecated: browsers ignore it while other software shows the text otherwise "
        "(brackets swapped, Arabic letters unjoined, other digits) than readers of the "
        "site see it; remove it",
    ),
    (
        0xFEFF,
        0xFEFF,
        "a byte order mark inside the text: readers do not see it, yet it is in the text "
        "that is released and hashed and in what they copy from it; remove it (use U+2060 "
        "WORD JOINER where a line must not break)",
    ),
    (
        0xFFF9,
        0xFFFB,
        "marks text as an annotation that some software shows and other software hides, "
        "so readers may not see what is released and hashed; remove it",
    ),
    (
        0xE0001,
        0xE007F,
        "an invisible tag: it carries text that readers do not see but that software "
        "reading the notice (search, copy, translation and AI tools) does; remove it",
    ),
)


_HIDDEN_OTHER = (
    "an invisible format character: readers do not see it, yet it is in the text that is "
    "released and hashed and changes what software reading it finds; remove it"
)


def hidden_characters(source: str, translation: str) -> list[str]:
    """Why each invisible format character of a translation that its source does not have
    is refused: it would make the released and hashed text differ from what readers see.

    Joiners, direction marks and isolates are normal text (see ``_FORMAT_ALLOWED``).
    """
    found = []
    for char in sorted(set(translation) - set(source)):
        if unicodedata.category(char) != "Cf" or char in _FORMAT_ALLOWED:
            continue
        code = ord(char)
        effect = next((e for low, high, e in _HIDDEN_EFFECTS if low <= code <= high), None)
        name = unicodedata.name(char, "FORMAT CHARACTER")
        found.append(f"U+{code:04X} {name}: {effect or _HIDDEN_OTHER}")
    return found


#: Names of the control characters (Unicode gives them none).
_CONTROL_NAMES = {
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}

_LINE_BREAK = (
    "a line break in a one-line field: titles, descriptions and names are one line (they "
    "name the page, the feed entry, the calendar event and the e-mail's subject); remove it"
)
_CONTROL = (
    "a control character: readers do not see it, yet it is in the text that is released "
    "and hashed, and it breaks the feeds, calendars and e-mails the text goes into; remove it"
)
_SEPARATOR = (
    "a line or paragraph separator: browsers show it as a space while feeds, calendars and "
    "e-mails break the line there; write a space, or a new line where the source has one"
)


def character_name(char: str) -> str:
    """``U+000C FORM FEED``: a character as a message names it."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{code:04X} {name}"


def control_characters(text: str, *, one_line: bool, source: str = "") -> list[str]:
    """Why each control character or line separator of ``text`` that ``source`` does not
    have is refused: C0 and C1 controls, U+2028 and U+2029 and, in a one-line field
    (``one_line``: a title, a description, a name), line breaks and tabs. A new line
    and a tab are normal text in a paragraph, the only controls allowed there."""
    found = []
    for char in sorted(set(text) - set(source)):
        category = unicodedata.category(char)
        if char in "\n\t" and not one_line:
            continue
        if char in "\n\r\x85" and one_line:
            why = _LINE_BREAK
        elif category == "Cc":
            why = _CONTROL
        elif category in ("Zl", "Zp"):
            why = _SEPARATOR
        else:
            continue
        found.append(f"{character_name(char)}: {why}")
    return found

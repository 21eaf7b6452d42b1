"""Inline Markdown cut into the tokens a redline compares, and counted in words (pure).

A link, an image, a code span, an HTML tag or a footnote marker is one token, so a
changed link is shown changed as a whole and never cut in two. Emphasis delimiters are
tokens of their own. Scripts written without spaces between words are cut by grapheme
cluster (see ``count_words``), so a changed digit in a Japanese or Thai sentence is
one token alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

import regex

_ATOMS = [
    r"!?\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)",
    r"!?\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]\[[^\[\]]*\]",
    r"\[\^[^\]\s]+\]",
    r"(?P<ticks>`+)[^`](?:.*?[^`])?(?P=ticks)(?!`)",
    r"<[A-Za-z/!][^<>]*>",
    r"\{%.*?%\}",
]


#: Blocks of the scripts written without spaces between words, whose words no pattern
#: can find: ICU finds them with a dictionary, but PyICU needs a C++ build. Their text is
#: split into grapheme clusters instead (a character with the marks that combine with
#: it), which for ideographs and kana is one character each, as MediaWiki's wikidiff2
#: does. Hangul is written with spaces and stays in words; so do digits of any script,
#: and the full-width Latin letters and digits.
_UNSPACED_BLOCKS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x1950, 0x1AAF),  # Tai Le, New Tai Lue, Khmer Symbols, Buginese, Tai Tham
    (0x1B00, 0x1B7F),  # Balinese
    (0x2E80, 0x2FDF),  # CJK Radicals Supplement, Kangxi Radicals
    (0x2FF0, 0x30FF),  # Ideographic Description, CJK Symbols and Punctuation, kana
    (0x3100, 0x312F),  # Bopomofo
    (0x3190, 0x33FF),  # Kanbun .. Katakana Phonetic Extensions, Enclosed CJK, CJK Compatibility
    (0xA000, 0xA4CF),  # Yi
    (0xA980, 0xA9FF),  # Javanese, Myanmar Extended-B
    (0xAA60, 0xAADF),  # Myanmar Extended-A, Tai Viet
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE6F),  # CJK Compatibility Forms, Small Form Variants
    (0xFF01, 0xFF20),  # full-width punctuation (its digits stay in words)
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF9F),  # ... and half-width katakana with its sound marks
    (0xFFE0, 0xFFEF),
    (0x1AFF0, 0x1B16F),  # Kana Extended-B, Kana Supplement, Kana Extended-A, Small Kana
    (0x1F200, 0x1F2FF),  # Enclosed Ideographic Supplement
)


#: The Han ideographs: the unified ones, extension A, the compatibility ones, and planes 2
#: and 3 (extensions B to H, and what Unicode adds there). No mark or digit among them, so
#: they are taken whole, not looked at one by one.
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFD))


#: Marks a cluster of those scripts may carry from elsewhere: combining diacritics, the
#: joiners, variation selectors (an ideographic variant is one character).
_OTHER_MARKS = ((0x0300, 0x036F), (0x200C, 0x200D), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


def _char_class(ranges: Iterable[tuple[int, int]]) -> str:
    """The inside of a ``[...]`` matching the code points of these ranges."""
    return "".join(f"\\U{a:08x}-\\U{b:08x}" if b > a else f"\\U{a:08x}" for a, b in ranges)


def _ranges(codes: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Ascending code points as ranges of consecutive ones."""
    start = end = -2
    for code in codes:
        if code != end + 1:
            if start >= 0:
                yield start, end
            start = code
        end = code
    if start >= 0:
        yield start, end


def _unspaced_classes() -> tuple[str, str]:
    """What starts a run of the unspaced scripts (a character that is not a digit, a
    mark or a space), and what the run goes on with (those, and marks)."""
    codes = [code for first, last in _UNSPACED_BLOCKS for code in range(first, last + 1)]
    categories = {code: unicodedata.category(chr(code)) for code in codes}
    starts = [c for c in codes if categories[c][0] != "M" and categories[c] not in ("Nd", "Zs")]
    marks = [c for c in codes if categories[c][0] == "M"]
    start = _char_class([*_ranges(starts), *_HAN])
    return start, start + _char_class([*_ranges(marks), *_OTHER_MARKS])


_UNSPACED_START, _UNSPACED = _unspaced_classes()
#: A token: a word (first, the commonest: no other kind begins with its first character),
#: spaces, an atom, an emphasis delimiter, a run of unspaced script (split by ``tokens``)
#: or any other character.
_TOKEN = re.compile(
    f"[^\\s*~\\[!`<{{{_UNSPACED_START}]+"
    + r"|\s+|(?P<atom>"
    + "|".join(f"(?:{a})" for a in _ATOMS)
    + r")|\*\*|\*|~~"
    + f"|(?P<unspaced>[{_UNSPACED_START}][{_UNSPACED}]*)"
    + r"|\S"
)


#: A grapheme cluster (Unicode's UAX #29), with any that follow it and begin with a mark:
#: Unicode leaves a few spacing vowel signs of Myanmar and Tai Tham (ာ, း) apart from
#: their consonant, and a mark must never be marked changed apart from its base. Since
#: regex 2025.11.3 (Unicode 17), a Khmer or Myanmar stacked consonant is in the cluster.
_CLUSTER = regex.compile(r"\X(?:(?=\p{M})\X)*")


_DELIMITER_ONLY = re.compile(r"^(?:\*\*|\*|__|_|~~)+$")

#: An inline link token (the first of ``_ATOMS``, not an image): its words and its target.
_INLINE_LINK = re.compile(
    r"\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"(\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\))",
    re.S,
)


def tokens(text: str) -> list[str]:
    """Diff tokens of inline Markdown; joined, they give the text back exactly."""
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        token, kind = match.group(), match.lastgroup
        if kind == "unspaced":
            out.extend(_CLUSTER.findall(token))
        elif kind is None and "_" in token and not token.isspace():
            out.extend(_split_underscores(token))
        else:
            out.append(token)
    return out


def count_words(text: str) -> int:
    """Words of inline Markdown: tokens with a letter or digit (a link counts as one).

    What a word is depends on the script. Where words are written apart (Latin, Greek,
    Cyrillic, Arabic, Hebrew, Indic scripts, Hangul...) it is a run of letters and digits
    between spaces and punctuation. In Chinese and Japanese it is one character (an
    ideograph, a kana); in Thai, Lao, Khmer, Myanmar, Tibetan and the other scripts
    written without spaces, one grapheme cluster (a consonant with its vowel signs and
    tone marks). A number is one word in the digits of any script.
    """
    return sum(1 for t in tokens(text) if not is_delimiter(t) and any(c.isalnum() for c in t))


def _split_underscores(word: str) -> list[str]:
    """``_`` and ``__`` at the edges of a word are emphasis; inside (``snake_case``) not."""
    match = re.match(r"^(_*)(.*?)(_*)([^\w]*)$", word, re.S)
    if match is None or not match.group(2):
        return [word]
    return [p for p in match.groups() if p]


def is_delimiter(token: str) -> bool:
    """Whether a token is an emphasis delimiter (kept out of ``<ins>``/``<del>``)."""
    return bool(_DELIMITER_ONLY.match(token))


def link_parts(token: str) -> tuple[str, str] | None:
    """An inline link token's words and its target (``[words](target "title")`` gives
    ``("words", '(target "title")')``); None for any other token, an image included."""
    match = _INLINE_LINK.fullmatch(token)
    return (match.group(1), match.group(2)) if match else None

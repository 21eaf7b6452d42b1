"""Two texts -> a structured redline, and its renderings (pure).

Blocks are aligned first: identical blocks by an exact sequence match, then the
remaining ones by heading anchor and by similarity, in document order. Only inside a
changed block are words compared. Both steps use ``difflib.SequenceMatcher`` without
its ``autojunk`` heuristic and without any time-out, so the same inputs always give
the same redline.

Inline Markdown is diffed in atoms: a link, an image, a code span, an HTML tag or a
footnote marker is one token, so a changed link is shown changed as a whole and never
cut in two. Emphasis delimiters are tokens of their own that are never wrapped in
``<ins>`` or ``<del>``, so the marks can never break the nesting of the HTML.

Scripts written without spaces between words are diffed by grapheme cluster (see
``count_words``), so a changed digit in a Japanese or Thai sentence is marked alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import regex

from notice.text.segment import Document, Segment, plain_text

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

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


@dataclass(frozen=True)
class Op:
    """One run of a word diff: equal, deleted or inserted text."""

    kind: str
    text: str


@dataclass(frozen=True)
class Block:
    """One block of the redline, in display order."""

    status: str
    """``equal``, ``changed``, ``added`` or ``removed``."""
    old: Segment | None
    new: Segment | None
    ops: tuple[Op, ...] = ()

    @property
    def words_changed(self) -> int:
        """Words deleted plus words inserted (a link or a code span counts as one word)."""
        if self.status == "changed":
            return sum(count_words(o.text) for o in self.ops if o.kind != EQUAL)
        if self.status == "added" and self.new is not None:
            return count_words(self.new.text)
        if self.status == "removed" and self.old is not None:
            return count_words(self.old.text)
        return 0


@dataclass(frozen=True)
class SectionDiff:
    """One section (a heading and what follows it) and what happened to it."""

    status: str
    """``added``, ``removed``, ``changed``, ``renamed`` or ``unchanged``."""
    anchor: str
    title: str
    old_title: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Redline:
    """The difference between two versions of a document."""

    blocks: tuple[Block, ...]
    sections: tuple[SectionDiff, ...]

    @property
    def words_changed(self) -> int:
        """Words deleted plus words inserted, over the whole text."""
        return sum(b.words_changed for b in self.blocks)

    @property
    def changed(self) -> bool:
        """Whether anything differs."""
        return any(b.status != "equal" for b in self.blocks)


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


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The non-space tokens of a text, and the whitespace before each (then the rest).

    Cached: a build compares each version with several others.
    """
    words: list[str] = []
    spaces: list[str] = []
    pending = ""
    for token in tokens(text):
        if token.isspace():
            pending += token
        else:
            words.append(token)
            spaces.append(pending)
            pending = ""
    spaces.append(pending)
    return tuple(words), tuple(spaces)


#: Past this many word pairs, a region is matched sentence by sentence first: a word
#: diff costs up to the square of a region, and a rewrite of a whole notice between
#: two distant versions would dominate a build.
LARGE_REGION = 1_000_000
#: What ends a sentence: Latin, CJK (full and half width), Myanmar, Khmer and Tibetan.
_SENTENCE_ENDS = ".!?:;。．！？：；｡။។៕།"


def _sentences(words: Sequence[str]) -> list[tuple[int, int]]:
    """Word ranges of sentences (and block ends)."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for index, word in enumerate(words):
        if word == _SEP or word[-1] in _SENTENCE_ENDS:
            ranges.append((start, index + 1))
            start = index + 1
    if start < len(words):
        ranges.append((start, len(words)))
    return ranges


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes over words; for a large region, identical sentences first."""
    if len(a) * len(b) <= LARGE_REGION:
        return list(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    sa, sb = _sentences(a), _sentences(b)
    coarse = SequenceMatcher(
        None, [tuple(a[x:y]) for x, y in sa], [tuple(b[x:y]) for x, y in sb], autojunk=False
    )
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in coarse.get_opcodes():
        a1 = sa[i1][0] if i1 < len(sa) else len(a)
        a2 = sa[i2 - 1][1] if i2 > i1 else a1
        b1 = sb[j1][0] if j1 < len(sb) else len(b)
        b2 = sb[j2 - 1][1] if j2 > j1 else b1
        if tag == "equal":
            out.append(("equal", a1, a2, b1, b2))
            continue
        fine = SequenceMatcher(None, a[a1:a2], b[b1:b2], autojunk=False)
        out.extend(
            (t, a1 + x1, a1 + x2, b1 + y1, b1 + y2) for t, x1, x2, y1, y2 in fine.get_opcodes()
        )
    return out


def _word_ops(
    a: Sequence[str], a_space: Sequence[str], b: Sequence[str], b_space: Sequence[str]
) -> Iterator[tuple[str, str, int, int]]:
    """A word diff that matches words only (whitespace is never what aligns two texts),
    yielding ``(kind, text, old index, new index)`` with the whitespace put back."""
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if a_space[i] == b_space[j]:
                    yield EQUAL, a_space[i] + a[i], i, j
                else:
                    yield DELETE, a_space[i], i, -1
                    yield INSERT, b_space[j], -1, j
                    yield EQUAL, a[i], i, j
            continue
        for i in range(i1, i2):
            yield DELETE, a_space[i] + a[i], i, -1
        for j in range(j1, j2):
            yield INSERT, b_space[j] + b[j], -1, j


def diff_words(old: str, new: str) -> tuple[Op, ...]:
    """A word-level diff of two pieces of inline Markdown, atoms kept whole."""
    a, a_space = _words(old)
    b, b_space = _words(new)
    ops = [Op(kind, text) for kind, text, _, _ in _word_ops(a, a_space, b, b_space) if text]
    tail_old, tail_new = a_space[-1], b_space[-1]
    if tail_old == tail_new:
        ops.append(Op(EQUAL, tail_old))
    else:
        ops.extend([Op(DELETE, tail_old), Op(INSERT, tail_new)])
    return tuple(_merge([op for op in ops if op.text]))


def _merge(ops: list[Op]) -> Iterator[Op]:
    """Neighbouring runs of one kind joined (see ``_group``)."""
    out: list[Op] = []
    for op in _group(ops):
        if out and out[-1].kind == op.kind:
            out[-1] = Op(op.kind, out[-1].text + op.text)
        else:
            out.append(op)
    yield from out


def _group(ops: list[Op]) -> Iterator[Op]:
    """Group changes, and fold a lone space between two changes into them.

    "a b" -> "x y" then reads as one deletion and one insertion rather than four.
    """
    items: list[list[str]] = []  # ["eq", text] or ["chg", deleted, inserted]
    for op in ops:
        if op.kind == EQUAL:
            items.append(["eq", op.text])
        elif items and items[-1][0] == "chg":
            items[-1][1 if op.kind == DELETE else 2] += op.text
        else:
            items.append(
                ["chg", op.text if op.kind == DELETE else "", op.text if op.kind == INSERT else ""]
            )
    merged: list[list[str]] = []
    for item in items:
        if (
            item[0] == "chg"
            and len(merged) >= 2
            and merged[-1][0] == "eq"
            and merged[-1][1].isspace()
            and merged[-2][0] == "chg"
            and (merged[-2][1] or item[1])
            and (merged[-2][2] or item[2])
        ):
            space = merged.pop()[1]
            previous = merged.pop()
            item = ["chg", previous[1] + space + item[1], previous[2] + space + item[2]]
        merged.append(item)
    for item in merged:
        if item[0] == "chg" and item[1] and item[2]:
            lead = _common_space(item[1], item[2])
            tail = _common_space(item[1][::-1], item[2][::-1])
            if lead and len(lead) < min(len(item[1]), len(item[2])):
                yield Op(EQUAL, lead)
                item = ["chg", item[1][len(lead) :], item[2][len(lead) :]]
            if tail and len(tail) < min(len(item[1]), len(item[2])):
                yield from _emit(["chg", item[1][: -len(tail)], item[2][: -len(tail)]])
                yield Op(EQUAL, tail)
                continue
        yield from _emit(item)


def _common_space(a: str, b: str) -> str:
    """The whitespace both strings start with."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n] and a[n].isspace():
        n += 1
    return a[:n]


def _emit(item: list[str]) -> Iterator[Op]:
    if item[0] == "eq":
        yield Op(EQUAL, item[1])
        return
    if item[1]:
        yield Op(DELETE, item[1])
    if item[2]:
        yield Op(INSERT, item[2])


_SEP = "\x00"  # the end of a block, in a region's token stream


def diff_documents(old: Document, new: Document) -> Redline:
    """The redline from ``old`` to ``new``.

    Identical blocks are matched first, in order. Each region of differing blocks
    between them is then diffed word by word as one stream, block ends included, so a
    sentence moved from one paragraph to the next, or a paragraph split in two, costs
    only the words that really changed. The changes are shown inside the newer blocks;
    an older block deleted whole is shown as removed, a newer one inserted whole as
    added.
    """
    old_blocks = [s for s in old.segments if s.field is None]
    new_blocks = [s for s in new.segments if s.field is None]
    blocks: list[Block] = []
    matcher = SequenceMatcher(
        None, [s.text for s in old_blocks], [s.text for s in new_blocks], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs = zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True)
            blocks.extend(Block("equal", a, b) for a, b in pairs)
        elif i2 - i1 == j2 - j1 == 1 and old_blocks[i1].kind == new_blocks[j1].kind:
            # One block reworded in place (a renamed heading): paired by its position.
            before, after = old_blocks[i1], new_blocks[j1]
            blocks.append(Block("changed", before, after, diff_words(before.text, after.text)))
        else:
            blocks.extend(_diff_region(old_blocks[i1:i2], new_blocks[j1:j2]))
    return Redline(tuple(blocks), tuple(_sections(blocks)))


def _stream(blocks: list[Segment]) -> tuple[list[str], list[str], list[int]]:
    """The words of consecutive blocks, each closed by a separator, with the whitespace
    before each word and the block it belongs to."""
    words: list[str] = []
    spaces: list[str] = []
    owners: list[int] = []
    for index, block in enumerate(blocks):
        block_words, block_spaces = _words(block.text)
        words.extend([*block_words, _SEP])
        spaces.extend(block_spaces)  # the last one: whitespace before the separator
        owners.extend([index] * (len(block_words) + 1))
    return words, spaces, owners


def _diff_region(old: list[Segment], new: list[Segment]) -> list[Block]:
    """Word diff of a region of differing blocks, shown block by block."""
    if not new:
        return [Block("removed", o, None) for o in old]
    if not old:
        return [Block("added", None, n) for n in new]
    a, a_space, a_owner = _stream(old)
    b, b_space, b_owner = _stream(new)
    first_word = {a_owner[k]: k for k in range(len(a) - 1, -1, -1)}
    last_word = {a_owner[k]: k for k in range(len(a)) if a[k] != _SEP}
    per_block: list[list[Op]] = [[] for _ in new]
    partner: list[int | None] = [None] * len(new)
    removed_before: dict[int, list[int]] = {}
    current = 0  # the newer block the stream is in
    at_start = True  # nothing of the current newer block seen yet
    run: list[int] = []  # consecutive deleted older words, not yet placed

    def place_deletions() -> None:
        nonlocal at_start
        k = 0
        while k < len(run):
            owner = a_owner[run[k]]
            end = k
            while end < len(run) and a_owner[run[end]] == owner:
                end += 1
            covered = [i for i in run[k:end] if a[i] != _SEP]
            whole = (
                covered
                and covered[0] == first_word[owner]
                and covered[-1] == last_word.get(owner, -1)
                and len(covered) == last_word[owner] - first_word[owner] + 1
            )
            if whole and at_start:
                removed_before.setdefault(current, []).append(owner)
            else:
                text = "".join(a_space[i] + (a[i] if a[i] != _SEP else "") for i in run[k:end])
                if text:
                    per_block[min(current, len(new) - 1)].append(Op(DELETE, text))
                    at_start = False  # what follows comes after this, in order
            k = end
        run.clear()

    for kind, text, i, j in _word_ops(a, a_space, b, b_space):
        if text.endswith(_SEP):
            text = text[: -len(_SEP)]
        if (kind == DELETE and j < 0 and i >= 0 and text.strip() != "") or (
            kind == DELETE and a[i] == _SEP
        ):
            run.append(i)
            continue
        if run:
            place_deletions()
        if kind == DELETE:  # whitespace that differs before an equal word
            per_block[min(current, len(new) - 1)].append(Op(DELETE, text))
            continue
        if b[j] == _SEP:
            if text:
                per_block[b_owner[j]].append(Op(kind, text))
            current, at_start = b_owner[j] + 1, True
            continue
        per_block[b_owner[j]].append(Op(kind, text))
        at_start = False
        if kind == EQUAL and partner[b_owner[j]] is None:
            partner[b_owner[j]] = a_owner[i]
    place_deletions()
    result: list[Block] = []
    for index, segment in enumerate(new):
        result.extend(Block("removed", old[o], None) for o in removed_before.get(index, []))
        ops = tuple(_merge([op for op in per_block[index] if op.text]))
        kinds = {op.kind for op in ops}
        source = old[partner[index]] if partner[index] is not None else None  # type: ignore[index]
        if kinds <= {EQUAL}:
            result.append(Block("equal", source, segment))
        elif kinds == {INSERT}:
            result.append(Block("added", None, segment))
        else:
            result.append(Block("changed", source, segment, ops))
    result.extend(Block("removed", old[o], None) for o in removed_before.get(len(new), []))
    if all(block.status in ("added", "removed") for block in result):
        # Nothing in common: the old blocks went, the new ones came.
        result.sort(key=lambda block: block.status != "removed")
    return result


def _sections(blocks: list[Block]) -> Iterator[SectionDiff]:
    """Group blocks into sections, each starting at a heading (old or new)."""
    groups: list[list[Block]] = [[]]
    for block in blocks:
        segment = block.new or block.old
        if segment is not None and segment.kind == "heading" and groups[-1]:
            groups.append([])
        groups[-1].append(block)
    for group in groups:
        if not group:
            continue
        head = group[0]
        heading = head.new or head.old
        is_heading = heading is not None and heading.kind == "heading"
        title = heading.text if is_heading and heading is not None else ""
        if head.status == "removed" and is_heading:
            anchor = f"removed-{heading.anchor}" if heading is not None else ""
        else:
            anchor = heading.anchor or "" if is_heading and heading is not None else ""
        statuses = {b.status for b in group}
        body = {b.status for b in group[1:]} if is_heading else statuses
        if statuses == {"added"}:
            status = "added"
        elif statuses == {"removed"}:
            status = "removed"
        elif statuses == {"equal"}:
            status = "unchanged"
        elif is_heading and head.status == "changed" and body <= {"equal"}:
            status = "renamed"
        else:
            status = "changed"
        old_title = head.old.text if is_heading and head.old is not None else None
        yield SectionDiff(status, anchor, title, old_title, tuple(group))


# --- renderings ------------------------------------------------------------------------


plain_title = plain_text  # a heading's text without its Markdown markup

"""Two versions of one block's inline Markdown compared word by word (pure).

The words are the tokens of ``notice.text.tokens``. They are compared with
``difflib.SequenceMatcher`` without its ``autojunk`` heuristic and without any time-out,
so the same inputs always give the same operations; past ``LARGE_REGION`` word pairs, a
region is matched sentence by sentence first. A block's document diff (``notice.text.diff``)
runs the same comparison over the words of several blocks at once, each block ended by
``BLOCK_END``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from notice.text.matching import SequenceMatcher
from notice.text.tokens import count_words, link_parts, tokens

EQUAL, DELETE, INSERT = "equal", "delete", "insert"


@dataclass(frozen=True)
class Op:
    """One run of a word diff: equal, deleted or inserted text."""

    kind: str
    text: str


@lru_cache(maxsize=8192)
def words_and_spaces(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
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
        if word == BLOCK_END or word[-1] in _SENTENCE_ENDS:
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


def word_ops(
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
    a, a_space = words_and_spaces(old)
    b, b_space = words_and_spaces(new)
    ops = [Op(kind, text) for kind, text, _, _ in word_ops(a, a_space, b, b_space) if text]
    tail_old, tail_new = a_space[-1], b_space[-1]
    if tail_old == tail_new:
        ops.append(Op(EQUAL, tail_old))
    else:
        ops.extend([Op(DELETE, tail_old), Op(INSERT, tail_new)])
    return tuple(merge_ops([op for op in ops if op.text]))


def merge_ops(ops: list[Op]) -> Iterator[Op]:
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


BLOCK_END = "\x00"  # the end of a block, in a region's token stream


@dataclass(frozen=True)
class LinkChange:
    """A link that stayed where it was while its address or some of its words changed:
    shown as one link, its words compared and its old address beside it."""

    ops: tuple[Op, ...]
    """Its words, old to new (all equal when only the address changed)."""
    target: str
    """The newer target, as written: ``(address "title")``."""
    old_target: str
    """The older target (the same as ``target`` when only words changed)."""

    @property
    def words_changed(self) -> int:
        """Its words deleted plus inserted, and one for a new address."""
        changed = sum(count_words(op.text) for op in self.ops if op.kind != EQUAL)
        return changed + (self.target != self.old_target)


def refine_links(ops: Sequence[Op]) -> tuple[Op | LinkChange, ...]:
    """A word diff with each link that changed in place taken out of the deletion and
    insertion around it, as a ``LinkChange``; every other run as it was.

    A link is one token to the word diff, so that it is never cut in two; then a new
    address alone strikes out the link's words and inserts them again. Here a link is
    matched by its words: the same words with a new address, or a few words changed in
    it (with at least one kept), is a ``LinkChange``.
    """
    out: list[Op | LinkChange] = []
    k = 0
    while k < len(ops):
        op = ops[k]
        following = ops[k + 1] if k + 1 < len(ops) else None
        if (
            op.kind == DELETE
            and following is not None
            and following.kind == INSERT
            and "](" in op.text
            and "](" in following.text
        ):
            out.extend(_link_changes(op.text, following.text))
            k += 2
        else:
            out.append(op)
            k += 1
    return tuple(out)


def _link_changes(old: str, new: str) -> Iterator[Op | LinkChange]:
    """A deletion and the insertion after it compared again, a link keyed by its words."""
    a, a_space = words_and_spaces(old)
    b, b_space = words_and_spaces(new)
    a_links, b_links = [link_parts(w) for w in a], [link_parts(w) for w in b]
    a_keys = [("link", p[0]) if p else w for w, p in zip(a, a_links, strict=True)]
    b_keys = [("link", p[0]) if p else w for w, p in zip(b, b_links, strict=True)]
    pieces: list[Op | LinkChange] = []

    def space(i: int, j: int) -> None:
        if a_space[i] == b_space[j]:
            pieces.append(Op(EQUAL, b_space[j]))
        else:
            pieces.extend([Op(DELETE, a_space[i]), Op(INSERT, b_space[j])])

    def changed(i1: int, i2: int, j1: int, j2: int) -> None:
        pieces.extend(Op(DELETE, a_space[i] + a[i]) for i in range(i1, i2))
        pieces.extend(Op(INSERT, b_space[j] + b[j]) for j in range(j1, j2))

    matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                space(i, j)
                before, after = a_links[i], b_links[j]
                if a[i] == b[j] or before is None or after is None:
                    pieces.append(Op(EQUAL, b[j]))
                else:
                    pieces.append(LinkChange((Op(EQUAL, after[0]),), after[1], before[1]))
            continue
        # One link on each side with a word in common: the same link, reworded.
        olds = [(i, link) for i in range(i1, i2) if (link := a_links[i])]
        news = [(j, link) for j in range(j1, j2) if (link := b_links[j])]
        if len(olds) != 1 or len(news) != 1:
            changed(i1, i2, j1, j2)
            continue
        (i, before), (j, after) = olds[0], news[0]
        words = diff_words(before[0], after[0])
        if not any(op.kind == EQUAL and count_words(op.text) for op in words):
            changed(i1, i2, j1, j2)
            continue
        changed(i1, i, j1, j)
        space(i, j)
        pieces.append(LinkChange(words, after[1], before[1]))
        changed(i + 1, i2, j + 1, j2)
    if a_space[-1] == b_space[-1]:
        pieces.append(Op(EQUAL, b_space[-1]))
    else:
        pieces.extend([Op(DELETE, a_space[-1]), Op(INSERT, b_space[-1])])
    run: list[Op] = []
    for piece in pieces:
        if isinstance(piece, Op):
            if piece.text:
                run.append(piece)
            continue
        yield from merge_ops(run)
        run = []
        yield piece
    yield from merge_ops(run)

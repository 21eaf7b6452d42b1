"""Two texts -> a structured redline: blocks aligned, then words compared (pure).

Blocks are aligned first: identical blocks by an exact sequence match, then the
remaining ones by heading anchor and by similarity, in document order. Only inside a
changed block are words compared (``notice.text.worddiff``, over the tokens of
``notice.text.tokens``: a link is one token, emphasis delimiters are never wrapped in
``<ins>`` or ``<del>``, scripts without spaces are compared by grapheme cluster). Both
steps use ``difflib.SequenceMatcher`` without its ``autojunk`` heuristic and without any
time-out, so the same inputs always give the same redline. ``notice.text.redline``
renders it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from notice.text.matching import SequenceMatcher
from notice.text.segment import Document, Segment, plain_text
from notice.text.tokens import count_words
from notice.text.worddiff import (
    BLOCK_END,
    DELETE,
    EQUAL,
    INSERT,
    LARGE_REGION,
    LinkChange,
    Op,
    diff_words,
    merge_ops,
    refine_links,
    word_ops,
    words_and_spaces,
)


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
        """Words deleted plus words inserted (a link or a code span counts as one word, and
        so does a link's new address)."""
        if self.status == "changed":
            return sum(
                piece.words_changed
                if isinstance(piece, LinkChange)
                else count_words(piece.text) * (piece.kind != EQUAL)
                for piece in refine_links(self.ops)
            )
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


def diff_documents(old: Document, new: Document) -> Redline:
    """The redline from ``old`` to ``new``.

    Identical blocks are matched first, in order. Each region of differing blocks
    between them is then diffed word by word as one stream, block ends included, so a
    sentence moved from one paragraph to the next, or a paragraph split in two, costs
    only the words that really changed; so does a section moved past a heading that
    stayed (two regions and the equal blocks between them, diffed again as one when
    they share many words and that marks fewer). The changes are shown inside the
    newer blocks; an older block deleted whole is shown as removed, a newer one
    inserted whole as added.
    """
    old_blocks = [s for s in old.segments if s.field is None]
    new_blocks = [s for s in new.segments if s.field is None]
    matcher = SequenceMatcher(
        None, [s.text for s in old_blocks], [s.text for s in new_blocks], autojunk=False
    )
    runs: list[_Run] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        run = _Run(tag, i1, j1, _diff_part(tag, old_blocks[i1:i2], new_blocks[j1:j2]))
        if (
            len(runs) >= 2
            and runs[-1].tag == "equal"
            and len(runs[-1].blocks) <= _SHORT_EQUAL
            and runs[-2].tag != "equal"
            and tag != "equal"
            and _size(old_blocks[runs[-2].old_start : i2], new_blocks[runs[-2].new_start : j2])
            <= _LARGEST_JOINED
            and runs[-2].moved_to(run) > _MOVED * min(runs[-2].words_changed, run.words_changed)
        ):
            # A few equal blocks between two changes, the words deleted by one of them
            # inserted by the other: text moved past a heading that stayed, which the
            # block match took for the pair. Diffed as one region with them when that
            # marks fewer words, what moved is compared with what it was.
            first = runs[-2]
            joined = _Run(
                "replace",
                first.old_start,
                first.new_start,
                _diff_region(old_blocks[first.old_start : i2], new_blocks[first.new_start : j2]),
            )
            if joined.words_changed < first.words_changed + run.words_changed:
                del runs[-2:]
                run = joined
        runs.append(run)
    blocks = [block for run in runs for block in run.blocks]
    return Redline(tuple(blocks), tuple(_sections(blocks)))


#: At most this many equal blocks between two changes are diffed with them (see
#: ``diff_documents``).
_SHORT_EQUAL = 2


#: The share of the words of the smaller of two changes that the other one deletes or
#: inserts back, past which they are diffed again as one region (see ``diff_documents``):
#: what a moved section shares, more than a rewrite shares of common words.
_MOVED = 0.5


#: The largest region (in word pairs) diffed again as one: past it, the comparison of
#: two runs of a text rewritten from end to end costs far more than the words it saves.
_LARGEST_JOINED = 10 * LARGE_REGION


def _size(old: list[Segment], new: list[Segment]) -> int:
    """Word pairs a word diff of two runs of blocks compares (see ``LARGE_REGION``)."""
    return sum(len(s.text.split()) for s in old) * sum(len(s.text.split()) for s in new)


class _Run:
    """Blocks of one run of the block match (or of several, diffed as one region)."""

    def __init__(self, tag: str, old_start: int, new_start: int, blocks: list[Block]) -> None:
        self.tag = tag
        self.old_start = old_start
        self.new_start = new_start
        self.blocks = blocks

    @property
    def words_changed(self) -> int:
        """Words deleted plus inserted, told apart by spaces (cheaper than counting them
        as ``Block.words_changed`` does, and as good to choose between two diffs)."""
        deleted, inserted = self.changed_words
        return deleted.total() + inserted.total()

    @cached_property
    def changed_words(self) -> tuple[Counter[str], Counter[str]]:
        return _changed_words(self.blocks)

    def moved_to(self, other: _Run) -> int:
        """Words one run deletes and the other inserts (counted with repeats)."""
        deleted, inserted = self.changed_words
        later_deleted, later_inserted = other.changed_words
        return (deleted & later_inserted).total() + (later_deleted & inserted).total()


def _changed_words(blocks: list[Block]) -> tuple[Counter[str], Counter[str]]:
    """The words a run of blocks deletes, and those it inserts."""
    deleted: Counter[str] = Counter()
    inserted: Counter[str] = Counter()
    for block in blocks:
        if block.status == "removed" and block.old is not None:
            deleted.update(block.old.text.split())
        elif block.status == "added" and block.new is not None:
            inserted.update(block.new.text.split())
        else:
            for op in block.ops:
                if op.kind != EQUAL:
                    (deleted if op.kind == DELETE else inserted).update(op.text.split())
    return deleted, inserted


def _diff_part(tag: str, old: list[Segment], new: list[Segment]) -> list[Block]:
    """The blocks of one of the block matcher's runs: equal, or diffed word by word."""
    if tag == "equal":
        return [Block("equal", a, b) for a, b in zip(old, new, strict=True)]
    if len(old) == len(new) == 1 and old[0].kind == new[0].kind:
        # One block reworded in place (a renamed heading): paired by its position.
        return [Block("changed", old[0], new[0], diff_words(old[0].text, new[0].text))]
    return _diff_region(old, new)


def _stream(blocks: list[Segment]) -> tuple[list[str], list[str], list[int]]:
    """The words of consecutive blocks, each closed by a separator, with the whitespace
    before each word and the block it belongs to."""
    words: list[str] = []
    spaces: list[str] = []
    owners: list[int] = []
    for index, block in enumerate(blocks):
        block_words, block_spaces = words_and_spaces(block.text)
        words.extend([*block_words, BLOCK_END])
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
    last_word = {a_owner[k]: k for k in range(len(a)) if a[k] != BLOCK_END}
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
            covered = [i for i in run[k:end] if a[i] != BLOCK_END]
            whole = (
                covered
                and covered[0] == first_word[owner]
                and covered[-1] == last_word.get(owner, -1)
                and len(covered) == last_word[owner] - first_word[owner] + 1
            )
            if whole and at_start:
                removed_before.setdefault(current, []).append(owner)
            else:
                text = "".join(a_space[i] + (a[i] if a[i] != BLOCK_END else "") for i in run[k:end])
                if text:
                    per_block[min(current, len(new) - 1)].append(Op(DELETE, text))
                    at_start = False  # what follows comes after this, in order
            k = end
        run.clear()

    for kind, text, i, j in word_ops(a, a_space, b, b_space):
        if text.endswith(BLOCK_END):
            text = text[: -len(BLOCK_END)]
        if (kind == DELETE and j < 0 and i >= 0 and text.strip() != "") or (
            kind == DELETE and a[i] == BLOCK_END
        ):
            run.append(i)
            continue
        if run:
            place_deletions()
        if kind == DELETE:  # whitespace that differs before an equal word
            per_block[min(current, len(new) - 1)].append(Op(DELETE, text))
            continue
        if b[j] == BLOCK_END:
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
        ops = tuple(merge_ops([op for op in per_block[index] if op.text]))
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

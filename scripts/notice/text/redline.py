"""Redlines rendered from a diff (``notice.text.diff``): marked Markdown for a compare page,
inline HTML for a summary, and coloured or bracketed text for a terminal.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from notice.text.compose import apply_edits
from notice.text.diff import DELETE, EQUAL, INSERT, Redline, SectionDiff, plain_title
from notice.text.segment import Document, Segment
from notice.text.tokens import is_delimiter, tokens
from notice.text.worddiff import LinkChange, Op, refine_links

_MAY_DELIMIT = re.compile(r"[*_~]")  # a text without these has no emphasis delimiter


@dataclass(frozen=True)
class RedlineLabels:
    """Words a screen reader announces around marks, in the page's language."""

    deleted_start: str = "[deleted:"
    deleted_end: str = "]"
    inserted_start: str = "[inserted:"
    inserted_end: str = "]"


def _mark(kind: str, text: str, labels: RedlineLabels) -> str:
    """Wrap a run in ``<ins>``/``<del>``, keeping emphasis delimiters outside the tags."""
    tag = "del" if kind == DELETE else "ins"
    start = labels.deleted_start if kind == DELETE else labels.inserted_start
    end = labels.deleted_end if kind == DELETE else labels.inserted_end
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        content = "".join(run)
        if content.strip():
            lead = content[: len(content) - len(content.lstrip())]
            trail = content[len(content.rstrip()) :]
            out.append(
                f'{lead}<{tag}><span class="notice-sr">{html.escape(start)} </span>'
                f"{content.strip()}"
                f'<span class="notice-sr"> {html.escape(end)}</span></{tag}>{trail}'
            )
        elif content:
            out.append(content)
        run.clear()

    if not _MAY_DELIMIT.search(text):
        run.append(text)  # no emphasis delimiter: one run
    else:
        for token in tokens(text):
            if is_delimiter(token):
                flush()
                if kind == INSERT:
                    out.append(token)  # the new text's emphasis stays; the old one's goes
            else:
                run.append(token)
    flush()
    return "".join(out)


#: What stands for a link's address beside it when only the address changed: the old
#: one struck out, the new one marked inserted, each a link to its address.
ADDRESS_MARK = "\u2197"  # ↗


def inline_redline(ops: tuple[Op, ...], labels: RedlineLabels) -> str:
    """Inline Markdown of a changed block: the new text with deletions and insertions.

    A link that changed in place (``refine_links``) stays one link, with its words
    compared inside it; a new address is shown beside it, as a struck-out ``↗`` that
    links to the old address and a marked ``↗`` that links to the new one, and its
    words are not marked (they did not change).
    """
    out: list[str] = []
    for piece in refine_links(ops):
        if isinstance(piece, LinkChange):
            out.append(f"[{inline_redline(piece.ops, labels)}]{piece.target}")
            if piece.target != piece.old_target:
                out.append(_mark(DELETE, f"[{ADDRESS_MARK}]{piece.old_target}", labels))
                out.append(_mark(INSERT, f"[{ADDRESS_MARK}]{piece.target}", labels))
        elif piece.kind == EQUAL:
            out.append(piece.text)
        else:
            out.append(_mark(piece.kind, piece.text, labels))
    return "".join(out)


def terminal_redline(redline: Redline, *, color: bool, context: int = 0) -> str:
    """The redline for a terminal: colours when ``color``, else ``[-old-]{+new+}`` marks."""
    red, green, dim, reset = ("\033[31m", "\033[32m", "\033[2m", "\033[0m") if color else ("",) * 4

    def outside(text: str, start: str, end: str) -> str:
        """Marks around the words, the whitespace around them left outside."""
        core = text.strip()
        if not core:
            return text
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        return f"{lead}{start}{core}{end}{trail}"

    def deleted(text: str) -> str:
        return outside(text, f"{red}\033[9m", reset) if color else outside(text, "[-", "-]")

    def inserted(text: str) -> str:
        return outside(text, f"{green}\033[4m", reset) if color else outside(text, "{+", "+}")

    def marked(ops: tuple[Op, ...]) -> str:
        """A changed block; a link changed in place as ``[words][-(old)-]{+(new)+}``."""
        out: list[str] = []
        for piece in refine_links(ops):
            if isinstance(piece, LinkChange):
                target = piece.target
                if target != piece.old_target:
                    target = deleted(piece.old_target) + inserted(target)
                out.append(f"[{marked(piece.ops)}]{target}")
            elif piece.kind == EQUAL:
                out.append(piece.text)
            else:
                out.append(deleted(piece.text) if piece.kind == DELETE else inserted(piece.text))
        return "".join(out)

    lines: list[str] = []
    for block in redline.blocks:
        segment = block.new or block.old
        assert segment is not None
        where = f"{dim}{segment.kind}, line {segment.line}{reset}"
        if block.status == "equal":
            continue
        if block.status == "added":
            lines.append(f"+ {where}\n  {inserted(segment.text)}")
        elif block.status == "removed":
            lines.append(f"- {where}\n  {deleted(segment.text)}")
        else:
            lines.append(f"~ {where}\n  {marked(block.ops)}")
    return "\n\n".join(lines) + ("\n" if lines else "")


def side(ops: tuple[Op, ...], which: str) -> str:
    """One side of a word diff: ``old`` (drop insertions) or ``new`` (drop deletions)."""
    drop = INSERT if which == "old" else DELETE
    return "".join(o.text for o in ops if o.kind != drop)


_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


_ROW_LINE = re.compile(r"^\s*\|")


@dataclass(frozen=True)
class Folding:
    """How a compare page leads with its changes, in the reader's words: each run of
    unchanged sections folded as one, and a link after each change to the next one."""

    one: str = "%(title)s (unchanged)"
    """A folded run of one section; ``%(title)s`` is its title."""
    many: tuple[str, ...] = ()
    """``many[n - 2]``: a run of ``n`` sections (``%(count)s``, ``%(first)s``, ``%(last)s``)."""
    next_change: str = "Next change: %(title)s"
    last_change: str = "Back to the list of changes"
    top: str = "notice-changes"
    """The id of the list of changes the last change links back to."""
    lang: str = ""
    """The reader's language, where the text is in another: the folded runs' summaries
    and the links say so, with its direction (``direction``)."""
    direction: str = ""

    def words(self) -> tuple[str, ...]:
        """Every string it holds (what a cached redline depends on)."""
        return (
            self.one, *self.many, self.next_change, self.last_change, self.top, self.lang,
            self.direction,
        )  # fmt: skip

    def _own(self) -> str:
        """The attributes of what is in the reader's words, inside another language's text."""
        if not self.lang:
            return ""
        direction = f' dir="{html.escape(self.direction)}"' if self.direction else ""
        return f' lang="{html.escape(self.lang)}"{direction}'

    def summary(self, titles: list[str]) -> str:
        """The summary line of a folded run (escaped HTML)."""
        escaped = [html.escape(plain_title(t), quote=False) for t in titles]
        if len(titles) == 1:
            return html.escape(self.one, quote=False) % {"title": escaped[0]}
        index = min(len(titles) - 2, len(self.many) - 1)
        form = self.many[index] if self.many else "%(count)s: %(first)s – %(last)s"
        values = {"count": str(len(titles)), "first": escaped[0], "last": escaped[-1]}
        return html.escape(form, quote=False) % values

    def link(self, target: SectionDiff | None) -> str:
        """The link after a change: to the next change, or back to the list."""
        if target is None:
            words, anchor = html.escape(self.last_change, quote=False), self.top
        else:
            title = html.escape(plain_title(target.title), quote=False)
            words = html.escape(self.next_change, quote=False) % {"title": title}
            anchor = target.anchor
        return (
            f'<p class="notice-next"{self._own()}><a href="#{html.escape(anchor)}">{words}</a></p>'
        )


def is_change(section: SectionDiff) -> bool:
    """A section a reader is led to: changed in any way, and with an anchor."""
    return bool(section.anchor) and section.status != "unchanged"


def _folded(section: SectionDiff) -> bool:
    return bool(section.anchor) and section.status == "unchanged"


def _boundaries(sections: list[SectionDiff], folding: Folding) -> dict[int, list[str]]:
    """Markup to put before each section (its index; ``len(sections)`` for the end of
    the text): the end of a folded run, the link to the next change, the start of a run."""
    changes = [index for index, section in enumerate(sections) if is_change(section)]
    marks: dict[int, list[str]] = {}
    for index in range(len(sections) + 1):
        before = sections[index - 1] if index else None
        here = sections[index] if index < len(sections) else None
        items: list[str] = []
        if before is not None and _folded(before) and (here is None or not _folded(here)):
            items.append("</details>")
        if before is not None and is_change(before):
            later = [k for k in changes if k >= index]
            items.append(folding.link(sections[later[0]] if later else None))
        if here is not None and _folded(here) and (before is None or not _folded(before)):
            run = []
            for section in sections[index:]:
                if not _folded(section):
                    break
                run.append(section.title)
            items.append(
                '<details class="notice-unchanged" markdown="1">\n'
                f"<summary{folding._own()}>{folding.summary(run)}</summary>"
            )
        if items:
            marks[index] = items
    return marks


def redline_markdown(
    old: Document,
    new: Document,
    redline: Redline,
    labels: RedlineLabels,
    folding: Folding | None = None,
) -> str:
    """The body of a compare page: the newer text with every change marked in place.

    Changed blocks carry ``<del>``/``<ins>`` inside; added blocks are marked whole;
    removed blocks are put back, struck out, where they stood. With ``folding``, each
    run of unchanged sections is folded into one ``<details>`` (Python-Markdown's
    ``md_in_html``), and every change is followed by a link to the next one.
    """
    text = new.text
    edits: list[tuple[int, int, str]] = []
    pending: list[Segment | str] = []
    """What waits for the next block of the newer text: removed blocks, and markup."""
    sections = list(redline.sections)
    marks = _boundaries(sections, folding) if folding is not None else {}
    starts = {id(section.blocks[0]): index for index, section in enumerate(sections)}

    def pieces() -> list[tuple[bool, str]]:
        """What is pending, as (is it markup, its text): runs of removed blocks joined."""
        out: list[tuple[bool, str]] = []
        run: list[Segment] = []
        for item in [*pending, ""]:
            if isinstance(item, str):
                if run:
                    out.append((False, _removed_fragment(old, run, labels)))
                    run = []
                if item:
                    out.append((True, item))
            else:
                run.append(item)
        pending.clear()
        return out

    def insert_pending(at: int) -> None:
        if not pending:
            return
        parts = pieces()
        if at >= len(text):
            joined = "\n\n".join(part for _, part in parts)
            edits.append((at, at, ("" if text.endswith("\n\n") else "\n") + joined + "\n"))
            return
        following = text[at : text.find("\n", at) if "\n" in text[at:] else len(text)]
        indent = following[: len(following) - len(following.lstrip(" "))]
        out = []
        for index, (markup, part) in enumerate(parts):
            after = parts[index + 1] if index + 1 < len(parts) else (False, following)
            tight = (
                not markup
                and not after[0]
                and (
                    (_LIST_LINE.match(part) and _LIST_LINE.match(after[1]))
                    or (_ROW_LINE.match(part) and _ROW_LINE.match(after[1]))
                )
            )
            if not markup:  # removed blocks: at the depth of what follows them
                part = "\n".join(indent + line if line else line for line in part.split("\n"))
            out.append(part + ("\n" if tight else "\n\n"))
        edits.append((at, at, "".join(out)))

    for block in redline.blocks:
        pending.extend(marks.get(starts.get(id(block), -1), ()))
        if block.status == "removed":
            assert block.old is not None
            pending.append(block.old)
            continue
        segment = block.new
        assert segment is not None
        insert_pending(_line_start(text, segment.spans[0][0]))
        if block.status == "equal":
            replacement = None
        elif block.status == "added":
            replacement = _mark(INSERT, segment.text, labels)
        else:
            replacement = inline_redline(block.ops, labels)
        _replace(text, segment, replacement, edits)
    pending.extend(marks.get(len(sections), ()))
    insert_pending(len(text))
    result = apply_edits(text, edits)
    return result[new.body_start :] if new.body_start else result


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _toc_label(markdown: str) -> str:
    """An attribute value naming a heading in the table of contents, without marks."""
    return html.escape(plain_title(markdown), quote=True)


def _replace(text: str, segment: Segment, replacement: str | None, edits: list) -> None:
    """Put a block's marked text in place (and its source anchor, for a heading)."""
    suffix = ""
    if segment.kind == "heading" and not segment.explicit_anchor:
        label = f' data-toc-label="{_toc_label(segment.text)}"' if replacement else ""
        suffix = f" {{ #{segment.anchor}{label} }}"
    if replacement is None:
        if suffix:
            end = segment.spans[-1][1]
            edits.append((end, end, suffix))
        return
    if segment.kind == "heading" and segment.explicit_anchor:
        # The heading's own `{ #id }` follows its text: name it there for the contents.
        end = segment.spans[-1][1]
        line_end = text.find("\n", end)
        closing = text.rfind("}", end, len(text) if line_end < 0 else line_end)
        if closing >= 0:
            edits.append((closing, closing, f' data-toc-label="{_toc_label(segment.text)}" '))
    start, end = segment.spans[0]
    edits.append((start, end, replacement + suffix))
    for span_start, span_end in segment.spans[1:]:
        begin = text.rfind("\n", 0, span_start)
        stop = text.find("\n", span_end)
        edits.append((begin, len(text) if stop < 0 else stop, ""))


def _removed_fragment(old: Document, segments: list[Segment], labels: RedlineLabels) -> str:
    """The source lines of removed blocks, their text struck out, dedented."""
    text = old.text
    begin = _line_start(text, segments[0].spans[0][0])
    stop = text.find("\n", segments[-1].spans[-1][1])
    stop = len(text) if stop < 0 else stop
    edits: list[tuple[int, int, str]] = []
    for segment in segments:
        marked = _mark(DELETE, segment.text, labels)
        start, end = segment.spans[0]
        suffix = (
            f' {{ #removed-{segment.anchor} data-toc-label="{_toc_label(segment.text)}" }}'
            if segment.kind == "heading"
            else ""
        )
        if segment.kind == "heading" and segment.explicit_anchor:
            # drop the explicit id: it now belongs to no heading on this page
            line_end = text.find("\n", end)
            end = len(text) if line_end < 0 else line_end
        edits.append((start - begin, end - begin, marked + suffix))
        for span_start, span_end in segment.spans[1:]:
            a = text.rfind("\n", 0, span_start) - begin
            b = text.find("\n", span_end)
            edits.append((a, (len(text) if b < 0 else b) - begin, ""))
    fragment = apply_edits(text[begin:stop], edits)
    lines = fragment.split("\n")
    margin = min((len(x) - len(x.lstrip(" ")) for x in lines if x.strip()), default=0)
    return "\n".join(x[margin:] for x in lines).strip("\n")

"""What ``notice verify`` checked, as it reports it: how many notices, versions, files and
pages, each notice's chain head and what anchors it, and what each time-stamp token says."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from notice.record.timestamps import Stamp

#: How many hex digits of a head the report shows (``--head`` takes them back).
SHOWN_DIGITS = 12


@dataclass(frozen=True)
class Anchor:
    """What fixes a chain's history: the last entry it vouches for, and how."""

    entry: int
    """Its number in the chain (1 is the first entry)."""
    entries: int
    """How many entries the chain has."""
    by: str
    """``--head`` or ``a timestamp``."""

    def text(self) -> str:
        if self.entry == self.entries:
            return f"anchored by {self.by}"
        return f"anchored up to entry {self.entry} of {self.entries} by {self.by}"


@dataclass
class Summary:
    """What a check read."""

    versions: int = 0
    files: int = 0
    """Files whose SHA-256 was compared with the record."""
    pages: int = 0
    """Pages whose notice text was compared with their frozen text."""
    unrendered: str = ""
    """Why no page's text was compared, if none was."""
    heads: dict[str, str] = dataclasses.field(default_factory=dict)
    anchors: dict[str, Anchor] = dataclasses.field(default_factory=dict)
    stamps: list[tuple[str, Stamp]] = dataclasses.field(default_factory=list)
    """Per notice, what each of its tokens says, oldest first."""

    @property
    def notices(self) -> int:
        return len(self.heads)

    def anchor(self, notice: str, anchor: Anchor) -> None:
        """Keep what anchors the most of a notice's chain."""
        known = self.anchors.get(notice)
        if known is None or anchor.entry > known.entry:
            self.anchors[notice] = anchor

    def report(self, source: str) -> str:
        """The lines ``notice verify`` prints: what it checked, then each token."""
        pages = (
            f"no page's text ({self.unrendered})"
            if self.unrendered
            else f"{self.pages} pages' text against their frozen text"
        )
        heads = ", ".join(
            f"{notice} {head[:SHOWN_DIGITS]} ({self._anchored(notice)})"
            for notice, head in sorted(self.heads.items())
        )
        lines = [
            f"verified {source}: checked {self.notices} notices, {self.versions} versions, "
            f"{self.files} files' SHA-256, {pages}; chain heads: {heads}"
        ]
        for notice, stamp in self.stamps:
            lines.append(f"{notice}: {stamp.line()}{_unchecked(stamp)}")
        return "\n".join(lines)

    def _anchored(self, notice: str) -> str:
        anchor = self.anchors.get(notice)
        if anchor is not None:
            return anchor.text()
        if any(name == notice for name, _ in self.stamps):
            return "not anchored: its timestamps' authority is not one given with --tsa-root"
        return "not anchored"


def _unchecked(stamp: Stamp) -> str:
    """What was not checked of a token, and how to check it."""
    if stamp.trusted:
        return ""
    if stamp.signed:
        return " (signed by a root it carries itself: give --tsa-root to trust it)"
    return " (its signature is not checked: it carries no root; give --tsa-root)"

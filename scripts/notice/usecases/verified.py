"""What ``notice verify`` checked, as it reports it: how many notices, versions, files and
pages, each notice's chain head and what anchors it, what each time-stamp token says, and
last what the check proves: a chain no earlier head or trusted timestamp anchors is only
consistent with itself (a history rewritten as a whole, hashes recomputed, would pass)."""

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
        """The lines ``notice verify`` prints: what it checked, each token, and whether
        every chain is anchored."""
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
        lines.append(self._proven())
        return "\n".join(lines)

    def _proven(self) -> str:
        """What the check proves of the chains: anchored, or consistent only with
        themselves, and how to anchor them."""
        loose = sorted(notice for notice in self.heads if notice not in self.anchors)
        if not loose:
            return (
                "anchored: every chain holds a head given with --head or stamped by an "
                "authority given with --tsa-root, so its history up to there was not rewritten"
            )
        one = len(loose) == 1
        chains = f"the chain of {loose[0]} is" if one else f"the chains of {_and(loose)} are"
        stamped = {notice for notice, _ in self.stamps}
        timestamps = (
            "with --tsa-root PEM, to check the RFC 3161 timestamps published beside the registry"
            if stamped & set(loose)
            else f"with --tsa-root PEM, once the site publishes RFC 3161 timestamps of "
            f"{'its' if one else 'their'} heads (it publishes none)"
        )
        return (
            f"not anchored: {chains} internally consistent, but a history rewritten as a whole "
            f"would pass too; anchor {'it' if one else 'them'} with --head NOTICE=HEAD (a head "
            f"printed by an earlier verify, or kept elsewhere) or {timestamps}"
        )

    def _anchored(self, notice: str) -> str:
        anchor = self.anchors.get(notice)
        if anchor is not None:
            return anchor.text()
        if any(name == notice for name, _ in self.stamps):
            return "not anchored: its timestamps' authority is not one given with --tsa-root"
        return "not anchored"


def _and(names: list[str]) -> str:
    """``a, b and c``."""
    return f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]


def _unchecked(stamp: Stamp) -> str:
    """What was not checked of a token, and how to check it."""
    if stamp.trusted:
        return ""
    if stamp.signed:
        return " (signed by a root it carries itself: give --tsa-root to trust it)"
    return " (its signature is not checked: it carries no root; give --tsa-root)"

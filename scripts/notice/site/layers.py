"""The front matter's part for what a notice says under the GDPR: its first layer, the
full list of what the law requires it to say, and what a change affects (plain data,
filled by ``notice.site.disclosures``, read by the templates).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionLink:
    """A section of the text, under its own heading (as the page shows it)."""

    title: str
    url: str
    """``#anchor``: on the page itself."""
    before: str = ""
    """What goes before it in its list, in the reader's language: nothing before the
    first, ", " or " and " (or "、", " و") before the others."""


@dataclass(frozen=True)
class LayerItem:
    """One thing the GDPR requires a notice to say, and where this text says it."""

    item: str
    """Its stable name (``retention``)."""
    label: str
    """What it is about, in the reader's words."""
    article: str
    """"GDPR Art. 13(2)(a)", in the reader's words."""
    sections: tuple[SectionLink, ...]


@dataclass(frozen=True)
class Said:
    """One line of the first layer: what it is about, what the facts say, and the link to
    the section that says it in full."""

    label: str
    lines: tuple[str, ...]
    url: str
    """``#anchor``: on the page itself."""
    more: str
    """The link's words ("Read more"), in the reader's language."""
    email: str | None = None
    """For the controller: the address to write to."""
    listed: bool = True
    """Whether the lines are items of a list (the purposes worth knowing), or the lines
    of one thing (the controller's name and address)."""


@dataclass(frozen=True)
class Layers:
    """A version page's first layer (who, why, the rights) and, folded below it,
    everything the law requires it to say (WP260 rev.01 ¶35-36)."""

    title: str
    first: tuple[LayerItem, ...]
    all_title: str
    all: tuple[LayerItem, ...]
    lang: str
    """The language of the text, and so of its headings."""
    index_url: str | None = None
    """The version's JSON-LD index, from the site root."""
    index_label: str | None = None
    said: tuple[Said, ...] = ()
    """The first layer's content, from the notice's facts (who, why on which basis, what
    the editor marks as most important, the rights); empty where the text has none."""


@dataclass(frozen=True)
class Affects:
    """ "This change affects what the notice tells you about:" and what; then which
    facts changed, each in a line."""

    lead: str
    topics: tuple[str, ...]
    """What each affected item is about, in the reader's words."""
    facts_lead: str | None = None
    facts: tuple[str, ...] = ()
    """ "New purpose: direct marketing (legitimate interests)", …"""

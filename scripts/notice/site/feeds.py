"""Atom feeds (RFC 4287) of a notice's versions (pure)."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from notice.core.plaintext import one_line, text_block

ATOM = "http://www.w3.org/2005/Atom"
#: Our own elements in a feed: the release registry and its chain head.
REGISTRY = "urn:x-notice:registry"
_NAMESPACE = uuid.UUID("6f1f3c52-5d0e-4a53-9a51-8f0e1f2b7c11")


@dataclass(frozen=True)
class FeedEntry:
    """One version as a feed entry."""

    key: str
    """What makes the entry's permanent id (notice, effective date, language)."""
    title: str
    summary: str
    published: date
    updated: date
    link: str
    """The version's page, relative to the feed's base."""
    category: tuple[str, str] | None = None
    """The kind of change: its term (``material``, ``editorial``) and its label."""


def permanent_id(key: str) -> str:
    """A permanent, location-independent id: the same key always gives the same URN."""
    return uuid.uuid5(_NAMESPACE, key).urn


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    *,
    key: str,
    title: str,
    language: str,
    author: str,
    base: str,
    self_link: str,
    entries: list[FeedEntry],
    registry: tuple[str, str] | None = None,
) -> str:
    """An Atom feed document; links are relative to ``base`` (``xml:base``).
    ``registry``: the published registry's address and chain head, as a link
    (``rel="related"``) and a ``<registry:head>`` element anyone can compare later."""
    ET.register_namespace("", ATOM)
    ET.register_namespace("registry", REGISTRY)
    feed = ET.Element(
        f"{{{ATOM}}}feed",
        {
            "{http://www.w3.org/XML/1998/namespace}lang": language,
            "{http://www.w3.org/XML/1998/namespace}base": base,
        },
    )
    ET.SubElement(feed, f"{{{ATOM}}}id").text = permanent_id(key)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = one_line(title)
    updated = max((e.updated for e in entries), default=date(1970, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(updated)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = one_line(
        author
    )
    ET.SubElement(
        feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_link, "type": "application/atom+xml"}
    )
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": "./", "type": "text/html"})
    if registry is not None:
        href, head = registry
        ET.SubElement(
            feed, f"{{{ATOM}}}link", {"rel": "related", "href": href, "type": "application/yaml"}
        )
        ET.SubElement(feed, f"{{{REGISTRY}}}head", {"href": href}).text = head
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = permanent_id(entry.key)
        ET.SubElement(item, f"{{{ATOM}}}title").text = one_line(entry.title)
        ET.SubElement(item, f"{{{ATOM}}}published").text = _timestamp(entry.published)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _timestamp(entry.updated)
        ET.SubElement(
            item, f"{{{ATOM}}}link", {"rel": "alternate", "href": entry.link, "type": "text/html"}
        )
        if entry.category is not None:
            term, label = entry.category
            ET.SubElement(item, f"{{{ATOM}}}category", {"term": term, "label": one_line(label)})
        if entry.summary:
            ET.SubElement(item, f"{{{ATOM}}}summary", {"type": "text"}).text = text_block(
                entry.summary
            )
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"

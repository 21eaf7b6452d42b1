"""iCalendar files (RFC 5545) of a notice's effective dates (pure).

One all-day event per version, upcoming ones included, so that a reader who subscribes
sees a change coming and keeps the dates of earlier ones (a calendar application deletes
an event that disappears from a subscription). Everything in the file comes from the
sources and the build date: the same input gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from notice.core.plaintext import one_line, text_block

PRODUCT = "-//notice//privacy notices//EN"


@dataclass(frozen=True)
class Day:
    """One effective date as a calendar event."""

    uid: str
    """Stable across builds: the notice, the effective date and the language."""
    day: date
    summary: str
    description: str
    stamp: date
    """When the event was last changed: the version's published (or added) date."""
    url: str | None = None
    category: str | None = None
    cancelled: bool = False
    """A version withdrawn before it took effect: the event stays, cancelled (a
    subscriber's calendar updates it instead of keeping the old date)."""
    sequence: int = 0
    """How many times the event was revised (RFC 5545 ``SEQUENCE``)."""


def calendar(name: str, language: str, days: list[Day]) -> bytes:
    """An iCalendar document of all-day events (``METHOD:PUBLISH``, for subscriptions);
    a name or a summary is one line whatever it holds."""
    document = Calendar()
    document.add("prodid", PRODUCT)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("method", "PUBLISH")
    document.add("x-wr-calname", one_line(name))
    for item in days:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", datetime.combine(item.stamp, datetime.min.time(), timezone.utc))
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", one_line(item.summary), parameters={"LANGUAGE": language})
        event.add("description", text_block(item.description), parameters={"LANGUAGE": language})
        event.add("transp", "TRANSPARENT")
        if item.url:
            event.add("url", one_line(item.url))
        if item.category:
            event.add("categories", [one_line(item.category)])
        if item.cancelled:
            event.add("status", "CANCELLED")
        if item.sequence:
            event.add("sequence", item.sequence)
        document.add_component(event)
    return bytes(document.to_ical())

"""A comparison's banner says nothing the comparison says itself."""

from __future__ import annotations

from notice.site.compare import _without_repeats
from notice.site.meta import Links, Shared, Upcoming

_OWN = "/privacy/compare/2025-09-01/2027-01-01/"


def _upcoming(compare_url: str) -> Upcoming:
    return Upcoming(
        effective="2027-01-01",
        effective_text="1 January 2027",
        url="/privacy/versions/2027-01-01/",
        takes_effect="A new version of this notice takes effect on 1 January 2027.",
        took_effect="A new version of this notice took effect on 1 January 2027.",
        compare_url=compare_url,
        impact="Your data is deleted sooner.",
    )


def _shared(upcoming: Upcoming | None) -> Shared:
    links = Links(history="h/", current="c/", feed="f.xml", calendar="c.ics")
    return Shared(id="privacy", links=links, versions=(), upcoming=upcoming)


def test_the_comparison_to_the_upcoming_version_drops_its_link_and_impact() -> None:
    shared = _shared(_upcoming(_OWN))
    banner = _without_repeats(shared, _OWN, "2027-01-01").upcoming
    assert banner is not None
    assert shared.upcoming is not None
    assert (banner.compare_url, banner.impact) == (None, None)
    assert banner.takes_effect == shared.upcoming.takes_effect
    assert shared.upcoming.impact == "Your data is deleted sooner."  # not changed


def test_another_comparison_keeps_the_banner_whole() -> None:
    upcoming = _upcoming(_OWN)
    older = "/privacy/compare/2024-05-01/2025-09-01/"
    assert _without_repeats(_shared(upcoming), older, "2025-09-01").upcoming == upcoming
    assert _without_repeats(_shared(None), older, "2025-09-01") == _shared(None)

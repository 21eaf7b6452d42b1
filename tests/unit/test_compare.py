"""A comparison's banner says nothing the comparison says itself."""

from __future__ import annotations

from notice.site.compare import _without_repeats
from notice.site.meta import Upcoming

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


def test_the_comparison_to_the_upcoming_version_drops_its_link_and_impact() -> None:
    common = {"id": "privacy", "upcoming": _upcoming(_OWN)}
    banner = _without_repeats(common, _OWN, "2027-01-01")["upcoming"]
    assert (banner.compare_url, banner.impact) == (None, None)
    assert banner.takes_effect == common["upcoming"].takes_effect
    assert common["upcoming"].impact == "Your data is deleted sooner."  # not changed


def test_another_comparison_keeps_the_banner_whole() -> None:
    upcoming = _upcoming(_OWN)
    older = "/privacy/compare/2024-05-01/2025-09-01/"
    assert _without_repeats({"upcoming": upcoming}, older, "2025-09-01")["upcoming"] == upcoming
    assert _without_repeats({}, older, "2025-09-01") == {}

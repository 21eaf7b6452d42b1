"""Links between notices: one reading for ``notice check`` and for the pages."""

from __future__ import annotations

import pytest

from notice.project.links import notice_link
from notice.site.pages import relink

NOTICES = ("privacy", "cookies")


@pytest.mark.parametrize(
    ("href", "domain", "expected"),
    [
        ("../cookies/draft.md", "privacy", ("cookies", "")),
        ("../cookies/draft.md#lagring", "privacy", ("cookies", "lagring")),
        ("draft.md#rights", "privacy", ("privacy", "rights")),
        ("cookies/draft.md#x", "index", ("cookies", "x")),
        ("../nowhere/draft.md", "privacy", ("nowhere", "")),
        ("https://example.org/cookies/draft.md", "privacy", None),
        ("mailto:personvern@fjordkontor.example", "privacy", None),
        ("tel:+4755000000", "privacy", None),
        ("#rights", "privacy", None),
        ("/privacy/", "privacy", None),
        ("../cookies/other.md", "privacy", None),
    ],
)
def test_a_link_to_a_notice_is_read_the_same_way_everywhere(
    href: str, domain: str, expected: tuple[str, str] | None
) -> None:
    assert notice_link(href, domain, NOTICES) == expected


def test_pages_point_links_to_notices_at_the_readers_language() -> None:
    body = "See [cookies](../cookies/draft.md#lagring) and [elsewhere](https://x.example/)."
    assert relink(body, "en/privacy/versions/2025-09-01/index.md", "privacy", NOTICES) == (
        "See [cookies](../../../cookies/index.md#lagring) and [elsewhere](https://x.example/)."
    )
    landing = "Read [the cookie notice](cookies/draft.md)."
    assert relink(landing, "sv/index.md", "index", NOTICES) == (
        "Read [the cookie notice](cookies/index.md)."
    )
    unknown = "A [broken link](../nowhere/draft.md)."
    assert relink(unknown, "en/privacy/index.md", "privacy", NOTICES) == unknown

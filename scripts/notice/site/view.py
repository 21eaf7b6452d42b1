"""What the builders of one notice's pages in one language read, typed: the build
(``Build``), the notice's versions as of the build date (``Shown``), and both seen from
one language (``View``, made once by ``view``): each version's status, the one in
effect, those announced, the comparisons shown and what every page of the notice shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from notice.project.sources import Sources
from notice.record.versions import Status, Version, latest_release, status
from notice.site import addresses
from notice.site.addresses import key
from notice.site.disclosures import NoticeDisclosures
from notice.site.meta import Links, Shared, VersionLink
from notice.site.redlines import Redlines
from notice.site.words import Words
from notice.text.markdown import Renderer


@dataclass(frozen=True)
class Build:
    """What every page of a build is made from, besides its notice and language."""

    sources: Sources
    today: date
    to_html: Renderer
    redlines: Redlines
    draft: bool = False
    preview: bool = False
    """The source language's current and upcoming versions and the drafts only."""
    pdf: bool = False
    """The version pages link to their PDFs."""

    @property
    def drafts(self) -> bool:
        """Whether the drafts are shown (a build with drafts, or a preview)."""
        return self.draft or self.preview


@dataclass(frozen=True)
class Shown:
    """One notice's versions as of the build date."""

    notice: str
    versions: list[Version]
    """Every version released by the build date."""
    shown: list[Version]
    """Those the site shows, oldest first."""
    withdrawn: tuple[Version, ...] = ()
    """Those withdrawn before they took effect: each keeps its page, marked as such."""
    disclosures: NoticeDisclosures = field(default_factory=lambda: NoticeDisclosures("off"))
    """What the pages show of the notice's maps of GDPR disclosures."""


@dataclass(frozen=True)
class View:
    """One notice's versions seen from one language on the build date."""

    build: Build
    shown: Shown
    language: Words
    statuses: dict[date, Status | None]
    current: Version | None
    upcoming: list[Version]
    pairs: list[tuple[Version, Version]]
    """The comparisons the site shows (none in a preview)."""
    links: Links
    shared: Shared
    compared: frozenset[tuple[date, date]]
    """The days of every comparison a banner may link to (in a preview too)."""
    shown_pairs: frozenset[tuple[date, date]]
    """The days of ``pairs``."""

    @property
    def sources(self) -> Sources:
        return self.build.sources

    @property
    def notice(self) -> str:
        return self.shown.notice

    @property
    def drafts(self) -> bool:
        """Whether the draft is shown (a build with drafts, or a preview)."""
        return self.build.drafts

    @property
    def baseline(self) -> Version | None:
        """What the draft is compared with: the latest release."""
        return latest_release(self.shown.versions, self.build.today)

    @property
    def announced(self) -> list[Version]:
        """The upcoming versions a banner announces (an editorial fix gets none)."""
        return [v for v in self.upcoming if not v.editorial]

    @property
    def main(self) -> Version | None:
        """The version of the notice's main page: the one in effect, else the next."""
        return self.current or (self.upcoming[0] if self.upcoming else None)


def view(build: Build, shown: Shown, language: Words, *, worded: bool = True) -> View:
    """``shown`` seen from ``language``, as of the build date. Without ``worded``, for
    the addresses of a language the build does not make, the version picker
    (``shared.versions``) is left empty: its dates and statuses in words would read the
    language's data from CLDR. No page is built from such a view."""
    notice, versions = shown.notice, shown.versions
    statuses = {v.effective: status(v, versions, build.today) for v in shown.shown}
    current = next((v for v in shown.shown if statuses[v.effective] == "current"), None)
    upcoming = [v for v in shown.shown if statuses[v.effective] == "upcoming"]
    drafts = build.drafts
    baseline = latest_release(versions, build.today)
    links = Links(
        history=language.url(notice, "versions"),
        current=language.url(notice),
        feed=addresses.feed_url(language.prefix, notice),
        calendar=addresses.calendar_url(language.prefix, notice),
        draft=language.url(notice, "draft") if drafts else None,
        draft_compare=(
            language.url(notice, "compare", key(baseline), "draft")
            if drafts and baseline is not None
            else None
        ),
    )
    versions_shown = tuple(
        VersionLink(
            effective=v.effective.isoformat(),
            effective_text=language.date(v.effective),
            status_text=language.status(statuses[v.effective]),
            url=language.version_url(notice, v),
            status_remark=language.remark(language.status(statuses[v.effective])),
        )
        for v in reversed(shown.shown if worded else ())
    )
    every_pair = addresses.compare_pairs(shown.shown, current, upcoming)
    pairs = [] if build.preview else every_pair
    return View(
        build=build,
        shown=shown,
        language=language,
        statuses=statuses,
        current=current,
        upcoming=upcoming,
        pairs=pairs,
        links=links,
        shared=Shared(id=notice, links=links, versions=versions_shown),
        compared=frozenset((a.effective, b.effective) for a, b in every_pair),
        shown_pairs=frozenset((a.effective, b.effective) for a, b in pairs),
    )

"""What a reader was shown of a notice on a given day (``notice as-of``): the version
in effect then, in their language if it had been released in it by then, else in the
source language, with its address, its hash and its place in the chain (pure).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from notice.core.errors import NoticeError
from notice.record.versions import Version, in_effect, in_effect_until
from notice.site import addresses


@dataclass(frozen=True)
class Shown:
    """One notice as a reader of one language saw it on one day."""

    notice: str
    day: date
    language: str
    text_language: str
    """The language of the text shown: ``language``, or the source language where the
    translation had not been released by ``day``."""
    version: Version
    until: date | None
    """The last day it was in effect (as of today), if a later version has replaced it."""
    url: str | None
    """The version's page in ``language``; None for a language the site no longer has
    (its pages are no longer built; its text as released stays at ``source``)."""
    source: str
    """The address of the frozen text that was shown."""

    def record(self) -> dict[str, Any]:
        """``notice as-of --json``."""
        version = self.version
        return {
            "notice": self.notice,
            "date": self.day.isoformat(),
            "language": self.language,
            "text_language": self.text_language,
            "effective": version.effective.isoformat(),
            "published": version.published.isoformat(),
            "in_effect_from": version.effective.isoformat(),
            "in_effect_until": self.until.isoformat() if self.until else None,
            "kind": version.change,
            "url": self.url,
            "sha256": version.files[self.text_language],
            "source": self.source,
            "chain": version.chain,
        }


def shown_on(
    versions: list[Version],
    notice: str,
    language: str,
    day: date,
    *,
    source_language: str,
    site_url: str,
    today: date,
    built: bool = True,
) -> Shown:
    """What a reader of ``language`` was shown of ``notice`` on ``day``; refused when no
    version was in effect that day. A language the site no longer has (not ``built``)
    has no page: the answer is its text as released."""
    version = in_effect(versions, day)
    if version is None:
        first = f" (the first took effect on {versions[0].effective})" if versions else ""
        raise NoticeError(f"no version of '{notice}' was in effect on {day}{first}")
    released = language in version.files and version.added.get(language, day) <= day
    shown = language if released else source_language
    if shown not in version.files:
        raise NoticeError(
            f"version {version.effective} of '{notice}' has no text in {shown}, the source "
            f"language (it was released in {', '.join(sorted(version.files))})",
            hint="`notice check` explains; ask for one of those with --lang",
        )
    prefix = addresses.prefix(language, source_language)
    return Shown(
        notice=notice,
        day=day,
        language=language,
        text_language=shown,
        version=version,
        until=in_effect_until(version, versions, today),
        url=addresses.absolute(site_url, addresses.version_url(prefix, notice, version))
        if built
        else None,
        source=addresses.absolute(site_url, addresses.released_url(notice, version, shown)),
    )

"""The site's URL scheme: where every page of every language lives (pure).

The source language is at the root, every other language under ``/<lang>/``; a
notice's pages under ``<notice>/``. Addresses here are paths from the site root
(``en/privacy/versions/2025-09-01/``); staged paths are the Markdown files an engine
renders into them (``en/privacy/versions/2025-09-01/index.md``). Published addresses
never change.
"""

from __future__ import annotations

import functools
import itertools
import posixpath
from collections.abc import Set as AbstractSet
from datetime import date

from notice.project.links import notice_link
from notice.record.timestamps import TIMESTAMPS_DIR, token_name
from notice.record.versions import Version
from notice.text.segment import PARSER


def prefix(code: str, source_language: str) -> str:
    """A language's folder in the site: ``""`` for the source language, else ``en/``."""
    return "" if code == source_language else f"{code}/"


def page_url(prefix: str, notice: str, *parts: str) -> str:
    """A notice page's address: ``en/privacy/``, ``en/privacy/versions/2025-09-01/``."""
    return f"{prefix}{notice}/" + "".join(f"{p}/" for p in parts)


def staged_path(code: str, notice: str, *parts: str) -> str:
    """The staged Markdown file of a notice page: ``en/privacy/versions/index.md``."""
    return f"{code}/{notice}/" + "".join(f"{p}/" for p in parts) + "index.md"


def site_path(staged: str, source_language: str) -> str:
    """The address of a staged page: ``nb/privacy/index.md`` -> ``privacy/``,
    ``en/index.md`` -> ``en/``, ``en/404.md`` -> ``en/404/``."""
    code, _, rest = staged.partition("/")
    folder = prefix(code, source_language)
    if rest == "index.md":
        return folder
    if rest.endswith("/index.md"):
        return folder + rest[: -len("index.md")]
    return folder + rest[: -len(".md")] + "/"


def key(version: Version) -> str:
    """A version's part of its addresses: its effective date (``<date>-<n>`` for a
    correction of a withdrawn release of the same day)."""
    return version.key


def version_url(prefix: str, notice: str, version: Version) -> str:
    return page_url(prefix, notice, "versions", key(version))


def compare_url(prefix: str, notice: str, older: Version, newer: Version) -> str:
    return page_url(prefix, notice, "compare", key(older), key(newer))


def feed_url(prefix: str, notice: str) -> str:
    return f"{prefix}{notice}/feed.xml"


def calendar_url(prefix: str, notice: str) -> str:
    """The calendar of a notice's effective dates (iCalendar)."""
    return f"{prefix}{notice}/changes.ics"


def released_url(
    notice: str, version: Version | date | str, language: str, extension: str = "md"
) -> str:
    """A released text as published, the same for every reader's language:
    ``privacy/versions/2025-09-01/en.md`` (as frozen) or ``….pdf``. ``version`` is a
    version, its effective date or its key (``Version.key``)."""
    folder = version.isoformat() if isinstance(version, date) else getattr(version, "key", version)
    return f"{notice}/versions/{folder}/{language}.{extension}"


def index_url(notice: str, version: Version | date) -> str:
    """A version's machine-readable index of what it says under the GDPR (JSON-LD):
    ``privacy/versions/2025-09-01/notice.jsonld``."""
    folder = version.isoformat() if isinstance(version, date) else version.key
    return f"{notice}/versions/{folder}/notice.jsonld"


def registry_url(notice: str) -> str:
    """A notice's release registry as published: ``privacy/versions.yml``."""
    return f"{notice}/versions.yml"


def timestamp_url(notice: str, head: str) -> str:
    """The time-stamp token of a chain head, beside the registry:
    ``privacy/versions.tsr/<head>.tsr``."""
    return f"{notice}/{TIMESTAMPS_DIR}/{token_name(head)}"


def absolute(site_url: str, path: str) -> str:
    """An absolute URL when the site's URL is known, else a path from the site root."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return "/" + path


def compare_pairs(
    shown: list[Version], current: Version | None, upcoming: list[Version]
) -> list[tuple[Version, Version]]:
    """Which comparisons get a page: every pair of consecutive versions, every older
    version to the current one, and the current one to every upcoming one."""
    by_date = {v.effective: v for v in shown}
    keys = {(a.effective, b.effective) for a, b in itertools.pairwise(shown)}
    if current is not None:
        keys |= {(v.effective, current.effective) for v in shown if v.effective < current.effective}
        keys |= {(current.effective, v.effective) for v in upcoming}
    return [(by_date[a], by_date[b]) for a, b in sorted(keys)]


def comparison_links(
    version: Version,
    shown: list[Version],
    current: Version | None,
    compared: AbstractSet[tuple[date, date]],
    prefix: str,
    notice: str,
) -> dict[str, str]:
    """A version page's links to its comparisons: from the previous version, and with
    the current one (those that have a page)."""
    links: dict[str, str] = {}
    effective = version.effective
    earlier = [v for v in shown if v.effective < effective]
    if earlier and (earlier[-1].effective, effective) in compared:
        links["previous_compare"] = compare_url(prefix, notice, earlier[-1], version)
    if current is not None and effective != current.effective:
        pair = (version, current) if effective < current.effective else (current, version)
        if (pair[0].effective, pair[1].effective) in compared:
            links["current_compare"] = compare_url(prefix, notice, *pair)
    return links


def history_compare(shown: list[Version], version: Version, prefix: str, notice: str) -> str | None:
    """In the history: the comparison of a version with the one before it."""
    earlier = [v for v in shown if v.effective < version.effective]
    return compare_url(prefix, notice, earlier[-1], version) if earlier else None


def relink(body: str, page_path: str, notice: str, notices: tuple[str, ...]) -> str:
    """Point links between notices at the right staged page.

    In a notice, a link to another notice is written as in the source tree, relative to
    the notice's draft: ``../cookies/draft.md#anchor``. Wherever the text is shown (the
    current page, an old version, a draft preview, another language), it must lead to
    that notice's current page in the same language.
    """
    if "draft.md" not in body:
        return body
    hrefs = _hrefs(body)
    language = page_path.split("/", 1)[0]
    here = posixpath.dirname(page_path)
    for href in hrefs:
        link = notice_link(href, notice, notices)
        if link is None or link[0] not in notices:
            continue
        name, anchor = link
        new = posixpath.relpath(f"{language}/{name}/index.md", here) + (
            f"#{anchor}" if anchor else ""
        )
        body = body.replace(f"]({href}", f"]({new}").replace(f"]: {href}", f"]: {new}")
    return body


@functools.lru_cache(maxsize=256)
def _hrefs(body: str) -> tuple[str, ...]:
    """The targets of a Markdown text's links, sorted: a text shown on several pages (its
    version, the current page, a preview) is parsed once."""
    return tuple(
        sorted(
            {
                href
                for token in PARSER.parse(body)
                for child in (token.children or [])
                if child.type == "link_open" and isinstance(href := child.attrGet("href"), str)
            }
        )
    )

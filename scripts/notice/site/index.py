"""What indexes the site: ``versions.json``, the landing page's list of notices, each
page's alternates in the other languages, and the sitemap (pure)."""

from __future__ import annotations

import dataclasses
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from typing import TypeVar
from unicodedata import east_asian_width

from notice.project.sources import Sources
from notice.record.integrity import sha256
from notice.record.versions import Registry, Version, in_effect_until, status
from notice.site import addresses
from notice.site.meta import Alternate, Page
from notice.site.redlines import Pending
from notice.site.schema import (
    VERSIONS_JSON_SCHEMA,
    MarkdownSettings,
    NoticeEntry,
    RegistryEntry,
    Timestamp,
    VersionEntry,
    versions_json_text,
)
from notice.site.words import Words, escape

#: A staged page, or a compare page before its redline.
P = TypeVar("P", bound=Page | Pending)

_SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"


def version_entry(
    sources: Sources,
    notice: str,
    version: Version,
    versions: list[Version],
    languages: Mapping[str, Words],
    *,
    today: date,
    site_url: str,
) -> VersionEntry:
    """One version in ``versions.json``: its dates, its kind, the chain hash of the
    registry entry that released it, and per language its page, its text as released
    and that text's SHA-256 (a language no longer configured has no page, and its text
    stays published). ``in_effect_until`` is the last day it was in effect (the
    day before the next version took effect), null while it is current or upcoming."""
    until = None if version.withdrawn else in_effect_until(version, versions, today)
    entry: VersionEntry = {
        "effective": version.effective.isoformat(),
        "published": version.published.isoformat(),
        "status": "withdrawn" if version.withdrawn else status(version, versions, today),
        "kind": version.change,
        "in_effect_from": None if version.withdrawn else version.effective.isoformat(),
        "in_effect_until": until.isoformat() if until else None,
        "chain": version.chain,
        "languages": {
            lang: {
                # null for a language no longer built: its text stays published (source)
                "url": addresses.absolute(site_url, languages[lang].version_url(notice, version))
                if lang in languages
                else None,
                "sha256": digest,
                "source": addresses.absolute(
                    site_url, addresses.released_url(notice, version, lang)
                ),
            }
            for lang, digest in sorted(version.files.items())
        },
        "unavailable": sorted(set(sources.languages) - set(version.files)),
    }
    if version.short_notice:
        entry["short_notice"] = version.short_notice
    if version.editorial_because:
        entry["editorial_because"] = version.editorial_because
    if version.recorded is not None:
        entry["recorded"] = version.recorded.isoformat()
    if version.published_because:
        entry["published_because"] = version.published_because
    if version.withdrawn is not None and version.withdrawn_because is not None:
        entry["withdrawn"] = version.withdrawn.isoformat()
        entry["withdrawn_because"] = version.withdrawn_because
    return entry


def registry_entry(
    registry: Registry,
    languages: Mapping[str, Words],
    *,
    site_url: str,
    notice: str,
    stamped: Collection[str] = (),
) -> RegistryEntry:
    """A notice's registry in ``versions.json``: where it is published, its chain head
    (the hash of its last entry) and how many entries it has; its feeds, which carry the
    head too; and the time-stamp tokens of the heads of its chain in ``stamped``."""
    entry: RegistryEntry = {
        "url": addresses.absolute(site_url, addresses.registry_url(notice)),
        "head": registry.head,
        "entries": len(registry.entries),
        "feeds": {
            code: addresses.absolute(site_url, addresses.feed_url(language.prefix, notice))
            for code, language in sorted(languages.items())
        },
    }
    timestamps: list[Timestamp] = [
        {
            "head": e.hash,
            "url": addresses.absolute(site_url, addresses.timestamp_url(notice, e.hash)),
        }
        for e in registry.entries
        if e.hash in stamped
    ]
    if timestamps:
        entry["timestamps"] = timestamps
    return entry


def with_pdfs(
    notices: list[NoticeEntry],
    made: Mapping[str, bytes],
    frozen: Mapping[str, bytes],
    site_url: str,
) -> list[NoticeEntry]:
    """``versions.json``'s notices with each language's PDF: its address, SHA-256 and
    whether it is part of the record (``frozen``: released with its text, its hash in the
    chain) or made by this build from the frozen text (it may differ after a change of
    fonts, labels or templates)."""
    for entry in notices:
        for version in [*entry["versions"], *entry.get("withdrawn", [])]:
            for lang, files in version["languages"].items():
                folder = files["source"].rsplit("/", 2)[-2]  # the version's key
                path = addresses.released_url(entry["id"], folder, lang, "pdf")
                data = frozen.get(path, made.get(path))
                if data is not None:
                    files["pdf"] = {
                        "url": addresses.absolute(site_url, path),
                        "sha256": sha256(data),
                        "frozen": path in frozen,
                    }
    return notices


def versions_json(
    today: date,
    notices: list[NoticeEntry],
    site_url: str = "",
    markdown: MarkdownSettings | None = None,
) -> str:
    """The machine-readable index of every notice and version, and the Markdown settings
    its pages were rendered with (``notice.site.rendering``)."""
    return versions_json_text(
        {
            "schema": VERSIONS_JSON_SCHEMA,
            "date": today.isoformat(),
            "site_url": site_url,
            "markdown": markdown,
            "notices": notices,
        }
    )


def with_notice_list(
    page: Page,
    sources: Sources,
    titles: dict[tuple[str, str], tuple[str, str]],
    leads: Mapping[str, Callable[[str], str]],
) -> Page:
    """The landing page lists every published notice, titled in the reader's language,
    each with its description after the language's own colon (``leads``: each language's
    ``Words.lead``)."""
    if page.meta.notice_id != "index":
        return page
    language = page.path.split("/", 1)[0]
    lines = []
    for notice in sources.notices:
        if (notice, language) not in titles:
            continue
        title, description = titles[(notice, language)]
        entry = f"[{escape(title)}]({notice}/index.md)"
        if description:
            entry = leads[language](entry)
            # No space after a full-width colon ("：") as Chinese and Japanese write it.
            space = "" if east_asian_width(entry[-1]) in "FW" else " "
            entry += space + escape(description)
        lines.append(f"- {entry}")
    body = page.body.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    return Page(page.path, page.meta, body)


def with_alternates(
    pages: list[P],
    languages: Mapping[str, str],
    source_language: str,
    made: Callable[[str], bool] = lambda code: True,
) -> list[P]:
    """Every page with its address in each language that has it (the switcher and the
    sitemap); the pages of a language not ``made`` (in a part, the stubs of the others)
    are left without."""
    paths = {page.path for page in pages}
    out = []
    for page in pages:
        language, rest = page.path.split("/", 1)
        if not made(language):
            out.append(page)
            continue
        alternates = tuple(
            Alternate(code, name, addresses.site_path(f"{code}/{rest}", source_language))
            for code, name in languages.items()
            if f"{code}/{rest}" in paths
        )
        out.append(
            dataclasses.replace(page, meta=dataclasses.replace(page.meta, alternates=alternates))
        )
    return out


def sitemap(
    pages: Sequence[Page | Pending], source_language: str, site_url: str, today: date
) -> bytes:
    """``sitemap.xml``: every page but the 404 pages, with its alternates in the other
    languages (absolute) and the source language's as ``x-default``. The parts of a
    site give those of their languages' pages; ``sitemap_of`` their entries together is
    the site's, byte for byte."""
    urls = []
    for page in pages:
        if page.meta.notice_id == "404":
            continue
        url = ET.Element(f"{{{_SITEMAPS}}}url")
        here = addresses.site_path(page.path, source_language)
        ET.SubElement(url, f"{{{_SITEMAPS}}}loc").text = addresses.absolute(site_url, here)
        ET.SubElement(url, f"{{{_SITEMAPS}}}lastmod").text = today.isoformat()
        alternates = page.meta.alternates
        for alternate in alternates:
            link = addresses.absolute(site_url, alternate.url)
            ET.SubElement(
                url,
                f"{{{_XHTML}}}link",
                {"rel": "alternate", "hreflang": alternate.lang, "href": link},
            )
        default = next((a for a in alternates if a.lang == source_language), None)
        if default is not None:
            ET.SubElement(
                url,
                f"{{{_XHTML}}}link",
                {
                    "rel": "alternate",
                    "hreflang": "x-default",
                    "href": addresses.absolute(site_url, default.url),
                },
            )
        urls.append(url)
    return sitemap_of(urls)


def sitemap_entries(data: bytes) -> list[ET.Element]:
    """The entries of a sitemap (``sitemap``'s); a ``ValueError`` if ``data`` is not one."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(str(exc)) from None
    if root.tag != f"{{{_SITEMAPS}}}urlset":
        raise ValueError(f"its root is {root.tag}, not a sitemap's urlset")
    return list(root)


def sitemap_address(url: ET.Element) -> str:
    """The address (``loc``) of a sitemap's entry."""
    return url.findtext(f"{{{_SITEMAPS}}}loc") or ""


def sitemap_of(urls: list[ET.Element]) -> bytes:
    """The sitemap of the entries ``urls``, in the order of their addresses (those of a
    site share its URL, so this is the order of their paths), indented."""
    ET.register_namespace("", _SITEMAPS)
    ET.register_namespace("xhtml", _XHTML)
    root = ET.Element(f"{{{_SITEMAPS}}}urlset")
    root.extend(sorted(urls, key=sitemap_address))
    tree = ET.ElementTree(root)
    ET.indent(tree)
    out = io.BytesIO()
    tree.write(out, encoding="UTF-8", xml_declaration=True)
    return out.getvalue()

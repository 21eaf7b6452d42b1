"""``notice verify``: check a published site against its own record, as anyone can.

A source is a built site's folder or its address (``http(s)://``). From its
``versions.json`` it reads each notice's published registry and recomputes its chain,
then every released text and PDF it lists, and recomputes their SHA-256; it reads each
version page and checks the dates it states against the registry entry, and each feed
for the chain head. The first discrepancy stops it, named with the file or address.
Only the standard library fetches (``urllib``).
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from notice.errors import NoticeError
from notice.feeds import REGISTRY
from notice.versions import RegistryError, parse_registry

TIMEOUT = 30


class Discrepancy(NoticeError):
    """What a published site says that its record does not."""


@dataclass(frozen=True)
class Summary:
    notices: int
    versions: int
    files: int
    heads: dict[str, str]

    def line(self, source: str) -> str:
        heads = ", ".join(f"{notice} {head[:12]}" for notice, head in sorted(self.heads.items()))
        return (
            f"verified {source}: {self.notices} notices, {self.versions} versions, "
            f"{self.files} files; every hash and chain matches (heads: {heads})"
        )


class Site:
    """Reads files of a published site, from a folder or over HTTP(S)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.remote = urlsplit(source).scheme in ("http", "https")
        if not self.remote and not Path(source).is_dir():
            raise NoticeError(f"{source}: not a folder nor an http(s):// address")
        self.base = source if source.endswith("/") else source + "/"
        self.site_url = ""

    def where(self, url: str) -> str:
        """A published address as read here: under the source, not the site's own URL.
        An address outside the site (another host, another scheme, ``..``) is refused:
        a site is checked against itself, and nothing else is read."""
        path = url
        if self.site_url and url.startswith(self.site_url.rstrip("/") + "/"):
            path = url[len(self.site_url.rstrip("/")) + 1 :]
        elif url.startswith("/") and not url.startswith("//"):
            path = url[1:]
        parts = urlsplit(path)
        if (
            parts.scheme
            or parts.netloc
            or "\\" in path
            or any(part in ("..", ".") for part in parts.path.split("/"))
        ):
            raise Discrepancy(f"versions.json names an address outside the site: {url}")
        return urljoin(self.base, path) if self.remote else str(Path(self.base, path))

    def read(self, url: str) -> tuple[bytes, str]:
        """The bytes at a published address, and where they were read."""
        place = self.where(url)
        if self.remote:
            try:
                with urllib.request.urlopen(place, timeout=TIMEOUT) as response:
                    return response.read(), place
            except (urllib.error.URLError, OSError) as exc:
                raise Discrepancy(f"cannot be read: {exc}", place) from None
        path = Path(place)
        if path.is_dir():
            path = path / "index.html"
        try:
            return path.read_bytes(), str(path)
        except OSError:
            raise Discrepancy("is missing", str(path)) from None


class _Times(HTMLParser):
    """The ``<time data-notice-date>`` elements and the hash of a version page."""

    def __init__(self) -> None:
        super().__init__()
        self.dates: dict[str, str] = {}
        self.hash = ""
        self._in_hash = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "time" and found.get("data-notice-date"):
            self.dates[str(found["data-notice-date"])] = str(found.get("datetime") or "")
        self._in_hash = tag == "code" and "notice-sha256" in str(found.get("class") or "")

    def handle_data(self, data: str) -> None:
        if self._in_hash:
            self.hash += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self._in_hash = False


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify(source: str, heads_seen: dict[str, str] | None = None) -> Summary:
    """Check a published site; a ``Discrepancy`` names the first thing that differs.

    ``heads_seen``: per notice, a chain head recorded earlier (from a feed or an
    earlier ``versions.json``). It must still be in the chain: the history since then
    was only appended to."""
    site = Site(source)
    raw, place = site.read("versions.json")
    try:
        index = json.loads(raw.decode("utf-8"))
        notices: list[dict[str, Any]] = index["notices"]
    except (ValueError, KeyError, TypeError) as exc:
        raise Discrepancy(f"not a versions.json this tool wrote ({exc})", place) from None
    site.site_url = str(index.get("site_url") or "")
    unknown = set(heads_seen or {}) - {str(n.get("id")) for n in notices}
    if unknown:
        raise Discrepancy(f"no notice {', '.join(sorted(unknown))} is published here", place)
    files = versions = 0
    heads: dict[str, str] = {}
    for notice in notices:
        name = str(notice.get("id"))
        published = notice.get("versions") or []
        if not published:
            continue
        entry = notice.get("registry")
        if not isinstance(entry, dict):
            raise Discrepancy(f"notice '{name}' lists no published registry", place)
        text, registry_place = site.read(entry["url"])
        try:
            registry = parse_registry(text.decode("utf-8"), name, registry_place)
        except (RegistryError, UnicodeDecodeError) as exc:
            raise Discrepancy(f"the registry does not verify: {exc}", registry_place) from None
        if registry.head != entry.get("head"):
            raise Discrepancy(
                f"chain head {registry.head} of the registry is not the head versions.json "
                f"states ({entry.get('head')})",
                registry_place,
            )
        heads[name] = registry.head
        seen = (heads_seen or {}).get(name)
        if seen and seen not in {e.hash for e in registry.entries}:
            raise Discrepancy(
                f"the chain head {seen} recorded earlier is not in the registry's chain: "
                "its history was rewritten",
                registry_place,
            )
        for feed_url in (entry.get("feeds") or {}).values():
            _check_feed(site, feed_url, registry.head)
        recorded = {v.effective.isoformat(): v for v in registry.versions()}
        listed = {str(v.get("effective")) for v in published}
        for effective in sorted(set(recorded) - listed):
            raise Discrepancy(
                f"version {effective} of '{name}' is in the registry but not in versions.json",
                place,
            )
        for item in published:
            effective = str(item.get("effective"))
            version = recorded.get(effective)
            if version is None:
                raise Discrepancy(
                    f"version {effective} of '{name}' is not in its registry", registry_place
                )
            for field, value in (
                ("published", version.published.isoformat()),
                ("chain", version.chain),
                ("kind", version.change),
            ):
                if item.get(field) != value:
                    raise Discrepancy(
                        f"'{name}' {effective}: versions.json states {field} "
                        f"{item.get(field)!r}, the registry {value!r}",
                        place,
                    )
            languages: dict[str, dict[str, Any]] = item.get("languages") or {}
            if set(languages) != set(version.files):
                raise Discrepancy(
                    f"'{name}' {effective}: versions.json lists the languages "
                    f"{', '.join(sorted(languages))}, the registry "
                    f"{', '.join(sorted(version.files))}",
                    place,
                )
            for lang, data in sorted(languages.items()):
                digest = version.files[lang]
                if data.get("sha256") != digest:
                    raise Discrepancy(
                        f"'{name}' {effective} {lang}: versions.json states SHA-256 "
                        f"{data.get('sha256')}, the registry {digest}",
                        place,
                    )
                body, where = site.read(data["source"])
                if _sha256(body) != digest:
                    raise Discrepancy(
                        f"the released text was changed: its SHA-256 is {_sha256(body)}, "
                        f"the registry records {digest}",
                        where,
                    )
                files += 1
                pdf = data.get("pdf")
                if pdf:
                    body, where = site.read(pdf["url"])
                    if _sha256(body) != pdf.get("sha256"):
                        raise Discrepancy(
                            f"the PDF's SHA-256 is {_sha256(body)}, versions.json states "
                            f"{pdf.get('sha256')}",
                            where,
                        )
                    files += 1
                _check_page(site, data["url"], effective, version.published.isoformat(), digest)
            versions += 1
    return Summary(len(heads), versions, files, heads)


def _check_page(site: Site, url: str, effective: str, published: str, digest: str) -> None:
    """A version page states its registry entry's dates and its text's hash."""
    body, where = site.read(url)
    found = _Times()
    found.feed(body.decode("utf-8", "replace"))
    for field, value in (("effective", effective), ("published", published)):
        stated = found.dates.get(field)
        if stated != value:
            raise Discrepancy(
                f"the page states the {field} date {stated or 'nowhere'}, the registry {value}",
                where,
            )
    if found.hash != digest:
        raise Discrepancy(
            f"the page states the SHA-256 {found.hash or 'nowhere'}, the registry {digest}",
            where,
        )


def _check_feed(site: Site, url: str, head: str) -> None:
    """A feed carries the registry's chain head."""
    body, where = site.read(url)
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise Discrepancy(f"the feed does not parse: {exc}", where) from None
    stated = root.findtext(f"{{{REGISTRY}}}head")
    if stated != head:
        raise Discrepancy(
            f"the feed states the chain head {stated or 'nowhere'}, the registry {head}", where
        )

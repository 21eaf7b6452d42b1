"""``notice verify``: check a published site against its own record, as anyone can.

A source is a built site's folder or its address (``http(s)://``). From its
``versions.json`` it reads each notice's published registry and recomputes its chain,
then every released text and PDF it lists, and recomputes their SHA-256; it reads each
version page and checks the dates it states against the registry entry, and each feed
for the chain head. The first discrepancy stops it, named with the file or address.
Only the standard library fetches (``urllib``).
"""

from __future__ import annotations

import dataclasses
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from notice.core.errors import NoticeError
from notice.record.integrity import sha256
from notice.record.registry_file import parse_registry
from notice.record.versions import RegistryError, Version, in_effect_until, status
from notice.site import addresses
from notice.site.feeds import REGISTRY
from notice.site.schema import NoticeEntry, SchemaError, VersionEntry, read_versions_json

TIMEOUT = 30
#: The most a single published file may weigh (a hostile server could send more).
LIMIT = 64 * 1024 * 1024


class Discrepancy(NoticeError):
    """What a published site says that its record does not."""


@dataclass
class Summary:
    """What a check read: versions, files, and the chain head of every notice."""

    versions: int = 0
    files: int = 0
    heads: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def notices(self) -> int:
        return len(self.heads)

    def line(self, source: str) -> str:
        heads = ", ".join(f"{notice} {head[:12]}" for notice, head in sorted(self.heads.items()))
        return (
            f"verified {source}: {self.notices} notices, {self.versions} versions, "
            f"{self.files} files; every hash and chain matches (heads: {heads})"
        )


class PublishedSite:
    """Reads files of a published site, from a folder or over HTTP(S)."""

    def __init__(self, source: str) -> None:
        self.remote = urlsplit(source).scheme in ("http", "https")
        if not self.remote and not Path(source).is_dir():
            raise NoticeError(f"{source}: not a folder nor an http(s):// address")
        self.base = source if source.endswith("/") else source + "/"
        self.site_url = ""

    def address(self, path: str) -> str:
        """A path of the URL scheme as versions.json writes it (absolute with the site's
        URL, else from the root)."""
        return addresses.absolute(self.site_url, path)

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
                with _OPENER.open(place, timeout=TIMEOUT) as response:
                    if urlsplit(response.geturl()).netloc != urlsplit(self.base).netloc:
                        raise Discrepancy("redirects to another site", place)
                    data = response.read(LIMIT + 1)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                raise Discrepancy(f"cannot be read: {exc}", place) from None
        else:
            path = Path(place)
            if path.is_dir():
                path = path / "index.html"
            if not path.resolve().is_relative_to(Path(self.base).resolve()):
                raise Discrepancy("leads outside the site's folder", str(path))
            try:
                with path.open("rb") as stream:
                    data = stream.read(LIMIT + 1)
            except OSError:
                raise Discrepancy("is missing", str(path)) from None
            place = str(path)
        if len(data) > LIMIT:
            raise Discrepancy(f"is larger than {LIMIT // 2**20} MiB", place)
        return data, place


class _SameScheme(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http(s)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme not in ("http", "https"):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameScheme)


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


def verify(source: str, heads_seen: dict[str, str] | None = None) -> Summary:
    """Check a published site; a ``Discrepancy`` names the first thing that differs.

    ``heads_seen``: per notice, a chain head recorded earlier (from a feed or an
    earlier ``versions.json``). It must still be in the chain: the history since then
    was only appended to."""
    site = PublishedSite(source)
    raw, place = site.read("versions.json")
    try:
        index = read_versions_json(raw.decode("utf-8"))
        notices = index["notices"]
        today = date.fromisoformat(index["date"])
    except (SchemaError, UnicodeDecodeError, ValueError) as exc:
        raise Discrepancy(f"not a versions.json this tool wrote ({exc})", place) from None
    site.site_url = index["site_url"]
    seen = dict(heads_seen or {})
    unknown = set(seen) - {str(n.get("id")) for n in notices}
    if unknown:
        raise Discrepancy(f"no notice {', '.join(sorted(unknown))} is published here", place)
    counted = Summary()
    for notice in notices:
        name = str(notice.get("id"))
        try:
            _verify_notice(site, notice, name, today, seen.get(name), place, counted)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise Discrepancy(
                f"notice '{name}' is not described as this tool writes it ({exc!r})", place
            ) from None
    return counted


def _verify_notice(
    site: PublishedSite,
    notice: NoticeEntry,
    name: str,
    today: date,
    seen: str | None,
    place: str,
    counted: Summary,
) -> None:
    published = notice.get("versions") or []
    entry = notice.get("registry")
    if not published and entry is None and seen is None:
        return  # a notice with no version yet: nothing is published of it
    if not isinstance(entry, dict):
        raise Discrepancy(f"notice '{name}' lists no published registry", place)
    _expect(entry["url"], site.address(addresses.registry_url(name)), f"'{name}' registry", place)
    text, registry_place = site.read(entry["url"])
    try:
        registry = parse_registry(text.decode("utf-8"), name, "versions.yml")
    except (RegistryError, UnicodeDecodeError) as exc:
        message = exc.message if isinstance(exc, RegistryError) else str(exc)
        line = f" (line {exc.line})" if isinstance(exc, RegistryError) and exc.line else ""
        raise Discrepancy(
            f"the registry does not verify{line}: {message}", registry_place
        ) from None
    if registry.head != entry.get("head"):
        raise Discrepancy(
            f"chain head {registry.head} of the registry is not the head versions.json "
            f"states ({entry.get('head')})",
            registry_place,
        )
    if seen and seen.lower() not in {e.hash for e in registry.entries}:
        raise Discrepancy(
            f"the chain head {seen} recorded earlier is not in the registry's chain: "
            "its history was rewritten",
            registry_place,
        )
    counted.heads[name] = registry.head
    for code, feed in dict(entry.get("feeds") or {}).items():
        feeds = {site.address(addresses.feed_url(p, name)) for p in ("", f"{code}/")}
        _expect(feed, feeds, f"'{name}' {code} feed", place)
        _check_feed(site, str(feed), registry.head)
    versions = registry.versions()
    recorded = {v.effective.isoformat(): v for v in versions}
    listed = {str(v.get("effective")) for v in published}
    missing = sorted(set(recorded) - listed)
    if missing:
        raise Discrepancy(
            f"version {missing[0]} of '{name}' is in the registry but not in versions.json", place
        )
    for item in published:
        effective = str(item.get("effective"))
        version = recorded.get(effective)
        if version is None:
            raise Discrepancy(
                f"version {effective} of '{name}' is not in its registry", registry_place
            )
        _check_entry(item, version, versions, today, name, place)
        languages = item["languages"]
        if set(languages) != set(version.files):
            raise Discrepancy(
                f"'{name}' {effective}: versions.json lists the languages "
                f"{', '.join(sorted(languages))}, the registry {', '.join(sorted(version.files))}",
                place,
            )
        for lang, data in sorted(languages.items()):
            what = f"'{name}' {effective} {lang}"
            digest = version.files[lang]
            if data.get("sha256") != digest:
                raise Discrepancy(
                    f"{what}: versions.json states SHA-256 {data.get('sha256')}, "
                    f"the registry {digest}",
                    place,
                )
            released = addresses.released_url(name, version, lang)
            _expect(data["source"], site.address(released), f"{what} text", place)
            body, where = site.read(data["source"])
            if sha256(body) != digest:
                raise Discrepancy(
                    f"the released text was changed: its SHA-256 is {sha256(body)}, "
                    f"the registry records {digest}",
                    where,
                )
            counted.files += 1
            pdf = data.get("pdf")
            frozen_pdf = version.pdfs.get(lang)
            if frozen_pdf is not None and (pdf is None or not pdf.get("frozen")):
                raise Discrepancy(
                    f"the registry records the PDF of {what}, versions.json lists it "
                    + ("not" if pdf is None else "as not part of the record"),
                    place,
                )
            if pdf is not None:
                url = addresses.released_url(name, version, lang, "pdf")
                _expect(pdf["url"], site.address(url), f"{what} PDF", place)
                body, where = site.read(pdf["url"])
                if sha256(body) != pdf["sha256"]:
                    raise Discrepancy(
                        f"the PDF's SHA-256 is {sha256(body)}, versions.json states "
                        f"{pdf['sha256']}",
                        where,
                    )
                if frozen_pdf is not None and sha256(body) != frozen_pdf:
                    raise Discrepancy(
                        f"the PDF's SHA-256 is {sha256(body)}, the registry records {frozen_pdf}",
                        where,
                    )
                if pdf.get("frozen") and frozen_pdf is None:
                    raise Discrepancy(
                        f"versions.json lists the PDF of {what} as part of the record, the "
                        "registry records no PDF of it",
                        place,
                    )
                counted.files += 1
            pages = {
                site.address(addresses.version_url(prefix, name, version))
                for prefix in ("", f"{lang}/")
            }
            _expect(data["url"], pages, f"{what} page", place)
            _check_page(site, data["url"], effective, version.published.isoformat(), digest)
        index = item.get("index")
        if index is not None:
            what = f"'{name}' {version.effective}"
            _expect(
                index["url"],
                site.address(addresses.index_url(name, version)),
                f"{what} index",
                place,
            )
            body, where = site.read(index["url"])
            if sha256(body) != index["sha256"]:
                raise Discrepancy(
                    f"the index's SHA-256 is {sha256(body)}, versions.json states "
                    f"{index['sha256']}",
                    where,
                )
            counted.files += 1
        counted.versions += 1


def _expect(stated: object, canonical: str | set[str], what: str, place: str) -> None:
    """An address in versions.json is the one the URL scheme gives (no copy elsewhere
    can stand in for the file people cite); a page or feed may be any language's."""
    allowed = {canonical} if isinstance(canonical, str) else canonical
    if stated not in allowed:
        raise Discrepancy(
            f"{what}: versions.json names {stated}, not its permanent address "
            f"{' or '.join(sorted(allowed))}",
            place,
        )


def _check_entry(
    item: VersionEntry,
    version: Version,
    versions: list[Version],
    today: date,
    name: str,
    place: str,
) -> None:
    """What versions.json states of a version is what its registry entry says, on the
    date it was built."""
    until = in_effect_until(version, versions, today)
    for field, value in (
        ("published", version.published.isoformat()),
        ("chain", version.chain),
        ("kind", version.change),
        ("in_effect_from", version.effective.isoformat()),
        ("in_effect_until", until.isoformat() if until else None),
        ("status", status(version, versions, today)),
    ):
        if item.get(field) != value:
            raise Discrepancy(
                f"'{name}' {version.effective}: versions.json states {field} "
                f"{item.get(field)!r}, the registry {value!r}",
                place,
            )


def _check_page(site: PublishedSite, url: str, effective: str, published: str, digest: str) -> None:
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


def _check_feed(site: PublishedSite, url: str, head: str) -> None:
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

"""Reading a published site, from its folder or over HTTP(S), as ``notice verify`` does:
only files of the site itself, each at most ``LIMIT`` bytes, within ``TIMEOUT`` seconds.
Only the standard library fetches (``urllib``).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from notice.core.errors import NoticeError
from notice.site import addresses

TIMEOUT = 30
#: The most a single published file may weigh (a hostile server could send more).
LIMIT = 64 * 1024 * 1024


class Discrepancy(NoticeError):
    """What a published site says that its record does not."""


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

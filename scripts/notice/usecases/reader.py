"""Reading a published site, from its folder or over HTTP(S), as ``notice verify`` does:
only files of the site itself, each at most ``LIMIT`` bytes, all before one deadline.

A hostile server can neither lead the reader elsewhere nor hold it. A redirect is
compared with the site's scheme, host and port before it is followed, and refused if
any differs (nothing is asked of the other address). No read starts after the deadline
(``DEADLINE`` seconds from the start of the check, or ``--deadline``) nor waits past
it; no read waits more than ``TIMEOUT`` seconds; and once ``GRACE`` seconds have passed,
a response (its headers included) must have come at ``MIN_RATE`` bytes a second or more.
Only the standard library fetches (``urllib``). The tests lower these constants.
"""

from __future__ import annotations

import functools
import http.client
import io
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from notice.core.errors import NoticeError, printable
from notice.site import addresses

#: Seconds the whole check may take, every file read included (``--deadline``).
DEADLINE = 300
#: Seconds any one read from the network may wait for a byte.
TIMEOUT = 30.0
#: Bytes a second a response must average, once it has had ``GRACE`` seconds.
MIN_RATE = 1024
GRACE = 5.0
#: The most a single published file may weigh (a hostile server could send more).
LIMIT = 64 * 1024 * 1024
#: The ports a scheme implies when an address names none.
_PORTS = {"http": 80, "https": 443}


class Discrepancy(NoticeError):
    """What a published site says that its record does not."""


class PublishedSite:
    """Reads files of a published site, from a folder or over HTTP(S)."""

    def __init__(self, source: str, deadline: float | None = None) -> None:
        self.remote = urlsplit(source).scheme in ("http", "https")
        if not self.remote and not Path(source).is_dir():
            raise NoticeError(f"{source}: not a folder nor an http(s):// address")
        self.base = source if source.endswith("/") else source + "/"
        self.site_url = ""
        self.deadline = _Deadline.after(DEADLINE if deadline is None else deadline)
        self._opener = urllib.request.build_opener(_SameOrigin(self.base), _Plain, _Secure)

    def address(self, path: str) -> str:
        """A path of the URL scheme as versions.json writes it (absolute with the site's
        URL, else from the root)."""
        return addresses.absolute(self.site_url, path)

    def where(self, url: str) -> str:
        """A published address as read here: under the source, not the site's own URL.
        An address outside the site (another host, another scheme, ``..``, written
        plainly or percent-encoded) is refused: a site is checked against itself, and
        nothing else is read."""
        path = url
        if self.site_url and url.startswith(self.site_url.rstrip("/") + "/"):
            path = url[len(self.site_url.rstrip("/")) + 1 :]
        elif url.startswith("/") and not url.startswith("//"):
            path = url[1:]
        parts = urlsplit(path)
        if (
            parts.scheme
            or parts.netloc
            or "\\" in unquote(path)
            or any(part in ("..", ".") for part in unquote(parts.path).split("/"))
        ):
            raise Discrepancy(f"versions.json names an address outside the site: {url}")
        return urljoin(self.base, path) if self.remote else str(Path(self.base, path))

    def read(self, url: str, limit: int = LIMIT) -> tuple[bytes, str]:
        """The bytes at a published address, at most ``limit`` of them, and where they
        were read."""
        place = self.where(url)
        self.deadline.check(place)
        data, place = self._fetch(place, limit) if self.remote else self._open(place, limit)
        if len(data) > limit:
            raise Discrepancy(f"is larger than {_size(limit)}", place)
        return data, place

    def _fetch(self, place: str, limit: int) -> tuple[bytes, str]:
        """At most ``limit`` + 1 bytes of an address, at the pace a response must keep."""
        pace = _Pace(self.deadline)
        try:
            with self._opener.open(_Asked(place, pace), timeout=pace.wait()) as response:
                return response.read(limit + 1), place
        except _Stalled as exc:
            raise Discrepancy(str(exc), place) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):  # connecting, or sending the request
                raise Discrepancy(pace.stalled(), place) from None
            raise Discrepancy(f"cannot be read: {printable(str(exc), 200)}", place) from None
        except (OSError, ValueError, http.client.HTTPException) as exc:
            raise Discrepancy(f"cannot be read: {printable(repr(exc), 200)}", place) from None

    def _open(self, place: str, limit: int) -> tuple[bytes, str]:
        """At most ``limit`` + 1 bytes of a file of the site's folder."""
        path = Path(place)
        if path.is_dir():
            path = path / "index.html"
        if not path.resolve().is_relative_to(Path(self.base).resolve()):
            raise Discrepancy("leads outside the site's folder", str(path))
        if not path.is_file():  # missing, or a device or pipe that could be read forever
            raise Discrepancy("is missing", str(path))
        try:
            with path.open("rb") as stream:
                return stream.read(limit + 1), str(path)
        except OSError:
            raise Discrepancy("is missing", str(path)) from None


def same_origin(base: str, url: str) -> bool:
    """Whether ``url`` has the scheme, host and port of ``base`` (a port the scheme
    implies counts as given): where a redirect may lead."""
    origin = _origin(base)
    return origin is not None and _origin(url) == origin


def _origin(url: str) -> tuple[str, str, int | None] | None:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # not a port number
        return None
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), port or _PORTS.get(scheme)


def _size(limit: int) -> str:
    """A size limit as a message shows it."""
    for unit, size in (("MiB", 2**20), ("KiB", 2**10)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit}"
    return f"{limit} bytes"


@dataclass(frozen=True)
class _Deadline:
    """When the whole check must be over."""

    seconds: float
    """As given (``--deadline``)."""
    ends: float
    """The time it passes (``time.monotonic``)."""

    @classmethod
    def after(cls, seconds: float) -> _Deadline:
        """The deadline ``seconds`` from now."""
        return cls(seconds, time.monotonic() + seconds)

    def passed(self) -> str:
        """Why nothing more is read."""
        return (
            f"not read before the deadline: the whole check may take {self.seconds:g} s "
            "(give it more with --deadline SECONDS)"
        )

    def check(self, place: str) -> None:
        """Refuse to start a read after the deadline."""
        if time.monotonic() >= self.ends:
            raise Discrepancy(self.passed(), place)


@dataclass
class _Pace:
    """How long the next read of one response may wait for its bytes: not past the
    deadline, nor past when its rate would fall under ``MIN_RATE`` (after ``GRACE``
    seconds), nor more than ``TIMEOUT`` seconds."""

    deadline: _Deadline
    started: float = field(default_factory=time.monotonic)
    received: int = 0
    """Bytes read so far (headers included)."""
    limit: str = ""
    """Why the last wait was no longer: what to report if it ran out."""

    def wait(self) -> float:
        """Seconds the next read may wait (``_Stalled`` if it may not start)."""
        now = time.monotonic()
        ends = (
            (self.deadline.ends, self.deadline.passed()),
            (
                self.started + max(GRACE, self.received / MIN_RATE),
                f"sent slower than {MIN_RATE} bytes a second (after {GRACE:g} s): a server "
                "this slow is not waited for",
            ),
            (now + TIMEOUT, f"nothing came for {TIMEOUT:g} s"),
        )
        end, self.limit = min(ends)
        if end <= now:
            raise _Stalled(self.limit)
        return end - now

    def stalled(self) -> str:
        """Why a read that ran out of time waited no longer."""
        return self.limit


class _Stalled(Exception):
    """A response that did not come at its pace (a ``Discrepancy`` once its address is
    known)."""


class _PacedReader(io.RawIOBase):
    """A response's bytes as its socket gives them, each read waiting only as long as
    its ``_Pace`` allows."""

    def __init__(self, raw: io.RawIOBase, sock: socket.socket, pace: _Pace) -> None:
        super().__init__()
        self._raw, self._sock, self._pace = raw, sock, pace

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(self._pace.wait())
        try:
            count = self._raw.readinto(buffer)
        except TimeoutError:
            raise _Stalled(self._pace.stalled()) from None
        self._pace.received += count or 0
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


class _Response(http.client.HTTPResponse):
    """A response read through ``_PacedReader``, from its status line on."""

    def __init__(self, sock: socket.socket, *args: Any, pace: _Pace, **options: Any) -> None:
        super().__init__(sock, *args, **options)
        raw = self.fp.detach()  # the socket's own reader, which keeps it open
        self.fp = io.BufferedReader(_PacedReader(raw, sock, pace))


class _Connection(http.client.HTTPConnection):
    """A connection whose responses keep a pace."""

    def __init__(self, *args: Any, pace: _Pace, **options: Any) -> None:
        super().__init__(*args, **options)
        self.response_class = functools.partial(_Response, pace=pace)  # type: ignore[assignment]


class _SecureConnection(_Connection, http.client.HTTPSConnection):
    """An HTTPS connection whose responses keep a pace."""


class _Asked(urllib.request.Request):
    """A request, and the pace its response must keep."""

    def __init__(self, url: str, pace: _Pace) -> None:
        super().__init__(url)
        self.pace = pace


def _pace_of(req: urllib.request.Request) -> _Pace:
    """The pace of a request (``_Asked``), or of the redirect it follows."""
    pace = getattr(req, "pace", None)
    assert isinstance(pace, _Pace), "every request of a site is asked with its pace"
    return pace


class _Plain(urllib.request.HTTPHandler):
    """HTTP, each response read at the pace of its request."""

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_Connection, pace=_pace_of(req)), req)


class _Secure(urllib.request.HTTPSHandler):
    """HTTPS, its certificate verified as ``http.client`` verifies it by default, each
    response read at the pace of its request."""

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_SecureConnection, pace=_pace_of(req)), req)


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the site's own scheme, host and port, compared before
    any request is made to where it leads."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not same_origin(self.base, newurl):
            fp.close()
            parts = urlsplit(self.base)
            raise Discrepancy(
                f"redirects to {printable(newurl)}, outside {parts.scheme}://{parts.netloc}/ "
                "(another scheme, host or port); nothing was read there",
                req.full_url,
            )
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.pace = _pace_of(req)  # type: ignore[attr-defined]
        return new

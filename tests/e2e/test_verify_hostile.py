"""`notice verify` against a hostile site: a registry of nested YAML aliases, redirects out
of the site, a server that sends a byte at a time, ids and language codes that would lead
out of the site's addresses, a site with nothing to verify; and the summary saying what a
check without an anchor proves. Each is refused with its exact message, exit status 1 and
no traceback, before anything outside the site is asked for.

The sample site is built once; each test serves or edits a copy. Commands run in this
process (``notice_here``), where the tests lower the reader's limits to fractions of a
second; the alias bomb runs in a process of its own, its memory capped.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import json
import resource
import shutil
import time
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from notice.usecases import pagecheck, reader, verify
from tests.conftest import Ran, copy_project, run_notice, serve

TODAY = "2026-11-24"
#: Nine lists of nine, each made of the one before: 407 bytes that stand for 9**9 strings.
ALIAS_BOMB = (
    "- a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"  {b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in itertools.pairwise("abcdefghi")
    )
    + "  kind: *i\n"
)
NOT_ANCHORED = (
    "not anchored: the chains of cookies and privacy are internally consistent, but a "
    "history rewritten as a whole would pass too; anchor them with --head NOTICE=HEAD (a "
    "head printed by an earlier verify, or kept elsewhere) or with --tsa-root PEM, once the "
    "site publishes RFC 3161 timestamps of their heads (it publishes none)"
)
ANCHORED = (
    "anchored: every chain holds a head given with --head or stamped by an authority given "
    "with --tsa-root, so its history up to there was not rewritten"
)


#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("verify_hostile")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("hostile") / "project")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    result = run_notice(project, "build", "--date", TODAY, "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def copy(site: Path, tmp_path: Path) -> Path:
    """A copy of the built site, for a test to make hostile."""
    return Path(shutil.copytree(site, tmp_path / "site"))


def edit_index(site: Path, edit: Callable[[dict[str, Any]], object]) -> None:
    """Change a site's versions.json."""
    path = site / "versions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def refused(ran: Ran, message: str) -> None:
    """A run that stopped with ``message`` alone: exit status 1, no traceback."""
    assert (ran.returncode, ran.stderr) == (1, f"error: {message}\n"), ran.stderr
    assert ran.stdout == ""


class Recorded(http.server.SimpleHTTPRequestHandler):
    """Serves a folder quietly, and notes every request: its Host header and path."""

    def __init__(self, *args: Any, asked: list[tuple[str, str]], **options: Any) -> None:
        self.asked = asked
        super().__init__(*args, **options)

    def send_head(self) -> Any:
        self.asked.append((str(self.headers.get("Host")), self.path))
        return super().send_head()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorded(copy: Path) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The copy served over HTTP, and the list of what was asked of it."""
    asked: list[tuple[str, str]] = []
    with serve(functools.partial(Recorded, directory=str(copy), asked=asked)) as origin:
        yield origin, asked


class _Redirecting(http.server.BaseHTTPRequestHandler):
    """Answers every request with a redirect to the same path at ``to``."""

    to = ""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", self.to + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def redirecting(to: str) -> type[http.server.BaseHTTPRequestHandler]:
    return type("Redirecting", (_Redirecting,), {"to": to})


class _Slow(http.server.BaseHTTPRequestHandler):
    """Sends a whole response, its status line and headers included, one byte every
    0.2 s, until the client hangs up."""

    def handle_one_request(self) -> None:
        self.raw_requestline = self.rfile.readline(65537)
        response = b"HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\n" + b"{" * 100
        try:
            for byte in response:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass
        self.close_connection = True


# The registry: plain YAML, of a bounded size -------------------------------------------


def test_an_alias_bomb_in_the_registry_is_refused_at_once(project: Path, copy: Path) -> None:
    """Under 1 KB of nested aliases would expand past any memory: it is refused at its
    first anchor, in a process that could not hold the expansion."""
    assert len(ALIAS_BOMB) < 1024
    (copy / "privacy/versions.yml").write_text(ALIAS_BOMB, encoding="utf-8")

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    with serve(functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(copy))) as url:
        started = time.monotonic()
        result = run_notice(project, "verify", url, preexec_fn=capped, timeout=120)
    assert time.monotonic() - started < 60
    assert (result.returncode, result.stderr) == (
        1,
        f"error: {url}/privacy/versions.yml: the registry does not verify (line 1): anchors "
        "and aliases (&name, *name) are refused: a few bytes of them can stand for more data "
        "than memory holds\n",
    )


def test_a_registry_nested_deeper_than_data_is_refused(
    project: Path, copy: Path, notice_here: Callable[..., Ran]
) -> None:
    path = copy / "cookies/versions.yml"
    path.write_text("- " + "[" * 5000, encoding="utf-8")
    refused(
        notice_here(project, "verify", str(copy)),
        f"{path}: the registry does not verify (line 1): nested more than 32 levels deep",
    )


def test_a_registry_larger_than_the_limit_is_not_read_whole(
    project: Path, copy: Path, notice_here: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "REGISTRY_LIMIT", 1024)
    refused(
        notice_here(project, "verify", str(copy)),
        f"{copy / 'cookies/versions.yml'}: is larger than 1 KiB",
    )


# Redirects: compared before they are followed -------------------------------------------


@pytest.mark.parametrize("elsewhere", ["port", "host"])
def test_a_redirect_out_of_the_site_is_never_followed(
    project: Path,
    recorded: tuple[str, list[tuple[str, str]]],
    notice_here: Callable[..., Ran],
    elsewhere: str,
) -> None:
    """The other address, on a server that notes every request, is asked nothing."""
    other, asked = recorded
    port = other.rsplit(":", 1)[1]
    to = other if elsewhere == "port" else f"http://localhost:{port}"
    with serve(redirecting(to)) as url:
        ran = notice_here(project, "verify", url)
    refused(
        ran,
        f"{url}/versions.json: redirects to {to}/versions.json, outside {url}/ (another "
        "scheme, host or port); nothing was read there",
    )
    assert asked == []


def test_a_redirect_within_the_site_is_followed(
    project: Path, recorded: tuple[str, list[tuple[str, str]]], notice_here: Callable[..., Ran]
) -> None:
    """``/privacy`` to ``/privacy/``: the site's own redirect is followed, and read."""
    origin, asked = recorded
    site = reader.PublishedSite(origin)
    body, place = site.read("privacy")
    assert b'class="notice-text"' in body
    assert place == f"{origin}/privacy"
    host = origin.removeprefix("http://")
    assert asked == [(host, "/privacy"), (host, "/privacy/")]


@pytest.mark.parametrize(
    ("base", "url", "same"),
    [
        ("https://site.example/", "https://site.example/privacy/", True),
        ("https://site.example/", "https://SITE.example:443/x", True),
        ("http://site.example/", "http://site.example:80/", True),
        ("https://site.example/", "http://site.example/privacy/", False),
        ("https://site.example:8443/", "http://site.example:8443/", False),
        ("https://site.example/", "https://site.example:8443/privacy/", False),
        ("https://site.example/", "https://other.example/privacy/", False),
        ("https://site.example/", "https://site.example.other.example/", False),
        ("https://site.example/", "https://site.example:99999/", False),
        ("https://site.example/", "https://site.example:x/", False),
        ("https://site.example/", "ftp://site.example/", False),
    ],
)
def test_a_redirect_may_lead_only_to_the_same_scheme_host_and_port(
    base: str, url: str, same: bool
) -> None:
    assert reader.same_origin(base, url) is same


def test_a_redirect_from_https_to_http_is_refused_before_it_is_asked() -> None:
    """What the redirect handler decides, given the address a server names: no request
    for http, an exception naming both; a request for the same origin, at the same pace."""
    handler = reader._SameOrigin("https://site.example/")
    pace = reader._Pace(reader._Deadline.after(5))
    asked = reader._Asked("https://site.example/privacy", pace)
    with pytest.raises(reader.Discrepancy) as caught:
        handler.redirect_request(asked, BytesIO(), 301, "Moved", {}, "http://site.example/privacy")
    assert str(caught.value) == (
        "https://site.example/privacy: redirects to http://site.example/privacy, outside "
        "https://site.example/ (another scheme, host or port); nothing was read there"
    )
    again = handler.redirect_request(
        asked, BytesIO(), 301, "Moved", {}, "https://site.example/privacy/"
    )
    assert again is not None
    assert (again.full_url, getattr(again, "pace", None)) == ("https://site.example/privacy/", pace)


# One deadline, and a minimum rate --------------------------------------------------------


def test_a_server_that_sends_a_byte_at_a_time_is_not_waited_for(
    project: Path, notice_here: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five bytes a second: every read comes well within any timeout, but the response
    falls under the minimum rate once its grace has passed."""
    monkeypatch.setattr(reader, "GRACE", 0.5)
    monkeypatch.setattr(reader, "MIN_RATE", 100)
    with serve(_Slow) as url:
        started = time.monotonic()
        ran = notice_here(project, "verify", url)
    assert time.monotonic() - started < 3
    refused(
        ran,
        f"{url}/versions.json: sent slower than 100 bytes a second (after 0.5 s): a server "
        "this slow is not waited for",
    )


def test_the_whole_check_has_one_deadline(
    project: Path, notice_here: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server slow enough for the rate is stopped at the deadline of the whole check."""
    monkeypatch.setattr(reader, "GRACE", 0.5)
    monkeypatch.setattr(reader, "MIN_RATE", 1)
    with serve(_Slow) as url:
        started = time.monotonic()
        ran = notice_here(project, "verify", url, "--deadline", "1")
    assert time.monotonic() - started < 3
    refused(
        ran,
        f"{url}/versions.json: not read before the deadline: the whole check may take 1 s "
        "(give it more with --deadline SECONDS)",
    )


def test_no_read_starts_after_the_deadline(
    project: Path, copy: Path, notice_here: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a folder too: the deadline is of the whole check, every file of it."""
    monkeypatch.setattr(reader, "DEADLINE", 0)
    refused(
        notice_here(project, "verify", str(copy)),
        f"{copy / 'versions.json'}: not read before the deadline: the whole check may take "
        "0 s (give it more with --deadline SECONDS)",
    )


def test_a_server_that_answers_no_http_is_named(
    project: Path, notice_here: Callable[..., Ran]
) -> None:
    class Garbage(http.server.BaseHTTPRequestHandler):
        def handle_one_request(self) -> None:
            self.rfile.readline(65537)
            self.wfile.write(b"garbage\r\n\r\n")
            self.close_connection = True

    with serve(Garbage) as url:
        refused(
            notice_here(project, "verify", url),
            f"{url}/versions.json: cannot be read: BadStatusLine('garbage\\r\\n')",
        )


# Ids and language codes: matched before they go into an address -------------------------


def _rename_notice(value: str) -> Callable[[dict[str, Any]], object]:
    return lambda data: data["notices"][1].update(id=value)


def _rename_language(value: str) -> Callable[[dict[str, Any]], object]:
    def edit(data: dict[str, Any]) -> None:
        version = data["notices"][1]["versions"][0]
        version["languages"][value] = version["languages"].pop("nb")

    return edit


def _add_feed(value: str) -> Callable[[dict[str, Any]], object]:
    return lambda data: data["notices"][0]["registry"]["feeds"].update({value: "x"})


def _unavailable(value: str) -> Callable[[dict[str, Any]], object]:
    return lambda data: data["notices"][1]["versions"][0].update(unavailable=[value])


@pytest.mark.parametrize(
    ("edit", "value", "message"),
    [
        (_rename_notice, "%2e%2e", "notice id '%2e%2e'"),
        (_rename_notice, "..", "notice id '..'"),
        (_rename_notice, "privacy/../x", "notice id 'privacy/../x'"),
        (_rename_notice, "privacy\x1b[2J", "notice id 'privacy\\x1b[2J'"),
        (_rename_notice, "p" * 100, f"notice id '{'p' * 79}…'"),
        (_rename_language, "%2e%2e", "language code '%2e%2e' of 'privacy'"),
        (_rename_language, "nb/..", "language code 'nb/..' of 'privacy'"),
        (_add_feed, "..%2f..", "language code '..%2f..' of 'cookies'"),
        (_unavailable, "de%2f", "language code 'de%2f' of 'privacy'"),
    ],
    ids=["id-encoded", "id-dots", "id-slash", "id-escape", "id-long", "lang-encoded",
         "lang-slash", "feed", "unavailable"],
)  # fmt: skip
def test_an_id_or_language_that_would_lead_elsewhere_is_refused_before_any_request(
    project: Path,
    copy: Path,
    recorded: tuple[str, list[tuple[str, str]]],
    notice_here: Callable[..., Ran],
    edit: Callable[[str], Callable[[dict[str, Any]], object]],
    value: str,
    message: str,
) -> None:
    edit_index(copy, edit(value))
    url, asked = recorded
    rule = "such as en, pt-BR or zh-Hant" if "language" in message else "letters, digits, - and _"
    refused(
        notice_here(project, "verify", url),
        f"{url}/versions.json: {message} is not one this tool publishes ({rule}): it is "
        "refused before it goes into an address",
    )
    assert [path for _, path in asked] == ["/versions.json"]


# Nothing to verify ------------------------------------------------------------------------


def test_a_site_with_no_notice_does_not_verify(
    project: Path, copy: Path, notice_here: Callable[..., Ran]
) -> None:
    edit_index(copy, lambda data: data.update(notices=[]))
    refused(
        notice_here(project, "verify", str(copy)),
        f"{copy / 'versions.json'}: lists no notice: there is nothing to verify",
    )


def test_a_site_with_no_published_version_does_not_verify(
    project: Path, copy: Path, notice_here: Callable[..., Ran]
) -> None:
    def unpublished(data: dict[str, Any]) -> None:
        for notice in data["notices"]:
            notice["versions"] = []
            del notice["registry"]

    edit_index(copy, unpublished)
    refused(
        notice_here(project, "verify", str(copy)),
        f"{copy / 'versions.json'}: lists no published version of its notices (cookies, "
        "privacy): there is nothing to verify",
    )


# Other hostile files: parsed within bounds ---------------------------------------------


def test_a_versions_json_nested_past_the_stack_is_named(
    project: Path, copy: Path, notice_here: Callable[..., Ran]
) -> None:
    (copy / "versions.json").write_text("[" * 100_000, encoding="utf-8")
    refused(
        notice_here(project, "verify", str(copy)),
        f"{copy / 'versions.json'}: not a versions.json this tool wrote (nested too deeply)",
    )


def test_a_page_nested_deeper_than_any_page_is_not_parsed(
    project: Path, copy: Path, notice_here: Callable[..., Ran]
) -> None:
    """100,000 nested elements would take the HTML parser minutes, and its reader the
    stack: the page is refused from a count of its tags."""
    page = copy / "cookies/versions/2024-05-01/index.html"
    page.write_text(page.read_text("utf-8") + "<div>" * 100_000, encoding="utf-8")
    started = time.monotonic()
    ran = notice_here(project, "verify", str(copy))
    assert time.monotonic() - started < 30
    refused(
        ran,
        f"{page}: the page nests more than {pagecheck.MAX_DEPTH} elements in one another: it "
        "is not read",
    )


# What a check proves ----------------------------------------------------------------------


def test_without_an_anchor_the_summary_says_the_chains_are_only_consistent(
    project: Path, site: Path, notice_here: Callable[..., Ran]
) -> None:
    ran = notice_here(project, "verify", str(site))
    assert ran.returncode == 0, ran.stderr
    first, last = ran.stdout.splitlines()
    assert first.endswith("(not anchored)")
    assert last == NOT_ANCHORED


def test_with_every_head_the_summary_says_the_chains_are_anchored(
    project: Path, site: Path, notice_here: Callable[..., Ran]
) -> None:
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    heads = [f"{n['id']}={n['registry']['head']}" for n in index["notices"]]
    ran = notice_here(project, "verify", str(site), "--head", heads[0], "--head", heads[1])
    assert ran.returncode == 0, ran.stderr
    first, last = ran.stdout.splitlines()
    assert first.endswith("(anchored by --head)")
    assert last == ANCHORED
    one = notice_here(project, "verify", str(site), "--head", heads[1])
    assert one.stdout.splitlines()[-1] == (
        "not anchored: the chain of cookies is internally consistent, but a history "
        "rewritten as a whole would pass too; anchor it with --head NOTICE=HEAD (a head "
        "printed by an earlier verify, or kept elsewhere) or with --tsa-root PEM, once the "
        "site publishes RFC 3161 timestamps of its heads (it publishes none)"
    )


@pytest.mark.parametrize(
    "address",
    ["privacy/%2e%2e/%2e%2e/etc/passwd", "%2E%2E/x", "privacy/..%2f..%2fx", "a%5c..%5cx"],
)
@pytest.mark.parametrize("source", ["folder", "http://127.0.0.1:9/"])
def test_an_encoded_dot_segment_is_outside_the_site(
    tmp_path: Path, address: str, source: str
) -> None:
    site = reader.PublishedSite(str(tmp_path) if source == "folder" else source)
    with pytest.raises(reader.Discrepancy) as caught:
        site.read(address)
    assert str(caught.value) == f"versions.json names an address outside the site: {address}"

"""The built site in a real browser (Debian's Chromium, driven by Playwright).

Every page type in every language: no request leaves the site, no Content-Security-
Policy violation (both watched until the network is idle, and a self-test proves the
watcher catches a late leak), no serious or critical axe-core finding; the language switcher and
the version picker work with the keyboard; the page script switches an upcoming version
to "in effect" on the reader's date; pages print without navigation. With
``$NOTICE_ARTIFACTS`` set, every page is photographed into that folder, at each width
(a full-page screenshot costs about a quarter of the tests' time, so not by default).

Without Chromium these tests are skipped, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MAPPED_DAY, MAPPED_VERSION, copy_project, serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TODAY = "2026-11-24"
ARTIFACTS = Path(os.environ["NOTICE_ARTIFACTS"]) if os.environ.get("NOTICE_ARTIFACTS") else None
LANGUAGES = ("", "en/", "sv/", "de/", "ar/")
PAGE_TYPES = {
    "landing": "",
    "current": "privacy/",
    "history": "privacy/versions/",
    "archived": "privacy/versions/2024-05-01/",
    "upcoming": "privacy/versions/2027-01-01/",
    "compare": "privacy/compare/2025-09-01/2027-01-01/",
    "cookies": "cookies/",
    "not-found": "no/such/page/",
}

if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is required under CI=true (apt-get install chromium)", pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, Request, expect, sync_playwright  # noqa: E402

#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(scope="module", params=("mkdocs", "zensical"))
def site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The sample site, built by each engine in turn: every test runs on both."""
    project = copy_project(tmp_path_factory.mktemp(f"browser-{request.param}") / "project")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "notice",
            "build",
            "--date",
            TODAY,
            "--engine",
            request.param,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    with _serve(site) as url:
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: a missing page gets the nearest ``404.html`` up its path, with
    status 404 (as Cloudflare Pages does; Netlify's ``_redirects`` rules say the same)."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.exists():
            return super().send_head()
        root = Path(self.directory).resolve()
        folder = path.parent
        while folder != root and not (folder / "404.html").is_file():
            folder = folder.parent
        body = (folder / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(directory: Path) -> contextlib.AbstractContextManager[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yield its origin."""
    return serve(functools.partial(_QuietHandler, directory=str(directory)))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


_WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + e.blockedURI));
"""


def _new_page(browser: Browser, **context: Any) -> tuple[Page, list[str]]:
    """A page in its own context, and the URL of every request made in that context.

    Requests are recorded at the context, so those of frames, workers and popups count
    too; a failed request is recorded even if its ``request`` event was not seen.
    """
    page = browser.new_page(**context)
    requests: list[str] = []
    seen: set[int] = set()

    def record(request: Request) -> None:
        if id(request) not in seen:
            seen.add(id(request))
            requests.append(request.url)

    page.context.on("request", record)
    page.context.on("requestfailed", record)
    page.add_init_script(_WATCH)
    return page, requests


def _settle(page: Page) -> None:
    """Wait until the page is loaded and the network has been idle for 500 ms."""
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")


def _open(browser: Browser, url: str, **context: Any) -> tuple[Page, list[str]]:
    page, requests = _new_page(browser, **context)
    page.goto(url)
    _settle(page)
    return page, requests


def _leaks(page: Page, requests: list[str], origin: str) -> tuple[list[str], list[str]]:
    """Requests to another origin, and CSP violations in any frame, so far."""
    foreign = [
        url for url in requests if not url.startswith(origin + "/") and not url.startswith("data:")
    ]
    violations = [v for frame in page.frames for v in frame.evaluate("window.__violations || []")]
    return foreign, violations


def _assert_no_leaks(page: Page, requests: list[str], origin: str) -> None:
    foreign, violations = _leaks(page, requests, origin)
    assert foreign == []
    assert violations == []


def _shot(page: Page, name: str) -> None:
    if ARTIFACTS is None:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("prefix", LANGUAGES, ids=lambda p: p.strip("/") or "nb")
def test_every_page_in_a_real_browser(
    browser: Browser, origin: str, site: Path, prefix: str, kind: str
) -> None:
    """Each page type in each language, loaded once: no request leaves the site and no
    CSP violation (watched until the network is idle, and again after the page is laid
    out at a phone's width); in nb, en and Arabic (right to left) also no serious axe
    finding, and the page fits a desktop and a phone (photographed at both)."""
    page, requests = _open(
        browser, f"{origin}/{prefix}{PAGE_TYPES[kind]}", viewport=WIDTHS["desktop"]
    )
    try:
        _assert_no_leaks(page, requests, origin)
        assert len(requests) >= 3  # the page, its stylesheets and scripts: all local
        if prefix not in ("", "en/", "ar/"):
            return
        _assert_accessible(page)
        for width in ("desktop", "phone"):
            page.set_viewport_size(WIDTHS[width])
            _assert_fits(page, site, prefix, kind, width)
        _assert_no_leaks(page, requests, origin)
    finally:
        page.close()


def _assert_accessible(page: Page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [("", "Fant ikke siden"), ("en/", "Page not found"), ("de/", "Seite nicht gefunden")],
)
def test_not_found_page_works_at_any_depth(
    browser: Browser, origin: str, prefix: str, heading: str
) -> None:
    """Served in place of a missing page four folders deep, the language's 404 page
    still loads its stylesheets and scripts, and its links lead to real pages."""
    page, requests = _new_page(browser)
    statuses: dict[str, int] = {}
    page.on("response", lambda response: statuses.setdefault(response.url, response.status))
    try:
        address = f"{origin}/{prefix}a/b/c/d"
        response = page.goto(address)
        _settle(page)
        assert response is not None
        assert response.status == 404
        expect(page.locator("h1")).to_have_text(heading)
        broken = {url: code for url, code in statuses.items() if url != address and code != 200}
        assert broken == {}
        assert any(url.endswith(".css") for url in statuses)
        _assert_no_leaks(page, requests, origin)
        page.locator(".md-content article a[href]").first.click()
        _settle(page)
        expect(page).to_have_url(f"{origin}/{prefix}")
    finally:
        page.close()


def test_a_right_to_left_page_is_mirrored(browser: Browser, origin: str) -> None:
    """Arabic: <html lang dir>, the banner's bar at the start of the line (the right),
    the hash and the address read left to right, the language menu opens on screen."""
    page, _ = _open(
        browser, f"{origin}/ar/privacy/versions/2027-01-01/", viewport=WIDTHS["desktop"]
    )
    try:
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("body")).to_have_attribute("dir", "rtl")
        expect(page.locator(".notice-text")).to_have_attribute("lang", "ar")
        right, left = page.evaluate(
            """(() => { const s = getComputedStyle(document.querySelector('.notice-status'));
                        return [s.borderRightWidth, s.borderLeftWidth]; })()"""
        )
        assert (float(right.removesuffix("px")) > 0, left) == (True, "0px")
        expect(page.locator(".notice-sha256")).to_have_css("direction", "ltr")
        expect(page.locator(".notice-record dl")).to_have_css("direction", "rtl")
        button = page.locator(".md-header .md-select").first
        button.hover()
        menu = page.locator(".md-header .md-select__inner").first
        expect(menu).to_be_visible()
        box = menu.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= WIDTHS["desktop"]["width"]
        # A Norwegian text shown on an Arabic page (not yet translated) reads left to
        # right, its full stops at the end of its lines.
        page.goto(f"{origin}/ar/privacy/")
        expect(page.locator(".notice-text")).to_have_attribute("lang", "nb")
        expect(page.locator(".notice-text")).to_have_attribute("dir", "ltr")
        page.goto(f"{origin}/ar/privacy/versions/")
        expect(page.locator('.notice-history span[lang="nb"]').first).to_have_attribute(
            "dir", "ltr"
        )
        page.goto(f"{origin}/en/privacy/")
        assert page.locator("html").get_attribute("dir") is None
        assert page.locator(".notice-text").get_attribute("dir") is None
    finally:
        page.close()


def test_page_language_matches_its_text(browser: Browser, origin: str) -> None:
    page, _ = _open(browser, f"{origin}/de/privacy/")
    try:
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(page.locator(".notice-text")).to_have_attribute("lang", "nb")
    finally:
        page.close()


def test_language_switcher_keeps_the_version_with_the_keyboard(
    browser: Browser, origin: str
) -> None:
    page, requests = _open(browser, f"{origin}/en/privacy/versions/2024-05-01/")
    try:
        link = page.locator('.md-select a[hreflang="sv"]').first
        link.focus()  # focusing a link inside the menu opens it (:focus-within)
        expect(link).to_be_visible()
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{origin}/sv/privacy/versions/2024-05-01/")
        _settle(page)
        expect(page.locator("h2", has_text="Tacka nej till marknadsföring")).to_be_visible()
        _assert_no_leaks(page, requests, origin)
    finally:
        page.close()


def test_version_picker_works_with_the_keyboard(browser: Browser, origin: str) -> None:
    page, requests = _open(browser, f"{origin}/en/privacy/")
    try:
        summary = page.locator(".notice-picker summary").first
        summary.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".notice-picker").first).to_have_attribute("open", "")
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_attribute(
            "href",
            re.compile(r"versions/2027-02-01/$"),  # the newest version first
        )
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{origin}/en/privacy/versions/2027-02-01/")
        _settle(page)
        _assert_no_leaks(page, requests, origin)
    finally:
        page.close()


def test_page_script_switches_upcoming_to_in_effect_on_the_readers_date(
    browser: Browser, origin: str
) -> None:
    page, requests = _new_page(browser)
    try:
        page.clock.set_fixed_time(datetime(2027, 1, 2, 12, tzinfo=timezone.utc))
        page.goto(f"{origin}/en/privacy/")
        _settle(page)
        coming = page.locator(".notice-upcoming[data-notice-until]")
        arrived = page.locator(".notice-upcoming[data-notice-from]")
        expect(coming).to_be_hidden()
        expect(arrived).to_be_visible()
        expect(arrived).to_contain_text(
            "A new version of this notice took effect on 1 January 2027.", use_inner_text=True
        )
        _assert_no_leaks(page, requests, origin)
        page.clock.set_fixed_time(datetime(2026, 12, 1, 12, tzinfo=timezone.utc))
        page.reload()
        _settle(page)
        expect(coming).to_be_visible()
        expect(arrived).to_be_hidden()
    finally:
        page.close()


def test_print_has_no_navigation_and_shows_dates_and_address(browser: Browser, origin: str) -> None:
    page, _ = _open(browser, f"{origin}/en/privacy/compare/2025-09-01/2027-01-01/")
    try:
        page.emulate_media(media="print")
        expect(page.locator(".md-header")).to_be_hidden()
        expect(page.locator(".md-sidebar--primary")).to_be_hidden()
        url = page.locator(".notice-print-url")
        expect(url).to_be_visible()
        expect(url).to_have_text(
            "https://personvern.fjordkontor.example/en/privacy/compare/2025-09-01/2027-01-01/",
            use_inner_text=True,
        )
        deleted = page.locator("del").first
        expect(deleted).to_have_css("text-decoration-line", re.compile(r"\bline-through\b"))
        expect(deleted).to_have_css("color", "rgb(0, 0, 0)")
        _shot(page, "compare-en-print")
        printed = page.pdf()
        assert printed.startswith(b"%PDF-")
        if ARTIFACTS is not None:
            (ARTIFACTS / "compare-en.pdf").write_bytes(printed)
    finally:
        page.close()


def test_redline_marks_are_not_colour_only(browser: Browser, origin: str) -> None:
    page, _ = _open(browser, f"{origin}/privacy/compare/2025-09-01/2027-01-01/")
    try:
        line = "text-decoration-line"
        expect(page.locator("del").first).to_have_css(line, re.compile(r"\bline-through\b"))
        expect(page.locator("ins").first).to_have_css(line, re.compile(r"\bunderline\b"))
        hidden = page.locator("del .notice-sr").first
        expect(hidden).to_have_text("Slettet:", use_inner_text=True)
        assert hidden.evaluate("e => e.getBoundingClientRect().width") <= 1
        # A replaced word: its new words start apart from the struck ones.
        gaps = page.evaluate(
            """() => [...document.querySelectorAll('del + ins')]
                .filter(i => i.previousSibling === i.previousElementSibling)
                .map(i => {
                  const d = i.previousElementSibling.getClientRects(), n = i.getClientRects();
                  const a = d[d.length - 1], b = n[0];
                  return Math.abs(a.top - b.top) < 2 ? b.left - a.right : null;
                }).filter(g => g !== null)"""
        )
        assert gaps, "no replaced word on the page"
        assert min(gaps) >= 2, gaps
    finally:
        page.close()


_LATE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
  content="default-src 'self'; img-src 'self' http://127.0.0.2:9">
<title>Late leak</title><script src="late.js"></script></head>
<body><p>Leaks 300 ms after load.</p></body></html>
"""

_LATE_SCRIPT = """addEventListener('load', () => setTimeout(() => {
  const image = new Image();  // allowed by the page's CSP, so it is requested (and fails)
  image.src = 'http://127.0.0.2:9/late.png';
  document.body.append(image);
  fetch('http://127.0.0.3:9/late.json').catch(() => {});  // blocked by CSP: a violation
}, 300));
"""


def test_the_leak_watcher_catches_a_late_foreign_request_and_csp_violation(
    browser: Browser, tmp_path: Path
) -> None:
    """The self-test of the watcher: a leak 300 ms after ``load`` must be reported."""
    (tmp_path / "index.html").write_text(_LATE_PAGE, encoding="utf-8")
    (tmp_path / "late.js").write_text(_LATE_SCRIPT, encoding="utf-8")
    with _serve(tmp_path) as late_origin:
        page, requests = _open(browser, f"{late_origin}/")
        try:
            foreign, violations = _leaks(page, requests, late_origin)
            assert foreign == ["http://127.0.0.2:9/late.png"]
            assert violations == ["connect-src http://127.0.0.3:9/late.json"]
            with pytest.raises(AssertionError):
                _assert_no_leaks(page, requests, late_origin)
        finally:
            page.close()


# --- a redline that leads with the change, and every page at a phone's width -----------

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize(
    ("prefix", "summary", "changed"),
    [
        (
            "",
            "3 av 25 avsnitt er endret: 1 lagt til og 2 endret.",
            ["Gjester og besøkende", "Overføring til land utenfor EØS", "Hvor lenge vi lagrer"],
        ),
        (
            "en/",
            "3 of 25 sections changed: 1 added and 2 changed.",
            ["Guests and visitors", "Transfers to countries outside the EEA", "How long we keep"],
        ),
    ],
    ids=["nb", "en"],
)
def test_the_compare_page_leads_with_the_change(
    browser: Browser, origin: str, prefix: str, summary: str, changed: list[str]
) -> None:
    page, requests = _open(
        browser, f"{origin}/{prefix}{PAGE_TYPES['compare']}", viewport=WIDTHS["desktop"]
    )
    try:
        expect(page.locator(".notice-map__summary")).to_have_text(summary, use_inner_text=True)
        items = page.locator(".notice-map__item")
        expect(items).to_have_count(len(changed))
        for item, title in zip(items.all(), changed, strict=True):
            expect(item).to_contain_text(title, use_inner_text=True)
        # the contents list the changes, and only them
        toc = page.locator(".md-sidebar--secondary .md-nav__link")
        expect(toc).to_have_count(len(changed))
        expect(toc.first).to_contain_text(changed[0], use_inner_text=True)
        # each run of unchanged sections is one fold, closed
        folds = page.locator("details.notice-unchanged")
        assert 1 <= folds.count() <= len(changed) + 1
        for fold in folds.all():
            expect(fold).not_to_have_attribute("open", "")
        # from the map to the first change, then change to change, then back: by keyboard
        _follow_by_keyboard(page, page.locator(".notice-map__item a").first)
        hops = page.locator(".notice-next a")
        expect(hops).to_have_count(len(changed))
        for index, hop in enumerate(hops.all()):
            hop.focus()
            page.keyboard.press("Enter")
            href = hop.get_attribute("href")
            assert href is not None
            if index + 1 < len(changed):
                expect(hop).to_contain_text(changed[index + 1], use_inner_text=True)
            else:
                assert href == "#notice-changes"
            expect(page).to_have_url(re.compile(re.escape(href) + "$"))
            expect(page.locator(href)).to_be_in_viewport()
        # a fold opens with the keyboard
        fold = folds.first
        fold.locator("summary").focus()
        page.keyboard.press("Enter")
        expect(fold).to_have_attribute("open", "")
        _assert_no_leaks(page, requests, origin)
    finally:
        page.close()


def _assert_fits(page: Page, site: Path, prefix: str, kind: str, width: str) -> None:
    """Nothing is wider than the screen (on either side: a right-to-left page overflows
    to the left), a date never breaks across lines, and the page is photographed."""
    # What a reader sees stays within the screen: the theme's closed menus are
    # invisible, and a wide table scrolls inside its own box.
    wide = page.evaluate(
        """() => {
             const width = document.documentElement.clientWidth;
             const clipped = e => {
               const box = e.parentElement && e.parentElement.closest(
                 '.md-typeset__scrollwrap, pre');
               return box !== null && box.getBoundingClientRect().right <= width + 0.5
                 && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
             };
             return [...document.body.querySelectorAll('*')]
               .filter(e => e.checkVisibility({opacityProperty: true,
                                               visibilityProperty: true}))
               .filter(e => e.getBoundingClientRect().right > width + 0.5
                         || e.getBoundingClientRect().left < -0.5)
               .filter(e => !clipped(e))
               .filter(e => !e.closest('.md-sidebar, .md-tabs, .md-search'))
               .map(e => `${e.tagName}.${e.className}: ${Math.round(
                 e.getBoundingClientRect().right)} px`);
           }"""
    )
    assert wide == [], f"wider than the {WIDTHS[width]['width']} px screen"
    # nor does anything invisible make the page scroll sideways
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"the page scrolls sideways by {scroll - client} px"
    lines = page.evaluate(
        """[...document.querySelectorAll('.notice-date')].map(cell => {
             const range = document.createRange();
             range.selectNodeContents(cell);
             return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
           })"""
    )
    assert all(n == 1 for n in lines), lines
    if kind == "history":
        assert lines, "the history shows its dates"
    engine = re.sub(r"\d+$", "", site.parent.parent.name.split("-")[1])
    _shot(page, f"{kind}-{prefix.strip('/') or 'nb'}-{WIDTHS[width]['width']}-{engine}")


@pytest.fixture(scope="module")
def mapped_origin(
    tmp_path_factory: pytest.TempPathFactory, site: Path
) -> Iterator[tuple[str, Path]]:
    """The sample with its map of disclosures released, built by the same engine as
    ``site``."""
    engine = site.parent.parent.name.split("-")[1].rstrip("0123456789")
    project = copy_project(tmp_path_factory.mktemp(f"mapped-{engine}") / "project")
    result = subprocess.run(
        [sys.executable, "-m", "notice", "build", "--date", MAPPED_DAY, "--engine", engine],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with _serve(project / "site") as url:
        yield url, project / "site"


@pytest.mark.parametrize("prefix", ["", "en/", "ar/"])
def test_the_first_layer_reads_and_works_with_the_keyboard(
    browser: Browser, mapped_origin: tuple[str, Path], prefix: str
) -> None:
    """The first layer of a version page: no serious axe finding, within the screen on a
    desktop and a phone, its links lead to their sections, and the full list opens from
    the keyboard (and is open when printed)."""
    origin, site = mapped_origin
    page, requests = _open(
        browser, f"{origin}/{prefix}privacy/versions/{MAPPED_VERSION}/", viewport=WIDTHS["desktop"]
    )
    try:
        layers = page.locator("section.notice-layers")
        expect(layers).to_be_visible()
        _assert_accessible(page)
        for width in ("desktop", "phone"):
            page.set_viewport_size(WIDTHS[width])
            _assert_fits(page, site, prefix, "layers", width)
        # The first layer says the facts; each of its "Read more" links leads to its section.
        expect(layers.locator(".notice-layers__first a[href^='mailto:']")).to_have_count(1)
        for index in range(layers.locator(".notice-layers__more").count()):
            _follow_by_keyboard(page, layers.locator(".notice-layers__more").nth(index))
        details = layers.locator("details")
        expect(details).not_to_have_attribute("open", "")
        details.locator("summary").focus()
        page.keyboard.press("Enter")
        expect(details).to_have_attribute("open", "")
        expect(details.locator("dt")).to_have_count(15)
        _assert_no_leaks(page, requests, origin)
    finally:
        page.close()


def _follow_by_keyboard(page: Page, link: Any) -> None:
    """A link within the page, followed with the keyboard: the address says where, and
    what it leads to is in view."""
    link.focus()
    page.keyboard.press("Enter")
    target = link.get_attribute("href")
    assert target is not None
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()


# --- the change on the first screen ------------------------------------------------------

_HEAD = """() => {
  const article = document.querySelector('.md-content article');
  const text = article.querySelector('.notice-text');
  const screen = innerHeight;
  const map = article.querySelector('.notice-map').getBoundingClientRect();
  const first = article.querySelector('.notice-map__item').getBoundingClientRect();
  // What the page says above its text, paragraph by paragraph, as shown.
  const said = [...article.querySelectorAll('h1, p, li')]
    .filter(e => !text.contains(e) && e.checkVisibility())
    .map(e => e.innerText.replace(/\\s+/g, ' ').trim())
    .filter(Boolean);
  const own = location.href.split('#')[0];
  const self = [...article.querySelectorAll('a[href]')]
    .filter(a => a.href.split('#')[0] === own && !a.getAttribute('href').startsWith('#'))
    .map(a => a.outerHTML);
  return {screen, map: map.top, first: first.bottom, said, self, scrolled: scrollY};
}"""

_WIDTH_USED = """() => {
  const table = document.querySelector('.notice-history table').getBoundingClientRect();
  const inner = document.querySelector('.md-main__inner').getBoundingClientRect();
  const nav = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
  return table.width / (inner.width - nav.width);
}"""


@pytest.mark.parametrize("prefix", LANGUAGES, ids=lambda p: p.strip("/") or "nb")
def test_a_phone_shows_the_change_on_the_first_screen(
    browser: Browser, origin: str, prefix: str
) -> None:
    """On a 390 x 844 phone, a comparison's list of changed sections starts on the first
    screen and its first entry is whole there; above the text nothing is said twice
    (the title names both versions, no sentence repeats another) and no link leads to
    the page itself. At 1280 px the history's table takes the width beside the
    navigation (no empty column of contents beside it)."""
    page, requests = _open(
        browser, f"{origin}/{prefix}{PAGE_TYPES['compare']}", viewport=WIDTHS["phone"]
    )
    try:
        head = page.evaluate(_HEAD)
        assert head["scrolled"] == 0
        assert 0 <= head["map"] < head["screen"], head
        assert head["first"] <= head["screen"], head
        assert head["self"] == []
        repeated = {line for line in head["said"] if head["said"].count(line) > 1}
        assert repeated == set()
        older = page.locator('.notice-picker a[href$="versions/2025-09-01/"]').text_content()
        assert older
        assert sum(line.count(older.strip()) for line in head["said"]) == 1, head["said"]
        page.set_viewport_size(WIDTHS["desktop"])
        page.goto(f"{origin}/{prefix}{PAGE_TYPES['history']}")
        _settle(page)
        assert page.evaluate(_WIDTH_USED) >= 0.9
        _assert_no_leaks(page, requests, origin)
    finally:
        page.close()

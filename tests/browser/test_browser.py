"""The built site in a real browser (Debian's Chromium, driven by Playwright).

Every page type in every language: no request leaves the site, no Content-Security-
Policy violation, no serious or critical axe-core finding; the language switcher and
the version picker work with the keyboard; the page script switches an upcoming version
to "in effect" on the reader's date; pages print without navigation. Screenshots go to
``$NOTICE_ARTIFACTS`` (default: a folder in the system's temporary directory).

Without Chromium these tests are skipped, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_project

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TODAY = "2026-11-24"
ARTIFACTS = Path(
    os.environ.get("NOTICE_ARTIFACTS") or Path(tempfile.gettempdir()) / "notice-test-artifacts"
)
LANGUAGES = ("", "en/", "sv/", "de/")
PAGE_TYPES = {
    "landing": "",
    "current": "privacy/",
    "history": "privacy/versions/",
    "archived": "privacy/versions/2024-05-01/",
    "upcoming": "privacy/versions/2027-01-01/",
    "compare": "privacy/compare/2025-09-01/2027-01-01/",
    "cookies": "cookies/",
    "not-found": "404/",
}

if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is required under CI=true (apt-get install chromium)", pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("browser") / "project")
    result = subprocess.run(
        [sys.executable, "-m", "notice.cli", "build", "--date", TODAY],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


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


def _open(browser: Browser, url: str, **context: Any) -> tuple[Page, list[str]]:
    page = browser.new_page(**context)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(_WATCH)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, requests


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("prefix", LANGUAGES, ids=lambda p: p.strip("/") or "nb")
def test_no_request_leaves_the_site_and_no_csp_violation(
    browser: Browser, origin: str, prefix: str, kind: str
) -> None:
    page, requests = _open(browser, f"{origin}/{prefix}{PAGE_TYPES[kind]}")
    try:
        foreign = [
            url
            for url in requests
            if not url.startswith(origin + "/") and not url.startswith("data:")
        ]
        assert foreign == []
        assert page.evaluate("window.__violations") == []
        assert len(requests) >= 3  # the page, its stylesheets and scripts: all local
        if prefix in ("", "en/"):
            _shot(page, f"{kind}-{prefix.strip('/') or 'nb'}")
    finally:
        page.close()


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
@pytest.mark.parametrize("prefix", ["", "en/"], ids=["nb", "en"])
def test_no_serious_accessibility_violations(
    browser: Browser, origin: str, prefix: str, kind: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, _ = _open(browser, f"{origin}/{prefix}{PAGE_TYPES[kind]}")
    try:
        results = Axe().run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
    finally:
        page.close()


def test_page_language_matches_its_text(browser: Browser, origin: str) -> None:
    page, _ = _open(browser, f"{origin}/de/privacy/")
    try:
        assert page.get_attribute("html", "lang") == "de"
        assert page.get_attribute(".notice-text", "lang") == "nb"
    finally:
        page.close()


def test_language_switcher_keeps_the_version_with_the_keyboard(
    browser: Browser, origin: str
) -> None:
    page, _ = _open(browser, f"{origin}/en/privacy/versions/2024-05-01/")
    try:
        link = page.locator('.md-select a[hreflang="sv"]').first
        link.focus()  # focusing a link inside the menu opens it (:focus-within)
        assert link.is_visible()
        page.keyboard.press("Enter")
        page.wait_for_url(f"{origin}/sv/privacy/versions/2024-05-01/")
        assert "Tacka nej till marknadsföring" in page.content()
    finally:
        page.close()


def test_version_picker_works_with_the_keyboard(browser: Browser, origin: str) -> None:
    page, _ = _open(browser, f"{origin}/en/privacy/")
    try:
        summary = page.locator(".notice-picker summary").first
        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator(".notice-picker").first.get_attribute("open") is not None
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused.endswith("versions/2027-01-01/")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{origin}/en/privacy/versions/2027-01-01/")
    finally:
        page.close()


def test_page_script_switches_upcoming_to_in_effect_on_the_readers_date(
    browser: Browser, origin: str
) -> None:
    page = browser.new_page()
    try:
        page.clock.set_fixed_time(datetime(2027, 1, 2, 12, tzinfo=timezone.utc))
        page.goto(f"{origin}/en/privacy/")
        coming = page.locator(".notice-upcoming[data-notice-until]")
        arrived = page.locator(".notice-upcoming[data-notice-from]")
        assert coming.is_hidden()
        assert arrived.is_visible()
        assert "A new version of this notice took effect on 1 January 2027." in arrived.inner_text()
        page.clock.set_fixed_time(datetime(2026, 12, 1, 12, tzinfo=timezone.utc))
        page.reload()
        assert page.locator(".notice-upcoming[data-notice-until]").is_visible()
    finally:
        page.close()


def test_print_has_no_navigation_and_shows_dates_and_address(browser: Browser, origin: str) -> None:
    page, _ = _open(browser, f"{origin}/en/privacy/compare/2025-09-01/2027-01-01/")
    try:
        page.emulate_media(media="print")
        assert page.locator(".md-header").is_hidden()
        assert page.locator(".md-sidebar--primary").is_hidden()
        url = page.locator(".notice-print-url")
        assert url.is_visible()
        assert url.inner_text() == (
            "https://personvern.fjordkontor.example/en/privacy/compare/2025-09-01/2027-01-01/"
        )
        deleted = page.locator("del").first
        assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert deleted.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
        _shot(page, "compare-en-print")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(ARTIFACTS / "compare-en.pdf"))
    finally:
        page.close()


def test_redline_marks_are_not_colour_only(browser: Browser, origin: str) -> None:
    page, _ = _open(browser, f"{origin}/privacy/compare/2025-09-01/2027-01-01/")
    try:
        style = "e => getComputedStyle(e).textDecorationLine"
        assert "line-through" in page.locator("del").first.evaluate(style)
        assert "underline" in page.locator("ins").first.evaluate(style)
        hidden = page.locator("del .notice-sr").first
        assert hidden.inner_text() == "Slettet:"
        assert hidden.evaluate("e => e.getBoundingClientRect().width") <= 1
    finally:
        page.close()

"""The gate holds for any translation (hypothesis): generated hostile strings (controls,
separators, bidirectional controls, link schemes, attribute lists, HTML, very long text)
go as a translator's work through ``check``, ``release``, ``build``, ``verify`` and
``announce``. Whatever they hold: no traceback, the same verdict from check and release,
and nothing unsafe in any file written (pages, PDFs' link actions, feeds, calendars,
e-mails, ``_headers``, JSON).

``NOTICE_HOSTILE_EXAMPLES`` sets how many generated cases run beside the explicit ones;
they are the same on every run unless ``NOTICE_HOSTILE_RANDOM`` is set, which draws new
ones (run it so before a release: a failure prints the case to add as an ``@example``).
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notice.text.pofile import read_catalog, write_catalog
from tests.conftest import Ran
from tests.e2e.test_hostile_input import TRANSLATED, UK_PO, WITHOUT
from tests.e2e.test_hostile_input import world as world  # the fixture

TITLE = "Privacy notice"
PARAGRAPH = "Example Ltd is responsible for the personal data described here."
SITE_PO = "locales/uk/LC_MESSAGES/site.po"
RELEASE = (
    "release", "privacy", "--material", "--effective", "2099-01-01", *WITHOUT,
    *(f"--without={code}" for code in TRANSLATED if code != "uk"),
)  # fmt: skip

FRAGMENTS = [
    "\n", "\r", "\r\n", "\t", "\x00", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9b",
    "\u2028", "\u2029", "\u202e", "\u202b", "\u2066", "\u2069", "\u200f", "\ufeff",
    "\U000e0041", "{: #__config }", "{: .notice-sha256 }", "{ #notice-changes }",
    "{: onclick=alert(1) }", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
    "[x](FILE:///etc/passwd)", "[x](smb://host/share)", "<file:///etc/passwd>",
    "[x](jav&#x61;script:alert(1))", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", '<a href="data:text/html,x">x</a>',
    '<code class="notice-sha256">0</code>', "X-INJECTED: yes", "Bcc: all@example.org",
    "]]>", "&amp;", "<", ">", "&", '"', "'", "\\", "`", "*", "_", "<!--", "-->",
    "{{ config }}", "{% raw %}", "Повідомлення", "مرحبا", "שלום", "こんにちは", "😀",
    "\U00013446", "\ue000", "\U0010fffd",
]  # fmt: skip
HOSTILE = st.one_of(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=6
    ).map("".join),
    st.sampled_from(FRAGMENTS).map(lambda f: "Дані " * 1500 + f),  # very long
).filter(lambda s: s.strip() != "")

_SCHEMES_OUT = re.compile(r"^\s*(javascript|vbscript|data|file|smb):", re.I)


@settings(
    max_examples=int(os.environ.get("NOTICE_HOSTILE_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
    derandomize=not os.environ.get("NOTICE_HOSTILE_RANDOM"),  # CI runs the same cases
)
@given(title=HOSTILE, paragraph=HOSTILE, site_name=HOSTILE)
@example(title="Повідомлення", paragraph="Example Ltd відповідає за дані.", site_name="Сайт")
@example(
    title="Повідомлення <i>«A & B»</i> ]]>",
    paragraph="Дані & <b>]]></b> \u2067«Example Ltd»\u2069 \\* 😀 <!-- x -->",
    site_name="A & B <i>",
)
@example(title="Повідомлення <script>", paragraph="Дані", site_name="Сайт")
@example(title="Повідомлення\nX-INJECTED: yes", paragraph="Дані", site_name="Сайт")
@example(title="Повідомлення", paragraph="Дані {: #__config }", site_name="Сайт\r\nBcc: x@y")
@example(title="Повідомлення", paragraph="[x](FILE:///etc/passwd)", site_name="Сайт")
@example(title="Повідомлення", paragraph="Дані " * 1500, site_name="Сайт\x0c")
@example(title="\U00013446", paragraph=":", site_name="\x1b[31m")  # no font draws it
@example(title="Повідомлення", paragraph="Дані", site_name="Сайт \ue000")
def test_no_translation_breaks_or_poisons_what_is_published(
    world: Path,
    notice_here: Callable[..., Ran],
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    paragraph: str,
    site_name: str,
) -> None:
    pristine = pristine_copy(world, tmp_path_factory)
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(pristine, project)
    translate(project / UK_PO, {TITLE: title, PARAGRAPH: paragraph})
    translate(project / SITE_PO, {("site_name", "Example privacy"): site_name})

    check = notice_here(project, "check")
    assert "Traceback" not in check.stderr
    refused_by_check = [
        line
        for line in check.stdout.splitlines()
        if line.startswith((UK_PO, SITE_PO)) and ": error: " in line
    ]
    release = notice_here(project, *RELEASE)
    assert "Traceback" not in release.stderr, release.stderr
    refused_by_release = [
        line
        for line in release.stderr.splitlines()
        if line.startswith((f"error: {UK_PO}", f"error: {SITE_PO}"))
    ]
    assert sorted(line.replace(": error: ", ": ", 1) for line in refused_by_check) == sorted(
        line.removeprefix("error: ") for line in refused_by_release
    ), "check and release differ"
    assert (release.returncode == 0) == (not refused_by_release), release.stderr
    if release.returncode != 0:
        return

    build = notice_here(project, "build")
    assert build.returncode == 0, build.stderr
    verified = notice_here(project, "verify", "site")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    announced = notice_here(project, "announce", "privacy", "--out", "mail")
    assert "Traceback" not in announced.stderr, announced.stderr
    assert_safe(project / "site")
    assert_safe(project / "mail")


def pristine_copy(world: Path, factory: pytest.TempPathFactory) -> Path:
    """The translated fixture, with PDFs, made once per test and copied for every example."""
    cached = getattr(pristine_copy, "cached", None)
    if cached is None or not cached.exists():
        cached = factory.mktemp("pristine") / "project"
        shutil.copytree(world, cached)
        config = cached / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("      pdf: false\n", ""), "utf-8")
        pristine_copy.cached = cached  # type: ignore[attr-defined]
    return Path(cached)


def translate(path: Path, table: dict[object, str]) -> None:
    catalog = read_catalog(path, "uk")
    for message in catalog:
        key = (message.context, message.id) if message.context else message.id
        if key in table:
            message.string = table[key]
    write_catalog(path, catalog)


def assert_safe(folder: Path) -> None:
    """Nothing in ``folder`` that a hostile string could have put there."""
    if not folder.exists():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".html":
            _safe_page(path, data)
        elif path.suffix == ".pdf":
            _safe_pdf(path)
        elif path.suffix in (".xml",) and b"<feed" in data[:500]:
            ET.fromstring(data)  # well-formed
        elif path.suffix == ".ics":
            _safe_calendar(path, data)
        elif path.suffix == ".json":
            json.loads(data)
        elif path.name == "_headers":
            for line in data.decode("utf-8").splitlines():
                assert not line.strip() or re.fullmatch(r"/\S*|  [A-Za-z-]+: [ -~]+", line), line
        elif path.suffix == ".eml":
            _safe_mail(path, data)


def _safe_page(path: Path, data: bytes) -> None:
    document = html5lib.parse(data, namespaceHTMLElements=False)
    configs = 0
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script":
            assert element.get("src") or element.get("type") == "application/json", path
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (path, name)
            if name in ("href", "src", "action", "formaction"):
                assert not _SCHEMES_OUT.match(value), (path, value)
        configs += element.get("id") == "__config"
        if "notice-sha256" in (element.get("class") or "").split():
            assert re.fullmatch(r"[0-9a-f]{64}", (element.text or "").strip()), path
    assert configs <= 1, path


def _safe_pdf(path: Path) -> None:
    from pypdf import PdfReader

    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                uri = str(action.get_object().get("/URI", ""))
                assert not _SCHEMES_OUT.match(uri), (path, uri)
                assert action.get_object().get("/S") in ("/URI", "/GoTo"), (path, action)


def _safe_calendar(path: Path, data: bytes) -> None:
    text = data.decode("utf-8")
    assert "\r\n" in text
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    for line in unfolded.split("\r\n"):
        assert not line or re.match(r"[A-Z][A-Z-]*[;:]", line), (path, line)
        assert "\r" not in line, (path, line)
        assert "\n" not in line, (path, line)
        assert not line.startswith("X-INJECTED"), path


def _safe_mail(path: Path, data: bytes) -> None:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message.defects == [], (path, message.defects)
    for name, value in message.items():
        assert name.lower() not in ("bcc", "x-injected"), (path, name)
        assert "\n" not in str(value), (path, name)
        assert "\r" not in str(value), (path, name)

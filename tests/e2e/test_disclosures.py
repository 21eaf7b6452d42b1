"""What readers get of a notice's map of GDPR disclosures, on both engines: the first
layer of a version page under the sections' own headings, everything the law requires
with its article, which items a change affects (compare page, history, announcement),
versions.json and the JSON-LD index; in Norwegian, English, Swedish and Arabic."""

from __future__ import annotations

import email
import email.policy
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import MAPPED_DAY, MAPPED_VERSION, copy_project, release_the_map, run_notice

LANGUAGES = ("nb", "en", "sv", "ar")
PREFIX = {"nb": "", "en": "en/", "sv": "sv/", "ar": "ar/"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("disclosures") / "project")
    release_the_map(project)
    return project


@pytest.fixture(scope="module", params=("mkdocs", "zensical"))
def site(project: Path, request: pytest.FixtureRequest) -> Path:
    out = project.parent / f"site-{request.param}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "notice",
            "build",
            "--date",
            MAPPED_DAY,
            "--site-dir",
            str(out),
            "--engine",
            request.param,
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def words(code: str) -> dict[str, str]:
    """The site's words in a language, as its shipped catalog has them."""
    path = Path(__file__).resolve().parents[2] / f"locales/{code}/LC_MESSAGES/site.po"
    with path.open("rb") as stream:
        catalog = read_po(stream)
    return {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.id, str)}


class _Page(HTMLParser):
    """The layers' section of a page, its links, and every id on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.headings: dict[str, str] = {}
        self.layers: list[str] = []
        self.links: list[tuple[str, str, str]] = []  # (href, lang, text)
        self.summary = ""
        self.dir = ""
        self._in: str | None = None
        self._depth = 0
        self._link: tuple[str, str] | None = None
        self._text = ""
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.dir = str(found.get("dir") or "")
        if found.get("id"):
            self.ids.add(str(found["id"]))
            if tag in ("h2", "h3"):
                self._heading, self._text = str(found["id"]), ""
        if tag == "section" and "notice-layers" in str(found.get("class") or ""):
            self._in, self._depth = "layers", 1
        elif self._in == "layers" and tag == "section":
            self._depth += 1
        if self._in == "layers" and tag == "a":
            self._link = (str(found.get("href")), str(found.get("lang") or ""))
            self._text = ""
        if self._in == "layers" and tag == "summary":
            self._in = "summary"

    def handle_data(self, data: str) -> None:
        self._text += data
        if self._in in ("layers", "summary"):
            self.layers.append(data.strip())
        if self._in == "summary":
            self.summary += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "summary" and self._in == "summary":
            self._in = "layers"
        if tag == "a" and self._link is not None:
            self.links.append((*self._link, self._text.strip()))
            self._link = None
        if tag == "section" and self._in == "layers":
            self._depth -= 1
            if not self._depth:
                self._in = None
        if tag in ("h2", "h3") and self._heading is not None:
            self.headings[self._heading] = self._text.replace("¶", "").strip()
            self._heading = None


def _read(site: Path, path: str) -> _Page:
    page = _Page()
    page.feed((site / path).read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_version_page_leads_with_the_first_layer_in_the_readers_words(
    site: Path, code: str
) -> None:
    page = _read(site, f"{PREFIX[code]}privacy/versions/{MAPPED_VERSION}/index.html")
    said = words(code)
    text = " ".join(t for t in page.layers if t)
    assert said["At a glance"] in text
    for label in ("Who is responsible for your data", "What we use your data for", "Your rights"):
        assert said[label] in text, label
    assert said["Everything the law requires us to tell you"] == page.summary.strip()
    # In a right-to-left language the article is isolated (FSI … PDI): it reads left to right.
    article = "\u206813(2)(a)\u2069" if code == "ar" else "13(2)(a)"
    assert said["GDPR Art. %(article)s"].replace("%(article)s", article) in text
    # Each link goes to a section of the page, under that section's own heading, and
    # says which language the heading is in.
    sections = [(href, lang, title) for href, lang, title in page.links if href.startswith("#")]
    assert len(sections) >= 15
    for href, lang, title in sections:
        assert href[1:] in page.ids, href
        assert page.headings[href[1:]] == title, (href, title)
        assert lang == code
    assert page.dir == ("rtl" if code == "ar" else "ltr") or (code != "ar" and page.dir == "")


def test_the_first_layer_is_on_the_notices_own_address_and_only_where_a_map_was_released(
    site: Path,
) -> None:
    assert _read(site, "en/privacy/index.html").layers, "the current version is the mapped one"
    assert not _read(site, "en/privacy/versions/2027-01-01/index.html").layers
    assert not _read(site, "en/cookies/index.html").layers


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compare_page_says_what_the_change_affects(site: Path, code: str) -> None:
    said = words(code)
    html = (
        site / f"{PREFIX[code]}privacy/compare/2027-01-01/{MAPPED_VERSION}/index.html"
    ).read_text(encoding="utf-8")
    lead = said["This change affects what the notice tells you about:"]
    assert lead in html
    listed = re.search(r'class="notice-affects">\s*<p>[^<]*</p>\s*<ul>(.*?)</ul>', html, re.S)
    assert listed is not None
    topics = re.findall(r"<li>(.*?)</li>", listed.group(1))
    expected = [
        "What data we use",
        "Where your data come from",
        "Whether you must give us your data",
    ]
    assert topics == [said[label].replace("'", "&#39;") for label in expected]
    history = (site / f"{PREFIX[code]}privacy/versions/index.html").read_text(encoding="utf-8")
    assert history.count('class="notice-affects"') == 1  # versions without a map tell nothing


def test_versions_json_and_the_json_ld_index_say_the_same(site: Path) -> None:
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    privacy = next(n for n in index["notices"] if n["id"] == "privacy")
    version = privacy["versions"][0]
    assert version["effective"] == MAPPED_VERSION
    assert version["affects"] == ["categories", "source", "requirement"]
    rights = next(d for d in version["disclosures"] if d["item"] == "rights")
    assert rights["article"] == "13(2)(b)"
    assert rights["anchors"] == ["dine-rettigheter"]
    assert rights["urls"]["ar"] == [
        f"https://personvern.fjordkontor.example/ar/privacy/versions/{MAPPED_VERSION}/"
        "#dine-rettigheter"
    ]
    assert all("disclosures" not in v for v in privacy["versions"][1:])
    path = f"privacy/versions/{MAPPED_VERSION}/notice.jsonld"
    data = (site / path).read_bytes()
    import hashlib

    assert version["index"]["sha256"] == hashlib.sha256(data).hexdigest()
    document = json.loads(data)
    assert document["@type"] == "dpv:PrivacyNotice"
    assert document["@context"]["eu-gdpr"] == "https://w3id.org/dpv/legal/eu/gdpr#"
    rights_terms = [r["@id"] for r in document["dpv:hasRight"]]
    assert rights_terms[:1] == ["eu-gdpr:A13"]
    for term in ("eu-gdpr:A15", "eu-gdpr:A17", "eu-gdpr:A21", "eu-gdpr:A7-3", "eu-gdpr:A77"):
        assert term in rights_terms
    parts = {part["notice:item"]: part for part in document["dct:hasPart"]}
    assert parts["retention"]["notice:article"] == "13(2)(a)"
    assert parts["retention"]["notice:sections"][0]["notice:at"]["sv"].endswith(
        "/sv/privacy/versions/2027-02-01/#hvor-lenge-vi-lagrer-opplysningene"
    )
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert f"/{path}\n  Content-Type: application/ld+json\n" in headers
    page = (site / f"en/privacy/versions/{MAPPED_VERSION}/index.html").read_text(encoding="utf-8")
    assert 'type="application/ld+json"' in page
    verified = run_notice(site.parent / "project", "verify", str(site))
    assert verified.returncode == 0, verified.stderr


def test_verify_names_an_index_that_was_changed(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    index = copy / f"privacy/versions/{MAPPED_VERSION}/notice.jsonld"
    index.write_bytes(index.read_bytes().replace(b"eu-gdpr:A77", b"eu-gdpr:A78"))
    refused = run_notice(site.parent / "project", "verify", str(copy))
    assert refused.returncode == 1
    assert f"{index}: the index's SHA-256 is " in refused.stderr


def test_the_pdf_prints_what_the_notice_says_where(project: Path) -> None:
    from pypdf import PdfReader

    for code, title in (("en", "Everything the law requires us to tell you"), ("ar", None)):
        reader = PdfReader(project / f"docs/privacy/versions/{MAPPED_VERSION}/{code}.pdf")
        text = " ".join(page.extract_text() for page in reader.pages[:2])
        expected = title or words("ar")["Everything the law requires us to tell you"]
        assert " ".join(expected.split()[:2]) in text, code


def test_the_announcement_says_what_the_change_affects(project: Path, tmp_path: Path) -> None:
    result = run_notice(
        project, "announce", "privacy", "--date", "2026-12-01", "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "privacy" / MAPPED_VERSION
    for code in ("en", "ar"):
        message = email.message_from_bytes(
            (folder / f"{code}.eml").read_bytes(), policy=email.policy.default
        )
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        said = words(code)
        assert said["This change affects what the notice tells you about:"].split()[0] in text
        assert f"- {said['Whether you must give us your data']}" in text

"""What readers get of a notice's facts, on both engines: the first layer of a version page
(who, the purposes with their bases, what is worth knowing, the rights), everything the
law requires with its article as the reader's language cites it, which items and which
facts a change affects (compare page, history, announcement), versions.json and the
JSON-LD index; in Norwegian, English, Swedish and Arabic. The sample's 2027-01-15 and
2027-02-01 versions state facts; 2027-02-01 adds a purpose, a recipient, a transfer and a
longer retention."""

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

from tests.conftest import MAPPED_DAY, MAPPED_VERSION, copy_project, run_notice

LANGUAGES = ("nb", "en", "sv", "ar")
PREFIX = {"nb": "", "en": "en/", "sv": "sv/", "ar": "ar/"}


#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("disclosures")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("disclosures") / "project")


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


#: The new purpose of 2027-02-01, in each language's text of it.
SURVEYS = {
    "nb": "Kundeundersøkelser",
    "en": "Customer surveys",
    "sv": "Kundundersökningar",
    "ar": "استطلاعات العملاء",
}


def _isolated(code: str, value: str) -> str:
    return f"\u2068{value}\u2069" if code == "ar" else value


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_version_page_leads_with_the_first_layer_in_the_readers_words(
    site: Path, code: str
) -> None:
    page = _read(site, f"{PREFIX[code]}privacy/versions/{MAPPED_VERSION}/index.html")
    said = words(code)
    text = " ".join(t for t in page.layers if t)
    assert said["At a glance"] in text
    for label in (
        "Who is responsible for your data",
        "What we use your data for",
        "Worth knowing",
        "Your rights",
    ):
        assert said[label] in text, label
    assert "Fjordkontor AS" in text
    assert "personvern@fjordkontor.example" in text
    assert SURVEYS[code] in text, "the purposes, in the reader's language"
    assert said["legitimate interests"] in text, "with their legal bases"
    assert said["data portability"] in text, "the rights that follow from the facts"
    assert said["Everything the law requires us to tell you"] == page.summary.strip()
    # The articles as the reader's language's text of the GDPR cites them.
    name = said["%(citations)s GDPR"].replace("%(citations)s", "").strip()
    assert name in text
    if code != "en":
        assert "GDPR Art." not in text
    # Each link goes to a section of the page, under that section's own heading.
    sections = [(href, lang, title) for href, lang, title in page.links if href.startswith("#")]
    assert len(sections) >= 15
    for href, lang, title in sections:
        assert href[1:] in page.ids, href
        if title != said["Read more"]:
            assert page.headings[href[1:]] == title, (href, title)
            assert lang == code
    assert page.dir == ("rtl" if code == "ar" else "ltr") or (code != "ar" and page.dir == "")


def test_the_first_layer_is_on_the_notices_own_address_and_only_where_facts_were_released(
    site: Path,
) -> None:
    assert _read(site, "en/privacy/index.html").layers, "the current version states facts"
    assert _read(site, "en/privacy/versions/2027-01-15/index.html").layers
    assert not _read(site, "en/privacy/versions/2027-01-01/index.html").layers
    assert not _read(site, "en/cookies/index.html").layers


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compare_page_says_which_facts_changed(site: Path, code: str) -> None:
    said = words(code)
    html = (
        site / f"{PREFIX[code]}privacy/compare/2027-01-15/{MAPPED_VERSION}/index.html"
    ).read_text(encoding="utf-8")
    assert said["This change affects what the notice tells you about:"] in html
    listed = re.search(r'<ul class="notice-affects__facts">(.*?)</ul>', html, re.S)
    assert listed is not None
    lines = re.findall(r"<li>(.*?)</li>", listed.group(1))
    purpose = said["New purpose: %(purpose)s"].replace(
        "%(purpose)s",
        _isolated(
            code,
            said["%(title)s (%(remark)s)"]
            .replace("%(title)s", _isolated(code, SURVEYS[code]))
            .replace("%(remark)s", _isolated(code, said["legitimate interests"])),
        ),
    )
    assert lines[0] == purpose.replace("'", "&#39;"), lines
    assert len(lines) == 5  # purpose, data, recipients, transfer, retention
    if code == "en":
        assert lines[1:] == [
            "New kind of data: Survey answers",
            "New recipients: The customer survey provider",
            "New transfer to United Kingdom, under an adequacy decision",
            "Running and securing the websites: kept 90 days instead of 30 days",
        ]
    history = (site / f"{PREFIX[code]}privacy/versions/index.html").read_text(encoding="utf-8")
    assert history.count('class="notice-affects__facts"') == 1  # one pair of versions with facts


def test_versions_json_and_the_json_ld_index_say_the_same(site: Path) -> None:
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    privacy = next(n for n in index["notices"] if n["id"] == "privacy")
    version = privacy["versions"][0]
    assert version["effective"] == MAPPED_VERSION
    rights = next(d for d in version["disclosures"] if d["item"] == "rights")
    assert rights["article"] == "13(2)(b), 14(2)(c)"
    assert rights["anchors"] == ["dine-rettigheter"]
    assert rights["urls"]["ar"] == [
        f"https://personvern.fjordkontor.example/ar/privacy/versions/{MAPPED_VERSION}/"
        "#dine-rettigheter"
    ]
    assert "disclosures" in privacy["versions"][1]  # 2027-01-15
    assert all("disclosures" not in v for v in privacy["versions"][2:])
    path = f"privacy/versions/{MAPPED_VERSION}/notice.jsonld"
    data = (site / path).read_bytes()
    import hashlib

    assert version["index"]["sha256"] == hashlib.sha256(data).hexdigest()
    document = json.loads(data)
    assert "dpv:PrivacyNotice" in document["@type"]
    assert "eu-gdpr:DirectDataCollectionNotice" in document["@type"]
    assert "eu-gdpr:IndirectDataCollectionNotice" in document["@type"]
    assert document["@context"]["eu-gdpr"] == "https://w3id.org/dpv/legal/eu/gdpr#"
    assert document["dct:valid"] == {"@value": MAPPED_VERSION, "@type": "xsd:date"}
    pages = {f["dct:language"]["@value"]: f["@id"] for f in document["dct:hasFormat"]}
    assert pages["sv"].endswith(f"/sv/privacy/versions/{MAPPED_VERSION}/")
    assert set(pages) == {"en", "sv", "ar"}
    rights_terms = [r["@id"] for r in document["dpv:hasRight"]]
    for term in ("eu-gdpr:A15", "eu-gdpr:A20", "eu-gdpr:A21", "eu-gdpr:A7-3", "eu-gdpr:A77"):
        assert term in rights_terms
    assert "eu-gdpr:A22" not in rights_terms, "the notice says no automated decisions are made"
    assert set(document["notice:changed"]) == {"purpose", "data", "recipient", "transfer",
                                               "retention"}  # fmt: skip
    vocabulary = json.loads((site / "notice-vocabulary.jsonld").read_text(encoding="utf-8"))
    assert vocabulary["@graph"]
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


def test_the_pdf_prints_the_first_layer_and_what_the_notice_says_where(project: Path) -> None:
    from pypdf import PdfReader

    for code in ("en", "ar"):
        reader = PdfReader(project / f"docs/privacy/versions/{MAPPED_VERSION}/{code}.pdf")
        text = " ".join(page.extract_text() for page in reader.pages[:3])
        for label in ("Worth knowing", "Everything the law requires us to tell you"):
            expected = label if code == "en" else words("ar")[label]
            assert " ".join(expected.split()[:2]) in text, (code, label)
    english = PdfReader(project / f"docs/privacy/versions/{MAPPED_VERSION}/en.pdf")
    assert "Customer surveys (legitimate interests)" in english.pages[0].extract_text()


def test_the_announcement_says_which_facts_change(project: Path, tmp_path: Path) -> None:
    result = run_notice(
        project,
        "announce",
        "privacy",
        MAPPED_VERSION,
        "--date",
        "2026-12-07",
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "privacy" / MAPPED_VERSION
    for code in ("en", "ar"):
        message = email.message_from_bytes(
            (folder / f"{code}.eml").read_bytes(), policy=email.policy.default
        )
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        said = words(code)
        assert said["What changes, fact by fact:"].split()[0] in text
        assert SURVEYS[code] in text


@pytest.mark.parametrize("code", ("en", "ar"))
def test_the_feed_says_which_facts_change(site: Path, code: str) -> None:
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / f"{PREFIX[code]}privacy/feed.xml").getroot()
    summaries = [str(e.findtext(f"{atom}summary")) for e in feed.iter(f"{atom}entry")]
    said = words(code)
    newest = next(s for s in summaries if SURVEYS[code] in s)
    assert said["What changes, fact by fact:"] in newest
    assert sum(said["What changes, fact by fact:"] in s for s in summaries) == 1

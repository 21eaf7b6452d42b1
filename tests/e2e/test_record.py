"""A record anyone can verify: the published released texts and registries, `notice
verify` on a folder and over HTTP (good, and each kind of tampering), `notice as-of`
at the boundaries of an effective date, and the PDFs."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
import yaml

from notice.record.registry_file import parse_registry
from tests.conftest import copy_project, run_notice, serve, unfreeze_pdfs

TODAY = "2026-11-24"  # 2027-01-01 is upcoming (published 2026-11-16)
BEFORE_ANNOUNCEMENT = "2026-11-10"  # the 2027-01-01 version is not published yet
SITE_URL = "https://personvern.fjordkontor.example/"
#: `notice as-of` tells "in effect until" as of today: the tests' today is TODAY.
AS_OF_TODAY = {**os.environ, "SOURCE_DATE_EPOCH": "1795478400"}  # 2026-11-24


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def before_pdfs_were_recorded(project: Path) -> Path:
    """``unfreeze_pdfs``: the project as it was before PDFs were part of the record. Its
    registries end before their first ``freeze-pdfs`` entry, and with it every release
    recorded later (the sample's 2027-01-15 and 2027-02-01, which record their PDFs
    themselves): the folders of those releases go too, as they were not made yet."""
    unfreeze_pdfs(project)
    for registry in (project / "docs").glob("*/versions.yml"):
        text = registry.read_text(encoding="utf-8")
        kept = set(parse_registry(text, registry.parent.name, "versions.yml").folders())
        for folder in (registry.parent / "versions").iterdir():
            if folder.name not in kept:
                shutil.rmtree(folder)
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("record") / "project")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    result = run_notice(project, "build", "--date", TODAY, "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def index(site: Path) -> dict:
    return json.loads((site / "versions.json").read_text(encoding="utf-8"))


def notice_entry(index: dict, notice: str) -> dict:
    return next(n for n in index["notices"] if n["id"] == notice)


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url[len(SITE_URL) :]


# Published sources ------------------------------------------------------------------


def test_every_released_text_is_published_byte_for_byte(project: Path, site: Path) -> None:
    released = sorted((project / "docs").glob("*/versions/*/*.md"))
    assert len(released) >= 10
    for path in released:
        relative = path.relative_to(project / "docs").as_posix()
        assert (site / relative).read_bytes() == path.read_bytes(), relative


def test_the_registry_is_published_and_its_chain_verifies(
    project: Path, site: Path, index: dict
) -> None:
    for notice in ("privacy", "cookies"):
        text = (site / notice / "versions.yml").read_text(encoding="utf-8")
        assert text == (project / "docs" / notice / "versions.yml").read_text(encoding="utf-8")
        registry = parse_registry(text, notice, f"{notice}/versions.yml")
        entry = notice_entry(index, notice)
        assert entry["registry"]["head"] == registry.head
        assert entry["registry"]["url"] == f"{SITE_URL}{notice}/versions.yml"
        chains = {v.effective.isoformat(): v.chain for v in registry.versions()}
        for version in entry["versions"]:
            assert version["chain"] == chains[version["effective"]]
            for lang, data in version["languages"].items():
                assert (
                    data["source"]
                    == f"{SITE_URL}{notice}/versions/{version['effective']}/{lang}.md"
                )
                assert sha(local(site, data["source"]).read_bytes()) == data["sha256"]


def test_released_texts_and_registries_are_served_as_text(site: Path) -> None:
    headers = (site / "_headers").read_text(encoding="utf-8")
    for path in ("/privacy/versions.yml", "/privacy/versions/2025-09-01/en.md"):
        assert f"{path}\n  Content-Type: text/plain; charset=utf-8\n" in headers


def test_the_feeds_carry_the_chain_head(site: Path, index: dict) -> None:
    head = notice_entry(index, "privacy")["registry"]["head"]
    for feed in ("privacy/feed.xml", "en/privacy/feed.xml", "de/privacy/feed.xml"):
        text = (site / feed).read_text(encoding="utf-8")
        assert re.search(rf"<registry:head [^>]*>{head}</registry:head>", text), feed


def test_a_version_not_yet_published_is_not_in_the_published_record(project: Path) -> None:
    result = run_notice(project, "build", "--date", BEFORE_ANNOUNCEMENT, "--site-dir", "early")
    assert result.returncode == 0, result.stderr
    early = project / "early"
    assert not (early / "privacy/versions/2027-01-01").exists()
    text = (early / "privacy/versions.yml").read_text(encoding="utf-8")
    assert "2027-01-01" not in text
    registry = parse_registry(text, "privacy", "versions.yml")
    full = parse_registry(
        (project / "docs/privacy/versions.yml").read_text(encoding="utf-8"), "privacy", "x"
    )
    assert registry.entries == full.entries[: len(registry.entries)]
    # Published up to the first entry recorded later: the 2027 release (and all after).
    later = next(i for i, e in enumerate(full.entries) if e.effective.isoformat() == "2027-01-01")
    assert len(registry.entries) == later
    verified = run_notice(project, "verify", str(early))
    assert verified.returncode == 0, verified.stderr


# As of a date -------------------------------------------------------------------------


def test_versions_json_states_when_each_version_was_in_effect(index: dict) -> None:
    versions = {v["effective"]: v for v in notice_entry(index, "privacy")["versions"]}
    assert versions["2024-05-01"]["in_effect_from"] == "2024-05-01"
    assert versions["2024-05-01"]["in_effect_until"] == "2025-08-31"
    assert versions["2025-09-01"]["in_effect_until"] is None  # current
    for upcoming in ("2027-01-01", "2027-01-15", "2027-02-01"):
        assert versions[upcoming]["in_effect_until"] is None


@pytest.mark.parametrize(
    ("day", "effective", "until"),
    [
        ("2025-08-31", "2024-05-01", "2025-08-31"),  # the day before
        ("2025-09-01", "2025-09-01", None),  # on the effective date
        ("2025-09-02", "2025-09-01", None),  # after it
        ("2024-05-01", "2024-05-01", "2025-08-31"),  # the first day of the first
    ],
)
def test_as_of_at_the_boundaries_of_an_effective_date(
    project: Path, index: dict, day: str, effective: str, until: str | None
) -> None:
    result = run_notice(project, "as-of", "privacy", day, "--lang", "en", "--json", env=AS_OF_TODAY)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["effective"] == effective
    assert found["in_effect_until"] == until
    published = next(
        v for v in notice_entry(index, "privacy")["versions"] if v["effective"] == effective
    )
    assert found["url"] == published["languages"]["en"]["url"]
    assert found["sha256"] == published["languages"]["en"]["sha256"]
    text = run_notice(project, "as-of", "privacy", day, "--lang", "en", env=AS_OF_TODAY)
    assert text.returncode == 0
    assert f"url:    {found['url']}\n" in text.stdout
    assert f"sha256: {found['sha256']}\n" in text.stdout


def test_as_of_refuses_a_day_before_the_first_version(project: Path) -> None:
    early = run_notice(project, "as-of", "privacy", "2024-04-30")
    assert early.returncode == 1
    assert early.stderr == (
        "error: no version of 'privacy' was in effect on 2024-04-30 "
        "(the first took effect on 2024-05-01)\n"
    )


def test_as_of_a_language_the_version_lacks_cites_the_text_its_page_showed(
    project: Path, index: dict
) -> None:
    """A German reader of 2025-09-01 (released without de) was shown the Bokmål text on
    the German page: that page and that text are what a consent record cites."""
    result = run_notice(project, "as-of", "privacy", "2025-09-01", "--lang", "de", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    version = next(
        v for v in notice_entry(index, "privacy")["versions"] if v["effective"] == "2025-09-01"
    )
    assert found["url"] == f"{SITE_URL}de/privacy/versions/2025-09-01/"
    assert found["text_language"] == "nb"
    assert found["sha256"] == version["languages"]["nb"]["sha256"]
    assert found["source"] == version["languages"]["nb"]["source"]
    text = run_notice(project, "as-of", "privacy", "2025-09-01", "--lang", "de")
    assert "note:   not released in de by 2025-09-01: its page showed the nb text" in text.stdout


def test_a_language_added_later_is_cited_from_the_day_it_was_added(tmp_path: Path) -> None:
    """German added to 2025-09-01 on 2026-12-10: a build before that day shows the
    Bokmål text on the German page (no crash), and as-of cites it until that day."""
    copy = copy_project(tmp_path / "added")
    registry_path = copy / "docs/privacy/versions.yml"
    registry = parse_registry(registry_path.read_text("utf-8"), "privacy", "versions.yml")
    text = (copy / "docs/privacy/versions/2025-09-01/nb.md").read_bytes()
    german = copy / "docs/privacy/versions/2025-09-01/de.md"
    german.write_bytes(text.replace(b"title:", b"title: Datenschutz #", 1))
    from datetime import date

    from notice.record.versions import Entry, entry_text

    added = Entry(
        kind="add-language",
        effective=date(2025, 9, 1),
        dated=date(2026, 12, 10),
        files={"de": sha(german.read_bytes())},
        previous=registry.head,
        recorded=date.fromisoformat(TODAY),  # by the clock, as every entry since 2026-11-23
    )
    registry_path.write_text(registry_path.read_text("utf-8") + entry_text(added), "utf-8")
    before = run_notice(copy, "build", "--date", TODAY, "--site-dir", "before")
    assert before.returncode == 0, before.stderr
    page = (copy / "before/de/privacy/versions/2025-09-01/index.html").read_text("utf-8")
    assert 'class="notice-text" lang="nb"' in page
    assert not (copy / "before/privacy/versions/2025-09-01/de.md").exists()
    assert run_notice(copy, "verify", str(copy / "before")).returncode == 0
    after = run_notice(copy, "build", "--date", "2026-12-10", "--site-dir", "after")
    assert after.returncode == 0, after.stderr
    assert (copy / "after/privacy/versions/2025-09-01/de.md").read_bytes() == german.read_bytes()
    verified = run_notice(copy, "verify", str(copy / "after"))
    assert verified.returncode == 0, verified.stderr
    for day, language in (("2026-12-09", "nb"), ("2026-12-10", "de")):
        result = run_notice(copy, "as-of", "privacy", day, "--lang", "de", "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["text_language"] == language, day


# notice verify ------------------------------------------------------------------------


def test_verify_accepts_the_built_site(project: Path, site: Path) -> None:
    result = run_notice(project, "verify", str(site))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"verified {site}: checked 2 notices, 6 versions, ")
    assert result.stdout.count("\n") == 2
    assert result.stdout.splitlines()[-1].startswith("not anchored: the chains of cookies and ")


class Files(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, quietly."""

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve(functools.partial(Files, directory=str(site))) as origin:
        yield f"{origin}/"


def test_verify_reads_a_site_over_http(project: Path, served: str) -> None:
    result = run_notice(project, "verify", served)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"verified {served}: checked 2 notices, 6 versions, ")


def tampered(site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    return copy


def test_verify_finds_a_changed_released_text(project: Path, site: Path, tmp_path: Path) -> None:
    copy = tampered(site, tmp_path)
    path = copy / "privacy/versions/2025-09-01/en.md"
    before = path.read_bytes()
    path.write_bytes(before.replace(b"We ", b"we ", 1))
    assert path.read_bytes() != before
    result = run_notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {path}: the released text was changed")


def test_verify_finds_a_changed_registry_entry(project: Path, site: Path, tmp_path: Path) -> None:
    copy = tampered(site, tmp_path)
    path = copy / "privacy/versions.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("published: 2025-08-04", "published: 2025-07-04"), "utf-8")
    result = run_notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert "the registry does not verify" in result.stderr
    assert "hash chain is broken" in result.stderr


def test_verify_finds_a_rewritten_history_against_a_head_seen_before(
    project: Path, site: Path, index: dict, tmp_path: Path
) -> None:
    """A registry rewritten consistently (chain recomputed, versions.json and feeds
    edited to match) verifies on its own; a head recorded earlier catches it."""
    copy = tampered(site, tmp_path)
    registry = parse_registry(
        (copy / "privacy/versions.yml").read_text(encoding="utf-8"), "privacy", "x"
    )
    import dataclasses

    entries, previous = [], ""
    for number, entry in enumerate(registry.entries):
        changed = dataclasses.replace(entry, previous=previous, line=None)
        if number == 0:
            changed = dataclasses.replace(changed, dated=changed.dated.replace(day=1))
        entries.append(changed)
        previous = changed.hash
    rewritten = dataclasses.replace(registry, entries=tuple(entries))
    (copy / "privacy/versions.yml").write_text(rewritten.text(), encoding="utf-8")
    old_head = notice_entry(index, "privacy")["registry"]["head"]
    data = json.loads((copy / "versions.json").read_text(encoding="utf-8"))
    privacy = notice_entry(data, "privacy")
    privacy["registry"]["head"] = rewritten.head
    for version in privacy["versions"]:
        match = next(
            v for v in rewritten.versions() if v.effective.isoformat() == version["effective"]
        )
        version["chain"], version["published"] = match.chain, match.published.isoformat()
    (copy / "versions.json").write_text(json.dumps(data), encoding="utf-8")
    for feed in copy.rglob("privacy/feed.xml"):
        feed.write_text(feed.read_text("utf-8").replace(old_head, rewritten.head), "utf-8")
    for page in copy.rglob("privacy/versions/2024-05-01/index.html"):
        page.write_text(
            page.read_text("utf-8").replace('datetime="2024-04-02"', 'datetime="2024-04-01"'),
            "utf-8",
        )
    alone = run_notice(project, "verify", str(copy))
    assert alone.returncode == 0, alone.stderr
    assert "but a history rewritten as a whole would pass too" in alone.stdout
    anchored = run_notice(project, "verify", str(copy), "--head", f"privacy={old_head}")
    assert anchored.returncode == 1
    assert "recorded earlier is not in the registry's chain" in anchored.stderr
    original = run_notice(project, "verify", str(site), "--head", f"privacy={old_head}")
    assert original.returncode == 0, original.stderr


def test_verify_finds_a_page_that_states_another_date(
    project: Path, site: Path, tmp_path: Path
) -> None:
    copy = tampered(site, tmp_path)
    page = copy / "en/privacy/versions/2025-09-01/index.html"
    page.write_text(
        page.read_text("utf-8").replace('datetime="2025-09-01"', 'datetime="2025-10-01"'), "utf-8"
    )
    result = run_notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {page}: the page states the effective date 2025-10-01, the registry 2025-09-01\n"
    )


def test_verify_finds_a_changed_pdf_and_a_changed_feed_head(
    project: Path, site: Path, tmp_path: Path
) -> None:
    copy = tampered(site, tmp_path)
    pdf = copy / "cookies/versions/2024-05-01/sv.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    result = run_notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {pdf}: the PDF's SHA-256 is ")
    shutil.copyfile(site / "cookies/versions/2024-05-01/sv.pdf", pdf)
    feed = copy / "sv/privacy/feed.xml"
    feed.write_text(
        re.sub(r"(<registry:head [^>]*>)[0-9a-f]+", r"\g<1>" + "0" * 64, feed.read_text("utf-8")),
        "utf-8",
    )
    result = run_notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {feed}: the feed states the chain head 0000")


def test_verify_names_a_missing_file_over_http(project: Path, site: Path, tmp_path: Path) -> None:
    copy = tampered(site, tmp_path)
    (copy / "privacy/versions/2024-05-01/sv.md").unlink()
    with serve(functools.partial(Files, directory=str(copy))) as url:
        result = run_notice(project, "verify", url)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"error: {url}/privacy/versions/2024-05-01/sv.md: cannot be read"
    )
    assert "404" in result.stderr


def test_verify_refuses_what_is_not_a_site(project: Path, tmp_path: Path) -> None:
    result = run_notice(project, "verify", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "not a folder nor an http(s):// address" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_notice(project, "verify", str(empty))
    assert result.returncode == 1
    assert result.stderr == f"error: {empty / 'versions.json'}: is missing\n"


# PDFs ---------------------------------------------------------------------------------


def pdf_text(path: Path, footer: str = "") -> str:
    """The text of a PDF; without ``footer`` and the page number that ends each page."""
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        if footer:
            end = rf"\s*{re.escape(footer)}\s+{number} / {len(reader.pages)}\s*$"
            assert re.search(end, text), (number, text[-200:])
            text = re.sub(end, "", text)
        # List markers (bullets, "1.") are drawn apart from their items: not compared.
        pages.append(re.sub(r"(?m)^[ \t]*(•|\d+\.)[ \t]*$", "", text))
    return "\n".join(pages)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def page_text(html: str) -> str:
    """The text of a version page's notice, as a reader sees it."""
    import html5lib

    tree = html5lib.parse(html, namespaceHTMLElements=False)
    text = tree.find(".//div[@class='notice-text']")
    assert text is not None
    for link in text.iter("a"):
        if "headerlink" in (link.get("class") or ""):
            link.text = ""
    return "".join(text.itertext())


def test_every_version_in_every_language_has_a_pdf(site: Path, index: dict) -> None:
    count = 0
    for notice in index["notices"]:
        for version in notice["versions"]:
            for lang, data in version["languages"].items():
                path = local(site, data["pdf"]["url"])
                assert path.name == f"{lang}.pdf"
                assert sha(path.read_bytes()) == data["pdf"]["sha256"]
                count += 1
    # 3 * 3 for the first three privacy versions, 4 for the cookie notice, 2 * 3 for 2027-01-15
    # and 2027-02-01 (without de), and Arabic in 2027-01-01 and the cookie notice
    assert count == 23


@pytest.mark.parametrize(
    ("pdf", "page", "lines"),
    [
        (
            "privacy/versions/2025-09-01/en.pdf",
            "en/privacy/versions/2025-09-01/index.html",
            ("Effective 1 September 2025", "Published 4 August 2025"),
        ),
        (
            "privacy/versions/2025-09-01/nb.pdf",
            "privacy/versions/2025-09-01/index.html",
            ("1. september 2025", "4. august 2025"),
        ),
    ],
)
def test_a_pdf_prints_the_text_dates_address_and_hash(
    site: Path, index: dict, pdf: str, page: str, lines: tuple[str, ...]
) -> None:
    lang = pdf[-6:-4]
    version = next(
        v for v in notice_entry(index, "privacy")["versions"] if v["effective"] == "2025-09-01"
    )
    address = version["languages"][lang]["url"]
    text = pdf_text(site / pdf, footer=address)
    folded = re.sub(r"\s+", "", text)
    for line in lines:
        assert line in text
    assert address in folded  # the permanent address, in the record
    assert version["languages"][lang]["sha256"] in folded
    shown = words(page_text((site / page).read_text(encoding="utf-8")))
    printed = words(text)
    assert len(shown) > 1500
    # The record (title, dates, address, hash, binding language) comes first; then the
    # text, word for word what the page shows.
    assert printed[-len(shown) :] == shown
    assert len(printed) - len(shown) < 60


def test_a_pdf_is_archival_with_its_fonts_embedded(site: Path) -> None:
    reader = pypdf.PdfReader(site / "privacy/versions/2027-01-01/sv.pdf")
    metadata = reader.xmp_metadata
    assert metadata is not None
    xml = metadata.stream.get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")2", xml)
    assert re.search(r"pdfaid:conformance(>|=\")U", xml)
    assert reader.metadata is not None
    assert reader.metadata.title == "Integritetspolicy"
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts += 1
    assert fonts > 0


def test_a_pdf_fetches_nothing() -> None:
    """A released text that names a remote image gets a PDF without it: nothing is
    fetched (the request would reach this server)."""
    from notice.site.pdf import render

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with serve(Handler) as origin:
        pdf = render(
            f'<html><body><p>Text</p><img src="{origin}/x.png">'
            f'<link rel="stylesheet" href="{origin}/x.css"></body></html>'
        )
    assert pdf
    assert asked == []


def test_pdfs_come_from_the_cache_with_the_same_bytes(tmp_path: Path) -> None:
    """PDFs not yet frozen: a second build reads them from the cache; a build without it
    makes them again: the same bytes."""
    project = before_pdfs_were_recorded(copy_project(tmp_path / "unfrozen"))
    built = run_notice(project, "build", "--date", TODAY, "--site-dir", "site")
    assert built.returncode == 0, built.stderr
    site = project / "site"
    entries = list((project / ".cache/notice").rglob("*.json"))
    # a PDF in the cache: its base64 starts as "%PDF" does
    assert any('"value":"JVBER' in p.read_text(encoding="utf-8") for p in entries)
    again = run_notice(project, "build", "--date", TODAY, "--site-dir", "again", "--no-cache")
    assert again.returncode == 0, again.stderr
    for pdf in sorted(site.rglob("*.pdf")):
        assert (project / "again" / pdf.relative_to(site)).read_bytes() == pdf.read_bytes(), pdf


def test_pdfs_can_be_switched_off(project: Path, tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "nopdf")
    config = copy / "mkdocs.yml"
    data = config.read_text(encoding="utf-8")
    assert "  - notice:\n" in data
    config.write_text(data.replace("  - notice:\n", "  - notice:\n      pdf: false\n", 1), "utf-8")
    for pdf in copy.glob("docs/cookies/versions/*/*.pdf"):
        pdf.unlink()  # the cookie notice's PDFs were never frozen: none is made
    registry = copy / "docs/cookies/versions.yml"
    text = registry.read_text("utf-8")
    registry.write_text(text.split("- kind: freeze-pdfs", 1)[0], "utf-8")
    result = run_notice(copy, "build", "--date", TODAY)
    assert result.returncode == 0, result.stderr
    assert not list((copy / "site/cookies").rglob("*.pdf"))
    page = (copy / "site/en/privacy/versions/2025-09-01/index.html").read_text("utf-8")
    assert ".pdf" not in page
    assert "en.md" in page
    assert yaml.safe_load((copy / "site/privacy/versions.yml").read_text("utf-8"))
    # The PDFs in the record stay published, so that the record verifies.
    assert (copy / "site/privacy/versions/2025-09-01/en.pdf").is_file()
    result = run_notice(copy, "verify", "site")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "address",
    ["file:///etc/passwd", "https://elsewhere.example/x.md", "../../outside.md", "//host/x.md"],
)
def test_verify_reads_nothing_outside_the_site(
    project: Path, site: Path, tmp_path: Path, address: str
) -> None:
    """A hostile versions.json cannot make verify read a local file or another host."""
    copy = tampered(site, tmp_path)
    data = json.loads((copy / "versions.json").read_text(encoding="utf-8"))
    version = notice_entry(data, "privacy")["versions"][0]
    version["languages"]["nb"]["source"] = address
    (copy / "versions.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"'privacy' 2027-02-01 nb text: versions.json names {address}, not its permanent "
        f"address {SITE_URL}privacy/versions/2027-02-01/nb.md\n"
    )


@pytest.mark.parametrize(
    "address",
    ["file:///etc/passwd", "https://elsewhere.example/x.md", "../../outside.md", "//host/x"],
)
@pytest.mark.parametrize("source", ["folder", "http://127.0.0.1:9/"])
def test_verify_never_reads_an_address_outside_the_site(
    tmp_path: Path, address: str, source: str
) -> None:
    from notice.usecases.verify import Discrepancy, PublishedSite

    site = PublishedSite(str(tmp_path) if source == "folder" else source)
    site.site_url = SITE_URL
    with pytest.raises(Discrepancy, match="names an address outside the site"):
        site.read(address)


def test_verify_cites_only_permanent_addresses(project: Path, site: Path, tmp_path: Path) -> None:
    """A copy of the text and page kept elsewhere cannot stand in for the tampered
    files at the addresses people cite."""
    copy = tampered(site, tmp_path)
    hidden = copy / "hidden"
    hidden.mkdir()
    shutil.copyfile(copy / "privacy/versions/2025-09-01/en.md", hidden / "en.md")
    (copy / "privacy/versions/2025-09-01/en.md").write_text("changed", encoding="utf-8")
    data = json.loads((copy / "versions.json").read_text(encoding="utf-8"))
    version = next(
        v for v in notice_entry(data, "privacy")["versions"] if v["effective"] == "2025-09-01"
    )
    version["languages"]["en"]["source"] = f"{SITE_URL}hidden/en.md"
    (copy / "versions.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {copy / 'versions.json'}: 'privacy' 2025-09-01 en text: versions.json names "
        f"{SITE_URL}hidden/en.md, not its permanent address "
        f"{SITE_URL}privacy/versions/2025-09-01/en.md\n"
    )


def test_verify_checks_a_head_even_where_no_version_is_listed(
    project: Path, site: Path, tmp_path: Path
) -> None:
    copy = tampered(site, tmp_path)
    data = json.loads((copy / "versions.json").read_text(encoding="utf-8"))
    notice_entry(data, "privacy")["versions"] = []
    (copy / "versions.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_notice(project, "verify", str(copy), "--head", "privacy=" + "0" * 64)
    assert result.returncode == 1
    assert "recorded earlier is not in the registry's chain" in result.stderr
    listed = run_notice(project, "verify", str(copy))
    assert listed.returncode == 1
    assert "version 2024-05-01 of 'privacy' is in the registry but not in versions.json" in (
        listed.stderr
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda n, v: v["languages"]["nb"].pop("source"),
            "(versions.json.notices[1].versions[4].languages.nb has no 'source')",
        ),
        (
            lambda n, v: n["registry"].update(feeds=["x"]),
            "(versions.json.notices[1].registry.feeds is not an object)",
        ),
        (lambda n, v: v.update(in_effect_until="2030-01-01"), "states in_effect_until"),
        (lambda n, v: v.update(status="current"), "states status 'current'"),
    ],
    ids=["no-source", "feeds-a-list", "until", "status"],
)
def test_verify_names_a_malformed_or_wrong_versions_json(
    project: Path, site: Path, tmp_path: Path, edit: object, message: str
) -> None:
    copy = tampered(site, tmp_path)
    data = json.loads((copy / "versions.json").read_text(encoding="utf-8"))
    privacy = notice_entry(data, "privacy")
    archived = next(v for v in privacy["versions"] if v["effective"] == "2024-05-01")
    edit(privacy, archived)  # type: ignore[operator]
    (copy / "versions.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {copy / 'versions.json'}: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_preview_links_to_no_file_it_does_not_publish(project: Path) -> None:
    result = run_notice(project, "build", "--date", TODAY, "--preview", "--site-dir", "preview")
    assert result.returncode == 0, result.stderr
    page = (project / "preview/privacy/versions/2025-09-01/index.html").read_text("utf-8")
    assert 'data-notice-date="effective"' in page  # the record is there
    assert "nb.md" not in page
    assert ".pdf" not in page
    assert not list((project / "preview").rglob("versions/*/*.md"))


def test_a_pdf_is_made_again_when_what_it_prints_changes(tmp_path: Path) -> None:
    """PDFs are cached by what they are made from: a label translated otherwise gives a
    new PDF, not the cached one (for a PDF not yet frozen: a frozen one never changes)."""
    copy = before_pdfs_were_recorded(copy_project(tmp_path / "labels"))
    first = run_notice(copy, "build", "--date", TODAY)
    assert first.returncode == 0, first.stderr
    catalog = copy / "locales/en/LC_MESSAGES/site.po"
    text = catalog.read_text(encoding="utf-8")
    old = 'msgid "Permanent address"\nmsgstr "Permanent address"\n'
    assert old in text
    catalog.write_text(
        text.replace(old, 'msgid "Permanent address"\nmsgstr "Lasting address"\n'), "utf-8"
    )
    second = run_notice(copy, "build", "--date", TODAY)
    assert second.returncode == 0, second.stderr
    printed = pdf_text(copy / "site/privacy/versions/2025-09-01/en.pdf")
    assert "Lasting address" in printed
    assert "Permanent address" not in printed

"""The PDF is part of the record: made once, when its text is released (or frozen later
for versions released before), hashed in the registry's chain, copied by every build
and checked by `notice check`, every build and `notice verify`."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from notice.record.integrity import sha256
from notice.record.registry_file import parse_registry
from tests.conftest import only_fonts, run_notice, snapshot, unfreeze_pdfs
from tests.e2e.test_release import prepare_release, refused

notice = run_notice
DAY = "2026-11-24"


def _no_fonts(tmp_path: Path) -> dict[str, str]:
    """An environment in which fontconfig knows no font: no PDF can be made in it."""
    (tmp_path / "fonts").mkdir(exist_ok=True)
    return only_fonts(tmp_path / "fonts", tmp_path)


def _registry(project: Path, notice_id: str = "privacy"):  # type: ignore[no-untyped-def]
    path = project / "docs" / notice_id / "versions.yml"
    return parse_registry(path.read_text(encoding="utf-8"), notice_id, "versions.yml")


def test_a_release_freezes_each_languages_pdf_with_its_text(sample: Path) -> None:
    prepare_release(sample)
    result = notice(
        sample, "release", "privacy", "--material", "--effective", "2027-06-01",
        "--published", "2027-02-01", "--without", "de",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    folder = sample / "docs/privacy/versions/2027-06-01"
    assert sorted(p.name for p in folder.iterdir()) == [
        "ar.md", "ar.pdf", "en.md", "en.pdf", "nb.md", "nb.pdf", "sv.md", "sv.pdf",
    ]  # fmt: skip
    entry = _registry(sample).entries[-1]
    assert entry.pdfs == {
        code: sha256((folder / f"{code}.pdf").read_bytes()) for code in ("ar", "en", "nb", "sv")
    }
    assert "wrote docs/privacy/versions/2027-06-01/en.pdf" in result.stdout
    build = notice(sample, "build", "--date", "2027-06-01", "--site-dir", "out")
    assert build.returncode == 0, build.stderr
    for code in ("ar", "en", "nb", "sv"):
        published = sample / "out/privacy/versions/2027-06-01" / f"{code}.pdf"
        assert published.read_bytes() == (folder / f"{code}.pdf").read_bytes()
    index = json.loads((sample / "out/versions.json").read_text(encoding="utf-8"))
    version = next(v for v in index["notices"][1]["versions"] if v["effective"] == "2027-06-01")
    assert {lang: data["pdf"]["frozen"] for lang, data in version["languages"].items()} == {
        "ar": True, "en": True, "nb": True, "sv": True,
    }  # fmt: skip


def test_a_release_whose_pdf_cannot_be_made_writes_nothing(sample: Path, tmp_path: Path) -> None:
    prepare_release(sample)
    before = snapshot(sample)
    result = notice(
        sample, "release", "privacy", "--material", "--effective", "2027-06-01",
        "--published", "2027-02-01", "--without", "de", env=_no_fonts(tmp_path),
    )  # fmt: skip
    assert result.returncode == 1
    assert re.search(
        r"error: docs/privacy/draft\.md:\d+: no installed font has a glyph for \d+ characters",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(sample) == before


def test_the_build_copies_frozen_pdfs_and_makes_none(sample: Path, tmp_path: Path) -> None:
    """With no font installed no PDF can be made: the build still succeeds, since every
    PDF the sample publishes is frozen, and publishes them byte for byte."""
    result = notice(
        sample, "build", "--date", DAY, "--no-cache", "--site-dir", "out", env=_no_fonts(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    frozen = sorted((sample / "docs").glob("*/versions/*/*.pdf"))
    assert len(frozen) == 23
    for path in frozen:
        published = sample / "out" / path.relative_to(sample / "docs")
        assert published.read_bytes() == path.read_bytes()


def test_an_edited_pdf_is_named_with_the_command_that_restores_it(sample: Path) -> None:
    pdf = sample / "docs/privacy/versions/2025-09-01/en.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n%edited\n")
    message = (
        "docs/privacy/versions/2025-09-01/en.pdf: error: released PDF was changed or replaced: "
        "its SHA-256 does not match versions.yml line "
    )
    check = notice(sample, "check")
    assert check.returncode == 1
    assert message in check.stdout
    assert "(released PDFs are frozen; restore it with `git checkout HEAD -- " in check.stdout
    errors = refused(sample, "build", "--date", DAY)
    assert "docs/privacy/versions/2025-09-01/en.pdf: released PDF was changed" in errors


def before_pdfs_were_recorded(project: Path) -> Path:
    """``unfreeze_pdfs``: the project as it was before PDFs were part of the record. Its
    registries end before their first ``freeze-pdfs`` entry, and with it every release
    recorded later (the sample's 2027-01-15 and 2027-02-01, which record their PDFs
    themselves): the folders of those releases go too, as they were not made yet."""
    unfreeze_pdfs(project)
    for notice_id in ("privacy", "cookies"):
        kept = set(_registry(project, notice_id).folders())
        for folder in (project / "docs" / notice_id / "versions").iterdir():
            if folder.name not in kept:
                shutil.rmtree(folder)
    return project


def test_versions_released_before_get_their_pdfs_frozen_by_one_command(sample: Path) -> None:
    before_pdfs_were_recorded(sample)
    assert notice(sample, "check").returncode == 0
    build = notice(sample, "build", "--date", DAY, "--site-dir", "before")
    assert build.returncode == 0, build.stderr
    index = json.loads((sample / "before/versions.json").read_text(encoding="utf-8"))
    flags = {
        data["pdf"]["frozen"]
        for entry in index["notices"]
        for version in entry["versions"]
        for data in version["languages"].values()
    }
    assert flags == {False}  # made by the build, not part of the record
    old = _registry(sample)
    frozen = notice(sample, "freeze-pdfs", "--date", "2026-11-25")
    assert frozen.returncode == 0, frozen.stderr
    assert "froze 10 PDFs of privacy in 3 registry entries" in frozen.stdout
    new = _registry(sample)
    assert new.entries[: len(old.entries)] == old.entries  # appended, the chain intact
    assert [e.kind for e in new.entries[len(old.entries) :]] == ["freeze-pdfs"] * 3
    assert notice(sample, "check").returncode == 0
    again = notice(sample, "freeze-pdfs", "--date", "2026-11-25")
    assert "privacy: every released PDF is frozen already" in again.stdout
    build = notice(sample, "build", "--date", "2026-11-25", "--site-dir", "after")
    assert build.returncode == 0, build.stderr
    index = json.loads((sample / "after/versions.json").read_text(encoding="utf-8"))
    for entry in index["notices"]:
        for version in entry["versions"]:
            for lang, data in version["languages"].items():
                frozen_file = (
                    sample
                    / "docs"
                    / entry["id"]
                    / "versions"
                    / version["effective"]
                    / f"{lang}.pdf"
                )
                assert data["pdf"]["frozen"] is True
                assert data["pdf"]["sha256"] == sha256(frozen_file.read_bytes())
    verified = notice(sample, "verify", "after")
    assert verified.returncode == 0, verified.stderr


def test_without_pdfs_a_release_makes_none(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - notice:\n", "  - notice:\n      pdf: false\n"
        ),
        encoding="utf-8",
    )
    prepare_release(sample)
    result = notice(
        sample, "release", "privacy", "--material", "--effective", "2027-06-01",
        "--published", "2027-02-01", "--without", "de",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    folder = sample / "docs/privacy/versions/2027-06-01"
    assert not list(folder.glob("*.pdf"))
    assert _registry(sample).entries[-1].pdfs == {}
    build = notice(sample, "build", "--date", "2027-06-01", "--site-dir", "out")
    assert build.returncode == 0, build.stderr
    assert not list((sample / "out/privacy/versions/2027-06-01").glob("*.pdf"))
    # The PDFs already in the record stay published: none is made.
    published = {p.relative_to(sample / "out").as_posix() for p in (sample / "out").rglob("*.pdf")}
    assert published == {
        f"{notice_id}/versions/{version.key}/{lang}.pdf"
        for notice_id in ("privacy", "cookies")
        for version in _registry(sample, notice_id).versions()
        for lang in version.pdfs
    }


def test_verify_finds_a_pdf_replaced_with_versions_json_to_match(sample: Path) -> None:
    """A PDF swapped on the host, and versions.json edited to match: the registry's
    chain still names the frozen bytes."""
    assert notice(sample, "build", "--date", DAY, "--site-dir", "out").returncode == 0
    site = sample / "out"
    target = site / "privacy/versions/2025-09-01/sv.pdf"
    other = (site / "privacy/versions/2025-09-01/en.pdf").read_bytes()
    old_hash = sha256(target.read_bytes())
    target.write_bytes(other)
    index = site / "versions.json"
    index.write_text(
        index.read_text(encoding="utf-8").replace(old_hash, sha256(other)), encoding="utf-8"
    )
    result = notice(sample, "verify", str(site))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {target}: the PDF's SHA-256 is {sha256(other)}, the registry records {old_hash}"
    )


def test_a_changed_label_changes_no_frozen_pdf(sample: Path) -> None:
    """The site's words, fonts or templates change the PDFs of new releases only."""
    catalog = sample / "locales/en/LC_MESSAGES/site.po"
    text = catalog.read_text(encoding="utf-8")
    old = 'msgid "SHA-256 of the text as released"\nmsgstr "SHA-256 of the text as released"\n'
    assert old in text
    new = 'msgid "SHA-256 of the text as released"\nmsgstr "Fingerprint (SHA-256)"\n'
    catalog.write_text(text.replace(old, new), "utf-8")
    result = notice(sample, "build", "--date", DAY, "--site-dir", "out")
    assert result.returncode == 0, result.stderr
    frozen = sample / "docs/privacy/versions/2025-09-01/en.pdf"
    assert (sample / "out/privacy/versions/2025-09-01/en.pdf").read_bytes() == frozen.read_bytes()
    page = (sample / "out/en/privacy/versions/2025-09-01/index.html").read_text("utf-8")
    assert "Fingerprint (SHA-256)" in page  # the page follows the new words; the PDF not


def _structure(node) -> list[str]:  # type: ignore[no-untyped-def]
    """The structure types under a structure element, depth first (``/H1``, ``/P`` ...)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    node = node.get_object()
    if not isinstance(node, DictionaryObject) or "/S" not in node:
        return []
    found = [str(node["/S"])]
    kids = node.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if kid is not None:
            found.extend(_structure(kid))
    return found


def test_a_new_release_makes_tagged_pdfs_and_leaves_frozen_ones_as_they_are(
    sample: Path,
) -> None:
    """PDF/A-2a and PDF/UA-1: a structure tree a screen reader follows, in the text's
    language, titled; the PDFs released before (untagged) keep their bytes."""
    from pypdf import PdfReader
    from pypdf.generic import BooleanObject

    frozen = {p: p.read_bytes() for p in sorted((sample / "docs").glob("*/versions/*/*.pdf"))}
    assert len(frozen) == 23
    prepare_release(sample)
    result = notice(
        sample, "release", "privacy", "--material", "--effective", "2027-06-01",
        "--published", "2027-02-01", "--without", "de",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    build = notice(sample, "build", "--date", "2027-06-01", "--site-dir", "out")
    assert build.returncode == 0, build.stderr
    for path, data in frozen.items():
        assert path.read_bytes() == data, path
        assert (sample / "out" / path.relative_to(sample / "docs")).read_bytes() == data, path
    old = PdfReader(sample / "docs/privacy/versions/2025-09-01/en.pdf")
    assert "/StructTreeRoot" not in old.trailer["/Root"]  # as released: untagged
    for code in ("ar", "en", "nb", "sv"):
        path = sample / "docs/privacy/versions/2027-06-01" / f"{code}.pdf"
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
        page = (sample / "out" / ("" if code == "nb" else code)).joinpath(
            "privacy/versions/2027-06-01/index.html"
        )
        html = page.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)"', html)
        assert lang is not None
        assert root["/Lang"] == lang.group(1) == code
        title = re.search(r"^title: (.+)$", (path.with_suffix(".md")).read_text("utf-8"), re.M)
        assert title is not None
        assert reader.metadata is not None
        assert reader.metadata.title == title.group(1).strip().strip("\"'")
        xmp = reader.xmp_metadata
        assert xmp is not None
        assert xmp.dc_title == {"x-default": reader.metadata.title}
        packet = xmp.stream.get_data().decode("utf-8")
        assert packet.count("<rdf:RDF") == 1
        assert 'pdfaid:part="2"' in packet
        assert 'pdfaid:conformance="A"' in packet
        assert 'pdfuaid:part="1"' in packet
        # PDF/A admits pdfuaid only as an extension schema the file describes
        rdf = ET.fromstring(packet[packet.index("<x:xmpmeta") : packet.index("<?xpacket end")])
        prefixes = [e.text for e in rdf.iter("{http://www.aiim.org/pdfa/ns/schema#}prefix")]
        assert prefixes == ["pdfuaid"], prefixes
        tree = root["/StructTreeRoot"].get_object()
        (document,) = tree["/K"]
        kinds = _structure(document)
        assert kinds[0] == "/Document"
        assert {"/H1", "/H2", "/P", "/L", "/LI", "/Link"} <= set(kinds), (code, set(kinds))
        assert _registry(sample).entries[-1].pdfs[code] == sha256(path.read_bytes())


def test_a_tagged_pdf_is_the_same_bytes_every_time() -> None:
    """Same document, same bytes: nothing random (no UUID, no date) in the tagged PDF."""
    from notice.site.pdf import render

    document = (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        "<title>إشعار الخصوصية</title></head><body><h1>إشعار الخصوصية</h1>"
        "<p>نص <a href='https://example.org/'>رابط</a></p><ul><li>أ</li></ul></body></html>"
    )
    assert render(document, "ar") == render(document, "ar")

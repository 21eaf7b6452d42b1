"""The release registry: parsing, the hash chain, frozen files and statuses."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from notice.core.errors import NoticeError
from notice.record.integrity import sha256, verify_files
from notice.record.registry_file import parse_registry
from notice.record.versions import (
    Entry,
    Registry,
    RegistryError,
    Version,
    build_date,
    entry_text,
    next_change,
    status,
)
from tests.conftest import REPO

NB = b"---\ntitle: T\n---\n\nTekst.\n"
EN = b"---\ntitle: T\n---\n\nText.\n"


def registry_text(*entries: Entry) -> str:
    return "# header\n" + "".join(entry_text(e) for e in entries)


def chain(*specs: tuple[str, str, str, dict[str, bytes]]) -> list[Entry]:
    """Entries with a correct chain, from (kind, effective, recorded, files)."""
    entries: list[Entry] = []
    for kind, effective, recorded, files in specs:
        entries.append(
            Entry(
                kind=kind,
                effective=date.fromisoformat(effective),
                dated=date.fromisoformat(recorded),
                files={lang: sha256(data) for lang, data in files.items()},
                previous=entries[-1].hash if entries else "",
            )
        )
    return entries


TWO = chain(
    ("release", "2024-05-01", "2024-04-01", {"nb": NB, "en": EN}),
    ("release", "2025-09-01", "2025-08-01", {"nb": NB + b"x", "en": EN + b"x"}),
)


def test_written_entries_read_back_identically() -> None:
    registry = parse_registry(registry_text(*TWO), "privacy", "versions.yml")
    assert [e.hash for e in registry.entries] == [e.hash for e in TWO]
    assert [v.effective for v in registry.versions()] == [date(2024, 5, 1), date(2025, 9, 1)]
    assert registry.head == TWO[-1].hash


def test_an_altered_entry_breaks_the_chain_at_the_next_one() -> None:
    text = registry_text(*TWO).replace("published: 2024-04-01", "published: 2024-04-02")
    with pytest.raises(RegistryError) as caught:
        parse_registry(text, "privacy", "docs/privacy/versions.yml")
    assert str(caught.value) == (
        "docs/privacy/versions.yml:9: the hash chain is broken: this entry does not follow "
        "the entry on line 2 (an earlier entry was changed or removed) (released history "
        "cannot be rewritten; restore versions.yml from version control)"
    )


def test_a_removed_entry_breaks_the_chain() -> None:
    third = chain(
        ("release", "2024-05-01", "2024-04-01", {"nb": NB}),
        ("release", "2025-09-01", "2025-08-01", {"nb": NB + b"x"}),
        ("release", "2026-09-01", "2026-08-01", {"nb": NB + b"y"}),
    )
    with pytest.raises(RegistryError, match="hash chain is broken"):
        parse_registry(registry_text(third[0], third[2]), "privacy", "versions.yml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("effective: 2025-09-01", "effective: 2024-01-01"),
            "versions.yml:9: effective date 2024-01-01 is not after the previous version's "
            "(2024-05-01)",
        ),
        (
            ("published: 2025-08-01", "published: 2025-10-01"),
            "versions.yml:9: published date 2025-10-01 is after the effective date 2025-09-01",
        ),
        (
            ("effective: 2025-09-01", "effective: 2025-13-01"),
            "versions.yml:9: '2025-13-01' is not a valid effective date (YYYY-MM-DD)",
        ),
        (
            ("kind: release\n  effective: 2025", "kind: relase\n  effective: 2025"),
            "versions.yml:9: unknown entry kind 'relase' (expected release, add-language, "
            "freeze-pdfs, withdraw)",
        ),
    ],
)
def test_invalid_entries_are_refused_with_their_line(change: tuple[str, str], message: str) -> None:
    # The chain is recomputed so that only the tested fault is present.
    text = registry_text(*TWO)
    head, _, tail = text.partition("- kind: release\n  effective: 2025")
    tail = "- kind: release\n  effective: 2025" + tail
    with pytest.raises(RegistryError) as caught:
        parse_registry(head + tail.replace(*change), "privacy", "versions.yml")
    assert str(caught.value) == message


def test_added_language_merges_into_its_version() -> None:
    entries = chain(
        ("release", "2024-05-01", "2024-04-01", {"nb": NB}),
        ("add-language", "2024-05-01", "2024-06-10", {"en": EN}),
    )
    registry = parse_registry(registry_text(*entries), "p", "v.yml")
    (version,) = registry.versions()
    assert version.languages == ("nb", "en")
    assert version.added == {"en": date(2024, 6, 10)}


def test_adding_a_language_twice_is_refused() -> None:
    entries = chain(
        ("release", "2024-05-01", "2024-04-01", {"nb": NB, "en": EN}),
        ("add-language", "2024-05-01", "2024-06-10", {"en": EN}),
    )
    with pytest.raises(RegistryError, match="en is already in version 2024-05-01"):
        parse_registry(registry_text(*entries), "p", "v.yml")


def test_frozen_files_are_verified() -> None:
    registry = parse_registry(registry_text(*TWO), "privacy", "versions.yml")
    assert [e.line for e in registry.entries] == [2, 9]
    files: dict[str, bytes | None] = {
        "versions/2024-05-01/nb.md": NB,
        "versions/2024-05-01/en.md": EN + b"edited",
        "versions/2025-09-01/nb.md": NB + b"x",
        "versions/2030-01-01/nb.md": NB,
    }
    problems = [str(p) for p in verify_files(registry, files, "docs/privacy")]
    assert problems == [
        "docs/privacy/versions/2024-05-01/en.md: released text was changed: its SHA-256 does "
        "not match versions.yml line 2 (released texts are frozen; restore the file from "
        "version control)",
        "docs/privacy/versions/2025-09-01/en.md: released file is missing (recorded in "
        "versions.yml line 9)",
        "docs/privacy/versions/2030-01-01/nb.md: not recorded in versions.yml: a file in "
        "versions/ that no release made",
    ]


@pytest.mark.parametrize("notice", ["privacy", "cookies"])
def test_every_frozen_file_of_the_sample_is_verified(notice: str) -> None:
    """Each released file, changed alone, is the one problem found: no file of any
    version, in any language, escapes its hash."""
    folder = REPO / "docs" / notice
    text = (folder / "versions.yml").read_text(encoding="utf-8")
    registry = parse_registry(text, notice, "versions.yml")
    files: dict[str, bytes | None] = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted((folder / "versions").rglob("*"))
        if path.is_file()
    }
    texts = sum(len(entry.files) for entry in registry.entries)
    pdfs = sum(len(entry.pdfs) for entry in registry.entries)
    assert len(files) == texts + pdfs
    assert texts == pdfs > 1  # every PDF frozen with its text
    assert verify_files(registry, files, "p") == []
    for name, data in files.items():
        assert data is not None
        if name.endswith(".pdf"):
            edited = {**files, name: data + b"%"}
            expected = f"p/{name}: released PDF was changed or replaced"
        else:
            edited = {**files, name: data.replace(b"\n\n", b"\n\n \n", 1)}
            expected = f"p/{name}: released text was changed"
        problems = [str(p) for p in verify_files(registry, edited, "p")]
        assert len(problems) == 1, name
        assert problems[0].startswith(expected), name


def test_an_entry_not_read_from_a_file_is_named_without_a_line() -> None:
    files: dict[str, bytes | None] = {"versions/2024-05-01/nb.md": NB}
    problems = [str(p) for p in verify_files(Registry("privacy", (TWO[0],)), files, "p")]
    assert problems == [
        "p/versions/2024-05-01/en.md: released file is missing (recorded in versions.yml)"
    ]


@pytest.mark.parametrize(("released", "now"), [(b"\n", b"\r\n"), (b"\r\n", b"\n")])
def test_changed_line_endings_are_told_apart_from_a_changed_text(
    released: bytes, now: bytes
) -> None:
    text = b"---\ntitle: T\n---\n\nTekst.\n"
    entry = chain(("release", "2024-05-01", "2024-04-01", {"nb": text.replace(b"\n", released)}))
    registry = parse_registry(registry_text(*entry), "privacy", "versions.yml")
    converted = text.replace(b"\n", now)
    (problem,) = verify_files(registry, {"versions/2024-05-01/nb.md": converted}, "docs/privacy")
    name = "CRLF" if now == b"\r\n" else "LF"
    assert str(problem) == (
        f"docs/privacy/versions/2024-05-01/nb.md: released file has other line endings ({name}) "
        "than when it was released; its text is unchanged, but its SHA-256 no longer matches "
        "versions.yml line 2 (restore it with `git checkout HEAD -- "
        "docs/privacy/versions/2024-05-01/nb.md`; the line `docs/*/versions/** -text` in "
        ".gitattributes keeps git from converting it)"
    )
    edited = converted.replace(b"Tekst", b"Text")
    (problem,) = verify_files(registry, {"versions/2024-05-01/nb.md": edited}, "docs/privacy")
    assert "released text was changed" in str(problem)


def test_status_follows_the_build_date() -> None:
    v1 = Version(date(2024, 5, 1), date(2024, 4, 1), {"nb": "x"})
    v2 = Version(date(2027, 1, 1), date(2026, 11, 16), {"nb": "y"})
    versions = [v1, v2]
    assert [status(v, versions, date(2024, 3, 1)) for v in versions] == [None, None]
    assert [status(v, versions, date(2024, 4, 1)) for v in versions] == ["upcoming", None]
    assert [status(v, versions, date(2026, 11, 15)) for v in versions] == ["current", None]
    assert [status(v, versions, date(2026, 11, 16)) for v in versions] == ["current", "upcoming"]
    assert [status(v, versions, date(2027, 1, 1)) for v in versions] == ["archived", "current"]


def test_next_change_counts_publications_and_effective_dates() -> None:
    registry = Registry("privacy", tuple(TWO))
    assert next_change([registry], date(2024, 1, 1)) == date(2024, 4, 1)
    assert next_change([registry], date(2025, 8, 1)) == date(2025, 9, 1)
    assert next_change([registry], date(2025, 9, 1)) is None


def test_build_date_comes_from_option_then_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01T00:00:00Z
    assert build_date(None) == date(2027, 1, 1)
    assert build_date("2025-02-03") == date(2025, 2, 3)
    with pytest.raises(NoticeError, match="'2025-02-30' is not a valid date"):
        build_date("2025-02-30")


PDF_NB, PDF_EN = b"%PDF-1.7 nb", b"%PDF-1.7 en"


def test_a_release_records_its_pdfs_in_the_chain() -> None:
    """A PDF's SHA-256 is part of the entry, so of the chain; an entry without PDFs
    hashes as before PDFs were recorded."""
    first = TWO[0]
    assert "pdfs" not in first.canonical()
    with_pdfs = Entry(
        kind="release",
        effective=first.effective,
        dated=first.dated,
        files=dict(first.files),
        previous="",
        pdfs={"nb": sha256(PDF_NB), "en": sha256(PDF_EN)},
    )
    assert with_pdfs.hash != first.hash
    text = registry_text(with_pdfs)
    assert f"  pdfs:\n    en: {sha256(PDF_EN)}\n    nb: {sha256(PDF_NB)}\n" in text
    registry = parse_registry(text, "privacy", "versions.yml")
    assert registry.entries[0].hash == with_pdfs.hash
    assert registry.versions()[0].pdfs == {"nb": sha256(PDF_NB), "en": sha256(PDF_EN)}
    edited = text.replace(sha256(PDF_EN), sha256(b"other"))
    assert parse_registry(edited, "privacy", "x").entries[0].hash != with_pdfs.hash


def _freeze(previous: Entry, pdfs: dict[str, bytes], effective: str = "2024-05-01") -> Entry:
    return Entry(
        kind="freeze-pdfs",
        effective=date.fromisoformat(effective),
        dated=date(2026, 11, 20),
        files={},
        previous=previous.hash,
        pdfs={lang: sha256(data) for lang, data in pdfs.items()},
    )


def test_pdfs_of_earlier_versions_are_frozen_by_an_appended_entry() -> None:
    freeze = _freeze(TWO[1], {"nb": PDF_NB, "en": PDF_EN})
    text = registry_text(*TWO, freeze)
    assert "- kind: freeze-pdfs\n  effective: 2024-05-01\n  frozen: 2026-11-20\n  pdfs:\n" in text
    registry = parse_registry(text, "privacy", "versions.yml")
    assert registry.entries[:2] == parse_registry(registry_text(*TWO), "privacy", "x").entries
    first, second = registry.versions()
    assert set(first.pdfs) == {"nb", "en"}
    assert second.pdfs == {}
    files: dict[str, bytes | None] = {
        "versions/2024-05-01/nb.md": NB,
        "versions/2024-05-01/en.md": EN,
        "versions/2025-09-01/nb.md": NB + b"x",
        "versions/2025-09-01/en.md": EN + b"x",
        "versions/2024-05-01/nb.pdf": PDF_NB,
        "versions/2024-05-01/en.pdf": PDF_NB,
    }
    assert [str(p) for p in verify_files(registry, files, "docs/privacy")] == [
        "docs/privacy/versions/2024-05-01/en.pdf: released PDF was changed or replaced: its "
        "SHA-256 does not match versions.yml line 16 (released PDFs are frozen; restore it "
        "with `git checkout HEAD -- docs/privacy/versions/2024-05-01/en.pdf`)"
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            lambda: _freeze(TWO[1], {"de": PDF_NB}),
            "versions.yml:16: freezes the PDF of de, which version 2024-05-01 does not have",
        ),
        (
            lambda: _freeze(TWO[1], {"nb": PDF_NB}, "2026-01-01"),
            "versions.yml:16: freezes PDFs of 2026-01-01, which is not a released version",
        ),
    ],
)
def test_a_pdf_freeze_that_does_not_fit_is_refused(entry: object, message: str) -> None:
    made = entry()  # type: ignore[operator]
    with pytest.raises(RegistryError) as caught:
        parse_registry(registry_text(*TWO, made), "privacy", "versions.yml")
    assert str(caught.value) == message


def test_a_pdf_frozen_twice_is_refused() -> None:
    once = _freeze(TWO[1], {"nb": PDF_NB})
    twice = _freeze(once, {"nb": PDF_NB})
    with pytest.raises(RegistryError) as caught:
        parse_registry(registry_text(*TWO, once, twice), "privacy", "versions.yml")
    assert str(caught.value) == (
        "versions.yml:22: freezes the PDF of nb, which version 2024-05-01 has frozen already"
    )


def entries_of(*specs: dict) -> list[Entry]:
    """Entries with a correct chain, from keyword specs (``Entry``'s fields as strings)."""
    entries: list[Entry] = []
    for spec in specs:
        fields = dict(spec)
        for name in ("effective", "dated", "recorded"):
            if fields.get(name) is not None:
                fields[name] = date.fromisoformat(fields[name])
        fields["files"] = {k: sha256(v) for k, v in fields.get("files", {}).items()}
        entries.append(Entry(**fields, previous=entries[-1].hash if entries else ""))
    return entries


def release(effective: str, published: str, recorded: str | None, **more: object) -> dict:
    return {
        "kind": "release",
        "effective": effective,
        "dated": published,
        "recorded": recorded,
        "files": {"nb": NB + effective.encode()},
        **more,
    }


def withdraw(effective: str, recorded: str, because: str = "A mistake.") -> dict:
    return {
        "kind": "withdraw",
        "effective": effective,
        "dated": recorded,
        "recorded": recorded,
        "because": because,
    }


def refusal(*specs: dict) -> str:
    with pytest.raises(RegistryError) as caught:
        parse_registry(registry_text(*entries_of(*specs)), "privacy", "versions.yml")
    return str(caught.value)


def test_the_day_recorded_is_written_read_back_and_hashed() -> None:
    entries = entries_of(release("2027-03-01", "2027-01-20", "2027-01-20"))
    text = registry_text(*entries)
    assert "  published: 2027-01-20\n  recorded: 2027-01-20\n" in text
    (entry,) = parse_registry(text, "privacy", "versions.yml").entries
    assert entry.recorded == date(2027, 1, 20)
    assert entry.hash == entries[0].hash
    moved = dataclasses.replace(entries[0], recorded=date(2027, 1, 19))
    assert moved.hash != entries[0].hash


def test_an_old_entry_without_the_day_recorded_keeps_its_hash() -> None:
    """Registries written before the field existed stay valid: it is hashed only if set."""
    (entry,) = entries_of(release("2027-03-01", "2027-01-20", None))
    assert "recorded" not in entry.canonical()
    assert parse_registry(registry_text(entry), "p", "v.yml").entries[0].hash == entry.hash
    shipped = REPO / "docs/privacy/versions.yml"
    assert parse_registry(shipped.read_text("utf-8"), "privacy", "versions.yml").head


def test_a_backdated_release_needs_its_reason() -> None:
    assert refusal(release("2027-03-01", "2027-01-15", "2027-01-20")) == (
        "versions.yml:2: published date 2027-01-15 is before the day the entry was recorded "
        "(2027-01-20), and no published-because says why"
    )
    (version,) = parse_registry(
        registry_text(
            *entries_of(
                release("2027-03-01", "2027-01-15", "2027-01-20", published_because="By post.")
            )
        ),
        "p",
        "v.yml",
    ).versions()
    assert (version.published, version.recorded, version.notified) == (
        date(2027, 1, 15),
        date(2027, 1, 20),
        date(2027, 1, 20),
    )
    assert refusal(
        release("2027-03-01", "2027-01-20", "2027-01-20", published_because="Nothing.")
    ) == (
        "versions.yml:2: published-because: a reason belongs to a release published before "
        "the day it was recorded"
    )


def test_the_days_recorded_follow_the_clock() -> None:
    assert refusal(
        release("2027-03-01", "2027-01-20", "2027-01-20"),
        release("2027-05-01", "2027-03-20", "2027-01-19"),
    ) == (
        "versions.yml:9: recorded 2027-01-19 is before the previous entry's (2027-01-20): "
        "entries are recorded in order, by the clock"
    )
    assert refusal(
        release("2027-03-01", "2027-01-20", "2027-01-20"),
        release("2027-05-01", "2027-03-20", None),
    ) == (
        "versions.yml:9: entry is missing recorded (every entry after the first that records "
        "its day must record its own)"
    )


def test_a_withdrawn_version_leaves_the_versions_and_frees_its_day() -> None:
    registry = parse_registry(
        registry_text(
            *entries_of(
                release("2025-09-01", "2025-08-01", None),
                release("2027-01-01", "2026-11-16", "2026-11-16"),
                withdraw("2027-01-01", "2026-12-05"),
                release("2027-01-01", "2026-12-05", "2026-12-05"),
            )
        ),
        "privacy",
        "versions.yml",
    )
    assert [v.key for v in registry.versions()] == ["2025-09-01", "2027-01-01-2"]
    (gone,) = registry.withdrawn()
    assert (gone.key, gone.withdrawn, gone.withdrawn_because) == (
        "2027-01-01",
        date(2026, 12, 5),
        "A mistake.",
    )
    assert registry.folders() == ["2025-09-01", "2027-01-01", "2027-01-01", "2027-01-01-2"]
    assert registry.as_of(date(2026, 12, 4)).withdrawn() == []


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (
            (
                release("2027-01-01", "2026-11-16", "2026-11-16"),
                withdraw("2027-01-01", "2027-01-01"),
            ),
            "versions.yml:9: withdraws 2027-01-01 on 2027-01-01, when it is in effect already: "
            "a version can be withdrawn only before it takes effect",
        ),
        (
            (
                release("2027-01-01", "2026-11-16", "2026-11-16"),
                withdraw("2027-01-01", "2026-12-01"),
                withdraw("2027-01-01", "2026-12-02"),
            ),
            "versions.yml:14: withdraws 2027-01-01, which is a withdrawn version",
        ),
        (
            (
                release("2027-01-01", "2026-11-16", "2026-11-16"),
                withdraw("2027-02-01", "2026-12-01"),
            ),
            "versions.yml:9: withdraws 2027-02-01, which is not a released version",
        ),
    ],
)
def test_a_withdrawal_fits_the_record(specs: tuple[dict, ...], message: str) -> None:
    assert refusal(*specs) == message


def test_a_misspelt_key_in_an_entry_is_named() -> None:
    text = registry_text(*entries_of(release("2027-03-01", "2027-01-20", "2027-01-20")))
    with pytest.raises(RegistryError) as caught:
        parse_registry(text.replace("recorded:", "recorderd:"), "privacy", "versions.yml")
    assert str(caught.value) == (
        "versions.yml:2: unknown key 'recorderd' in a release entry (did you mean recorded?)"
    )

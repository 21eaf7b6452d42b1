"""Languages that come and go after releases: what was released stays published and
verifiable at its address, and every command says what the change did.

The refusals (a rename or a removal half done, a source language renamed) are fixtures
of ``tests/fixtures/bad/`` (``language-*``); here, the changes done as the messages say.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Ran

DAY = "2027-02-01"
SV = "0b7f1e7cba76ca80cb03666a75015002be3fe46d9208ee117859b90978015048"  # 2025-09-01 sv.md


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def remove_swedish(project: Path) -> None:
    """Swedish out of the site, as the message of ``language-removed`` says: its entry
    in ``mkdocs.yml`` and its translations of the notices."""
    swedish = "        - locale: sv\n          name: Svenska\n          build: true\n"
    edit(project / "mkdocs.yml", swedish, "")
    for po in (project / "locales/sv/LC_MESSAGES").glob("*.po"):
        if po.name != "site.po":
            po.unlink()


def test_a_removed_language_stays_in_the_record(
    sample: Path, tmp_path: Path, notice_here: Callable[..., Ran]
) -> None:
    remove_swedish(sample)
    checked = notice_here(sample, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = tmp_path / "site"
    built = notice_here(sample, "build", "--date", DAY, "--site-dir", str(site))
    assert built.returncode == 0, built.stderr
    assert (site / "privacy/versions/2025-09-01/sv.md").read_bytes() == (
        sample / "docs/privacy/versions/2025-09-01/sv.md"
    ).read_bytes()
    assert (site / "privacy/versions/2025-09-01/sv.pdf").is_file()
    assert not (site / "sv").exists()
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    privacy = next(n for n in index["notices"] if n["id"] == "privacy")
    swedish = next(v for v in privacy["versions"] if v["effective"] == "2025-09-01")["languages"]
    assert swedish["sv"]["url"] is None
    assert swedish["sv"]["sha256"] == SV
    assert swedish["sv"]["source"].endswith("/privacy/versions/2025-09-01/sv.md")
    verified = notice_here(sample, "verify", str(site))
    assert verified.returncode == 0, verified.stderr
    assert "6 versions, 48 files" in verified.stdout

    answered = notice_here(sample, "as-of", "privacy", "2026-01-01", "--lang", "sv")
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.splitlines()[1:] == [
        "note:   sv is no longer a language of this site: no page is built",
        "url:    (none)",
        f"sha256: {SV}",
        "text:   https://personvern.fjordkontor.example/privacy/versions/2025-09-01/sv.md",
    ]
    announced = notice_here(
        sample, "announce", "privacy", "--date", "2026-12-01", "--out", str(tmp_path / "a")
    )
    assert "in 3 languages: ar, en, nb" in announced.stdout


def test_verify_refuses_a_language_of_the_site_without_its_page(
    sample: Path, tmp_path: Path, notice_here: Callable[..., Ran]
) -> None:
    """A page may be missing only for a language the site no longer has (no feed)."""
    site = tmp_path / "site"
    assert notice_here(sample, "build", "--date", DAY, "--site-dir", str(site)).returncode == 0
    edit(
        site / "versions.json",
        '"url": "https://personvern.fjordkontor.example/en/privacy/versions/2025-09-01/"',
        '"url": null',
    )
    verified = notice_here(sample, "verify", str(site))
    assert verified.returncode == 1
    assert "'privacy' 2025-09-01 en page: versions.json names None" in verified.stderr


def test_a_language_renamed_as_the_message_says(
    sample: Path, tmp_path: Path, notice_here: Callable[..., Ran]
) -> None:
    """``sv`` to ``sv_SE``, its translations moved: the texts released as ``sv`` stay
    published and verifiable under their code, ``sv_SE`` starts without them, and
    ``as-of`` points from one to the other."""
    edit(sample / "mkdocs.yml", "- locale: sv\n", "- locale: sv_SE\n")
    (sample / "locales/sv").rename(sample / "locales/sv_SE")
    for po in (sample / "locales/sv_SE/LC_MESSAGES").glob("*.po"):
        edit(po, '"Language: sv\\n"', '"Language: sv_SE\\n"')
    checked = notice_here(sample, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = tmp_path / "site"
    assert notice_here(sample, "build", "--date", DAY, "--site-dir", str(site)).returncode == 0
    assert (site / "privacy/versions/2025-09-01/sv.md").is_file()
    assert (site / "sv_SE/privacy/index.html").is_file()
    assert notice_here(sample, "verify", str(site)).returncode == 0
    answered = notice_here(sample, "as-of", "privacy", "2026-01-01", "--lang", "sv_SE")
    assert answered.stdout.splitlines()[1:3] == [
        "note:   not released in sv_SE by 2026-01-01: its page showed the nb text",
        "note:   released in sv, no longer a language of this site: "
        "notice as-of privacy 2026-01-01 --lang sv",
    ]


def test_a_renamed_source_language_is_refused_by_every_command_that_needs_it(
    sample: Path, notice_here: Callable[..., Ran]
) -> None:
    edit(sample / "mkdocs.yml", "- locale: nb\n", "- locale: nb_NO\n")
    for args in (
        ("release", "privacy", "--material", "--effective", "2027-06-01", "--without", "de"),
        ("build", "--date", DAY),
    ):
        refused = notice_here(sample, *args)
        assert refused.returncode == 1
        assert "the source language 'nb_NO' has no text in versions released before" in (
            refused.stderr
        )
    answered = notice_here(sample, "as-of", "privacy", "2026-01-01")
    assert answered.stderr.splitlines() == [
        "error: version 2025-09-01 of 'privacy' has no text in nb_NO, the source language (it "
        "was released in en, nb, sv) (`notice check` explains; ask for one of those with --lang)"
    ]

"""Releasing versions and protecting the archive, with the real commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Message

from notice.record.registry_file import parse_registry
from notice.text.pofile import read_catalog, write_catalog
from tests.conftest import run_notice, snapshot

notice = run_notice


def refused(project: Path, *args: str) -> str:
    """Run a command that must fail cleanly and change nothing; return its errors."""
    before = snapshot(project)
    result = notice(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before
    return result.stderr


def edit_draft(project: Path, old: str, new: str) -> None:
    draft = project / "docs/privacy/draft.md"
    text = draft.read_text(encoding="utf-8")
    assert old in text
    draft.write_text(text.replace(old, new), encoding="utf-8")


def translate(project: Path, language: str, table: dict[str, str]) -> None:
    path = project / f"locales/{language}/LC_MESSAGES/privacy.po"
    catalog = read_catalog(path, language)
    for msgid, msgstr in table.items():
        catalog[msgid].string = msgstr
        catalog[msgid].flags.discard("fuzzy")
    write_catalog(path, catalog)


CHANGES_OLD = "Vi har rettet skrivefeil og gjort noen setninger enklere å lese."
CHANGES_NEW = "Vi sletter kameraopptak etter 5 dager i stedet for 7."
#: The summary of the latest release (2027-02-01).
CHANGES_LATEST = (
    "Vi har lagt til kundeundersøkelser som et nytt formål, med en leverandør i Storbritannia, "
    "og vi lagrer serverlogger i 90 dager i stedet for 30."
)
CAMERA_OLD = "Opptakene slettes automatisk etter 7 dager."
CAMERA_NEW = "Opptakene slettes automatisk etter 5 dager."
#: The fact the camera paragraph states: changed with it, so that facts and prose agree.
FACT_OLD = "retention: {period: 7 days, section: kameraovervaking-i-sentrene}"
FACT_NEW = "retention: {period: 5 days, section: kameraovervaking-i-sentrene}"


def edit_camera(project: Path) -> None:
    """Camera recordings kept 5 days instead of 7: in the prose and in the facts."""
    edit_draft(project, CAMERA_OLD + " De kan", CAMERA_NEW + " De kan")
    edit_draft(project, FACT_OLD, FACT_NEW)


def prepare_release(project: Path) -> None:
    """A real edit of the draft, translated in English, Swedish and Arabic."""
    edit_draft(project, CHANGES_OLD, CHANGES_NEW)
    edit_camera(project)
    assert notice(project, "update").returncode == 0
    old_para = next(
        line
        for line in (project / "docs/privacy/draft.md").read_text().splitlines()
        if line.startswith(CAMERA_NEW)
    )
    translate(
        project,
        "en",
        {
            CHANGES_NEW: "We delete camera recordings after 5 days instead of 7.",
            old_para: "Recordings are deleted automatically after 5 days. They can only be "
            "handed over to the police in connection with the investigation of a "
            "specific incident.",
        },
    )
    translate(
        project,
        "sv",
        {
            CHANGES_NEW: "Vi raderar kamerainspelningar efter 5 dagar i stället för 7.",
            old_para: "Inspelningarna raderas automatiskt efter 5 dagar. De får bara lämnas ut "
            "till polisen i samband med utredningen av en konkret händelse.",
        },
    )
    translate(
        project,
        "ar",
        {
            CHANGES_NEW: "نحذف تسجيلات الكاميرات بعد 5 أيام بدلًا من 7.",
            old_para: "تُحذف التسجيلات تلقائيًا بعد 5 أيام، ولا يجوز تسليمها إلا إلى الشرطة "
            "في إطار التحقيق في حادث بعينه.",
        },
    )


# --- release ----------------------------------------------------------------------------


def test_release_refuses_a_translation_that_reorders_what_readers_see(sample: Path) -> None:
    """A right-to-left override (U+202E) makes readers see the words in another order
    than the text the hash covers: refused, with the PO file and line, nothing written."""
    prepare_release(sample)
    path = sample / "locales/en/LC_MESSAGES/privacy.po"
    catalog = read_catalog(path, "en")
    message = catalog[CHANGES_NEW]
    message.string = "We delete camera recordings after \u202e5\u202c days instead of 7."
    write_catalog(path, catalog)
    line = next(
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("msgid") and "kameraopptak" in text
    )
    errors = refused(
        sample, "release", "privacy", "--material", "--effective", "2027-06-01", "--without", "de"
    )
    assert (
        f"locales/en/LC_MESSAGES/privacy.po:{line}: U+202E RIGHT-TO-LEFT OVERRIDE: makes "
        "readers see the words in another order than the text that is released and hashed"
    ) in errors


def test_release_freezes_texts_and_appends_a_chained_entry(sample: Path) -> None:
    prepare_release(sample)
    registry = sample / "docs/privacy/versions.yml"
    before = registry.read_bytes()
    result = notice(
        sample,
        "release",
        "privacy",
        "--material",
        "--effective",
        "2027-06-01",
        "--published",
        "2027-02-01",
        "--without",
        "de",
    )
    assert result.returncode == 0, result.stderr
    assert (
        "released privacy 2027-06-01 (material, published 2027-02-01, recorded 2026-11-24): "
        "ar, en, nb, sv; not available in de"
    ) in result.stdout
    after = registry.read_bytes()
    assert after.startswith(before), "an earlier entry was rewritten"
    folder = sample / "docs/privacy/versions/2027-06-01"
    assert sorted(p.name for p in folder.iterdir()) == [
        "ar.md", "ar.pdf", "en.md", "en.pdf", "nb.md", "nb.pdf", "sv.md", "sv.pdf",
    ]  # fmt: skip
    assert (folder / "nb.md").read_text(encoding="utf-8") == (
        sample / "docs/privacy/draft.md"
    ).read_text(encoding="utf-8")
    english = (folder / "en.md").read_text(encoding="utf-8")
    assert "Recordings are deleted automatically after 5 days." in english
    assert "## Who is the controller { #hvem-som-er-behandlingsansvarlig }" in english
    assert notice(sample, "build", "--date", "2027-06-01", "--site-dir", "out").returncode == 0
    page = (sample / "out/en/privacy/index.html").read_text(encoding="utf-8")
    assert "In effect since 1 June 2027." in page
    assert "after 5 days" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--effective", "2026-01-01"),
            "error: the effective date 2026-01-01 is not after the latest version's (2027-02-01) "
            "(choose a later --effective date)",
        ),
        (
            ("--effective", "2027-06-01", "--published", "2027-07-01"),
            "error: the published date 2027-07-01 is after the effective date 2027-06-01 "
            "(a version is announced before (or on) the day it takes effect)",
        ),
        (
            ("--effective", "2027-06-01"),
            "error: locales/de/LC_MESSAGES/privacy.po: de is incomplete (67 of 156 translated, "
            "2 fuzzy) (finish the translation, or release without it: --without de)",
        ),
    ],
)
def test_release_refusals(sample: Path, args: tuple[str, ...], message: str) -> None:
    stderr = refused(sample, "release", "privacy", "--material", *args)
    assert message in stderr.splitlines()


def test_release_refuses_a_draft_identical_to_the_latest_version(sample: Path) -> None:
    stderr = refused(sample, "release", "cookies", "--material", "--effective", "2027-06-01")
    assert (
        "error: docs/cookies/draft.md: the draft is identical to the version of 2024-05-01 "
        "(there is nothing to release)"
    ) in stderr.splitlines()


def test_release_refuses_to_drop_a_language_the_previous_version_had(sample: Path) -> None:
    edit_draft(sample, CHANGES_OLD, CHANGES_NEW)
    edit_camera(sample)
    assert notice(sample, "update").returncode == 0
    stderr = refused(
        sample, "release", "privacy", "--material", "--effective", "2027-06-01", "--without", "de"
    )
    assert (
        "error: locales/en/LC_MESSAGES/privacy.po: en was in the previous version but is "
        "now incomplete (154 of 156 translated, 2 fuzzy) (finish the translation, or "
        "release without it: --without en)"
    ) in stderr.splitlines()
    assert any(
        line.startswith("error: locales/sv/LC_MESSAGES/privacy.po: sv was in the previous")
        for line in stderr.splitlines()
    )


def test_release_refuses_an_unchanged_changes_summary(sample: Path) -> None:
    edit_draft(sample, CHANGES_OLD, CHANGES_LATEST)
    edit_camera(sample)
    stderr = refused(
        sample,
        "release",
        "privacy",
        "--material",
        "--effective",
        "2027-06-01",
        "--without",
        "de",
        "--without",
        "en",
        "--without",
        "sv",
    )
    assert (
        "error: docs/privacy/draft.md:1: the 'changes' summary is the same as the previous "
        "version's (describe what this version changes)"
    ) in stderr.splitlines()


def test_release_is_all_or_nothing(sample: Path, tmp_path: Path) -> None:
    """A release that dies while writing leaves neither a version folder nor an entry."""
    prepare_release(sample)
    before = snapshot(sample)
    script = (
        "import os, sys\n"
        "from notice.record import release\n"
        "real = os.replace\n"
        "def failing(src, dst):\n"
        "    if str(dst).endswith('versions.yml'):\n"
        "        raise OSError('disk full')\n"
        "    return real(src, dst)\n"
        "release.os.replace = failing\n"
        "from notice.commands.cli import main\n"
        "sys.exit(main(['release', 'privacy', '--material', '--effective', '2027-06-01',\n"
        "               '--without', 'de']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=sample, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "disk full" in result.stderr
    assert snapshot(sample) == before
    assert not (sample / "docs/privacy/versions/2027-06-01").exists()
    assert not [p for p in (sample / "docs/privacy").iterdir() if p.name.startswith(".release")]


def test_a_translation_finished_later_is_added_to_its_version(sample: Path) -> None:
    po = sample / "locales/de/LC_MESSAGES/privacy.po"
    catalog = read_catalog(po, "de")
    for message in catalog:
        if message.id and (not message.string or message.fuzzy):
            message.string = f"DE {message.id}"
            message.flags.discard("fuzzy")
    # The version's summary is no longer the draft's: an obsolete entry the translator
    # translates too.
    catalog.obsolete[CHANGES_LATEST] = Message(CHANGES_LATEST, f"DE {CHANGES_LATEST}")
    write_catalog(po, catalog)
    registry = sample / "docs/privacy/versions.yml"
    before = registry.read_bytes()
    result = notice(
        sample,
        "release",
        "privacy",
        "--effective",
        "2027-02-01",
        "--add-language",
        "de",
        "--published",
        "2026-12-01",
    )
    assert result.returncode == 0, result.stderr
    assert "added de to privacy 2027-02-01" in result.stdout
    assert registry.read_bytes().startswith(before)
    assert "- kind: add-language\n  effective: 2027-02-01\n  added: 2026-12-01\n" in (
        registry.read_text(encoding="utf-8")
    )
    assert (sample / "docs/privacy/versions/2027-02-01/de.md").is_file()
    again = refused(
        sample, "release", "privacy", "--effective", "2027-02-01", "--add-language", "de"
    )
    assert "error: version 2027-02-01 already has de" in again
    old = refused(sample, "release", "privacy", "--effective", "2025-09-01", "--add-language", "de")
    assert "de does not translate the text of version 2025-09-01" in old
    build = notice(sample, "build", "--date", "2027-02-01", "--site-dir", "out")
    assert build.returncode == 0, build.stderr
    page = (sample / "out/de/privacy/index.html").read_text(encoding="utf-8")
    assert '<div class="notice-text" lang="de">' in page
    assert "Datenschutzerklärung" in page


# --- the archive is verified by every build -------------------------------------------


def test_a_changed_frozen_file_stops_the_build(sample: Path) -> None:
    frozen = sample / "docs/privacy/versions/2025-09-01/en.md"
    frozen.write_text(
        frozen.read_text(encoding="utf-8").replace("six years", "two years"), encoding="utf-8"
    )
    stderr = refused(sample, "build")
    assert (
        "error: docs/privacy/versions/2025-09-01/en.md: released text was changed: its "
        "SHA-256 does not match versions.yml line 12 (released texts are frozen; restore "
        "the file from version control)"
    ) in stderr.splitlines()


def test_an_edited_registry_entry_stops_the_build(sample: Path) -> None:
    registry = sample / "docs/privacy/versions.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "published: 2024-04-02", "published: 2024-03-02"
        ),
        encoding="utf-8",
    )
    stderr = refused(sample, "build")
    assert (
        "error: docs/privacy/versions.yml:12: the hash chain is broken: this entry does not "
        "follow the entry on line 3 (an earlier entry was changed or removed) (released "
        "history cannot be rewritten; restore versions.yml from version control)"
    ) in stderr.splitlines()


def test_a_removed_registry_entry_stops_the_build(sample: Path) -> None:
    registry = sample / "docs/privacy/versions.yml"
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "effective: 2025-09-01" in line) - 1
    end = next(i for i, line in enumerate(lines) if "effective: 2027-01-01" in line) - 1
    registry.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    stderr = refused(sample, "build")
    assert "error: docs/privacy/versions.yml:12: the hash chain is broken" in stderr


def test_removing_the_last_entry_leaves_its_files_unaccounted_for(sample: Path) -> None:
    registry = sample / "docs/privacy/versions.yml"
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines) if "effective: 2027-01-01" in line) - 1
    registry.write_text("".join(lines[:end]), encoding="utf-8")
    stderr = refused(sample, "build")
    assert (
        "error: docs/privacy/versions/2027-01-01/en.md: not recorded in versions.yml: a "
        "file in versions/ that no release made"
    ) in stderr.splitlines()


def test_next_change_for_a_scheduled_rebuild(sample: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}  # 2026-11-18
    result = subprocess.run(
        [sys.executable, "-m", "notice", "next-change"],
        cwd=sample,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    # Arabic is added to the 2027 version on 2026-11-20: the site changes that day.
    assert result.stdout == "2026-11-20\n"


PURPOSES_OLD = "Vi bruker bare personopplysninger når vi har et rettslig grunnlag for det."
PURPOSES_NEW = (
    "Vi bruker bare personopplysninger når vi har et rettslig grunnlag for det, og bare til "
    "formålene nedenfor."
)
WITHOUT = ("--without", "en", "--without", "sv", "--without", "de", "--without", "ar")


def test_an_editorial_release_may_not_change_the_purposes(sample: Path) -> None:
    """WP260 rev.01 ¶29: a change to the purposes must always be communicated."""
    edit_draft(sample, CHANGES_OLD, "Vi har presisert formålene.")
    edit_draft(sample, PURPOSES_OLD, PURPOSES_NEW)
    assert notice(sample, "update").returncode == 0
    release = ("release", "privacy", "--effective", "2027-02-15", "--published", "2026-12-01")
    stderr = refused(sample, *release, "--editorial", *WITHOUT)
    assert (
        "error: docs/privacy/draft.md: an editorial release cannot change what the notice says "
        "about what the data are used for; the legal basis for each purpose; the legitimate "
        "interests relied on; which categories of data are used (section "
        "#hva-vi-bruker-opplysningene-til): such a change must always be communicated "
        "(release it as --material, or, if it only corrects a typo there, say so: "
        '--editorial-because "…")'
    ) in stderr.splitlines()
    stderr = refused(sample, *release, "--material", "--editorial-because", "Typo", *WITHOUT)
    assert "error: --editorial-because applies to an editorial change only" in stderr
    because = "Klarere ordlyd; formålene er de samme"
    done = notice(sample, *release, "--editorial", "--editorial-because", because, *WITHOUT)
    assert done.returncode == 0, done.stderr
    registry = (sample / "docs/privacy/versions.yml").read_text(encoding="utf-8")
    assert f'  editorial-because: "{because}"\n' in registry
    assert notice(sample, "check").returncode == 0
    edited = registry.replace(because, "Something else")
    head = parse_registry(registry, "privacy", "versions.yml").head
    assert parse_registry(edited, "privacy", "versions.yml").head != head, "the reason is hashed"


def test_an_editorial_release_elsewhere_needs_no_reason(sample: Path) -> None:
    edit_draft(sample, CHANGES_OLD, "Vi har rettet en skrivefeil om sikkerhet.")
    edit_draft(sample, "Vi beskytter opplysningene dine", "Vi beskytter alltid opplysningene dine")
    assert notice(sample, "update").returncode == 0
    done = notice(
        sample,
        "release",
        "privacy",
        "--editorial",
        "--effective",
        "2027-02-15",
        "--published",
        "2026-12-01",
        *WITHOUT,
    )
    assert done.returncode == 0, done.stderr

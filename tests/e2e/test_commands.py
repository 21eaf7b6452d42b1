"""The real commands on a copy of the sample project: extract, update, stats, build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from notice.text.pofile import read_catalog
from tests.conftest import run_notice, snapshot

notice = run_notice


def test_extract_writes_templates_and_is_stable(sample: Path) -> None:
    first = notice(sample, "extract")
    assert first.returncode == 0, first.stderr
    assert "unchanged locales/privacy.pot (156 messages)" in first.stdout
    assert "unchanged locales/site.pot" in first.stdout
    pot = (sample / "locales/privacy.pot").read_text(encoding="utf-8")
    assert "#. front matter: changes\n#: docs/privacy/draft.md:4\n" in pot


def test_update_keeps_every_translation_and_rewrites_nothing(sample: Path) -> None:
    before = snapshot(sample)
    result = notice(sample, "update")
    assert result.returncode == 0, result.stderr
    assert snapshot(sample) == before
    assert "unchanged locales/de/LC_MESSAGES/privacy.po" in result.stdout


def test_update_after_an_edit_marks_only_that_block(sample: Path) -> None:
    draft = sample / "docs/privacy/draft.md"
    text = draft.read_text(encoding="utf-8")
    old = "Kontoopplysninger slettes **3 år** etter at kontoen ble avsluttet."
    new = "Kontoopplysninger slettes **2 år** etter at kontoen ble avsluttet."
    draft.write_text(text.replace(old, new), encoding="utf-8")
    removed = "Alle databehandlerne våre har signert en databehandleravtale med oss.\n\n"
    draft.write_text(draft.read_text(encoding="utf-8").replace(removed, ""), encoding="utf-8")
    assert notice(sample, "update").returncode == 0
    catalog = read_catalog(sample / "locales/en/LC_MESSAGES/privacy.po", "en")
    edited = catalog[new]
    assert edited.fuzzy
    assert edited.previous_id == [old]
    assert edited.string == "Account data is deleted **3 years** after the account was closed."
    gone = catalog.obsolete["Alle databehandlerne våre har signert en databehandleravtale med oss."]
    assert gone.string == "All our processors have signed a data processing agreement with us."
    assert sum(1 for m in catalog if m.fuzzy) == 1
    stats = json.loads(notice(sample, "stats", "--json").stdout)
    row = next(r for r in stats if (r["domain"], r["language"]) == ("privacy", "en"))
    assert (row["translated"], row["fuzzy"], row["untranslated"]) == (154, 1, 0)


def test_update_creates_missing_po_files_with_headers(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "        - locale: de\n",
            "        - locale: pt_BR\n          name: Português\n          build: true\n"
            "        - locale: de\n",
        ),
        encoding="utf-8",
    )
    result = notice(sample, "update")
    assert result.returncode == 0, result.stderr
    assert "created locales/pt_BR/LC_MESSAGES/privacy.po" in result.stdout
    text = (sample / "locales/pt_BR/LC_MESSAGES/privacy.po").read_text(encoding="utf-8")
    assert '"Language: pt_BR\\n"' in text
    # Babel's own rule for the locale (2.19 gives pt_BR three forms, earlier ones two).
    assert f'"Plural-Forms: {get_plural("pt_BR").plural_forms}\\n"' in text


def test_stats_table_json_and_threshold(sample: Path) -> None:
    table = notice(sample, "stats")
    assert table.returncode == 0
    assert re.search(r"privacy\s+de\s+67\s+2\s+87\s+42\.9%", table.stdout)
    rows = json.loads(notice(sample, "stats", "--json").stdout)
    assert {
        "domain": "privacy",
        "language": "en",
        "translated": 156,
        "fuzzy": 0,
        "untranslated": 0,
        "total": 156,
        "coverage": 100.0,
    } in rows
    below = notice(sample, "stats", "--min", "90")
    assert below.returncode == 1
    assert "error: privacy [de] is 42.9% translated, below --min 90%" in below.stderr
    assert notice(sample, "stats", "--min", "40").returncode == 0


# --- bad input: path:line, exit 1, nothing changed --------------------------------------


def _fails_cleanly(project: Path, *args: str) -> str:
    before = snapshot(project)
    result = notice(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before
    return result.stderr


@pytest.mark.parametrize("command", [("update",), ("stats",), ("build",)])
def test_malformed_po_stops_every_command(sample: Path, command: tuple[str, ...]) -> None:
    po = sample / "locales/sv/LC_MESSAGES/privacy.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith('msgstr "Integritetspolicy'))
    lines[number] = 'msgstr "Integritetspolicy\n'
    po.write_text("".join(lines), encoding="utf-8")
    stderr = _fails_cleanly(sample, *command)
    assert f"error: locales/sv/LC_MESSAGES/privacy.po:{number + 1}: unterminated string" in stderr


def test_duplicate_msgid_is_refused(sample: Path) -> None:
    po = sample / "locales/en/LC_MESSAGES/cookies.po"
    po.write_text(
        po.read_text(encoding="utf-8") + '\nmsgid "Ett år"\nmsgstr "A year"\n', encoding="utf-8"
    )
    stderr = _fails_cleanly(sample, "update")
    assert re.search(
        r"error: locales/en/LC_MESSAGES/cookies.po:\d+: duplicate message definition "
        r"\(first defined on line \d+\)",
        stderr,
    )


def test_wrong_language_header_is_refused(sample: Path) -> None:
    po = sample / "locales/de/LC_MESSAGES/cookies.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('"Language: de\\n"', '"Language: da\\n"'),
        encoding="utf-8",
    )
    stderr = _fails_cleanly(sample, "stats")
    assert (
        "error: locales/de/LC_MESSAGES/cookies.po:3: header declares Language 'da', "
        "but the file is in the folder for 'de'"
    ) in stderr


def test_unknown_language_code_names_its_line_in_mkdocs_yml(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("- locale: sv", "- locale: xx_nowhere")
    config.write_text(text, encoding="utf-8")
    line = text.splitlines().index("        - locale: xx_nowhere") + 1
    stderr = _fails_cleanly(sample, "update")
    assert f"error: mkdocs.yml:{line}: 'xx_nowhere' is not a known language code" in stderr


def test_markdown_that_cannot_be_segmented_is_refused(sample: Path) -> None:
    draft = sample / "docs/cookies/draft.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "title: Informasjonskapsler og lokal lagring", "title: [Informasjonskapsler"
        ),
        encoding="utf-8",
    )
    stderr = _fails_cleanly(sample, "extract")
    assert "error: docs/cookies/draft.md:2: invalid front matter" in stderr


def test_translation_that_breaks_the_page_fails_the_build(sample: Path) -> None:
    from notice.text.pofile import write_catalog

    po = sample / "locales/en/LC_MESSAGES/cookies.po"
    catalog = read_catalog(po, "en")
    msgid = (
        "Vi bruker ingen informasjonskapsler fra tredjeparter, ingen analyseverktøy og "
        "ingen annonsenettverk."
    )
    catalog[msgid].string = "- We use no third-party cookies."
    write_catalog(po, catalog)
    line = read_catalog(po, "en")[msgid].lineno
    (sample / "site").mkdir()
    (sample / "site/keep.html").write_text("previous site", encoding="utf-8")
    stderr = _fails_cleanly(sample, "build", "--draft")
    assert (
        f"error: locales/en/LC_MESSAGES/cookies.po:{line}: this translation changes the page's "
        "block structure (the paragraph on docs/cookies/draft.md:21)"
    ) in stderr
    assert (sample / "site/keep.html").read_text(encoding="utf-8") == "previous site"
    assert [p.name for p in sample.iterdir() if p.name.startswith(".site")] == []


def test_check_release_and_build_render_translations_alike(sample: Path) -> None:
    """A split admonition body changes the page only with the site's extensions: check,
    release and build all use them, and all refuse it with the same message."""
    po = sample / "locales/en/LC_MESSAGES/privacy.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('"virtual offices. We never sell', '"virtual offices.\\n\\nWe never sell'),
        encoding="utf-8",
    )
    message = (
        "locales/en/LC_MESSAGES/privacy.po:239: this translation changes the page's block "
        "structure (the admonition on docs/privacy/draft.md:97) (keep the translation to one "
        "block, with the source's markup)"
    )
    check = run_notice(sample, "check")
    assert check.returncode == 1
    assert message.replace(": this", ": error: this") in check.stdout.splitlines()
    for command in (
        ("build", "--draft"),
        (
            "release",
            "privacy",
            "--material",
            "--effective",
            "2027-06-01",
            "--without",
            "de",
            "--without",
            "sv",
        ),
    ):
        stderr = _fails_cleanly(sample, *command)
        assert f"error: {message}" in stderr.splitlines(), command


def test_a_build_killed_halfway_leaves_the_site_and_the_next_build_cleans_up(
    sample: Path, tmp_path: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    (sample / "site").mkdir()
    (sample / "site/keep.html").write_text("previous site", encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "notice",
            "build",
            "--date",
            "2026-11-24",
            "--jobs",
            "1",
        ],
        cwd=sample,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # Killed once MkDocs has written pages into the temporary site.
    while not list(sample.glob(".site-build-*/**/index.html")):
        assert build.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    assert [p.name for p in sample.glob(".site-build-*")] == [
        p.name for p in sample.glob(f".site-build-{build.pid}-*")
    ]
    assert len(list(sample.glob(".site-build-*"))) == 1  # the staged pages are in it too
    assert list(temp.glob("notice-stage-*")) == []
    assert (sample / "site/keep.html").read_text(encoding="utf-8") == "previous site"
    # What a killed `mkdocs build` leaves (the plugin stages in the temporary folder), of
    # a process that is gone, is removed by the next build too.
    (temp / "notice-stage-2147483646-abc" / "docs").mkdir(parents=True)
    again = run_notice(sample, "build", "--date", "2026-11-24", env=env)
    assert again.returncode == 0, again.stderr
    assert list(sample.glob(".site-*")) == []
    assert list(temp.glob("notice-stage-*")) == []
    assert (sample / "site/privacy/index.html").is_file()

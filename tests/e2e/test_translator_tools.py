"""PO files re-saved by translators' tools lose nothing.

The real tools run on the sample's catalogs: GNU ``msgcat`` and ``msgmerge --update
--previous`` (what Poedit and Lokalize do when they save: re-wrapped at 79 columns) and
translate-toolkit (what Weblate reads and writes PO files with, its header updated as
Weblate does). After each, ``notice check`` reports the same findings on the same
messages, ``notice stats`` the same figures, the site is the same byte for byte, and
``notice update`` rewrites nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from notice.text.pofile import read_catalog, write_catalog
from tests.conftest import copy_project, run_notice

TODAY = "2026-11-24"
MSGCAT = shutil.which("msgcat")
MSGMERGE = shutil.which("msgmerge")


notice = run_notice


def po_files(project: Path) -> list[Path]:
    return sorted((project / "locales").glob("*/LC_MESSAGES/*.po"))


def prepare(project: Path) -> None:
    """The sample, with findings on known messages: an English translation that drops a
    number (a warning at its line) and a Swedish one whose difference the translator
    marked as deliberate with ``# notice: ignore-numbers`` (no warning)."""
    path = project / "locales/en/LC_MESSAGES/privacy.po"
    catalog = read_catalog(path, "en")
    catalog.get("Du får svar senest innen 30 dager.").string = "You get an answer within a month."
    write_catalog(path, catalog)
    swedish = (project / "locales/sv/LC_MESSAGES/privacy.po").read_text(encoding="utf-8")
    assert "# notice: ignore-numbers\n" in swedish


def findings(project: Path) -> list[str]:
    """``notice check``'s findings, each PO line replaced by the msgid it points at: a
    tool that re-wraps a file moves lines, not findings."""
    result = notice(project, "check")
    lines: dict[str, dict[int, str]] = {}
    out = []
    for finding in result.stdout.splitlines():
        match = re.match(r"(\S+\.po):(\d+): (.*)", finding)
        if match is None:
            out.append(finding)
            continue
        path, line, rest = match.group(1), int(match.group(2)), match.group(3)
        if path not in lines:
            language = path.split("/")[1]
            catalog = read_catalog(project / path, language)
            lines[path] = {m.lineno: str(m.id) for m in catalog if m.id}
        out.append(f"{path}:[{lines[path][line]}]: {rest}")
    return [*out, f"exit {result.returncode}"]


def stats(project: Path) -> object:
    result = notice(project, "stats", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def site(project: Path) -> dict[str, bytes]:
    result = notice(project, "build", "--date", TODAY, "--site-dir", "built", "--no-cache")
    assert result.returncode == 0, result.stderr
    folder = project / "built"
    files = {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
    shutil.rmtree(folder)
    return files


def run_msgcat(project: Path) -> None:
    for path in po_files(project):
        subprocess.run([MSGCAT, "--output-file", str(path), str(path)], check=True)


def run_msgmerge(project: Path) -> None:
    for path in po_files(project):
        template = project / "locales" / f"{path.stem}.pot"
        subprocess.run(
            [
                MSGMERGE,
                "--quiet",
                "--update",
                "--previous",
                "--backup=off",
                str(path),
                str(template),
            ],
            check=True,
        )


def run_translate_toolkit(project: Path) -> None:
    from translate.storage import pypo

    for path in po_files(project):
        store = pypo.pofile.parsefile(str(path))
        # As Weblate saves a file: its translator, date and generator in the header.
        store.updateheader(
            add=True,
            Last_Translator="Kari Nordmann <kari@example.org>",
            PO_Revision_Date="2026-11-20 10:00+0000",
            X_Generator="Weblate 5.8",
        )
        path.write_bytes(bytes(store))


TOOLS: dict[str, Callable[[Path], None]] = {
    "msgcat": run_msgcat,
    "msgmerge": run_msgmerge,
    "translate-toolkit": run_translate_toolkit,
}


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    project = copy_project(tmp_path_factory.mktemp("tools") / "project")
    prepare(project)
    return {
        "po": {p.relative_to(project).as_posix(): p.read_bytes() for p in po_files(project)},
        "findings": findings(project),
        "stats": stats(project),
        "site": site(project),
    }


@pytest.mark.skipif(MSGCAT is None or MSGMERGE is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_a_file_resaved_by_a_translators_tool_changes_nothing(
    tmp_path: Path, before: dict[str, object], tool: str
) -> None:
    project = copy_project(tmp_path / "project")
    prepare(project)
    TOOLS[tool](project)
    resaved = {p.relative_to(project).as_posix(): p.read_bytes() for p in po_files(project)}
    assert resaved != before["po"], f"{tool} rewrote no file: the test would prove nothing"
    assert findings(project) == before["findings"]
    assert any("numbers differ" in f for f in before["findings"])  # a finding to keep
    assert not any("sv/" in f for f in before["findings"])  # and a marker that holds
    assert stats(project) == before["stats"]
    assert site(project) == before["site"]
    update = notice(project, "update")
    assert update.returncode == 0, update.stderr
    rewritten = [line for line in update.stdout.splitlines() if not line.startswith("unchanged")]
    assert rewritten == []
    after = {p.relative_to(project).as_posix(): p.read_bytes() for p in po_files(project)}
    assert after == resaved


@pytest.mark.skipif(MSGCAT is None, reason="GNU gettext is not installed")
def test_msgcat_drops_the_old_flag_form_but_notice_update_moves_it_to_a_comment(
    sample: Path,
) -> None:
    """The reason for translator comments: ``#, ignore-numbers`` does not survive
    msgcat; after ``notice update`` (which moves it into a comment) it does."""
    path = sample / "locales/sv/LC_MESSAGES/privacy.po"
    text = path.read_text(encoding="utf-8")
    old_form = text.replace("# notice: ignore-numbers\n", "").replace(
        '#: docs/privacy/draft.md:98\nmsgid "Avtale',
        '#: docs/privacy/draft.md:98\n#, ignore-numbers\nmsgid "Avtale',
    )
    assert old_form != text
    path.write_text(old_form, encoding="utf-8")
    check = notice(sample, "check")
    assert "numbers differ" not in check.stdout  # the old form is still read
    assert "the flag '#, ignore-numbers' is dropped when gettext tools" in check.stdout

    lost = sample.parent / "lost.po"
    subprocess.run([MSGCAT, "--output-file", str(lost), str(path)], check=True)
    assert "ignore-numbers" not in lost.read_text(encoding="utf-8")

    assert notice(sample, "update").returncode == 0
    assert "# notice: ignore-numbers\n" in path.read_text(encoding="utf-8")
    subprocess.run([MSGCAT, "--output-file", str(path), str(path)], check=True)
    assert "# notice: ignore-numbers\n" in path.read_text(encoding="utf-8")
    check = notice(sample, "check")
    assert "numbers differ" not in check.stdout
    assert "sv/LC_MESSAGES/privacy.po" not in check.stdout

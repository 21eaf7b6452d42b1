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
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from notice.text.catalog import markers, merge_catalog, template_catalog
from notice.text.gate import review_translation
from notice.text.markdown import markdown_renderer
from notice.text.pofile import read_catalog, write_catalog
from notice.text.segment import segment_markdown
from tests.conftest import copy_project, run_notice

TODAY = "2026-11-24"
MSGCAT = shutil.which("msgcat")
MSGMERGE = shutil.which("msgmerge")


notice = run_notice


def po_files(project: Path) -> list[Path]:
    return sorted((project / "locales").glob("*/LC_MESSAGES/*.po"))


def prepare(project: Path) -> None:
    """The sample, with findings on known messages: an English translation that drops its
    full stop (a warning at its line: a build still runs) and a Swedish one whose
    different number the translator marked as deliberate with ``# notice: ignore-numbers``
    (no finding; without it, an error)."""
    path = project / "locales/en/LC_MESSAGES/privacy.po"
    catalog = read_catalog(path, "en")
    catalog.get("Du får svar senest innen 30 dager.").string = "You get an answer in 30 days"
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
    assert any("ends with punctuation" in f for f in before["findings"])  # a finding to keep
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
        '#: docs/privacy/draft.md:170\nmsgid "Avtale',
        '#: docs/privacy/draft.md:170\n#, ignore-numbers\nmsgid "Avtale',
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


# --- a translator's marker survives every tool -------------------------------------------

MARKED_SOURCE = """## Kontakt

Vi lagrer opplysningene i 6 måneder.

Skriv til [oss](mailto:personvern@example.no) eller se [tilsynet](https://www.datatilsynet.no/).

Informasjonskapselen `fk_session` slettes.[^1]

[^1]: Etter økten.
"""
#: The same notice with a sentence added: a template that makes the tools merge.
MARKED_NEXT = MARKED_SOURCE.replace("## Kontakt\n", "## Kontakt\n\nEn ny setning.\n")
MARKED_PO = """msgid ""
msgstr ""
"Project-Id-Version: privacy\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

# A translator's note, kept as well.
# notice: ignore-punctuation
#. heading
#: docs/privacy/draft.md:1
msgid "Kontakt"
msgstr "Contact us:"

# notice: ignore-numbers
#. paragraph
#: docs/privacy/draft.md:3
msgid "Vi lagrer opplysningene i 6 måneder."
msgstr "We keep the data for three months under the contract of 2025."

# notice: ignore-links, ignore-emails
#. paragraph
#: docs/privacy/draft.md:5
msgid ""
"Skriv til [oss](mailto:personvern@example.no) eller se "
"[tilsynet](https://www.datatilsynet.no/)."
msgstr ""
"Write to [us](mailto:privacy@example.org) or see [the authority](https://"
"ico.org.uk/)."

# notice: ignore-code
# notice: ignore-footnotes
#. paragraph
#: docs/privacy/draft.md:7
msgid "Informasjonskapselen `fk_session` slettes.[^1]"
msgstr "The `session` cookie is deleted."

#. footnote
#: docs/privacy/draft.md:9
msgid "Etter økten."
msgstr "After the session."
"""
#: What each marked message must still carry after a tool saved the file.
MARKS = {
    "Kontakt": {"ignore-punctuation"},
    "Vi lagrer opplysningene i 6 måneder.": {"ignore-numbers"},
    "Skriv til [oss](mailto:personvern@example.no) eller se "
    "[tilsynet](https://www.datatilsynet.no/).": {"ignore-links", "ignore-emails"},
    "Informasjonskapselen `fk_session` slettes.[^1]": {"ignore-code", "ignore-footnotes"},
}


def _gettext(tool: str | None, *args: str) -> None:
    if tool is None:
        pytest.skip("GNU gettext is not installed")
    subprocess.run([tool, *args], check=True)


def _msgmerge(po: Path, pot: Path, out: Path) -> None:
    _gettext(MSGMERGE, "--quiet", "--previous", "--output-file", str(out), str(po), str(pot))


def _msgcat(po: Path, pot: Path, out: Path) -> None:
    _gettext(MSGCAT, "--output-file", str(out), str(po))


def _translate_toolkit(po: Path, pot: Path, out: Path) -> None:
    from translate.storage import pypo

    store = pypo.pofile.parsefile(str(po))
    store.updateheader(add=True, X_Generator="Weblate 5.8")
    out.write_bytes(bytes(store))


def _pot2po(po: Path, pot: Path, out: Path) -> None:
    """translate-toolkit's merge of a new template (what Weblate can run on update)."""
    tool = Path(sys.executable).parent / "pot2po"
    subprocess.run([str(tool), "--template", str(po), str(pot), str(out)], check=True)


def _notice_update(po: Path, pot: Path, out: Path) -> None:
    """What ``notice update`` does to a PO file: Babel reads, merges and writes it."""
    merged = merge_catalog(read_catalog(pot), read_catalog(po, "en"), "en")
    write_catalog(out, merged)


SAVERS: dict[str, Callable[[Path, Path, Path], None]] = {
    "msgmerge": _msgmerge,
    "msgcat": _msgcat,
    "translate-toolkit": _translate_toolkit,
    "pot2po": _pot2po,
    "notice update": _notice_update,
}


def _review(path: Path) -> list[str]:
    document = segment_markdown(MARKED_SOURCE, "docs/privacy/draft.md")
    found = review_translation(
        document,
        read_catalog(path, "en"),
        "en.po",
        source_language="nb",
        language="en",
        to_html=markdown_renderer(["footnotes"]),
    )
    return [f"{p.severity}: {p.message.split(' (')[0]}" for p in found]


@pytest.mark.parametrize("tool", sorted(SAVERS))
def test_a_translator_s_marker_survives_every_tool(tmp_path: Path, tool: str) -> None:
    """Each marker kind, written as the README says, is still read after the file went
    through GNU gettext, translate-toolkit (Weblate) or ``notice update``, and still lets
    its difference through the gate; without the markers the gate stops them."""
    po = tmp_path / "en.po"
    po.write_text(MARKED_PO, encoding="utf-8")
    pot = tmp_path / "privacy.pot"
    write_catalog(pot, template_catalog("privacy", [segment_markdown(MARKED_NEXT, "d.md")]))
    unmarked = tmp_path / "unmarked.po"
    unmarked.write_text(re.sub(r"# notice: .*\n", "", MARKED_PO), encoding="utf-8")
    assert _review(unmarked) == [
        "warning: the translation ends with punctuation and the source does not",
        "error: numbers differ from the source: missing '6'; extra '2025'",
        "error: link targets differ from the source: missing 'https://www.datatilsynet.no/'; "
        "extra 'https://ico.org.uk/'",
        "error: link targets differ from the source: missing 'mailto:personvern@example.no'; "
        "extra 'mailto:privacy@example.org'",
        "error: footnote markers differ from the source: missing '1'",
        "error: code differs from the source: missing 'fk_session'; extra 'session'",
    ]
    assert _review(po) == []

    out = tmp_path / "saved.po"
    SAVERS[tool](po, pot, out)
    saved = read_catalog(out, "en")
    assert out.read_bytes() != po.read_bytes(), f"{tool} changed nothing: the test proves nothing"
    assert {key: set(markers(saved[key])) for key in MARKS} == MARKS
    assert "A translator's note, kept as well." in saved["Kontakt"].user_comments
    assert _review(out) == []

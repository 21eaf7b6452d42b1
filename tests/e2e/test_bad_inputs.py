"""Every bad input in ``tests/fixtures/bad/``: the exact message, exit 1, nothing changed.

Each fixture is a YAML file: what is wrong, the command to run, the edits that break a
copy of the sample project, and the message expected (``{line}`` is the 1-based line
of the broken text, found in the edited file). The commands run in this process
(``notice_here``): the same ``main`` as the ``notice`` command, without starting Python
for each of them; the suite's other tests run the command as a user does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, Ran, snapshot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
CASES = sorted(FIXTURES.glob("*.yml"))


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def apply(project: Path, edit: dict[str, Any]) -> None:
    """Break one file of the project as the fixture says."""
    path = project / edit["file"]
    if edit.get("delete"):
        path.unlink()
        return
    if "create" in edit:
        path.write_text(edit["create"], encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    if "replace" in edit:
        old, new = edit["replace"]
        occurrence = edit.get("occurrence", 1)
        at = -1
        for _ in range(occurrence):
            at = text.index(old, at + 1)
        text = text[:at] + new + text[at + len(old) :]
    elif "replace_regex" in edit:
        pattern, new = edit["replace_regex"]
        text, count = re.subn(pattern, new, text, count=1)
        assert count == 1, pattern
    elif "append" in edit:
        text += edit["append"]
    elif "remove_between" in edit:
        start, end = edit["remove_between"]
        text = text[: text.index(start)] + text[text.index(end) :]
    elif edit.get("crlf"):
        text = text.replace("\n", "\r\n")  # as git's core.autocrlf checks a file out
    elif edit.get("header_removed"):
        text = text[text.index("\n\n", text.index('msgid ""')) + 2 :]
    if "replace_latin1" in edit:
        old, new = edit["replace_latin1"]
        data = path.read_bytes()
        assert old.encode("utf-8") in data
        path.write_bytes(data.replace(old.encode("utf-8"), new.encode("latin-1"), 1))
        return
    path.write_text(text, encoding="utf-8")


def expected_line(project: Path, case: dict[str, Any]) -> int | None:
    """The 1-based line of the broken text in the edited file."""
    if not case["edits"]:
        return None
    edit = case["edits"][-1]
    path = project / edit["file"]
    if not path.exists():
        return None
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    if "line_before" in case:
        # The entry's msgid is the last `line_of` before the line holding this text.
        holder = next(i for i, line in enumerate(lines) if case["line_before"] in line)
        return max(i for i in range(holder) if lines[i].startswith(case["line_of"])) + 1
    needle = case.get("line_of")
    if needle is None:
        needle = (edit.get("replace") or edit.get("replace_latin1") or [None, None])[1]
        if needle is None:
            return None
        needle = needle.split("\n")[0]
    found = [i for i, line in enumerate(lines) if needle in line]
    return found[case.get("line_occurrence", 1) - 1] + 1 + case.get("line_offset", 0)


#: Cases whose broken file a Windows editor could have saved: with a byte order mark and
#: CRLF line endings, the message (and its line) must be the same.
WINDOWS = (
    "md-no-title",
    "md-duplicate-anchor",
    "md-link-local-anchor",
    "po-duplicate",
    "po-unterminated",
    "tr-structure-paragraphs",
    "tr-markdown-unbalanced",
    "archive-entry-edited",
    "config-language",
    "tr-bidi-override",
    "tr-number-persian",
)


@pytest.mark.parametrize(
    ("fixture", "windows"),
    [(path, False) for path in CASES] + [(path, True) for path in CASES if path.stem in WINDOWS],
    ids=lambda v: v.stem if isinstance(v, Path) else ("windows" if v else "unix"),
)
def test_bad_input_is_refused_with_its_message(
    sample: Path, fixture: Path, windows: bool, notice_here: Callable[..., Ran]
) -> None:
    case = load(fixture)
    for edit in case["edits"]:
        apply(sample, edit)
    if windows:
        for name in {edit["file"] for edit in case["edits"]}:
            path = sample / name
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = snapshot(sample)
    result = notice_here(sample, *case["run"])
    assert result.returncode == case.get("exit", 1), result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    message = case["message"]
    if "{line}" in message:
        message = message.replace("{line}", str(expected_line(sample, case)))
    output = (result.stdout + result.stderr).splitlines()
    assert message in output, "\n".join(output)
    assert snapshot(sample) == before, "a refused command changed a file"


def test_the_readme_lists_every_bad_input() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`tests/fixtures/bad/([\w-]+)\.yml`", readme))
    assert listed == {p.stem for p in CASES}
    assert len(CASES) >= 40
    windows = next(p for p in readme.split("\n\n") if p.startswith("Fixtures run again as"))
    assert set(re.findall(r"`([\w-]+)`", windows)) == set(WINDOWS)

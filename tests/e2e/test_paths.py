"""Paths stay inside the project: a project linked out of itself (a ``site`` that is a
symbolic link, a PO file or a draft linked to a file elsewhere) is refused, by ``check`` as
by ``build``, before anything is read or removed; and what a message quotes from a file is
cut and escaped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_notice, snapshot

notice = run_notice

REPLACED = (
    "notice replaces this folder as a whole, and never what a link points to "
    "(remove the link, or give the folder it points to instead)"
)
NOT_READ = "notice reads only the project's own files"


@pytest.mark.parametrize(
    ("command", "link"),
    [
        (["notice", "build"], "site"),
        (["notice", "build", "--site-dir", "public"], "public"),
        (["notice", "stage", "--out", "staged"], "staged"),
        (["mkdocs", "build"], "site"),
    ],
)
def test_an_output_folder_that_is_a_link_is_refused_and_its_target_kept(
    sample: Path, command: list[str], link: str
) -> None:
    elsewhere = sample.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "marker").write_text("keep me\n", encoding="utf-8")
    os.symlink("../elsewhere", sample / link)
    if command[0] == "notice":
        result = notice(sample, *command[1:])
        lines = result.stderr.splitlines()
    else:  # MkDocs empties its site_dir before it builds: the plugin refuses first
        result = subprocess.run(
            [sys.executable, "-m", *command],
            cwd=sample,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in result.stderr.splitlines() if "symbolic link" in line]
    assert result.returncode == 1
    assert lines[-1].endswith(f"{link}: is a symbolic link (to '../elsewhere'); {REPLACED}"), lines
    assert [p.name for p in elsewhere.iterdir()] == ["marker"]
    assert (elsewhere / "marker").read_text(encoding="utf-8") == "keep me\n"
    assert (sample / link).is_symlink()
    assert not list(sample.glob(f".{link}-*")), "no work folder left beside it"


def test_a_site_inside_a_linked_folder_is_refused(sample: Path) -> None:
    """``site_dir: out/site`` where ``out`` is a link: replacing ``out/site`` would replace
    a folder elsewhere."""
    (sample.parent / "elsewhere" / "site").mkdir(parents=True)
    (sample.parent / "elsewhere" / "site" / "marker").write_text("keep\n", encoding="utf-8")
    os.symlink("../elsewhere", sample / "out")
    result = notice(sample, "build", "--site-dir", "out/site")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: out: is a symbolic link (to '../elsewhere'); notice replaces out/site as a "
        "whole, and never what a link points to (remove the link, or give the folder it "
        "points to instead)"
    ]
    assert (sample.parent / "elsewhere" / "site" / "marker").is_file()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the project that a link in it must not reveal."""
    path = tmp_path / "secret.txt"
    path.write_text("SECRET=hunter2\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["check"], ["build"], ["update"], ["stats"]])
def test_a_po_file_linked_out_of_the_project_is_refused_unread(
    sample: Path, secret: Path, command: list[str]
) -> None:
    po = sample / "locales/de/LC_MESSAGES/privacy.po"
    po.unlink()
    os.symlink("../../../../secret.txt", po)
    before = snapshot(sample)
    result = notice(sample, *command)
    assert result.returncode == 1
    message = (
        "is a symbolic link (to '../../../../secret.txt'); "
        f"{NOT_READ} (replace the link by the file itself)"
    )
    if command == ["check"]:
        assert f"locales/de/LC_MESSAGES/privacy.po: error: {message}" in result.stdout
    else:
        assert result.stderr.splitlines() == [
            f"error: locales/de/LC_MESSAGES/privacy.po: {message}"
        ]
    assert "hunter2" not in result.stdout + result.stderr
    assert snapshot(sample) == before
    assert po.is_symlink()
    assert not (sample / "site").exists()


@pytest.mark.parametrize(
    ("linked", "target", "shown"),
    [
        ("docs/privacy/draft.md", "../../../outside.md", "docs/privacy/draft.md"),
        ("docs/extra", "../../outside", "docs/extra"),
    ],
)
def test_a_draft_linked_out_of_the_project_is_neither_checked_nor_published(
    sample: Path, linked: str, target: str, shown: str
) -> None:
    text = (sample / "docs/privacy/draft.md").read_text(encoding="utf-8")
    text = text.replace("\n## ", "\nA SECRET PARAGRAPH.\n\n## ", 1)
    (sample.parent / "outside.md").write_text(text, encoding="utf-8")
    (sample.parent / "outside").mkdir()
    (sample.parent / "outside" / "draft.md").write_text(text, encoding="utf-8")
    if (sample / linked).exists():
        (sample / linked).unlink()
    os.symlink(target, sample / linked)
    kind = "folder" if linked == "docs/extra" else "file"
    message = (
        f"{shown}: error: is a symbolic link (to '{target}'); {NOT_READ} "
        f"(replace the link by the {kind} itself)"
    )
    check = notice(sample, "check")
    assert check.returncode == 1
    assert message in check.stdout.splitlines()
    build = notice(sample, "build", "--draft")
    assert build.returncode == 1
    assert build.stderr.splitlines() == ["error: " + message.replace(": error:", ":", 1)]
    assert "SECRET" not in check.stdout + check.stderr + build.stdout + build.stderr
    assert not (sample / "site").exists()


def test_what_a_po_file_says_is_quoted_cut_and_escaped(sample: Path) -> None:
    """A line of 500 characters that starts with a terminal's escape sequence: the message
    quotes 80 characters of it, the escape as ``\\x1b``, and prints no control character."""
    po = sample / "locales/sv/LC_MESSAGES/cookies.po"
    text = po.read_text(encoding="utf-8") + "\n\x1b[31m" + "A" * 500 + "\n"
    po.write_text(text, encoding="utf-8")
    line = next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith("\x1b"))
    for command in ("check", "build"):
        result = notice(sample, command)
        assert result.returncode == 1
        output = result.stdout + result.stderr
        assert "\x1b" not in output
        shown = "'\\x1b[31m" + "A" * 71 + "…'"
        hint = (
            "(a line of an entry starts with msgctxt, msgid, msgid_plural, msgstr or a "
            "quoted string)"
        )
        where = "locales/sv/LC_MESSAGES/cookies.po"
        expected = (
            f"{where}:{line}: error: unknown keyword {shown} {hint}"
            if command == "check"
            else f"error: {where}:{line}: unknown keyword {shown} {hint}"
        )
        assert expected in output.splitlines(), output


def test_what_mkdocs_yml_says_is_quoted_cut_and_escaped(sample: Path) -> None:
    """A language code of 300 characters holding a terminal's hyperlink sequence: every
    message that names it, whichever reader refuses it, shows it cut and escaped."""
    config = sample / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    bad = '"\\e]8;;http://evil\\e\\\\' + "x" * 300 + '"'  # YAML escapes: ESC, a backslash
    config.write_text(text.replace("- locale: sv", f"- locale: {bad}", 1), encoding="utf-8")
    line = text[: text.index("- locale: sv")].count("\n") + 1
    result = notice(sample, "check")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "\x1b" not in output
    assert "x" * 80 not in output
    shown = "'\\x1b]8;;http://evil\\x1b\\" + "x" * 55 + "…'"
    assert len(shown) == 82
    errors = result.stderr.splitlines()
    assert errors
    for error in errors:
        assert error.startswith(f"error: mkdocs.yml:{line}: "), error
    assert any(shown in error for error in errors), errors


@pytest.mark.parametrize("command", [["check"], ["build"]])
def test_a_theme_file_linked_out_of_the_project_is_refused_unrendered(
    sample: Path, secret: Path, command: list[str]
) -> None:
    """A template of ``overrides/`` linked out: the engine would render what it points to
    into every page."""
    template = sample / "overrides/partials/alternate.html"
    template.unlink()
    os.symlink("../../../secret.txt", template)
    result = notice(sample, *command)
    assert result.returncode == 1
    message = (
        "overrides/partials/alternate.html: is a symbolic link (to '../../../secret.txt'); "
        f"{NOT_READ} (replace the link by the file itself)"
    )
    if command == ["check"]:
        assert message.replace(": is", ": error: is", 1) in result.stdout
    else:
        assert result.stderr.splitlines() == [f"error: {message}"]
    assert "hunter2" not in result.stdout + result.stderr
    assert not (sample / "site").exists()

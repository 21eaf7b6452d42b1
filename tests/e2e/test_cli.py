"""The command line as a user meets it: help written for them, no traceback when a reader
closes the pipe or Ctrl-C stops a command, the draft compared with one version by every
command that compares it, and PO files that GNU gettext reads after `notice update`."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from notice.commands import cli
from notice.text.pofile import read_catalog
from tests.conftest import copy_project, run_notice
from tests.e2e.test_record import before_pdfs_were_recorded

#: 2027-01-01 is upcoming (published 2026-11-16), 2025-09-01 in effect; 2027-01-15 and
#: 2027-02-01, the latest release, upcoming too (published 2026-11-23).
TODAY = "2026-11-24"
LATEST = "2027-02-01"
AS_OF_TODAY = {**os.environ, "SOURCE_DATE_EPOCH": "1795478400"}
BOM = b"\xef\xbb\xbf"


def _commands() -> dict[str, argparse.ArgumentParser]:
    (choices,) = [a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(choices.choices)


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        cli.main([*args, "--help"])
    assert exit_.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_has_help_for_the_person_who_runs_it(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _help(capsys, command)
    usage, description, *_ = out.split("\n\n")
    assert usage.startswith(f"usage: notice {command} [-h]")
    assert _words(description) == cli.ABOUT[command]
    assert description[0].isupper()
    assert description.rstrip().endswith(".")
    # What a developer writes, not a user's help: Sphinx markup, internal names.
    assert not re.search(r"``|\bargs\b|Namespace|cmd_|\(pure\)", out), out
    for action in _commands()[command]._actions:
        assert action.help, f"notice {command}: {action.option_strings or action.dest}"


def test_the_main_help_lists_every_command_with_what_it_does() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "notice", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    usage, description, *_ = result.stdout.split("\n\n")
    assert usage == "usage: notice [-h] [--version] [-f CONFIG] COMMAND ..."
    assert _words(description) == cli.DESCRIPTION
    assert "``" not in result.stdout
    assert "entry point" not in result.stdout
    for command in _commands():
        assert re.search(rf"(?m)^    {re.escape(command)} +\w", result.stdout), command
    assert result.stdout.rstrip().endswith(cli.EPILOG)


@pytest.mark.parametrize(
    "args",
    [("update",), ("check",), ("diff", "privacy", "2024-05-01", "2027-01-01")],
    ids=["update", "check", "diff"],
)
def test_a_reader_that_closes_the_pipe_gets_no_traceback(sample: Path, args: tuple[str]) -> None:
    """`notice update | head -1`, at its most abrupt: the reader is gone before the first
    line is written. The command stops as `yes | head` does, silently, with 141."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "notice", *args],
            cwd=sample,
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(writer)
    assert "Traceback" not in result.stderr
    assert "BrokenPipe" not in result.stderr
    assert "Exception ignored" not in result.stderr
    assert result.returncode == cli.PIPE_CLOSED, result.stderr
    if args[0] != "check":  # check's summary goes to stderr, the findings to the pipe
        assert result.stderr == ""


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_ctrl_c_stops_a_build_with_one_line_and_no_worker_left(
    tmp_path: Path, ctrl_c: None
) -> None:
    """Ctrl-C while the build's forked workers make PDFs: the terminal sends SIGINT to
    every process of the command; one line, exit 130, and no worker keeps running."""
    project = before_pdfs_were_recorded(copy_project(tmp_path / "project"))
    build = subprocess.Popen(
        [sys.executable, "-m", "notice", "build", "--date", TODAY, "--no-cache", "--jobs", "2"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 120
        while not _children(build.pid) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _children(build.pid), "the build forked no worker"
        time.sleep(0.3)  # the workers at work
        os.killpg(build.pid, signal.SIGINT)
        _out, err = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
    assert err == "interrupted\n"
    assert build.returncode == cli.INTERRUPTED
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(build.pid, 0)  # nothing of the command is left


def test_serve_and_diff_compare_the_draft_with_the_latest_release(
    sample: Path, notice_here, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 2026-11-24, 2025-09-01 is in effect and 2027-01-01, 2027-01-15 and 2027-02-01
    (published) upcoming: the preview and `notice diff` both compare the draft with the
    latest, 2027-02-01, and say so."""
    from mkdocs.livereload import LiveReloadServer

    def stop(self: LiveReloadServer, *, open_in_browser: bool = False) -> None:
        raise KeyboardInterrupt  # what ends `mkdocs serve`, after its first build

    monkeypatch.setattr(LiveReloadServer, "serve", stop)
    monkeypatch.setattr(LiveReloadServer, "shutdown", lambda self, wait=False: None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AS_OF_TODAY["SOURCE_DATE_EPOCH"])
    served = notice_here(sample, "serve", "--dev-addr", "127.0.0.1:0")
    assert served.returncode == 0, served.stderr
    assert (
        f"privacy: the draft is compared with the latest release, {LATEST} "
        f"(page privacy/compare/{LATEST}/draft/)"
    ) in served.stdout.splitlines()

    preview = run_notice(sample, "build", "--preview", "--date", TODAY, "--site-dir", "preview")
    assert preview.returncode == 0, preview.stderr
    site = sample / "preview/privacy"
    assert sorted(p.name for p in (site / "compare").iterdir()) == [LATEST]
    assert (site / f"compare/{LATEST}/draft/index.html").is_file()
    draft = (site / "draft/index.html").read_text(encoding="utf-8")
    assert f'href="../compare/{LATEST}/draft/"' in draft
    # The draft's title says so in the page's language, not in English.
    assert re.search(r"<h1[^>]*>Personvernerklæring\W*\(\W*Utkast\W*\)", draft), draft[:3000]
    assert "(draft)" not in draft

    diff = run_notice(sample, "diff", "privacy", env=AS_OF_TODAY)
    assert diff.returncode == 0, diff.stderr
    first = diff.stdout.splitlines()[0]
    assert re.fullmatch(
        rf"privacy \[nb\]: {LATEST} \(the latest release\) -> draft, \d+ words changed", first
    ), first
    # Dates given: the versions named, no claim about which is the latest.
    named = run_notice(sample, "diff", "privacy", "2025-09-01", env=AS_OF_TODAY)
    assert named.stdout.startswith("privacy [nb]: 2025-09-01 -> draft, ")


def test_update_removes_a_byte_order_mark_and_says_so(sample: Path) -> None:
    catalog = sample / "locales/en/LC_MESSAGES/privacy.po"
    template = sample / "locales/privacy.pot"
    before = read_catalog(catalog, "en")
    for path in (catalog, template):
        path.write_bytes(BOM + path.read_bytes())
    msgfmt = shutil.which("msgfmt")
    if msgfmt:  # GNU gettext refuses the file as it is
        refused = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(catalog)], check=False)
        assert refused.returncode != 0
    result = run_notice(sample, "update")
    assert result.returncode == 0, result.stderr
    note = "(GNU msgfmt rejects a PO file that starts with one)"
    assert f"note: removed the byte order mark from locales/privacy.pot {note}" in result.stdout
    assert (
        f"note: removed the byte order mark from locales/en/LC_MESSAGES/privacy.po {note}\n"
        "updated locales/en/LC_MESSAGES/privacy.po\n"
    ) in result.stdout
    assert result.stdout.count("note:") == 2
    for path in (catalog, template):
        assert not path.read_bytes().startswith(BOM)
    after = read_catalog(catalog, "en")
    assert [(m.id, m.string, m.fuzzy) for m in after] == [(m.id, m.string, m.fuzzy) for m in before]
    assert after.revision_date == before.revision_date  # no translation changed
    if msgfmt:
        accepted = subprocess.run(
            [msgfmt, "-c", "-o", os.devnull, str(catalog)], capture_output=True, check=False
        )
        assert accepted.returncode == 0, accepted.stderr
    again = run_notice(sample, "update")
    assert "note:" not in again.stdout
    assert "unchanged locales/en/LC_MESSAGES/privacy.po" in again.stdout

"""Every command of ``notice`` against every bad input: a refusal or an answer, never a
traceback.

Each fixture of ``tests/fixtures/bad/`` breaks a copy of the sample project (fixtures with
the same edits make one project, run once). Every subcommand of ``notice`` runs on it
with ordinary arguments, in this process (``cli.main``, as ``notice`` runs it): it may
refuse (exit 1) or succeed, but nothing may escape but ``SystemExit``, and nothing may
print a traceback. ``serve`` runs its first build and stops where it would start to
listen. What a command writes into the project is undone before the next one runs.

Most fixtures break only a draft or a translation catalog. On such a project, the
commands that build (``stage``, ``build``, a part and ``assemble``, ``verify``, ``serve``)
first run the checks of ``check`` (``notice.site.stage``): where ``check`` refuses it,
they refuse with its message, as other fixtures show them do; where it accepts it, the
whole site is the sample's (a build without drafts shows the released record), built once
for the fixtures without edits, and only ``stage --draft`` and ``serve`` (which show the
drafts) run. On every other project, every command runs.
"""

from __future__ import annotations

import argparse
import re
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from notice.commands import cli
from tests.conftest import snapshot
from tests.e2e.test_bad_inputs import CASES, apply, load

#: Before the first version's effective date, and after the latest one's.
DAY = "2027-02-02"


def states() -> dict[str, list[Path]]:
    """The fixtures, grouped by the project they make (their edits)."""
    groups: dict[str, list[Path]] = {}
    for path in CASES:
        edits = yaml.safe_dump(load(path)["edits"], sort_keys=True)
        groups.setdefault(edits, []).append(path)
    return {paths[0].stem: paths for paths in groups.values()}


STATES = states()


#: What a draft or a translation of one is (a build without drafts renders neither).
DRAFTS = re.compile(r"docs/[^/]+/draft\.md|locales/.+\.po")


#: The commands that build, and those of them that build the whole site (not the drafts).
BUILDERS = {"stage", "build", "verify", "assemble", "serve"}
SITE = {"build", "verify", "assemble"}
#: The commands that write into the project (the others write where they are told).
WRITERS = {"extract", "update", "freeze-pdfs", "release", "withdraw", "timestamp", "new"}


def commands(project: Path, out: Path) -> list[list[str]]:
    """Every subcommand, with the arguments a user would give it in ``project``, ``check``
    first."""
    site, part = str(out / "site"), str(out / "part")
    return [
        ["check"],
        ["stats", "--json", "--min", "90"],
        ["next-change", "--date", DAY],
        ["diff", "privacy"],
        ["as-of", "privacy", "2026-01-01", "--lang", "sv", "--json"],
        ["announce", "privacy", "--date", "2026-12-01", "--out", str(out / "announcements")],
        ["stage", "--out", str(out / "stage"), "--date", DAY, "--draft"],
        ["build", "--date", DAY, "--site-dir", site],
        ["verify", site],
        ["build", "--date", DAY, "--languages", "nb,en", "--site-dir", part],
        ["assemble", part, "--site-dir", str(out / "assembled")],
        ["serve", "--dev-addr", "127.0.0.1:0"],
        ["extract"],
        ["update"],
        ["freeze-pdfs", "--date", DAY],
        ["release", "privacy", "--material", "--effective", "2027-06-01", "--without", "de"],
        ["withdraw", "privacy", "2027-01-01", "--because", "A test."],
        ["timestamp", "privacy"],
        ["new", str(project), "--source", "nb", "--languages", "en"],
    ]


def test_every_command_is_run() -> None:
    """A command added to ``notice`` is added here too."""
    parser = cli.parser()
    (choices,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    ran = {args[0] for args in commands(Path("p"), Path("o"))}
    assert ran == set(choices.choices)


def restore(root: Path, before: dict[str, bytes]) -> None:
    """Undo what a command wrote in the project (its outputs ``site/`` and ``.cache/``
    stay, as ``snapshot`` leaves them out)."""
    now = snapshot(root)
    for name in set(now) - set(before):
        (root / name).unlink()
    for name, data in before.items():
        if now.get(name) != data:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)


@pytest.fixture
def no_listening(monkeypatch: pytest.MonkeyPatch) -> None:
    """``mkdocs serve`` stops after its first build, where it would start to listen."""
    from mkdocs.livereload import LiveReloadServer

    def stop(self: LiveReloadServer, *, open_in_browser: bool = False) -> None:
        raise KeyboardInterrupt  # what ends `mkdocs serve`

    monkeypatch.setattr(LiveReloadServer, "serve", stop)
    monkeypatch.setattr(LiveReloadServer, "shutdown", lambda self, wait=False: None)


@pytest.mark.parametrize("state", sorted(STATES), ids=str)
def test_no_command_ends_in_a_traceback(
    state: str,
    sample: Path,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_listening: None,
) -> None:
    edits = load(STATES[state][0])["edits"]
    for edit in edits:
        apply(sample, edit)
    drafts_only = edits and all(DRAFTS.fullmatch(edit["file"]) for edit in edits)
    before = snapshot(sample)
    monkeypatch.chdir(sample)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    failures: list[str] = []
    timings: list[tuple[float, str]] = []
    accepted = None
    for args in commands(sample, tmp_path / "out"):
        if drafts_only and args[0] in (SITE if accepted else BUILDERS):
            continue
        capfd.readouterr()
        started = time.perf_counter()
        escaped, code = _run(cli.main, args)
        if args == ["check"]:
            accepted = code == 0
        timings.append((time.perf_counter() - started, args[0]))
        out, err = capfd.readouterr()
        if escaped or "Traceback" in out + err:
            failures.append(f"notice {' '.join(args)}:\n{escaped or out + err}")
        if args[0] in WRITERS:
            restore(sample, before)
    slowest = ", ".join(f"{name} {seconds:.1f} s" for seconds, name in sorted(timings)[-3:])
    assert not failures, f"{STATES[state]} (slowest: {slowest})\n" + "\n".join(failures)


def _run(main: Callable[[list[str]], int], args: list[str]) -> tuple[str, object]:
    """The traceback of what escaped ``main`` if anything but ``SystemExit`` did, and
    its exit status."""
    try:
        return "", main(args)
    except SystemExit as exc:
        return "", exc.code
    except BaseException:
        return traceback.format_exc(), None

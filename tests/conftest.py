"""Shared fixtures: copies of the sample project, so no test writes into the repository."""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"
PROJECT_PARTS = ("docs", "locales", "overrides", "mkdocs.yml")


def copy_project(target: Path) -> Path:
    """Copy the sample project (content and config, not code) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def only_fonts(folder: Path, scratch: Path) -> dict[str, str]:
    """An environment in which fontconfig knows only the fonts in ``folder`` (an empty
    one: no font at all), for what a PDF needs and lacks."""
    config = scratch / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{folder}</dir><cachedir>{scratch / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def unfreeze_pdfs(project: Path) -> Path:
    """A project as it was before PDFs were part of the record: no ``freeze-pdfs``
    entries in its registries, no PDFs beside its released texts (the build makes them)."""
    for registry in (project / "docs").glob("*/versions.yml"):
        text = registry.read_text(encoding="utf-8")
        registry.write_text(text.split("- kind: freeze-pdfs", 1)[0], encoding="utf-8")
    for pdf in (project / "docs").glob("*/versions/*/*.pdf"):
        pdf.unlink()
    return project


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the sample project."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def cldr_reads(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The languages whose data from CLDR Babel is asked for from now on (``nb`` for
    ``nb_NO``): every read, even of data Babel already holds."""
    from babel.core import Locale

    read: set[str] = set()
    data = Locale._data

    def reading(locale: Locale) -> object:
        read.add(str(locale).split("_")[0])
        return data.fget(locale)  # type: ignore[attr-defined]

    monkeypatch.setattr(Locale, "_data", property(reading))
    return read


@pytest.fixture
def ctrl_c() -> Iterator[None]:
    """Ctrl-C as a terminal's foreground job has it, in this process and in the commands
    it starts: a shell without job control starts a background job (``pytest &``) with
    Ctrl-C ignored, and a command inherits that."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


@pytest.fixture(autouse=True)
def _quiet_material(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes, to prove that nothing changed.

    The built site and the build cache (``.cache/``) are outputs, not sources.
    """
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] not in ("site", ".cache")
    }


def corpus_files() -> list[Path]:
    """The 22 real versions of a privacy statement kept under ``tests/data/corpus``."""
    return sorted(CORPUS.glob("[0-9]*.md"))


os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The clock of every command a test runs (the day a release is recorded, a build's default
# date): 2026-11-24, between the sample's last release and the day it takes effect, so
# that no test depends on the day it is run. A test of the real clock removes it.
TODAY_EPOCH = "1795478400"
os.environ.setdefault("SOURCE_DATE_EPOCH", TODAY_EPOCH)
# Tests never write into the repository: no example database in the working directory.
settings.register_profile("repo", database=None)
settings.load_profile("repo")
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="notice-hypothesis-"))


@dataclasses.dataclass(frozen=True)
class Ran:
    """What a command run in this process printed, and its exit status."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def notice_here(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Ran]:
    """Run a ``notice`` command in this process, in ``project``: what ``run_notice`` does
    in a new one, for the many refusals where starting Python would cost more than the
    command. Output is captured at the file descriptors, so what a forked process or a
    logging handler prints is in it too."""
    from notice.commands import cli

    def run(project: Path, *args: str) -> Ran:
        monkeypatch.chdir(project)
        capfd.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse refusing the command line
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capfd.readouterr()
        return Ran(code, out, err)

    return run


def run_notice(project: Path, *args: str, **options: object) -> subprocess.CompletedProcess[str]:
    """Run the ``notice`` command in ``project`` as a user would."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "notice", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        **options,
    )


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up early is not the test's concern


@contextlib.contextmanager
def serve(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve with ``handler`` on a free port of 127.0.0.1; yield the origin."""
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


#: The sample's latest version, whose facts change those of 2027-01-15 (a purpose, a
#: recipient, a transfer, a longer retention), and the day after, when it is in effect.
MAPPED_VERSION = "2027-02-01"
MAPPED_DAY = "2027-02-02"
#: The version the sample's draft (a corrected wording) becomes in ``release_the_wording``.
WORDING_VERSION = "2027-02-15"


def release_the_wording(project: Path) -> None:
    """Release the sample's draft, which only corrects the wording of 2027-02-01, as an
    editorial version: every translation but German, which is incomplete."""
    result = run_notice(
        project,
        "release",
        "privacy",
        "--editorial",
        "--effective",
        WORDING_VERSION,
        "--without",
        "de",
    )
    assert result.returncode == 0, result.stdout + result.stderr

"""The requirement ``notice new`` writes installs the tool as the publishing workflow does
(``pip install -r requirements.txt``): from a repository at a commit, here a bare clone of
this one at HEAD (a ``file://`` URL where a fork's would be ``https://``), into a fresh
virtual environment, with no network: ``--no-deps`` and ``--no-build-isolation``, the
build backend and the tool's dependencies taken from the suite's own environment (without
its copy of notice). The installed copy runs, and ships the site's words and the
skeleton's (package data)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from notice.project.requirement import check_requirements, vcs_requirement
from tests.conftest import REPO

#: What the workflow's ``pip install -r requirements.txt`` fetches from the package index,
#: here found in the suite's environment instead.
OFFLINE = ("--no-deps", "--no-build-isolation", "--no-index", "--disable-pip-version-check")


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _borrowed(folder: Path) -> Path:
    """The suite's installed packages, seen through links, without its own notice (an
    editable install pip would see as installed already)."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    folder.mkdir()
    for entry in purelib.iterdir():
        name = entry.name.lower()
        if name.startswith(("notice", "__editable__")) or name.endswith(".pth"):
            continue
        (folder / entry.name).symlink_to(entry)
    return folder


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_requirement_installs_the_tool_from_a_commit_of_its_repository(
    tmp_path: Path,
) -> None:
    commit = _git("-C", str(REPO), "rev-parse", "HEAD")
    repository = tmp_path / "notice.git"
    _git("clone", "--quiet", "--bare", str(REPO), str(repository))
    # file://localhost/…: the requirement's grammar (PEP 508) wants a host in a URL
    line = vcs_requirement(f"file://localhost{repository.as_posix()}", commit)
    assert line == f"notice @ git+file://localhost{repository.as_posix()}@{commit}"
    assert check_requirements(f"{line}\n", "requirements.txt") == []
    (tmp_path / "requirements.txt").write_text(f"{line}\n", encoding="utf-8")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    borrowed = _borrowed(tmp_path / "borrowed")
    Path(own, "borrowed.pth").write_text(f"{borrowed}\n", encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_"))}
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-r", "requirements.txt", *OFFLINE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    probe = (
        "import json, notice\n"
        "from importlib import metadata\n"
        "from notice.project.shipped import shipped_site_catalog\n"
        "from notice.project.skeleton import skeleton_words\n"
        "print(json.dumps({'file': notice.__file__,\n"
        "    'direct_url': json.loads(metadata.distribution('notice').read_text("
        "'direct_url.json')),\n"
        "    'site': shipped_site_catalog('pl') is not None,\n"
        "    'skeleton': skeleton_words('pl').title}))\n"
    )
    ran = subprocess.run(
        [str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=environment
    )
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    assert Path(found["file"]).is_relative_to(venv), "the installed copy, not the suite's"
    assert found["direct_url"]["vcs_info"]["commit_id"] == commit
    assert found["site"] is True
    assert found["skeleton"] == "Informacja o prywatności"
    version = subprocess.run(
        [str(venv / "bin" / "notice"), "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert version.returncode == 0, version.stderr
    assert "0.1.0" in version.stdout + version.stderr

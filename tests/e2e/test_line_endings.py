"""Files from Windows machines: a byte order mark and CRLF line endings are normal input.

Drafts, PO files, ``versions.yml`` and ``mkdocs.yml`` saved by a Windows editor give
the same findings and the same site; a checkout with ``core.autocrlf`` keeps the archive
intact thanks to ``.gitattributes``, and without it is told what happened and how to
restore the files.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project, run_notice

TODAY = "2026-11-24"
BOM = b"\xef\xbb\xbf"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _windows(path: Path, *, bom: bool, crlf: bool) -> None:
    data = path.read_bytes()
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    if bom:
        data = BOM + data
    path.write_bytes(data)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, bytes]]:
    """The findings of `notice check` and the site, from the sample as it is."""
    project = copy_project(tmp_path_factory.mktemp("plain") / "project")
    check = run_notice(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_notice(project, "build", "--date", TODAY, "--no-cache")
    assert build.returncode == 0, build.stderr
    return check.stdout, _tree(project / "site")


@pytest.mark.parametrize(
    ("bom", "crlf"), [(True, False), (False, True), (True, True)], ids=["bom", "crlf", "both"]
)
def test_windows_files_give_the_same_findings_and_the_same_site(
    tmp_path: Path, reference: tuple[str, dict[str, bytes]], bom: bool, crlf: bool
) -> None:
    project = copy_project(tmp_path / "project")
    edited = [
        project / "docs/privacy/draft.md",
        project / "docs/cookies/draft.md",
        project / "docs/index.md",
        project / "locales/en/LC_MESSAGES/privacy.po",
        project / "locales/sv/LC_MESSAGES/site.po",
        project / "locales/privacy.pot",
        project / "docs/privacy/versions.yml",
        project / "mkdocs.yml",
    ]
    for path in edited:
        _windows(path, bom=bom, crlf=crlf)
    check = run_notice(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == reference[0]
    stats = run_notice(project, "stats")
    assert stats.returncode == 0, stats.stderr
    build = run_notice(project, "build", "--date", TODAY, "--no-cache")
    assert build.returncode == 0, build.stderr
    site = _tree(project / "site")
    assert site.keys() == reference[1].keys()
    assert [name for name in site if site[name] != reference[1][name]] == []


def test_a_release_from_a_windows_draft_freezes_the_text_with_unix_line_endings(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    draft = project / "docs/cookies/draft.md"
    draft.write_text(
        draft.read_text(encoding="utf-8")
        .replace("changes:", "changes: Ny kontaktadresse.\nold_changes:")
        .replace("Har du spørsmål", "Lurer du på noe"),
        encoding="utf-8",
    )
    _windows(draft, bom=True, crlf=True)
    _windows(project / "docs/cookies/versions.yml", bom=True, crlf=True)
    result = run_notice(
        project, "release", "cookies", "--material", "--effective", "2027-06-01",
        "--published", "2027-04-01", "--without", "de", "--without", "en", "--without", "sv",
        "--without", "ar",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    frozen = (project / "docs/cookies/versions/2027-06-01/nb.md").read_bytes()
    assert not frozen.startswith(BOM)
    assert b"\r" not in frozen
    registry = (project / "docs/cookies/versions.yml").read_bytes()
    assert registry.startswith(BOM)
    assert b"\n" not in registry.replace(b"\r\n", b"")  # its own line endings, kept
    check = run_notice(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("attributes", [True, False], ids=["gitattributes", "none"])
def test_a_checkout_with_autocrlf_keeps_the_archive_intact(
    tmp_path: Path, attributes: bool
) -> None:
    origin = copy_project(tmp_path / "origin")
    if attributes:
        shutil.copy2(REPO / ".gitattributes", origin / ".gitattributes")
    _git(origin, "init", "-q")
    _git(origin, "add", ".")
    _git(origin, "commit", "-q", "-m", "sample")
    _git(tmp_path, "-c", "core.autocrlf=true", "clone", "-q", "origin", "windows")
    clone = tmp_path / "windows"
    assert b"\r\n" in (clone / "docs/privacy/draft.md").read_bytes(), "autocrlf did not apply"
    check = run_notice(clone, "check")
    if attributes:
        assert check.returncode == 0, check.stdout
        frozen = clone / "docs/privacy/versions/2025-09-01/en.md"
        assert frozen.read_bytes() == (origin / frozen.relative_to(clone)).read_bytes()
    else:
        assert check.returncode == 1
        assert (
            "docs/privacy/versions/2025-09-01/en.md: error: released file has other line "
            "endings (CRLF) than when it was released"
        ) in check.stdout
        assert "released text was changed" not in check.stdout

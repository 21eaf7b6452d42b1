"""A site built in parts (as a CI matrix would, one job per group of languages) and
assembled is byte for byte the site one `notice build` makes; parts that do not fit
together are refused, and nothing is written."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_notice

DAY = "2026-11-24"


def _files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _ok(project: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = run_notice(project, *args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("parts") / "project")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_parts_assembled_are_the_site_one_build_makes(project: Path, engine: str) -> None:
    """The build date is an argument of every step, never read from the environment:
    the parts and the assembly run without SOURCE_DATE_EPOCH, the whole build with one
    that names another day, and they give the same bytes (``sitemap.xml.gz``'s date
    included)."""
    common = ("--date", DAY, "--engine", engine)
    bare = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    other_day = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14
    _ok(project, "build", *common, "--languages", "en,nb", "--site-dir", f"{engine}-1", env=bare)
    _ok(project, "build", *common, "--languages", "ar,de,sv", "--site-dir", f"{engine}-2", env=bare)
    out = _ok(
        project, "assemble", f"{engine}-2", f"{engine}-1", "--site-dir", f"{engine}-site", env=bare
    )
    assert out.startswith("assembled ")
    _ok(project, "build", *common, "--site-dir", f"{engine}-whole", env=other_day)
    whole, assembled = _files(project / f"{engine}-whole"), _files(project / f"{engine}-site")
    assert sorted(whole) == sorted(assembled)
    assert whole == assembled
    assert len(whole) > 100
    _holds_only(project / f"{engine}-1", {"en", "nb"}, {"ar", "de", "sv"})
    _holds_only(project / f"{engine}-2", {"ar", "de", "sv"}, {"en", "nb"})


def _holds_only(part: Path, mine: set[str], others: set[str]) -> None:
    """A part carries its languages' renderings, feeds, calendars, released texts, PDFs
    and sitemap entries, and none of the other languages'; the manifest and
    ``versions.json`` still name every language."""
    assert {p.name for p in (part / "languages").iterdir()} == mine
    files = {p.relative_to(part / "files").as_posix() for p in (part / "files").rglob("*")}
    pdfs = {Path(path).stem for path in files if path.endswith(".pdf")}
    assert pdfs == mine
    texts = {Path(path).stem for path in files if "/versions/" in path and path.endswith(".md")}
    assert texts == mine  # the record's texts: each part its languages'
    feeds = {path.split("/")[0] for path in files if path.endswith("/feed.xml")}
    assert feeds & others == set()
    assert {"en", "ar"} & mine <= feeds
    manifest = json.loads((part / "stage.json").read_text(encoding="utf-8"))
    assert {language["code"] for language in manifest["languages"]} == mine | others
    versions = json.loads((part / "files/versions.json").read_text(encoding="utf-8"))
    listed = {
        code
        for notice in versions["notices"]
        for version in notice["versions"]
        for code, entry in version["languages"].items()
        if "pdf" in entry
    }
    assert listed == mine  # the others' PDFs are added by `notice assemble`
    prefixes = {language["prefix"]: language["code"] for language in manifest["languages"]}
    sitemap = (part / "files/sitemap.xml").read_text(encoding="utf-8")
    paths = [loc.split("/", 3)[3] for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    listed = {prefixes.get(path.split("/")[0] + "/", prefixes[""]) for path in paths}
    assert listed == mine  # the sitemap: its pages alone (`notice assemble` joins them)


def _parts(project: Path, *specs: tuple[str, str]) -> None:
    for languages, folder in specs:
        if not (project / folder).exists():
            _ok(project, "build", "--date", DAY, "--languages", languages, "--site-dir", folder)


def _refused(project: Path, *args: str) -> str:
    result = run_notice(project, "assemble", *args, "--site-dir", "refused")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert not (project / "refused").exists()
    return result.stderr.strip()


def test_assemble_refuses_parts_that_do_not_fit(project: Path, tmp_path: Path) -> None:
    _parts(project, ("nb,en", "p-1"), ("sv,de,ar", "p-2"), ("sv", "p-sv"), ("de,ar", "p-3"))
    assert _refused(project, "p-1", "p-2", "p-sv") == (
        "error: 'sv' is in p-2 and in p-sv: in one part only"
    )
    assert _refused(project, "p-1", "p-3") == (
        "error: 'sv' is in no part (build it: notice build --languages sv --site-dir DIR)"
    )
    assert _refused(project, "p-1", "nowhere") == (
        "error: nowhere is not a part of a site (it has no notice-part.json) (build one with "
        "`notice build --languages L1,L2 --site-dir DIR`)"
    )
    shutil.copytree(project / "p-2", project / "p-cut")
    sitemap = project / "p-cut/files/sitemap.xml"
    sitemap.write_bytes(sitemap.read_bytes()[:-200])  # cut short, as by a full disk
    assert re.fullmatch(
        r"error: p-cut/files/sitemap\.xml: not the sitemap of a part \(.*: line \d+, column \d+\)",
        _refused(project, "p-1", "p-cut"),
    )
    sitemap.unlink()
    assert _refused(project, "p-1", "p-cut") == (
        "error: p-cut/files/sitemap.xml: not the sitemap of a part (No such file or directory)"
    )
    sitemap.write_bytes((project / "p-1/files/sitemap.xml").read_bytes())  # another part's
    assert _refused(project, "p-1", "p-cut") == (
        "error: p-cut/files/sitemap.xml: https://personvern.fjordkontor.example/ is not a page "
        "of this part's languages (sv, de, ar) (build the part again: notice build --languages "
        "sv,de,ar --site-dir DIR)"
    )
    meta = project / "p-cut/notice-part.json"  # a part of the format before this one
    meta.write_text(meta.read_text(encoding="utf-8").replace('"schema": 3', '"schema": 2'))
    assert _refused(project, "p-1", "p-cut") == (
        "error: p-cut/notice-part.json: a part of another version of notice (schema 2) (build "
        "every part with the same version: notice build --languages L1,L2 --site-dir DIR)"
    )
    _ok(project, "build", "--date", "2026-11-25", "--languages", "sv,de,ar", "--site-dir", "p-day")
    assert _refused(project, "p-1", "p-day") == (
        "error: p-day was built as of 2026-11-25, p-1 as of 2026-11-24 (build every part with "
        "the same --date)"
    )
    other = copy_project(tmp_path / "other")  # the site's words changed in one language
    catalog = other / "locales/sv/LC_MESSAGES/site.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Status"', 'msgstr "Läge"', 1), encoding="utf-8")
    assert catalog.read_text(encoding="utf-8") != text
    _ok(other, "build", "--date", DAY, "--languages", "sv,de,ar", "--site-dir", "p-other")
    os.rename(other / "p-other", project / "p-other")
    assert _refused(project, "p-1", "p-other") == (
        "error: p-other was built from other inputs than p-1: their sources differ (build "
        "every part from the same commit)"
    )


def test_a_broken_translation_stops_the_part_that_makes_its_language(tmp_path: Path) -> None:
    """A part without drafts reads and checks the drafts' translations of its own
    languages only: a broken one stops the whole build and the part that makes its
    language, with the same message; another part does not see it, and no site can be
    assembled without the part that stops."""
    project = copy_project(tmp_path / "project")
    catalog = project / "locales/en/LC_MESSAGES/privacy.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace('msgstr "Children"', 'msgstr "Children<script>x()</script>"', 1),
        encoding="utf-8",
    )
    line = text.split('msgstr "Children"')[0].count("\n")  # its msgid's
    refused = (
        f"error: locales/en/LC_MESSAGES/privacy.po:{line}: unsafe HTML: it contains a "
        "<script> tag; it is never published"
    )
    for args in (("--site-dir", "whole"), ("--languages", "nb,en", "--site-dir", "p-1")):
        result = run_notice(project, "build", "--date", DAY, *args)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [refused]
    assert not (project / "whole").exists()
    assert not (project / "p-1").exists()
    part = ("--languages", "sv,de,ar", "--site-dir", "p-2")
    out = run_notice(project, "build", "--date", DAY, *part)
    assert out.returncode == 0, out.stderr
    assert "locales/en/" not in out.stdout + out.stderr  # neither checked nor counted
    assert _refused(project, "p-2") == (
        "error: 'nb', 'en' are in no part (build it: notice build --languages nb,en --site-dir DIR)"
    )


def test_build_refuses_a_part_of_no_language_of_the_site(project: Path) -> None:
    result = run_notice(project, "build", "--languages", "fr", "--site-dir", "p-fr")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: --languages fr: fr is not a language of this site (the site's languages: "
        "nb, en, sv, de, ar)"
    )
    assert not (project / "p-fr").exists()


def test_the_readmes_matrix_uses_the_workflows_actions() -> None:
    """The README's CI matrix parses, names real actions at the versions of the workflow
    `notice new` writes, and runs `notice build --languages` then `notice assemble`."""
    import re

    import yaml

    from notice.commands.new import WORKFLOW
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n### Many languages, many machines\n", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    matrix = yaml.safe_load(block.group(1))
    steps = [step for job in matrix["jobs"].values() for step in job["steps"]]
    used = {step["uses"] for step in steps if "uses" in step}
    workflow = yaml.safe_load(WORKFLOW)
    ours = {s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s}
    names = {action.split("@")[0]: action for action in ours}
    for action in used:
        name = action.split("@")[0]
        if name in names:
            assert action == names[name], action
        else:
            assert action in {  # pinned as the workflow's actions are: the commit of a tag
                "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f",  # v7.0.0
                "actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c",  # v8.0.1
            }
    runs = " ".join(step["run"] for step in steps if "run" in step)
    assert "notice build --date" in runs
    assert "--languages" in runs
    assert "notice assemble parts/* --site-dir site" in runs

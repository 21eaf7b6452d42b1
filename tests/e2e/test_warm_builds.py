"""Warm builds skip what did not change, and give the bytes a cold build gives.

A language whose staged pages, settings and engine are unchanged is taken from the
previous build (``notice.engines.reuse``); a page whose Markdown and settings are
unchanged reuses its rendered HTML (``notice.engines.rendered``). Each test compares
a warm build with a build of the same sources without the cache, and looks at what was
reused: the kept files (hard links) and the kept pages (marked in the cache)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_notice

TODAY = "2026-11-24"
CACHE = Path(".cache/notice")
MARK = "<p>KEPT-MARK</p>"


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _build(project: Path, site: str, *args: str, day: str = TODAY) -> Path:
    result = run_notice(project, "build", "--date", day, "--site-dir", site, *args)
    assert result.returncode == 0, result.stderr
    return project / site


def _kept(project: Path, code: str, page: str) -> Path:
    return project / CACHE / "languages/mkdocs" / code / "out" / page


def _same(first: Path, second: Path) -> None:
    one, two = _tree(first), _tree(second)
    assert len(one) > 100
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_build_with_nothing_changed_renders_nothing(project: Path) -> None:
    cold = _build(project, "cold", "--no-cache")
    _build(project, "first")
    warm = _build(project, "warm")
    _same(cold, warm)
    for code, page in (("nb", "privacy/index.html"), ("de", "de/privacy/index.html")):
        assert (warm / page).stat().st_ino == _kept(project, code, page).stat().st_ino, code


def test_a_changed_word_renders_its_language_again_and_only_it(project: Path) -> None:
    _build(project, "first")
    page = "sv/privacy/versions/2027-02-01/index.html"
    before = _kept(project, "sv", page).stat().st_ino
    site_po = project / "locales/sv/LC_MESSAGES/site.po"
    text = site_po.read_text(encoding="utf-8")
    old = 'msgid "At a glance"\nmsgstr "I korthet"\n'
    assert old in text
    site_po.write_text(text.replace(old, old.replace("I korthet", "Kort om oss")), "utf-8")
    warm = _build(project, "warm")
    _same(_build(project, "cold", "--no-cache"), warm)
    assert "Kort om oss" in (warm / page).read_text(encoding="utf-8")
    assert (warm / page).stat().st_ino != before  # sv rendered again
    german = "de/privacy/index.html"
    assert (warm / german).stat().st_ino == _kept(project, "de", german).stat().st_ino


def test_a_page_whose_markdown_is_unchanged_is_not_converted_again(project: Path) -> None:
    """Every kept page of Swedish is marked; Swedish is rendered again after a word of
    its compare pages' Markdown changed: the pages whose Markdown did not change carry
    the mark (their HTML came from the cache), those whose Markdown changed do not
    (never a stale page), and the site is what a cold build makes."""
    _build(project, "first")
    marked = 0
    for entry in (project / CACHE / "rendered/sv").rglob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["value"]["content"] += MARK
        entry.write_text(json.dumps(data), encoding="utf-8")
        marked += 1
    assert marked > 10
    site_po = project / "locales/sv/LC_MESSAGES/site.po"
    text = site_po.read_text(encoding="utf-8")
    old = 'msgstr[1] "%(count)s oförändrade avsnitt: %(first)s till %(last)s"'
    assert old in text
    site_po.write_text(text.replace(old, old.replace("avsnitt:", "avsnitt, från")), "utf-8")
    warm = _build(project, "warm")
    compare = (warm / "sv/privacy/compare/2025-09-01/2027-01-01/index.html").read_text("utf-8")
    assert "oförändrade avsnitt, från" in compare
    assert MARK not in compare
    history = (warm / "sv/privacy/versions/index.html").read_text(encoding="utf-8")
    assert MARK in history
    unmarked = _tree(warm)
    unmarked = {path: data.replace(MARK.encode(), b"") for path, data in unmarked.items()}
    cold = _tree(_build(project, "cold", "--no-cache"))
    assert unmarked == cold


def test_the_next_day_gives_what_a_cold_build_of_that_day_gives(project: Path) -> None:
    _build(project, "first")
    _same(
        _build(project, "cold", "--no-cache", day="2026-11-25"),
        _build(project, "warm", day="2026-11-25"),
    )


def test_a_kept_file_changed_in_place_is_not_reused(project: Path) -> None:
    """The kept files are linked into the site: a site edited in place (a deploy step
    that rewrites a page) must not change what the next build publishes."""
    first = _build(project, "first")
    page = first / "de/privacy/index.html"
    original = page.read_bytes()
    with page.open("r+b") as stream:  # in place: the same file as the kept one
        stream.write(b"<!-- edited -->")
    warm = _build(project, "warm")
    assert (warm / "de/privacy/index.html").read_bytes() == original

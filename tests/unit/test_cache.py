"""The build cache: same pages with it as without, and never a stale or damaged entry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from notice.core import cache as cache_module
from notice.core.cache import Cache, cache_key
from notice.project.config import load_project
from notice.project.sources import load_sources
from notice.site import redlines as redlines_module
from notice.site.pages import Options, build_pages
from notice.text.markdown import markdown_renderer
from notice.text.segment import Document, segment_markdown
from tests.conftest import corpus_files


def test_an_entry_is_computed_once_then_read(tmp_path: Path) -> None:
    calls = []

    def compute() -> dict[str, object]:
        calls.append(1)
        return {"body": "text", "sections": [["changed", "a", "A", None]]}

    first = Cache(tmp_path)
    assert first.get("redline", ("a", "b"), compute) == compute()
    second = Cache(tmp_path)  # another build
    assert second.get("redline", ("a", "b"), compute) == {
        "body": "text",
        "sections": [["changed", "a", "A", None]],
    }
    assert (second.hits, second.misses) == (1, 0)
    assert len(calls) == 2  # the first build's call, and the comparison above


def test_keys_tell_every_input_apart() -> None:
    assert cache_key("redline", ("ab", "c")) != cache_key("redline", ("a", "bc"))
    assert cache_key("redline", ("a",)) != cache_key("segments", ("a",))
    assert cache_key("redline", ("a", "")) != cache_key("redline", ("a",))


def test_new_code_never_reads_old_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Cache(tmp_path).get("redline", ("a",), lambda: "old")
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version")
    assert Cache(tmp_path).get("redline", ("a",), lambda: "new") == "new"


def test_a_damaged_entry_is_computed_again(tmp_path: Path) -> None:
    Cache(tmp_path).get("redline", ("a",), lambda: "right")
    (entry,) = tmp_path.glob("??/*.json")
    for damage in (b'{"key": "', b"\xff\xfe", b'{"key": "elsewhere", "value": "wrong"}'):
        entry.write_bytes(damage)
        again = Cache(tmp_path)
        assert again.get("redline", ("a",), lambda: "right") == "right"
        assert again.misses == 1
        assert json.loads(entry.read_text(encoding="utf-8"))["value"] == "right"


def test_what_json_cannot_keep_is_not_kept(tmp_path: Path) -> None:
    value = {"front_matter": {1: "an integer key"}}
    assert Cache(tmp_path).get("segments", ("a",), lambda: value) == value
    assert list(tmp_path.rglob("*.json")) == []


def test_an_unwritable_folder_is_only_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = Cache(blocker / "notice")
    assert cache.get("redline", ("a",), lambda: "value") == "value"
    assert cache.get("redline", ("b",), lambda: "other") == "other"
    assert [r.getMessage() for r in caplog.records if "cannot be written" in r.getMessage()]
    assert len([r for r in caplog.records if "cannot be written" in r.getMessage()]) == 1


def test_prune_keeps_only_what_the_build_used(tmp_path: Path) -> None:
    old = Cache(tmp_path)
    old.get("redline", ("gone",), lambda: "x")
    old.get("redline", ("kept",), lambda: "y")
    build = Cache(tmp_path)
    build.get("redline", ("kept",), lambda: "y")
    assert build.prune() == 1
    assert [p.stem for p in tmp_path.glob("??/*.json")] == [cache_key("redline", ("kept",))]


@pytest.mark.parametrize("path", corpus_files()[::7], ids=lambda p: p.stem)
def test_segments_come_back_from_their_data(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    document = segment_markdown(text, "x.md")
    data = json.loads(json.dumps(document.to_data()))
    assert Document.from_data(text, "x.md", data) == document


def test_a_warm_build_makes_the_same_pages_without_diffing(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = load_project(sample / "mkdocs.yml")
    to_html = markdown_renderer(list(project.markdown_extensions), project.mdx_configs)
    day = date(2026, 11, 24)

    def pages(cache: Cache) -> dict[str, str]:
        sources = load_sources(project, cache=cache)
        site = build_pages(sources, to_html, Options(today=day), cache)
        return {page.path: page.text for page in site.pages}

    plain = pages(Cache(None))
    cold = Cache(sample / ".cache")
    assert pages(cold) == plain
    assert cold.hits == 0
    assert cold.misses > 0

    def no_diff(*args: object) -> None:
        raise AssertionError("a cached redline was computed again")

    monkeypatch.setattr(redlines_module, "diff_documents", no_diff)
    warm = Cache(sample / ".cache")
    assert pages(warm) == plain
    assert warm.misses == 0
    assert warm.hits == cold.misses


def test_redlines_computed_on_several_processes_give_the_same_pages(sample: Path) -> None:
    project = load_project(sample / "mkdocs.yml")
    to_html = markdown_renderer(list(project.markdown_extensions), project.mdx_configs)
    day = date(2026, 11, 24)
    here = build_pages(load_sources(project), to_html, Options(today=day))
    forked = build_pages(load_sources(project), to_html, Options(today=day), workers=3)
    assert forked.pages == here.pages
    assert [p.text for p in forked.pages] == [p.text for p in here.pages]
    compare = next(p for p in forked.pages if "/compare/" in p.path)
    assert compare.meta.notice.sections, "a compare page gets its section map"
    assert "<del" in compare.body or "<ins" in compare.body, "and its redline"


def test_the_site_strings_are_extracted_again_only_when_a_template_changes(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from notice.project import site_strings

    project = load_project(sample / "mkdocs.yml")
    plain = site_strings.site_template(project)
    assert len(plain) > 50
    cold = Cache(sample / ".cache")
    assert _messages(site_strings.site_template(project, cold)) == _messages(plain)
    calls = []
    extract = site_strings._extract
    monkeypatch.setattr(site_strings, "_extract", lambda p: calls.append(1) or extract(p))
    warm = Cache(sample / ".cache")
    assert _messages(site_strings.site_template(project, warm)) == _messages(plain)
    assert calls == []  # read from the cache, plural messages as tuples again
    banner = next((project.overrides_dir).rglob("notice-*.html"))
    banner.write_text(
        banner.read_text(encoding="utf-8") + '\n{{ _("A sentence added to a template") }}\n',
        encoding="utf-8",
    )
    changed = site_strings.site_template(project, Cache(sample / ".cache"))
    assert calls == [1]
    assert "A sentence added to a template" in _messages(changed)


def test_without_a_cache_the_templates_are_read_once_per_process_until_they_change(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same templates (names and bytes) are extracted once in a process; a changed
    template is read again."""
    from notice.project import site_strings

    project = load_project(sample / "mkdocs.yml")
    first = site_strings.site_template(project)
    calls = []
    extract = site_strings._extract
    monkeypatch.setattr(site_strings, "_extract", lambda p: calls.append(1) or extract(p))
    again = site_strings.site_template(project)
    assert calls == []
    assert _messages(again) == _messages(first)
    banner = next((project.overrides_dir).rglob("notice-*.html"))
    banner.write_text(
        banner.read_text(encoding="utf-8") + '\n{{ _("Another sentence in a template") }}\n',
        encoding="utf-8",
    )
    changed = site_strings.site_template(project)
    assert calls == [1]
    assert "Another sentence in a template" in _messages(changed)


def _messages(catalog: object) -> dict[object, object]:
    return {m.id: (m.locations, m.auto_comments) for m in catalog if m.id}  # type: ignore[attr-defined]

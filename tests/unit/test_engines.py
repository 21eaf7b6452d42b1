"""The engines layer in process, on hand-made folders (no sample, no site generator run):
the assembler joins renderings and finishes a site the same way whatever the
environment says, kept renderings are reused only when nothing changed, and a new site
replaces the old one whole or not at all."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest

from notice.engines import reuse
from notice.engines.assembly import SITEMAP_GZ, assemble, finish, language_stage, staged_files
from notice.engines.folders import remove_leftovers, swap, work_folder
from notice.engines.rendered import RenderedPages, stable_data
from notice.site.manifest import Manifest, StagedLanguage
from notice.site.stage import FILES, PAGES

DAY = date(2027, 3, 1)


def _manifest(today: date = DAY, codes: tuple[str, ...] = ("nb", "en")) -> Manifest:
    languages = tuple(
        StagedLanguage(code, code.upper(), f"Site {code}", "" if i == 0 else f"{code}/")
        for i, code in enumerate(codes)
    )
    return Manifest(today, "https://example.org/", codes[0], languages, schema=1)


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _outputs(tmp_path: Path) -> dict[str, Path]:
    return {
        "nb": _write(
            tmp_path / "out-nb",
            {"index.html": "nb", "404.html": "<html>nb 404</html>", "assets/app.js": "js"},
        ),
        "en": _write(
            tmp_path / "out-en", {"en/index.html": "en", "en/404.html": "<html>en 404</html>"}
        ),
    }


def test_assemble_puts_each_language_in_its_folder_and_the_staged_files_at_the_root(
    tmp_path: Path,
) -> None:
    files = {"sitemap.xml": b"<urlset/>", "en/feed.xml": b"<feed/>"}
    site = assemble(_outputs(tmp_path), _manifest(), files, tmp_path / "site")
    tree = _tree(site)
    assert tree["index.html"] == b"nb"
    assert tree["en/index.html"] == b"en"
    assert tree["assets/app.js"] == b"js"
    assert tree["en/feed.xml"] == b"<feed/>"
    assert tree["sitemap.xml"] == b"<urlset/>"
    assert gzip.decompress(tree[SITEMAP_GZ]) == b"<urlset/>"


def test_the_compressed_sitemap_is_dated_by_the_build_date_not_the_environment(
    tmp_path: Path,
) -> None:
    """gzip keeps a time in its header: it is the build's date, whatever
    ``SOURCE_DATE_EPOCH`` says (or if it says nothing), in a process of its own."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tests.unit.test_engines import _manifest\n"
        "from notice.engines.assembly import finish\n"
        "site = Path(sys.argv[1]); site.mkdir()\n"
        "finish(site, _manifest(), {'sitemap.xml': b'<urlset/>'})\n"
    )
    made = []
    for name, epoch in (("with", "86400"), ("without", None)):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / name)],
            env=env,
            check=True,
            cwd=Path.cwd(),
        )
        made.append((tmp_path / name / SITEMAP_GZ).read_bytes())
    assert made[0] == made[1]
    stamp = int.from_bytes(made[0][4:8], "little")
    assert date.fromtimestamp(stamp) == DAY


def test_finish_never_writes_into_a_file_linked_elsewhere(tmp_path: Path) -> None:
    """A kept rendering is hard-linked into the site: writing the staged files must make
    new files, not change the kept ones through the link."""
    kept = _write(tmp_path / "kept", {"sitemap.xml": "old"})
    site = tmp_path / "site"
    site.mkdir()
    os.link(kept / "sitemap.xml", site / "sitemap.xml")
    finish(site, _manifest(), {"sitemap.xml": b"new"})
    assert (site / "sitemap.xml").read_bytes() == b"new"
    assert (kept / "sitemap.xml").read_text() == "old"


def test_each_language_s_404_page_is_moved_where_hosts_look(tmp_path: Path) -> None:
    site = assemble(_outputs(tmp_path), _manifest(), {}, tmp_path / "site")
    assert "nb 404" in (site / "404.html").read_text()
    assert "en 404" in (site / "en" / "404.html").read_text()


def test_a_language_stage_holds_its_pages_and_a_manifest_naming_it_alone(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "staged",
        {f"{PAGES}/nb/index.md": "nb", f"{PAGES}/en/index.md": "en", f"{FILES}/a.txt": "a"},
    )
    _manifest().write(folder)
    one = language_stage(folder, "en", tmp_path / "one-en")
    assert _tree(one / PAGES) == {"en/index.md": b"en"}
    assert [language.code for language in Manifest.read(one).languages] == ["en"]
    assert staged_files(folder) == {"a.txt": b"a"}


def _staged_language(tmp_path: Path, page: str, today: date = DAY) -> Path:
    folder = _write(tmp_path / f"staged-{today}-{page}", {f"{PAGES}/en/index.md": page})
    _manifest(today).only("en").write(folder)
    return folder


def test_a_language_s_key_follows_its_pages_and_not_the_build_date(tmp_path: Path) -> None:
    key = reuse.language_key("inputs", _staged_language(tmp_path, "a"))
    assert reuse.language_key("inputs", _staged_language(tmp_path, "a", date(2027, 3, 2))) == key
    assert reuse.language_key("inputs", _staged_language(tmp_path, "b")) != key
    assert reuse.language_key("other", _staged_language(tmp_path, "a")) != key


def test_a_kept_rendering_is_reused_for_its_key_only_and_unchanged(tmp_path: Path) -> None:
    out = _write(tmp_path / "out", {"en/index.html": "rendered"})
    kept = tmp_path / "cache" / "en"
    reuse.keep(kept, "k1", out)

    assert not reuse.reuse(kept, "k2", tmp_path / "other-key")
    assert reuse.reuse(kept, "k1", tmp_path / "again")
    assert _tree(tmp_path / "again") == {"en/index.html": b"rendered"}

    # Changed in place through a site it was linked into: never reused.
    with (tmp_path / "again" / "en" / "index.html").open("a") as page:
        page.write(" and changed")
    assert not reuse.reuse(kept, "k1", tmp_path / "after-change")


def test_a_broken_record_is_a_miss_not_an_error(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    _write(kept, {reuse.RECORD: "{not json", "out/a.html": "a"})
    assert not reuse.reuse(kept, "k", tmp_path / "out")


def test_the_engine_inputs_follow_the_overrides(tmp_path: Path) -> None:
    class Project:
        raw: ClassVar[dict[str, str]] = {"site_name": "x"}
        overrides_dir = tmp_path / "overrides"

    before = reuse.engine_inputs(Project(), "mkdocs")
    _write(Project.overrides_dir, {"main.html": "{% extends 'base.html' %}"})
    assert reuse.engine_inputs(Project(), "mkdocs") != before
    assert reuse.engine_inputs(Project(), "zensical") != reuse.engine_inputs(Project(), "mkdocs")


def test_a_new_site_replaces_the_old_one_whole_or_not_at_all(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", {"index.html": "old"})
    with pytest.raises(RuntimeError), work_folder(site, "build", tmp_path) as work:
        _write(work / "result", {"index.html": "half"})
        raise RuntimeError("the build failed halfway")
    assert _tree(site) == {"index.html": b"old"}
    with work_folder(site, "build", tmp_path) as work:
        _write(work / "result", {"index.html": "new"})
    assert _tree(site) == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_that_is_a_link_is_refused_before_anything_is_removed(tmp_path: Path) -> None:
    target = _write(tmp_path / "elsewhere", {"keep.txt": "mine"})
    (tmp_path / "site").symlink_to(target)
    with pytest.raises(Exception, match="link"), work_folder(tmp_path / "site", "build", tmp_path):
        pass
    assert _tree(target) == {"keep.txt": b"mine"}


def test_only_a_gone_process_s_leftovers_are_removed(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (tmp_path / f".site-build-{gone}-x").mkdir()
    (tmp_path / f".site-build-{os.getpid()}-y").mkdir()
    remove_leftovers(tmp_path, ".site-build-")
    assert [p.name for p in tmp_path.iterdir()] == [f".site-build-{os.getpid()}-y"]


def test_swap_puts_the_new_site_in_place(tmp_path: Path) -> None:
    old = _write(tmp_path / "site", {"a": "old"})
    new = _write(tmp_path / "new", {"a": "new"})
    swap(new, old)
    assert _tree(tmp_path / "site") == {"a": b"new"}
    assert not new.exists()
    assert not (tmp_path / ".site-old").exists()


def _pages(tmp_path: Path, text: str) -> tuple[Any, Any, Any]:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    docs = _write(tmp_path / "docs", {"en/index.md": text, "en/other.md": "# Other\n"})
    config = load_config(
        config_file=None, site_name="t", docs_dir=str(docs), markdown_extensions=["toc"]
    )
    files = get_files(config)
    file = files.get_file_from_path("en/index.md")
    assert file is not None
    page = Page(None, file, config)
    page.read_source(config)
    return config, files, page


def _render(
    cache: Path, tmp_path: Path, text: str, link_title: str = ""
) -> tuple[str, list[str], int]:
    config, files, page = _pages(tmp_path, text)
    if link_title:
        config.mdx_configs["toc"] = {"permalink": True, "permalink_title": link_title}
    rendered = RenderedPages(cache)
    rendered.take(page)
    page.render(config, files)
    return page.content, [item.id for item in page.toc], rendered.hits


def test_a_page_with_the_same_markdown_reuses_its_html_and_contents(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    text = "# Title\n\n## Who we are\n\nSee [the other page](other.md).\n"
    cold = _render(cache, tmp_path / "a", text)
    assert cold[2] == 0
    warm = _render(cache, tmp_path / "b", text)
    assert warm == (cold[0], cold[1], 1)
    changed = _render(cache, tmp_path / "c", text.replace("Who we are", "Who we were"))
    assert changed[2] == 0
    assert "Who we were" in changed[0]


def test_settings_read_the_same_in_every_process() -> None:
    """A function or a set in an extension's settings is keyed by its name and contents,
    not its address in memory."""
    assert stable_data({"b": {1, 2}, "a": (stable_data, None)}) == {
        "b": ["1", "2"],
        "a": ["notice.engines.rendered.stable_data", None],
    }


def test_a_page_is_rendered_again_when_its_language_titles_its_links_otherwise(
    tmp_path: Path,
) -> None:
    """The settings in the key are those of the language being built (the title of the
    links beside the headings is the language's own, set for each language in turn)."""
    cache = tmp_path / "cache"
    text = "# Title\n\n## Who we are\n"
    first = _render(cache, tmp_path / "a", text, "Fast adresse")
    assert 'title="Fast adresse"' in first[0]
    other = _render(cache, tmp_path / "b", text, "Dauerhafte Adresse")
    assert other[2] == 0
    assert 'title="Dauerhafte Adresse"' in other[0]
    assert _render(cache, tmp_path / "c", text, "Fast adresse")[2] == 1


_INPUTS = """
import sys
from pathlib import Path
from notice.engines.parts import _inputs
from notice.project.config import load_project
from notice.site.stage import Settings
project = load_project(Path(sys.argv[1]))
print(_inputs(project, Settings.of(project, today="2026-11-24")))
"""


def test_parts_of_one_commit_match_when_mkdocs_yml_names_a_function(tmp_path: Path) -> None:
    """A function named in mkdocs.yml (``!!python/name:``, as Material's emoji and
    superfences' settings are written) is read as an object whose address changes from
    process to process: the inputs of two parts of one commit are the same all the same."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - tables\n",
            "  - tables\n  - pymdownx.superfences:\n      custom_fences:\n"
            "        - name: x\n          class: x\n"
            "          format: !!python/name:pymdownx.superfences.fence_code_format\n",
        ),
        encoding="utf-8",
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", _INPUTS, str(config)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(2)
    }
    assert len(digests) == 1, digests


def test_a_template_is_compiled_once_per_process_and_again_when_it_changes() -> None:
    """Each language's build makes a new Jinja environment: a template compiled for the
    one before is loaded, not compiled again; one whose source changed, or an
    environment that compiles otherwise (another syntax), compiles its own."""
    from jinja2 import DictLoader, Environment

    from notice.engines.templates import CompiledTemplates

    compiled = CompiledTemplates()

    def render(source: str, **options: Any) -> str:
        env = Environment(loader=DictLoader({"page.html": source}), **options)
        env.bytecode_cache = compiled
        return env.get_template("page.html").render(x=1)

    assert render("{{ x }} {% if x %}yes{% endif %}") == "1 yes"
    assert compiled.loaded == 0
    assert render("{{ x }} {% if x %}yes{% endif %}") == "1 yes"
    assert compiled.loaded == 1
    assert render("{{ x }}!") == "1!"  # changed: compiled again
    assert compiled.loaded == 1
    assert render("{{ x }}!", variable_start_string="[[") == "{{ x }}!"
    assert compiled.loaded == 1
    assert render("{{ x }}!") == "1!"
    assert compiled.loaded == 2


def test_every_language_s_build_shares_the_compiled_templates() -> None:
    """The plugin hands each environment the process's compiled templates."""
    from notice.engines.plugin import NoticePlugin
    from notice.engines.templates import TEMPLATES

    class Theme(dict[str, Any]):
        dirs: ClassVar[list[str]] = []

    class Config:
        theme = Theme()

    from jinja2 import Environment

    env = NoticePlugin().on_env(Environment(), config=Config(), files=None)  # type: ignore[arg-type]
    assert env.bytecode_cache is TEMPLATES


def test_templates_are_kept_apart_for_environments_with_other_filters() -> None:
    """A filter that takes the context compiles to other code than one that does not,
    and a template that calls a filter an environment lacks does not compile there."""
    from jinja2 import DictLoader, Environment, pass_context

    from notice.engines.templates import CompiledTemplates

    compiled = CompiledTemplates()

    def env(shout: Any) -> Environment:
        environment = Environment(loader=DictLoader({"p.html": "{{ 'a' | shout }}"}))
        environment.filters["shout"] = shout
        environment.bytecode_cache = compiled
        return environment

    def plain(value: str) -> str:
        return value.upper()

    @pass_context
    def with_context(context: Any, value: str) -> str:
        return value.upper() + "!"

    assert env(plain).get_template("p.html").render() == "A"
    assert env(with_context).get_template("p.html").render() == "A!"
    assert compiled.loaded == 0

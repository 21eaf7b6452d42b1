"""The core knows no site generator: it imports none, even while it stages a site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_project

#: The layers below the engines (``pyproject.toml``'s import-linter contracts say the
#: same of their imports; this proves it of what staging loads while it runs).
CORE = ("notice.core", "notice.text", "notice.record", "notice.project", "notice.site")
#: Site generators, their theme and i18n plugin (Jinja2, which reads the templates for
#: the site strings, is not one).
ENGINES = ("mkdocs", "material", "mkdocs_static_i18n", "zensical")

_PROGRAM = """
import importlib, json, pkgutil, sys
from pathlib import Path
for name in {core!r}:
    package = importlib.import_module(name)
    for module in pkgutil.iter_modules(package.__path__, name + "."):
        importlib.import_module(module.name)
from notice.project.config import load_project
from notice.site.stage import Settings, stage, write_stage
project = load_project(Path(sys.argv[1]) / "mkdocs.yml")
staged = stage(project, Settings.of(project, today="2026-11-24"))
write_stage(staged, Path(sys.argv[1]) / "staged")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {engines!r})))
"""


def _imported(project: Path, program: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", program, str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_the_core_imports_no_site_generator(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    program = _PROGRAM.format(core=CORE, engines=ENGINES)
    assert _imported(project, program) == []
    assert (project / "staged/docs/en/privacy/index.md").is_file()
    # The check can fail: importing the plugin pulls MkDocs in.
    with_plugin = _PROGRAM.format(core=(*CORE, "notice.engines"), engines=ENGINES)
    assert "mkdocs" in _imported(project, with_plugin)


def test_zensical_pages_are_sanitised_like_mkdocs_pages(tmp_path: Path) -> None:
    """Zensical runs no plugin: the sanitiser is a Markdown extension in its config."""
    import markdown

    from notice.engines.render import zensical_config
    from notice.project.config import load_project
    from notice.site.manifest import StagedLanguage

    project = load_project(copy_project(tmp_path / "project") / "mkdocs.yml")
    language = StagedLanguage(code="en", name="English", site_name="A <b>", prefix="en/")
    config = zensical_config(project, language, "docs", "site")
    assert "notice.engines.sanitizer" in config["markdown_extensions"]
    assert config["site_name"] == "A &lt;b&gt;"
    html = markdown.markdown(
        'Text <span onclick="steal()">here</span> [x](javascript:alert(1))',
        extensions=["notice.engines.sanitizer"],
    )
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "here" in html

"""The project's own hygiene: lint, formatting, types, and the README's commands."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_lint_is_clean() -> None:
    result = run("ruff", "check", "--no-cache", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = run("ruff", "format", "--no-cache", "--check", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def constant_operands(source: str, filename: str) -> list[str]:
    """Every ``and``/``or`` with a literal before its last operand (``"a" and "b" in x``
    tests only ``"b" in x``; a literal there is always true or always false)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.BoolOp):
            for operand in node.values[:-1]:
                if isinstance(operand, ast.Constant):
                    found.append(f"{filename}:{operand.lineno}: {ast.unparse(node)[:60]}")
    return found


def test_no_literal_is_an_operand_of_and_or() -> None:
    found = [
        problem
        for path in sorted([*(REPO / "scripts").rglob("*.py"), *(REPO / "tests").rglob("*.py")])
        for problem in constant_operands(path.read_text(encoding="utf-8"), str(path))
    ]
    assert found == []


def test_the_literal_rule_catches_the_shape_it_is_for() -> None:
    bad = 'assert "In effect" and "Gjelder" in text\nx = ("a" or "b", 1)\n'
    good = 'assert "a" in text\nassert "b" in text\nname = value or "default"\n'
    assert len(constant_operands(bad, "bad.py")) == 2
    assert constant_operands(good, "good.py") == []


def test_mypy_is_clean() -> None:
    result = run("mypy", "--cache-dir", "/dev/null")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (REPO / ".ci/run").read_text(encoding="utf-8")


def test_the_layers_import_only_those_below_them() -> None:
    """``pyproject.toml``'s import-linter contracts: each layer of the package imports
    only the layers below it, and none below the engines imports a site generator."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_package_the_code_imports_is_a_dependency() -> None:
    """deptry on the package: what ``notice`` imports is declared (a package that only
    the test extra brings works in the suite and fails in a user's fresh environment),
    and what is declared is used."""
    result = run("deptry", "scripts/notice")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_private_name_is_imported_from_another_module() -> None:
    """A name that starts with ``_`` belongs to its module: another one that needs it
    needs it public (and documented)."""
    found = []
    for path in sorted((REPO / "scripts/notice").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("notice"):
                found += [
                    f"{path.relative_to(REPO)}:{node.lineno}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and alias.name != "__version__"
                ]
    assert found == []


def test_the_site_words_are_marked_only_in_the_layers_that_write_for_readers() -> None:
    """The rule ``notice.project.site_strings`` extracts by: every marked string of the
    package is a site word. Only ``notice.site`` and ``notice.usecases`` mark any (a
    mark elsewhere would put a command's or a check's words in the site's catalogs), and
    every module that marks one is extracted (its words are in the template)."""
    from notice.project.config import load_project
    from notice.project.site_strings import _KEYWORDS, site_template

    package = REPO / "scripts/notice"
    marking = set()
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name in _KEYWORDS and isinstance(node.args[0], ast.Constant):
                marking.add(path.relative_to(package).as_posix())
    assert marking
    assert {module.split("/")[0] for module in marking} <= {"site", "usecases"}, marking
    template = site_template(load_project(REPO / "mkdocs.yml"))
    extracted = {
        location.removeprefix("notice/")
        for message in template
        for location, _line in message.locations
        if location.startswith("notice/")
    }
    assert extracted == marking


def test_the_code_s_site_words_are_what_babel_finds_in_every_module() -> None:
    """The site words of the code are read by Babel only from the modules that call a
    keyword: the same words, lines and comments, in the same order, as Babel reading
    every module."""
    from babel.messages.extract import extract_from_dir

    import notice
    from notice.project.site_strings import _KEYWORDS, _code_strings

    package = Path(notice.__file__).parent
    every = [
        (f"notice/{name}", line, message, tuple(comments))
        for name, line, message, comments, _context in extract_from_dir(
            str(package),
            method_map=[("**.py", "python")],
            keywords=_KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        )
    ]
    assert len(every) > 100
    assert list(_code_strings()) == every


def test_every_package_lists_its_modules() -> None:
    """Each layer's docstring names every module in it (as ``name``): the map of the
    code is where a reader starts."""
    import importlib
    import pkgutil

    unnamed = {}
    for folder in sorted((REPO / "scripts/notice").iterdir()):
        if not (folder / "__init__.py").is_file():
            continue
        package = importlib.import_module(f"notice.{folder.name}")
        modules = [module.name for module in pkgutil.iter_modules(package.__path__)]
        missing = [name for name in modules if f"``{name}``" not in (package.__doc__ or "")]
        if missing:
            unnamed[folder.name] = missing
    assert unnamed == {}


def test_every_sub_package_is_in_the_distribution() -> None:
    """The package list of ``pyproject.toml`` names every sub-package: one left out is
    missing from an installed copy (a workflow's install), though the suite, run from
    the source tree, would not see it."""
    import tomllib

    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    package = REPO / "scripts" / "notice"
    found = {
        ".".join(("notice", *init.parent.relative_to(package).parts))
        for init in package.rglob("__init__.py")
    }
    assert found - listed == set()

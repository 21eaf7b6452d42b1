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


def test_every_module_with_site_words_is_extracted() -> None:
    """The site's words are extracted from the modules ``notice.project.site_strings``
    names: a module that translates a literal and is not named would ship a word no
    catalog holds."""
    from notice.project.site_strings import _CODE

    named = {pattern for pattern, method in _CODE if method == "python"}
    package = REPO / "scripts/notice"
    translating = set()
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name in ("_", "ngettext") and isinstance(node.args[0], ast.Constant):
                translating.add(path.relative_to(package).as_posix())
    assert translating == named

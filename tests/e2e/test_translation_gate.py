"""What a reader is told must be right before it is frozen: a Ukrainian translation that
gives 3 where the source says 6 is an error of ``notice check`` and stops ``notice
release`` and ``notice release --add-language`` with its PO file and line, unless the
translator marked it as deliberate (``tests/fixtures/world``, the real commands)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from notice.text.pofile import read_catalog, write_catalog
from tests.conftest import REPO, Ran, snapshot

WORLD = REPO / "tests" / "fixtures" / "world"
SOURCE = "We keep customer records for 6 years."
WRONG = "Ми зберігаємо записи клієнтів 3 роки."
UK_PO = "locales/uk/LC_MESSAGES/privacy.po"
WITHOUT = ("--without", "ga", "--without", "zu")
EFFECTIVE = "2099-01-01"
MARK_NUMBERS = (
    " (correct the translation, or, if the difference is deliberate, add the translator "
    "comment '# notice: ignore-numbers' above the entry)"
)


@pytest.fixture
def world(tmp_path: Path, notice_here: Callable[..., Ran]) -> Path:
    """The fixture project, translated, its Ukrainian retention period wrong (no PDFs:
    they are not what this is about)."""
    project = tmp_path / "project"
    shutil.copytree(WORLD, project, ignore=shutil.ignore_patterns("translations.yml"))
    shutil.copytree(REPO / "overrides", project / "overrides")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - notice:\n", "  - notice:\n      pdf: false\n"), "utf-8")
    assert notice_here(project, "update").returncode == 0
    table = yaml.safe_load((WORLD / "translations.yml").read_text(encoding="utf-8"))
    table[SOURCE]["uk"] = WRONG
    for language, folder in (("ar", "ar"), ("ja", "ja"), ("th", "th"), ("uk", "uk"),
                             ("zh-Hant", "zh_Hant")):  # fmt: skip
        path = project / "locales" / folder / "LC_MESSAGES" / "privacy.po"
        catalog = read_catalog(path, language)
        for message in catalog:
            if message.id in table:
                message.string = table[message.id][language]
        write_catalog(path, catalog)
    return project


def line_of(project: Path) -> int:
    lines = (project / UK_PO).read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgid "{SOURCE}"') + 1


def mark(project: Path) -> None:
    """The translator says the difference is deliberate."""
    path = project / UK_PO
    text = path.read_text(encoding="utf-8")
    entry = f'#. paragraph\n#: docs/privacy/draft.md:13\nmsgid "{SOURCE}"'
    assert entry in text
    path.write_text(text.replace(entry, "# notice: ignore-numbers\n" + entry), encoding="utf-8")


def refused(project: Path, run: Callable[..., Ran], *args: str) -> str:
    before = snapshot(project)
    result = run(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before, "a refused release wrote something"
    return result.stderr


def test_check_and_release_refuse_a_wrong_number_and_the_marker_lets_it_through(
    world: Path, notice_here: Callable[..., Ran]
) -> None:
    line = line_of(world)
    check = notice_here(world, "check")
    assert check.returncode == 1
    assert (
        f"{UK_PO}:{line}: error: numbers differ from the source: missing '6'; extra '3'"
        + MARK_NUMBERS
    ) in check.stdout.splitlines()
    errors = refused(
        world, notice_here, "release", "privacy", "--material", "--effective", EFFECTIVE, *WITHOUT
    )
    assert errors.splitlines() == [
        f"error: {UK_PO}:{line}: numbers differ from the source: missing '6'; extra '3'"
        + MARK_NUMBERS
    ]

    mark(world)
    check = notice_here(world, "check")
    assert check.returncode == 0, check.stdout
    assert UK_PO not in check.stdout
    result = notice_here(
        world, "release", "privacy", "--material", "--effective", EFFECTIVE, *WITHOUT
    )
    assert result.returncode == 0, result.stderr
    frozen = (world / f"docs/privacy/versions/{EFFECTIVE}/uk.md").read_text(encoding="utf-8")
    assert WRONG in frozen


def test_a_language_added_later_passes_the_same_gate(
    world: Path, notice_here: Callable[..., Ran]
) -> None:
    released = notice_here(
        world, "release", "privacy", "--material", "--effective", EFFECTIVE, *WITHOUT,
        "--without", "uk",
    )  # fmt: skip
    assert released.returncode == 0, released.stderr
    line = line_of(world)
    errors = refused(
        world, notice_here, "release", "privacy", "--effective", EFFECTIVE, "--add-language", "uk"
    )
    assert errors.splitlines() == [
        f"error: {UK_PO}:{line}: numbers differ from the source: missing '6'; extra '3'"
        + MARK_NUMBERS
    ]

    mark(world)
    added = notice_here(
        world, "release", "privacy", "--effective", EFFECTIVE, "--add-language", "uk"
    )
    assert added.returncode == 0, added.stderr
    assert f"added uk to privacy {EFFECTIVE}" in added.stdout
    frozen = (world / f"docs/privacy/versions/{EFFECTIVE}/uk.md").read_text(encoding="utf-8")
    assert WRONG in frozen

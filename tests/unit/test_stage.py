"""The staged site in process: its pages' front matter reads back as written, in every
YAML reader an engine uses, and one language can be laid out alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from notice.engines.assembly import language_stage
from notice.project.config import load_project
from notice.site.manifest import MANIFEST, Manifest
from notice.site.meta import front_matter_yaml
from notice.site.schema import SchemaError, read_versions_json, versions_json_text
from notice.site.stage import PAGES, Settings, Staged, stage, write_stage
from tests.conftest import copy_project

_LOADERS = (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _read_back(text: str) -> list[Any]:
    markdown = f"---\n{text}\n---\n\nbody\n"
    return [yaml.load(text, Loader=loader) for loader in _LOADERS] + [get_data(markdown)[1]]


@given(st.dictionaries(st.text(min_size=1, max_size=8), _VALUES, min_size=1, max_size=6))
def test_front_matter_reads_back_as_it_was_written(data: dict[str, Any]) -> None:
    text = front_matter_yaml(data)
    assert "\n" not in text
    for read in _read_back(text):
        assert read == data


def test_characters_yaml_reads_otherwise_are_escaped() -> None:
    """NEL, LS and PS are line breaks to YAML 1.1 (folded to a space in a quoted string),
    C1 controls and DEL are not allowed in a YAML file at all."""
    data = {"title": "a\x85b\u2028c\u2029d\x7fe\x9ff\ufeffg"}
    text = front_matter_yaml(data)
    assert all(c not in text for c in "\x85\u2028\u2029\x7f\x9f\ufeff")
    for read in _read_back(text):
        assert read == data


#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("stage")


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Staged:
    """The sample, staged in this process."""
    folder = copy_project(tmp_path_factory.mktemp("stage") / "project")
    project = load_project(folder / "mkdocs.yml")
    return stage(project, Settings.of(project, today="2026-11-24"))


def test_every_staged_page_of_the_sample_reads_back(staged: Staged) -> None:
    assert len(staged.pages) > 50
    for page in staged.pages:
        _, front, body = page.text.split("---\n", 2)
        assert body == "\n" + page.body
        assert yaml.load(front, Loader=_LOADERS[-1]) == page.meta.front_matter(), page.path


def test_one_language_is_laid_out_alone(staged: Staged, tmp_path: Path) -> None:
    out = language_stage(write_stage(staged, tmp_path / "all"), "sv", tmp_path / "sv")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert [language["code"] for language in manifest["languages"]] == ["sv"]
    written = sorted(p.relative_to(out / PAGES).as_posix() for p in (out / PAGES).rglob("*.md"))
    expected = sorted(page.path for page in staged.pages if page.path.startswith("sv/"))
    assert written == expected
    assert "privacy/versions/2025-09-01" in " ".join(written)
    assert Manifest.read(out) == staged.manifest().only("sv")


def test_the_manifest_reads_back_as_written(staged: Staged, tmp_path: Path) -> None:
    out = write_stage(staged, tmp_path / "stage")
    manifest = Manifest.read(out)
    assert manifest == staged.manifest()
    assert [language.prefix for language in manifest.languages][:2] == ["", "en/"]
    assert manifest.language("nb").nav[0].page == "nb/index.md"
    assert len(manifest.language("ar").nav) == 3  # the landing page and the two notices


def test_versions_json_fits_the_schema_verify_reads_it_with(staged: Staged) -> None:
    document = read_versions_json(staged.files["versions.json"].decode("utf-8"))
    assert [notice["id"] for notice in document["notices"]] == ["cookies", "privacy"]
    assert versions_json_text(document).encode("utf-8") == staged.files["versions.json"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("date"), "versions.json has no 'date'"),
        (
            lambda d: d.update(extra=1),
            "versions.json has a field the schema does not know: 'extra'",
        ),
        (lambda d: d.update(schema="2"), "versions.json.schema is not a whole number"),
        (
            lambda d: d["notices"][1]["versions"][0].update(status="gone"),
            "versions.json.notices[1].versions[0].status is not one of",
        ),
        (
            lambda d: d["notices"][1]["versions"][0]["languages"]["en"].pop("sha256"),
            "versions.json.notices[1].versions[0].languages.en has no 'sha256'",
        ),
        (
            lambda d: d["notices"][1]["versions"][0]["languages"]["en"]["pdf"].update(frozen="yes"),
            "versions.json.notices[1].versions[0].languages.en.pdf.frozen is not true or false",
        ),
    ],
)
def test_a_versions_json_off_the_schema_is_named_where(
    staged: Staged, edit: Any, message: str
) -> None:
    document = json.loads(staged.files["versions.json"])
    edit(document)
    with pytest.raises(SchemaError) as raised:
        read_versions_json(json.dumps(document))
    assert str(raised.value).startswith(message)

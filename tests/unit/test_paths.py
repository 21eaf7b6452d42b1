"""A project's files are read, and its site replaced, never through a symbolic link
(``notice.core.paths``); the commands are tested end to end in ``tests/e2e/test_paths.py``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notice.core.errors import ConfigError
from notice.core.paths import inside_project, output_folder


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "docs" / "privacy").mkdir(parents=True)
    (project / "docs" / "privacy" / "draft.md").write_text("text\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "draft.md").write_text("secret\n", encoding="utf-8")
    return project


def test_a_file_of_the_project_is_read(root: Path) -> None:
    path = root / "docs" / "privacy" / "draft.md"
    assert inside_project(path, root) == path
    assert inside_project(root / "docs" / "missing.md", root) == root / "docs" / "missing.md"


@pytest.mark.parametrize(
    ("link", "target", "message"),
    [
        (
            "docs/privacy/draft.md",
            "../../../elsewhere/draft.md",
            "docs/privacy/draft.md: is a symbolic link (to '../../../elsewhere/draft.md'); notice "
            "reads only the project's own files (replace the link by the file itself)",
        ),
        (
            "docs/cookies",
            "../../elsewhere",
            "docs/cookies: is a symbolic link (to '../../elsewhere'); notice reads only the "
            "project's own files (replace the link by the folder itself)",
        ),
        (
            "docs/same",
            "privacy",  # inside the project, and still a link: a copy is what is meant
            "docs/same: is a symbolic link (to 'privacy'); notice reads only the project's own "
            "files (replace the link by the folder itself)",
        ),
    ],
)
def test_a_link_on_the_way_is_refused(root: Path, link: str, target: str, message: str) -> None:
    if (root / link).exists():
        (root / link).unlink()
    os.symlink(target, root / link)
    with pytest.raises(ConfigError) as error:
        inside_project(root / link if link.endswith(".md") else root / link / "draft.md", root)
    assert str(error.value) == message


def test_a_path_out_of_the_project_is_refused(root: Path) -> None:
    with pytest.raises(ConfigError) as error:
        inside_project(root / "docs" / ".." / ".." / "elsewhere" / "draft.md", root)
    assert str(error.value) == (
        "docs/../../elsewhere/draft.md: is outside the project; notice reads only the "
        "project's own files (keep docs/ and locales/ in the folder of mkdocs.yml)"
    )


def test_an_output_folder_that_is_a_link_is_refused(root: Path) -> None:
    assert output_folder(root / "site", root) == root / "site"
    os.symlink("../elsewhere", root / "site")
    with pytest.raises(ConfigError, match=r"^site: is a symbolic link \(to '../elsewhere'\)"):
        output_folder(root / "site", root)
    with pytest.raises(ConfigError, match="replaces this folder as a whole"):
        output_folder(root / "site")

"""The line of ``requirements.txt`` that installs notice where a project is published:
one exact source, from what pip recorded (``notice.project.requirement``)."""

from __future__ import annotations

from typing import Any

import pytest

from notice.project.requirement import check_requirements, pinned_source, requirements_text

COMMIT = "3d3c42e5aac5ba805825da76410c181273ba90b1"
DIGEST = "ab" * 32


@pytest.mark.parametrize(
    ("direct_url", "line"),
    [
        (  # pip install "notice @ git+https://github.com/fjordkontor/notice"
            {
                "url": "https://github.com/fjordkontor/notice",
                "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"},
            },
            f"notice @ git+https://github.com/fjordkontor/notice@{COMMIT}",
        ),
        (  # the commit, never the branch asked for; a password pip kept, never
            {
                "url": "https://user:secret@example.org/notice.git",
                "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "v1"},
                "subdirectory": "tool",
            },
            f"notice @ git+https://example.org/notice.git@{COMMIT}#subdirectory=tool",
        ),
        (
            {
                "url": "https://example.org/notice-0.1.0.tar.gz",
                "archive_info": {"hashes": {"sha256": DIGEST}},
            },
            f"notice @ https://example.org/notice-0.1.0.tar.gz#sha256={DIGEST}",
        ),
        (
            {
                "url": "https://example.org/notice.tar.gz",
                "archive_info": {"hash": f"sha256={DIGEST}"},
            },
            f"notice @ https://example.org/notice.tar.gz#sha256={DIGEST}",
        ),
        ({"url": "https://example.org/notice.tar.gz", "archive_info": {}}, None),
        ({"url": "file:///home/me/notice", "dir_info": {"editable": True}}, None),
        ({"url": "file:///home/me/notice", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, None),
        ({"url": "https://example.org/notice", "vcs_info": {"vcs": "git"}}, None),
        (None, None),
    ],
    ids=[
        "git",
        "git-subdirectory",
        "archive",
        "archive-old-hash",
        "archive-no-hash",
        "folder",
        "local-clone",
        "no-commit",
        "unknown",
    ],
)
def test_the_source_pip_recorded_pinned(
    direct_url: dict[str, Any] | None, line: str | None
) -> None:
    assert pinned_source(direct_url) == line
    text = requirements_text(direct_url)
    active = [row for row in text.splitlines() if row and not row.startswith("#")]
    assert active == ([line] if line else [])
    # what `notice new` writes, `notice check` reads: a warning where it names no source
    assert len(check_requirements(text, "requirements.txt")) == (0 if line else 1)


@pytest.mark.parametrize(
    ("text", "findings"),
    [
        (f"notice @ git+https://github.com/o/notice@{COMMIT}\n", []),
        (f"mkdocs==1.6.1\nnotice[zensical] @ https://e.org/n.tar.gz#sha256={DIGEST}\n", []),
        (
            "notice==0.1.0\n",
            [(1, "notice is not pinned to a commit or a hash")],
        ),
        (
            "# notice\nnotice @ git+https://github.com/o/notice@main\n",
            [(2, "notice is not pinned to a commit or a hash")],
        ),
        ("notice-other==1.0\n", [(None, "names no source of notice")]),
        ("", [(None, "names no source of notice")]),
    ],
    ids=["commit", "hash", "bare-name", "branch", "another-package", "empty"],
)
def test_check_requirements(text: str, findings: list[tuple[int | None, str]]) -> None:
    found = check_requirements(text, "requirements.txt")
    assert [(p.line, p.message.split(",")[0]) for p in found] == findings
    assert all(p.severity == "warning" for p in found)

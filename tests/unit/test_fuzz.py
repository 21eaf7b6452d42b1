"""Random bytes and random mutations of real files: a clear error or a result, never a crash."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notice.core.errors import NoticeError
from notice.project.sources import read_document
from notice.record.registry_file import parse_registry
from notice.text.pofile import read_catalog
from notice.text.segment import segment_markdown
from tests.conftest import REPO
from tests.roundtrip import (
    assert_identity,
    assert_spans_hold_the_text,
    assert_translations_come_back,
    pseudo_translation,
)

PO = (REPO / "locales/sv/LC_MESSAGES/cookies.po").read_bytes()
DRAFT = (REPO / "docs/cookies/draft.md").read_bytes()
REGISTRY = (REPO / "docs/privacy/versions.yml").read_bytes()
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _mutations(original: bytes) -> st.SearchStrategy[bytes]:
    """Delete, duplicate, replace or insert a few bytes or lines of a real file."""
    lines = original.splitlines(keepends=True)

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        data = list(lines)
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["drop", "dup", "bytes", "insert"]))
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            if kind == "drop" and data:
                del data[at]
            elif kind == "dup" and data:
                data.insert(at, data[at])
            elif kind == "insert":
                data.insert(
                    at,
                    draw(
                        st.sampled_from(
                            [
                                b'"',
                                b'msgid "x"\n',
                                b'msgstr "y\n',
                                b"#~ ",
                                b"---\n",
                                b"\xff\xfe",
                                b"#| msgid\n",
                                b"- kind: release\n",
                                b"  files: []\n",
                                b"| a |\n",
                                b"!!! note\n",
                                b"\t\n",
                                b"\xef\xbb\xbf",
                                b"\r\n",
                            ]
                        )
                    ),
                )
            elif data:
                line = data[at]
                cut = draw(st.integers(0, len(line)))
                data[at] = line[:cut] + draw(st.binary(max_size=4)) + line[cut:]
        return b"".join(data)

    return mutate()


def _read_po(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(data)
    try:
        read_catalog(path, "sv", "x.po")
    except NoticeError as exc:
        assert exc.path == "x.po"
        assert exc.line is None or exc.line >= 1


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_as_a_po_file(tmp_path: Path, data: bytes) -> None:
    _read_po(tmp_path, data)


@SETTINGS
@given(_mutations(PO))
def test_mutated_po_file(tmp_path: Path, data: bytes) -> None:
    _read_po(tmp_path, data)


def _read_md(tmp_path: Path, data: bytes, translate: bool = False) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(data)
    try:
        document = read_document(path, "draft.md")
    except NoticeError as exc:
        assert exc.path == "draft.md"
        return
    # The text as its editor meant it: no byte order mark, every line ending a "\n".
    text = data.decode("utf-8").removeprefix("\ufeff")
    assert document.text == text.replace("\r\n", "\n").replace("\r", "\n")
    assert_spans_hold_the_text(document)
    assert_identity(document)
    if translate:
        table = {text: pseudo_translation(text) for text in document.messages}
        assert_translations_come_back(document, table)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_as_a_notice(tmp_path: Path, data: bytes) -> None:
    _read_md(tmp_path, data)


@SETTINGS
@given(_mutations(DRAFT))
def test_mutated_notice(tmp_path: Path, data: bytes) -> None:
    _read_md(tmp_path, data, translate=True)


@SETTINGS
@given(st.one_of(_mutations(REGISTRY), st.binary(max_size=300)))
def test_mutated_registry(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        parse_registry(text, "privacy", "versions.yml")
    except NoticeError as exc:
        assert exc.path == "versions.yml"


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_segments_or_is_refused(text: str) -> None:
    with contextlib.suppress(NoticeError):
        segment_markdown(text, "x.md")

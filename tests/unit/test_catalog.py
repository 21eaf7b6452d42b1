"""Templates, strict reading, stable writing and position-aware merging of PO files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from hypothesis import given, settings
from hypothesis import strategies as st

from notice.catalog import (
    catalog_bytes,
    coverage,
    merge_catalog,
    read_catalog,
    template_catalog,
    translations,
    write_catalog,
)
from notice.errors import CatalogError
from notice.segment import segment_markdown

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
)


def template(markdown: str, path: str = "docs/privacy/draft.md") -> Catalog:
    return template_catalog("privacy", [segment_markdown(markdown, path)])


def translate(catalog: Catalog, table: dict[str, str]) -> Catalog:
    for message in catalog:
        if message.id in table:
            message.string = table[message.id]
    return catalog


def po_text(catalog: Catalog) -> str:
    return catalog_bytes(catalog).decode("utf-8")


def test_template_has_references_and_block_type_comments() -> None:
    text = po_text(template("## Formål\n\nVi behandler data.\n\n- punkt\n"))
    assert '#. heading\n#: docs/privacy/draft.md:1\nmsgid "Formål"' in text
    assert '#. list item\n#: docs/privacy/draft.md:5\nmsgid "punkt"' in text


def test_no_false_format_flags() -> None:
    catalog = template("Vi deler 100 % av dataene.\n\n## Rettigheter { #rights }\n\nSe {navn}.\n")
    text = po_text(merge_catalog(catalog, None, "en"))
    assert "python-format" not in text
    assert "python-brace-format" not in text


def test_new_catalog_has_language_and_plural_forms() -> None:
    text = po_text(merge_catalog(template("Tekst.\n"), None, "sv"))
    assert '"Language: sv\\n"' in text
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    assert "charset=utf-8" in text


def test_unchanged_segment_keeps_its_translation() -> None:
    old = translate(merge_catalog(template("A.\n\nB.\n"), None, "en"), {"A.": "a.", "B.": "b."})
    merged = merge_catalog(template("A.\n\nB.\n\nC.\n"), old, "en")
    assert translations(merged) == {"A.": "a.", "B.": "b."}


def test_changed_segment_gets_its_own_blocks_translation_as_fuzzy() -> None:
    # A global similarity search would attach "We process your data." to the negated
    # sentence; the block at the same position is the right suggestion.
    before = "Vi behandler dataene dine.\n\nVi lagrer dem i seks år.\n"
    after = "Vi behandler dataene dine.\n\nVi lagrer dem **ikke** lenger enn tre år.\n"
    old = translate(
        merge_catalog(template(before), None, "en"),
        {
            "Vi behandler dataene dine.": "We process your data.",
            "Vi lagrer dem i seks år.": "We keep it for six years.",
        },
    )
    merged = merge_catalog(template(after), old, "en")
    changed = merged["Vi lagrer dem **ikke** lenger enn tre år."]
    assert changed.string == "We keep it for six years."
    assert changed.fuzzy
    assert changed.previous_id == ["Vi lagrer dem i seks år."]
    assert "Vi lagrer dem **ikke** lenger enn tre år." not in translations(merged)
    assert '#| msgid "Vi lagrer dem i seks år."' in po_text(merged)


def test_removed_segment_becomes_obsolete_and_comes_back() -> None:
    old = translate(merge_catalog(template("A.\n\nB.\n"), None, "en"), {"A.": "a.", "B.": "b."})
    merged = merge_catalog(template("A.\n"), old, "en")
    assert "B." in merged.obsolete
    assert '#~ msgid "B."\n#~ msgstr "b."' in po_text(merged)
    restored = merge_catalog(template("A.\n\nB.\n"), merged, "en")
    assert translations(restored) == {"A.": "a.", "B.": "b."}
    assert not restored.obsolete


def test_previous_msgid_survives_a_read_write_cycle(tmp_path: Path) -> None:
    old = translate(merge_catalog(template("Seks år.\n"), None, "en"), {"Seks år.": "Six years."})
    merged = merge_catalog(template("Tre år.\n"), old, "en")
    path = tmp_path / "en.po"
    write_catalog(path, merged)
    again = read_catalog(path, "en")
    assert again["Tre år."].previous_id == ["Seks år."]
    assert catalog_bytes(again) == path.read_bytes()


def test_coverage_counts_fuzzy_as_not_translated() -> None:
    tpl = template("A.\n\nB.\n\nC.\n")
    catalog = translate(merge_catalog(tpl, None, "en"), {"A.": "a.", "B.": "b."})
    catalog["B."].flags.add("fuzzy")
    result = coverage(tpl, catalog, "en")
    assert (result.translated, result.fuzzy, result.untranslated) == (1, 1, 1)
    assert round(result.percent, 1) == 33.3
    assert not result.complete


def test_write_skips_a_file_whose_content_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    catalog = merge_catalog(template("A.\n"), None, "en")
    assert write_catalog(path, catalog) is True
    before = path.read_bytes()
    os.utime(path, (0, 0))
    later = merge_catalog(template("A.\n"), read_catalog(path, "en"), "en")
    assert write_catalog(path, later) is False
    assert path.read_bytes() == before
    assert path.stat().st_mtime == 0


@pytest.mark.skipif(
    shutil.which("msgfmt") is None and os.environ.get("CI") != "true",
    reason="GNU gettext's msgfmt is not installed",
)
def test_written_files_pass_msgfmt_check(tmp_path: Path) -> None:
    tpl = template("100 % av { #id } og %s.\n\n## Tittel\n\nTekst.\n")
    old = translate(merge_catalog(tpl, None, "de"), {"Tekst.": "Text."})
    merged = merge_catalog(
        template("100 % av { #id } og %s.\n\n## Tittel\n\nNy tekst.\n"), old, "de"
    )
    path = tmp_path / "de.po"
    write_catalog(path, merged)
    result = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


# --- strict reading: each bad file names its line -------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'msgid "a"\nmsgstr "b\n',
            'x.po:8: unterminated string (a string must end with an unescaped ")',
        ),
        (
            'msgid "a"\nmsgstr "b\\"\n',
            'x.po:8: unterminated string (a string must end with an unescaped ")',
        ),
        (
            'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
            "x.po:10: duplicate message definition (first defined on line 7) "
            "(merge the two entries into one)",
        ),
        (
            'msgid "a"\nmsgstrr "b"\n',
            "x.po:8: unknown keyword 'msgstrr' (a line of an entry starts with msgctxt, "
            "msgid, msgid_plural, msgstr or a quoted string)",
        ),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', "x.po:7: missing msgstr for msgid 'a'"),
        (
            '#. a comment\n"orphan"\n',
            "x.po:8: a string outside any entry (it must follow msgid or msgstr)",
        ),
    ],
)
def test_malformed_po_is_an_error_with_its_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "x.po"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_catalog(path, "en", "x.po")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            HEADER.replace("Language: en", "Language: sv"),
            "x.po:1: header declares Language 'sv', but the file is in the folder for 'en'",
        ),
        (
            HEADER.replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', ""),
            "x.po:1: header has no Plural-Forms",
        ),
        (
            HEADER.replace("charset=UTF-8", "charset=ISO-8859-1"),
            "x.po:1: header Content-Type must say charset=UTF-8, "
            "not 'text/plain; charset=ISO-8859-1'",
        ),
        (
            'msgid "a"\nmsgstr "b"\n',
            'x.po:1: no header entry (msgid "") (run `notice update` to write one)',
        ),
    ],
)
def test_bad_header_is_an_error(tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "x.po"
    path.write_text(header + 'msgid "z"\nmsgstr "y"\n', encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_catalog(path, "en", "x.po")
    assert str(caught.value) == message


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(HEADER.encode() + b'msgid "a"\nmsgstr "\xe6\xff"\n')
    with pytest.raises(CatalogError) as caught:
        read_catalog(path, "en", "x.po")
    assert str(caught.value) == "x.po:8: not valid UTF-8 (save the file as UTF-8)"


# --- property: no translation is ever lost -------------------------------------------

_sentences = st.lists(
    st.sampled_from(
        [
            "Vi behandler data.",
            "Vi behandler **ikke** data.",
            "Tre år.",
            "Seks år.",
            "Kontakt oss.",
            "Barn.",
            "Sikkerhet.",
            "100 % trygt.",
        ]
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_sentences, min_size=2, max_size=5))
def test_update_never_loses_a_translation(versions: list[list[str]]) -> None:
    """Every translation ever made is still active, a fuzzy suggestion, or obsolete."""
    catalog: Catalog | None = None
    made: set[tuple[str, str]] = set()
    for n, blocks in enumerate(versions):
        tpl = template("\n\n".join(blocks) + "\n")
        catalog = merge_catalog(tpl, catalog, "en")
        for message in catalog:
            if message.id and not message.string:
                message.string = f"{message.id} #{n}"
                made.add((message.id, message.string))
        catalog = read_back(catalog)
    assert catalog is not None
    kept = {(m.id, m.string) for m in catalog if m.id} | {
        (m.id, m.string) for m in catalog.obsolete.values()
    }
    kept_strings = {string for _, string in kept}
    for msgid, string in made:
        assert (msgid, string) in kept or string in kept_strings


def read_back(catalog: Catalog) -> Catalog:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "en.po"
        write_catalog(path, catalog)
        return read_catalog(path, "en")

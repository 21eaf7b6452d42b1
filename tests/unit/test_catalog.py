"""Templates, strict reading, stable writing and position-aware merging of PO files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from hypothesis import given, settings
from hypothesis import strategies as st

from notice.core.errors import CatalogError
from notice.text.catalog import (
    coverage,
    gettext_translations,
    merge_catalog,
    template_catalog,
    translations,
)
from notice.text.pofile import catalog_bytes, read_catalog, write_catalog
from notice.text.segment import segment_markdown

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
    assert "charset=UTF-8" in text


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


def test_write_leaves_a_file_whose_dates_alone_differ_and_writes_a_changed_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file is not written again for a new day alone (``notice update`` on another day
    changes nothing); a header that says something else is written."""
    path = tmp_path / "x.po"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795478400")
    assert write_catalog(path, merge_catalog(template("A.\n"), None, "en")) is True
    before = path.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 51 days later
    later = merge_catalog(template("A.\n"), read_catalog(path, "en"), "en")
    assert b"2027-01-15" in catalog_bytes(later)  # its own date differs from the file's
    assert write_catalog(path, later) is False
    assert path.read_bytes() == before
    team = merge_catalog(template("A.\n"), read_catalog(path, "en"), "en")
    team.language_team = "English <en@example.org>"
    assert write_catalog(path, team) is True
    assert b"Language-Team: English <en@example.org>" in path.read_bytes()


def test_a_catalog_left_as_it_is_takes_the_file_s_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``notice update`` writes the template first, then merges each language from it:
    a template left as it was gives the languages its own date, not today's."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = tmp_path / "x.pot"
    first = template("A.\n")
    first.creation_date = datetime(2020, 1, 1, 12, 0, tzinfo=timezone.utc)
    assert write_catalog(path, first) is True
    later = template("A.\n")
    later.creation_date = None  # today's, when written
    assert write_catalog(path, later) is False
    assert later.creation_date == datetime(2020, 1, 1, 12, 0, tzinfo=timezone.utc)
    assert b"POT-Creation-Date: 2020-01-01 12:00+0000" in path.read_bytes()


def test_a_header_line_that_only_looks_like_a_date_is_compared_as_content(tmp_path: Path) -> None:
    """Only whole, well-formed date lines of a header that parses are set aside when
    comparing: a file with one line more, or a broken date line, is written again."""
    path = tmp_path / "x.po"
    write_catalog(path, merge_catalog(template("A.\n"), None, "en"))
    good = path.read_bytes()
    one_more = good.replace(b'msgstr ""\n', b'"Generated-By: x\\n"\nmsgstr ""\n', 1)
    broken = re.sub(rb'("PO-Revision-Date: [^"]*)"', rb"\1", good, count=1)
    for found in (one_more, broken):
        assert found != good
        path.write_bytes(found)
        assert write_catalog(path, merge_catalog(template("A.\n"), None, "en")) is True
        assert path.read_bytes() == good


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


# --- markers, headers, tools' formatting ---------------------------------------------


def test_markers_are_read_from_translator_comments_and_old_flags(tmp_path: Path) -> None:
    from notice.text.catalog import markers

    path = tmp_path / "x.po"
    path.write_text(
        HEADER + "# notice: ignore-numbers\n# a note\n"
        '#, ignore-urls\nmsgid "a 1"\nmsgstr "b 2"\n\n'
        '# notice: ignore-html, ignore-emphasis\nmsgid "c"\nmsgstr "d"\n\n'
        '# notice ignore-punctuation\nmsgid "e"\nmsgstr "f"\n',
        encoding="utf-8",
    )
    catalog = read_catalog(path, "en")
    assert markers(catalog.get("a 1")) == {"ignore-numbers", "ignore-urls"}
    assert markers(catalog.get("c")) == {"ignore-html", "ignore-emphasis"}
    assert markers(catalog.get("e")) == set()  # no colon: an ordinary comment


def test_update_moves_old_flags_into_comments_and_keeps_other_flags(tmp_path: Path) -> None:
    tpl = template("A 1.\n\nB.\n")
    old = translate(merge_catalog(tpl, None, "en"), {"A 1.": "A one.", "B.": "b."})
    old.get("A 1.").flags |= {"ignore-numbers", "no-wrap"}
    merged = merge_catalog(tpl, read_back(old), "en")
    message = merged.get("A 1.")
    assert message.flags == {"no-wrap"}
    assert message.user_comments == ["notice: ignore-numbers"]
    # Removed, then back: the marker came along through the obsolete entry.
    gone = merge_catalog(template("B.\n"), read_back(merged), "en")
    back = merge_catalog(tpl, read_back(gone), "en")
    assert back.get("A 1.").user_comments == ["notice: ignore-numbers"]
    assert back.get("A 1.").string == "A one."


def test_header_has_real_values_and_no_placeholders(tmp_path: Path) -> None:
    from notice.text.catalog import Origin

    origin = Origin(project="Fjordkontor personvern", contact="personvern@example.org")
    tpl = template_catalog("privacy", [segment_markdown("A.\n", "d.md")], origin)
    catalog = merge_catalog(tpl, None, "sv")
    for data in (catalog_bytes(tpl), catalog_bytes(catalog)):
        text = data.decode()
        assert '"Project-Id-Version: Fjordkontor personvern: privacy\\n"' in text
        assert '"Report-Msgid-Bugs-To: personvern@example.org\\n"' in text
        for placeholder in ("VERSION", "EMAIL@ADDRESS", "YEAR-MO-DA", "FULL NAME", "LANGUAGE"):
            assert placeholder not in text
    text = catalog_bytes(catalog).decode()
    assert '"Language: sv\\n"' in text
    assert '"Last-Translator: Swedish translators\\n"' in text
    # Without a contact address, no Report-Msgid-Bugs-To at all rather than a placeholder.
    bare = catalog_bytes(template_catalog("privacy", [segment_markdown("A.\n", "d.md")]))
    assert b"Report-Msgid-Bugs-To" not in bare
    assert b'"Project-Id-Version: privacy\\n"' in bare


def test_a_rewrapped_file_is_not_rewritten_but_a_changed_one_is(tmp_path: Path) -> None:
    tpl = template("Et ganske langt avsnitt som må brytes over flere linjer i PO-filen, " * 3)
    catalog = merge_catalog(tpl, None, "en")
    path = tmp_path / "en.po"
    write_catalog(path, catalog)
    original = path.read_text(encoding="utf-8")
    rewrapped = original.replace('"\n"', "").replace("charset=UTF-8", "charset=utf-8")
    assert rewrapped != original
    path.write_text(rewrapped, encoding="utf-8")
    assert write_catalog(path, merge_catalog(tpl, read_catalog(path, "en"), "en")) is False
    assert path.read_text(encoding="utf-8") == rewrapped
    changed = read_catalog(path, "en")
    next(m for m in changed if m.id).string = "A translation."
    assert write_catalog(path, changed) is True


def test_revision_date_is_the_date_of_the_last_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``PO-Revision-Date`` moves when a translation changes, not when nothing did."""

    def revision(path: Path) -> str:
        line = next(
            line for line in path.read_text(encoding="utf-8").splitlines() if "Revision" in line
        )
        return line.strip('"').removesuffix("\\n")

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")  # 2025-11-24 16:00 UTC
    tpl = template("A.\n\nB.\n")
    path = tmp_path / "en.po"
    write_catalog(path, merge_catalog(tpl, None, "en"))
    assert revision(path) == "PO-Revision-Date: 2025-11-24 16:00+0000"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764100000")  # a day later
    assert write_catalog(path, merge_catalog(tpl, read_catalog(path, "en"), "en")) is False
    assert revision(path) == "PO-Revision-Date: 2025-11-24 16:00+0000"
    changed = translate(read_catalog(path, "en"), {"A.": "a."})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764200000")  # two days later
    assert write_catalog(path, changed) is True
    assert revision(path) == "PO-Revision-Date: 2025-11-26 23:33+0000"


def test_previous_msgids_of_obsolete_entries_are_read(tmp_path: Path) -> None:
    """msgmerge writes ``#~| msgid``; Babel's reader would stop on it."""
    path = tmp_path / "x.po"
    path.write_text(
        HEADER + '#, fuzzy\n#| msgid "old"\nmsgid "new"\nmsgstr "ny"\n\n'
        '#, fuzzy\n#~| msgid "gone before"\n#~ msgid "gone"\n#~ msgstr "borte"\n',
        encoding="utf-8",
    )
    catalog = read_catalog(path, "en")
    assert catalog.get("new").previous_id == ["old"]
    assert catalog.get("new").lineno == 9
    assert catalog.obsolete["gone"].previous_id == ["gone before"]
    assert catalog.obsolete["gone"].string == "borte"


def test_no_private_babel_api_is_used() -> None:
    """Babel is allowed from 2.17 to below 3: only its public API is safe across them."""
    import ast

    package = Path(__file__).resolve().parents[2] / "scripts" / "notice"
    trees = {m: ast.parse(m.read_text(encoding="utf-8")) for m in sorted(package.rglob("*.py"))}
    # Private names the package defines itself; any other `._name` is someone else's.
    own: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                own.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                own.add(node.attr)
    for module, tree in trees.items():
        babel_names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("babel"):
                for alias in node.names:
                    assert not alias.name.startswith("_"), (module.name, alias.name)
                    babel_names.add(alias.asname or alias.name)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", "") for b in node.bases}
                assert not bases & babel_names, (module.name, node.name)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                private = not node.attr.startswith("__") and node.attr not in own
                assert not private, f"{module.name}:{node.lineno}: .{node.attr}"


def test_plural_messages_merge_count_and_fall_back_whole() -> None:
    """Site strings with plural forms ("37 days remain."): `notice update` keeps every
    form, a message with a form missing counts as untranslated, and a reader sees the
    source's words rather than an empty form."""
    days = ("%(num)s day remains.", "%(num)s days remain.")
    template = Catalog(domain="site")
    template.add(days)
    template.add("Draft")
    old = Catalog(locale="nb", domain="site")
    old.add(days, ("%(num)s dag igjen.", "%(num)s dager igjen."))
    merged = merge_catalog(template, old, "nb")
    assert merged[days[0]].string == ("%(num)s dag igjen.", "%(num)s dager igjen.")
    assert coverage(template, merged, "nb").translated == 1
    half = Catalog(locale="nb", domain="site")
    half.add(days, ("%(num)s dag igjen.", ""))
    assert coverage(template, half, "nb").translated == 0
    shown = gettext_translations(half)
    assert shown.ngettext(*days, 3) == "%(num)s days remain."
    assert gettext_translations(merged).ngettext(*days, 3) == "%(num)s dager igjen."


# --- merge: no translation invented ----------------------------------------------------


def test_an_obsolete_entry_comes_back_only_for_the_same_message() -> None:
    """The issue's case: an obsolete "Language" must not translate a message that
    merely looks like it, nor the same words in another context."""
    old = Catalog(locale="de", domain="site")
    old.add("Draft", "Entwurf")
    old.obsolete["Language"] = Message("Language", "Sprache")
    template = Catalog(domain="site")
    template.add("Draft")
    template.add("Languages")
    template.add("Language", context="menu")
    merged = merge_catalog(template, old, "de")
    assert not merged.get("Languages").string
    assert not merged.get("Language", "menu").string
    assert merged.obsolete["Language"].string == "Sprache"
    template.add("Language")
    back = merge_catalog(template, merged, "de")
    assert back.get("Language").string == "Sprache"
    assert not back.get("Language").fuzzy
    assert not back.obsolete


def test_a_fuzzy_suggestion_stays_fuzzy_when_obsolete_and_back(tmp_path: Path) -> None:
    """A suggestion that goes obsolete keeps its ``#, fuzzy`` in the file (Babel's writer
    drops it), so it never comes back as a finished translation."""
    old = translate(merge_catalog(template("A.\n\nB.\n"), None, "en"), {"A.": "a.", "B.": "b."})
    renamed = merge_catalog(template("A.\n\nC.\n"), read_back(old), "en")
    assert renamed["C."].fuzzy
    assert renamed["C."].string == "b."
    gone = read_back(merge_catalog(template("A.\n"), read_back(renamed), "en"))
    assert gone.obsolete["C."].fuzzy
    assert gone.obsolete["C."].previous_id == ["B."]
    assert '#, fuzzy\n#~| msgid "B."\n#~ msgid "C."\n#~ msgstr "b."' in po_text(gone)
    back = merge_catalog(template("A.\n\nC.\n"), gone, "en")
    assert back["C."].fuzzy
    assert back["C."].previous_id == ["B."]
    assert translations(back) == {"A.": "a."}
    path = tmp_path / "en.po"
    write_catalog(path, gone)
    assert catalog_bytes(read_catalog(path, "en")) == path.read_bytes()


def test_a_suggestion_is_never_the_source_of_another() -> None:
    """A fuzzy entry holds another message's words: the next change gets no suggestion
    from it, rather than one whose ``#| msgid`` names a message it does not translate."""
    old = translate(merge_catalog(template("A.\n\nB.\n"), None, "en"), {"A.": "a.", "B.": "b."})
    renamed = merge_catalog(template("A.\n\nC.\n"), old, "en")
    again = merge_catalog(template("A.\n\nD.\n"), renamed, "en")
    assert not again["D."].string
    assert again.obsolete["C."].fuzzy


def _made_for(string: object) -> str:
    """The message a test translation was made for (``"<msgid> #<n>"``)."""
    return str(string).rsplit(" #", 1)[0]


@settings(max_examples=200, deadline=None)
@given(st.lists(_sentences, min_size=2, max_size=6))
def test_update_never_invents_a_translation(versions: list[list[str]]) -> None:
    """Through any history of changes, written and read back each time, a finished
    translation (active or obsolete) is one made for exactly its message, and a fuzzy
    one names in ``#| msgid`` the message it was made for."""
    catalog: Catalog | None = None
    for n, blocks in enumerate(versions):
        catalog = merge_catalog(template("\n\n".join(blocks) + "\n"), catalog, "en")
        for message in list(catalog) + list(catalog.obsolete.values()):
            if not message.id or not message.string:
                continue
            if message.fuzzy:
                assert message.previous_id == [_made_for(message.string)], message
            else:
                assert _made_for(message.string) == message.id, message
        for message in catalog:
            if message.id and not message.string:
                message.string = f"{message.id} #{n}"
        catalog = read_back(catalog)

"""The gate that check and release share: what a reader is told must be right before it
is frozen, and a correct translation passes ``--strict``."""

from __future__ import annotations

from pathlib import Path

import pytest

from notice.text.checks import Problem, check_translation
from notice.text.gate import refusals, review_translation
from notice.text.markdown import markdown_renderer
from notice.text.pofile import read_catalog
from notice.text.segment import segment_markdown

TO_HTML = markdown_renderer(["admonition", "attr_list", "tables", "def_list", "footnotes"])
PLURALS = {
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
}
UK_PO = "locales/uk/LC_MESSAGES/privacy.po"
SOURCE = "## How long we keep the data\n\nWe keep customer records for 6 months.\n"
MARK_NUMBERS = (
    " (correct the translation, or, if the difference is deliberate, add the translator "
    "comment '# notice: ignore-numbers' above the entry)"
)


def catalog_of(tmp_path: Path, language: str, entries: str) -> object:
    path = tmp_path / f"{language}.po"
    path.write_text(
        f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n'
        f'"Plural-Forms: {PLURALS[language]}\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
        encoding="utf-8",
    )
    return read_catalog(path, language)


def review(source: str, source_language: str, language: str, catalog: object) -> list[Problem]:
    return review_translation(
        segment_markdown(source, "docs/privacy/draft.md"),
        catalog,  # type: ignore[arg-type]
        f"locales/{language}/LC_MESSAGES/privacy.po",
        source_language=source_language,
        language=language,
        to_html=TO_HTML,
    )


UKRAINIAN = (
    'msgid "How long we keep the data"\nmsgstr "Як довго ми зберігаємо дані"\n\n'
    '{mark}msgid "We keep customer records for 6 months."\n'
    'msgstr "Ми зберігаємо записи клієнтів 3 місяці."\n'
)


def test_a_number_that_differs_is_an_error_at_its_line(tmp_path: Path) -> None:
    catalog = catalog_of(tmp_path, "uk", UKRAINIAN.format(mark=""))
    found = review(SOURCE, "en", "uk", catalog)
    assert found == [
        Problem(
            UK_PO,
            10,
            "numbers differ from the source: missing '6'; extra '3'" + MARK_NUMBERS,
            "error",
        )
    ]
    assert [str(e) for e in refusals(found)] == [
        f"{UK_PO}:10: numbers differ from the source: missing '6'; extra '3'" + MARK_NUMBERS
    ]
    line = (tmp_path / "uk.po").read_text(encoding="utf-8").splitlines()[9]
    assert line == 'msgid "We keep customer records for 6 months."'


def test_the_translator_s_marker_lets_a_deliberate_difference_through(tmp_path: Path) -> None:
    note = "# The contract says three months in Ukraine.\n"
    marked = UKRAINIAN.format(mark=note + "# notice: ignore-numbers\n")
    found = review(SOURCE, "en", "uk", catalog_of(tmp_path, "uk", marked))
    assert found == []
    assert refusals(found) == []


def test_another_marker_does_not_let_a_number_through(tmp_path: Path) -> None:
    marked = UKRAINIAN.format(mark="# notice: ignore-links, ignore-punctuation\n")
    found = review(SOURCE, "en", "uk", catalog_of(tmp_path, "uk", marked))
    assert [str(e) for e in refusals(found)] == [
        f"{UK_PO}:11: numbers differ from the source: missing '6'; extra '3'" + MARK_NUMBERS
    ]


def test_a_polish_percentage_in_english_notation_passes_strict(tmp_path: Path) -> None:
    source = "## Dostępność\n\nSerwis jest dostępny przez 99,5 % czasu w roku.\n"
    catalog = catalog_of(
        tmp_path,
        "en",
        'msgid "Dostępność"\nmsgstr "Availability"\n\n'
        'msgid "Serwis jest dostępny przez 99,5 % czasu w roku."\n'
        'msgstr "The service is available 99.5% of the time each year."\n',
    )
    assert review(source, "pl", "en", catalog) == []  # no warning: --strict passes


def test_a_german_heading_that_asks_a_question_passes_strict(tmp_path: Path) -> None:
    source = "## Hvilke opplysninger vi samler inn\n\nVi samler inn navn.\n"
    catalog = catalog_of(
        tmp_path,
        "de",
        'msgid "Hvilke opplysninger vi samler inn"\nmsgstr "Welche Daten erheben wir?"\n\n'
        'msgid "Vi samler inn navn."\nmsgstr "Wir erheben Namen."\n',
    )
    assert review(source, "nb", "de", catalog) == []


def test_a_paragraph_that_adds_a_question_mark_is_still_a_warning(tmp_path: Path) -> None:
    source = "## Hvilke opplysninger vi samler inn\n\nVi samler inn navn\n"
    catalog = catalog_of(
        tmp_path,
        "de",
        'msgid "Hvilke opplysninger vi samler inn"\nmsgstr "Welche Daten erheben wir?"\n\n'
        'msgid "Vi samler inn navn"\nmsgstr "Erheben wir Namen?"\n',
    )
    assert review(source, "nb", "de", catalog) == [
        Problem(
            "locales/de/LC_MESSAGES/privacy.po",
            10,
            "the translation ends with punctuation and the source does not",
            "warning",
        )
    ]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Hvorfor lagrer vi data", "Γιατί αποθηκεύουμε δεδομένα;"),  # Greek question mark
        ("Hvorfor lagrer vi data", "Γιατί αποθηκεύουμε δεδομένα\u037e"),
        ("Hvorfor lagrer vi data", "لماذا نحفظ البيانات؟"),
        ("Hvorfor lagrer vi data", "为什么我们保存数据？"),
        ("Hvorfor lagrer vi data?", "Why we store data"),
        ("Les dette!", "Read this"),
    ],
)
def test_a_title_may_be_a_question_in_one_language_only(source: str, translation: str) -> None:
    assert check_translation(source, translation, kind="heading") == []
    assert check_translation(source, translation, kind="front matter: title") == []
    assert len(check_translation(source, translation, kind="paragraph")) == 1


def test_a_title_that_gains_a_full_stop_is_still_a_warning() -> None:
    assert check_translation("Hvem vi er", "Who we are.", kind="heading") == [
        ("warning", "the translation ends with punctuation and the source does not")
    ]


MEANING = [
    # (what changed, source, translation, the finding, its marker)
    (
        "link",
        "Klag til [Datatilsynet](https://www.datatilsynet.no/).",
        "Complain to [the authority](https://example.org/).",
        "link targets differ from the source: missing 'https://www.datatilsynet.no/'; "
        "extra 'https://example.org/'",
        "ignore-links",
    ),
    (
        "mailto",
        "Skriv til [oss](mailto:personvern@example.no).",
        "Write to [us](mailto:privacy@example.org).",
        "link targets differ from the source: missing 'mailto:personvern@example.no'; "
        "extra 'mailto:privacy@example.org'",
        "ignore-emails",
    ),
    (
        "e-mail address",
        "Skriv til personvern@example.no.",
        "Write to privacy@example.org.",
        "e-mail addresses differ from the source: missing 'personvern@example.no'; "
        "extra 'privacy@example.org'",
        "ignore-emails",
    ),
    (
        "URL",
        "Se https://example.no/personvern.",
        "See https://example.org/privacy.",
        "URLs differ from the source: missing 'https://example.no/personvern'; "
        "extra 'https://example.org/privacy'",
        "ignore-links",
    ),
    (
        "code",
        "Informasjonskapselen `fk_session` slettes.",
        "The cookie `fk-session` is deleted.",
        "code differs from the source: missing 'fk_session'; extra 'fk-session'",
        "ignore-code",
    ),
    (
        "footnote",
        "Vi lagrer data[^1].",
        "We store data.",
        "footnote markers differ from the source: missing '1'",
        "ignore-footnotes",
    ),
]


@pytest.mark.parametrize(
    ("source", "translation", "finding", "marker"),
    [case[1:] for case in MEANING],
    ids=[case[0] for case in MEANING],
)
def test_each_finding_of_meaning_is_an_error_its_own_marker_allows(
    source: str, translation: str, finding: str, marker: str
) -> None:
    remedy = (
        " (correct the translation, or, if the difference is deliberate, add the translator "
        f"comment '# notice: {marker}' above the entry)"
    )
    assert check_translation(source, translation) == [("error", finding + remedy)]
    assert check_translation(source, translation, {marker}) == []
    others = {"ignore-numbers", "ignore-links", "ignore-emails", "ignore-code"} - {marker}
    assert check_translation(source, translation, others) == [("error", finding + remedy)]


def test_the_old_marker_ignore_urls_still_allows_links_and_e_mail_addresses() -> None:
    source, translation = MEANING[2][1], MEANING[2][2]
    assert check_translation(source, translation, {"ignore-urls"}) == []
    source, translation = MEANING[0][1], MEANING[0][2]
    assert check_translation(source, translation, {"ignore-urls"}) == []


def test_the_old_marker_is_named_with_its_successors(tmp_path: Path) -> None:
    catalog = catalog_of(
        tmp_path,
        "en",
        '# notice: ignore-urls, ignore-nubmers\nmsgid "Skriv til personvern@example.no."\n'
        'msgstr "Write to privacy@example.org."\n',
    )
    assert review("Skriv til personvern@example.no.\n", "nb", "en", catalog) == [
        Problem(
            "locales/en/LC_MESSAGES/privacy.po",
            8,
            "the marker 'ignore-urls' is now 'ignore-links' and 'ignore-emails'; write the "
            "one this entry needs",
            "warning",
        ),
        Problem(
            "locales/en/LC_MESSAGES/privacy.po",
            8,
            "unknown marker 'ignore-nubmers'; the markers are ignore-code, ignore-emails, "
            "ignore-emphasis, ignore-footnotes, ignore-html, ignore-links, ignore-markdown, "
            "ignore-numbers, ignore-punctuation",
            "warning",
        ),
    ]


def test_what_no_marker_allows(tmp_path: Path) -> None:
    """Invisible reordering, unsafe HTML and a broken block structure: every marker
    together does not let them through."""
    every = "# notice: " + ", ".join(
        f"ignore-{k}"
        for k in ("numbers", "links", "emails", "code", "footnotes", "punctuation", "emphasis")
    )
    catalog = catalog_of(
        tmp_path,
        "en",
        f'{every}, ignore-html, ignore-markdown\nmsgid "Vi svarer innen 30 dager."\n'
        'msgstr "We answer within \u202e03\u202c days<script>x</script>\\n\\n- a list"\n',
    )
    found = review("Vi svarer innen 30 dager.\n", "nb", "en", catalog)
    assert [p.severity for p in found] == ["error"] * 4
    assert [p.message.split(":")[0] for p in found] == [
        "U+202C POP DIRECTIONAL FORMATTING",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
        "unsafe HTML",
        "this translation changes the page's block structure (the paragraph on "
        "docs/privacy/draft.md",
    ]


def test_obsolete_translations_pass_the_gate_when_a_version_needs_them(tmp_path: Path) -> None:
    """``--add-language`` freezes a version's older text from ``#~`` entries: the gate
    reads them too."""
    catalog = catalog_of(
        tmp_path,
        "uk",
        '#~ msgid "We keep customer records for 6 months."\n'
        '#~ msgstr "Ми зберігаємо записи клієнтів 3 місяці."\n',
    )
    document = segment_markdown("We keep customer records for 6 months.\n", "v.md")
    arguments = {"source_language": "en", "language": "uk", "to_html": TO_HTML}
    assert review_translation(document, catalog, UK_PO, **arguments) == []  # type: ignore[arg-type]
    found = review_translation(document, catalog, UK_PO, obsolete=True, **arguments)  # type: ignore[arg-type]
    assert [p.message for p in found] == [
        "numbers differ from the source: missing '6'; extra '3'" + MARK_NUMBERS
    ]


def test_a_footnote_marker_before_or_after_the_full_stop_is_no_finding() -> None:
    """Languages place a footnote's marker on either side of the full stop."""
    assert check_translation("Vi lagrer data.[^1]", "Wir speichern Daten[^1].") == []
    assert check_translation("Vi lagrer data[^1]", "Wir speichern Daten.[^1]") == [
        ("warning", "the translation ends with punctuation and the source does not")
    ]


def test_a_number_copied_as_written_but_read_otherwise_is_explained() -> None:
    assert check_translation(
        "We keep 1,000 records.",
        "Wir speichern 1,000 Datensätze.",
        source_language="en",
        language="de",
    ) == [
        (
            "error",
            "numbers differ from the source: missing '1,000'; extra '1,000'; '1,000' is another "
            "number in de than in en: write it as de does" + MARK_NUMBERS,
        )
    ]
    assert (
        check_translation(
            "We keep 1,000 records.",
            "Wir speichern 1.000 Datensätze.",
            source_language="en",
            language="de",
        )
        == []
    )

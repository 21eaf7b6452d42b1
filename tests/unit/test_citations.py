"""Citations of the GDPR as each language's text of the Regulation writes them: article,
paragraph and point apart, the point's letter in the script's own form, two or more
joined as the language joins a list; durations and countries from CLDR."""

from __future__ import annotations

import pytest
from babel.lists import format_list

from notice.site.facts import cite, country, period
from notice.text.facts import Citation, Period
from tests.unit.test_locale_rules import _words
from tests.unit.test_shipped_catalogs import SHIPPED

ONE = [Citation(13, 2, "a")]
TWO = [Citation(13, 2, "a"), Citation(14, 2, "a")]


@pytest.mark.parametrize(
    ("code", "one", "two"),
    [
        ("en", "Art. 13(2)(a) GDPR", "Art. 13(2)(a) and Art. 14(2)(a) GDPR"),
        ("de", "Art. 13 Abs. 2 Buchst. a DSGVO",
         "Art. 13 Abs. 2 Buchst. a und Art. 14 Abs. 2 Buchst. a DSGVO"),
        ("fr", "article 13, paragraphe 2, point a) du RGPD",
         "article 13, paragraphe 2, point a) et article 14, paragraphe 2, point a) du RGPD"),
        ("hu", "GDPR 13. cikk (2) bekezdés a) pont",
         "GDPR 13. cikk (2) bekezdés a) pont és 14. cikk (2) bekezdés a) pont"),
        ("el", "άρθρο 13 παράγραφος 2 στοιχείο α) ΓΚΠΔ",
         "άρθρο 13 παράγραφος 2 στοιχείο α) και άρθρο 14 παράγραφος 2 στοιχείο α) ΓΚΠΔ"),
        ("ja", "GDPR第13条第2項(a)", "GDPR第13条第2項(a)、第14条第2項(a)"),
        ("ar", "\u2068المادة 13(2)(أ)\u2069 من اللائحة العامة لحماية البيانات",
         "\u2068المادة 13(2)(أ) والمادة 14(2)(أ)\u2069 من اللائحة العامة لحماية البيانات"),
        ("is", "a-liður 2. mgr. 13. gr. almennu persónuverndarreglugerðarinnar",
         "a-liður 2. mgr. 13. gr. og a-liður 2. mgr. 14. gr. "
         "almennu persónuverndarreglugerðarinnar"),
        ("bg", "член 13, параграф 2, буква а) от ОРЗД",
         "член 13, параграф 2, буква а) и член 14, параграф 2, буква а) от ОРЗД"),
    ],
)  # fmt: skip
def test_a_citation_reads_as_the_languages_text_of_the_gdpr_writes_it(
    code: str, one: str, two: str
) -> None:
    words = _words(code)
    assert cite(words, ONE) == one
    assert cite(words, TWO) == two


def test_two_citations_are_joined_as_the_language_joins_a_list() -> None:
    for code in ("de", "hu", "ja", "el", "fr", "ar", "zh_Hans"):
        words = _words(code)
        joiner = format_list(["X", "Y"], locale=words.date_locale)[1:-1]
        assert joiner in cite(words, TWO), code
        assert ", " not in joiner


@pytest.mark.parametrize("code", SHIPPED)
def test_every_language_numbers_eleven_points_and_keeps_the_placeholders(code: str) -> None:
    words = _words(code)
    letters = words._("a b c d e f g h i j k").split()
    assert len(letters) == 11, letters
    assert len(set(letters)) == 11
    text = cite(words, [Citation(6, 1, "f"), Citation(21)])
    assert "6" in text
    assert "21" in text
    assert letters[5] in text
    assert "%(" not in text


def test_durations_and_countries_come_from_cldr_in_the_readers_language() -> None:
    assert period(_words("de"), Period(6, "month")) == "6 Monate"
    assert period(_words("ja"), Period(3, "year")) == "3 年"
    assert country(_words("fr"), "US") == "États-Unis"
    assert country(_words("ar"), "GB") == "المملكة المتحدة"

"""Numbers compared as numbers, each in its own language's notation and digits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from notice.core.languages import language_tag
from notice.text.numbers import Number, differing_numbers, notation, read_numbers


@pytest.mark.parametrize(
    ("source_language", "source", "language", "translation"),
    [
        ("pl", "Dostępność 99,5 %.", "en", "Availability 99.5%."),
        ("en", "Availability 99.5%.", "pl", "Dostępność 99,5\u00a0%."),
        ("en", "1,000 records", "de", "1.000 Datensätze"),
        ("en", "1,000 records", "fr", "1\u202f000 dossiers"),  # narrow no-break space
        ("en", "1,000 records", "nb", "1\u00a0000 oppføringer"),  # no-break space
        ("en", "1,000 records", "nb", "1 000 oppføringer"),  # as typed
        ("en", "1,000,000 francs", "de-CH", "1’000’000 Franken"),
        ("en", "1,000,000 francs", "de-CH", "1'000'000 Franken"),
        ("en", "1,234.5 euros", "de", "1.234,5 Euro"),
        ("en", "1.50 euros", "de", "1,5 Euro"),
        ("en", "12.5 percent", "ar", "١٢٫٥ بالمئة"),
        ("en", "30,000 records", "ar", "٣٠٬٠٠٠ سجل"),
        ("en", "30,000 records", "fa", "۳۰٬۰۰۰ رکورد"),
        ("en", "within 30 days", "hi", "३० दिनों के भीतर"),
        ("en", "within 30 days", "th", "ภายใน ๓๐ วัน"),
        ("en", "within 30 days", "ja", "３０日以内"),
        ("hi", "10,00,000 रुपये", "en", "1,000,000 rupees"),
        ("nb", "artikkel 6.1", "en", "article 6.1"),  # not a number in nb: written alike
        ("nb", "kl. 08.00", "en", "at 08.00"),
        ("nb", "telefon 22 33 44 55", "en", "phone 22 33 44 55"),
        ("nb", "1,5 og 2,5 prosent", "ar", "٢٫٥ و١٫٥ بالمئة"),
        ("nb", "innen 3\u20135 dager", "en", "within 3-5 days"),  # an en dash, a hyphen
    ],
)
def test_the_same_numbers_in_each_language_s_notation_are_the_same(
    source_language: str, source: str, language: str, translation: str
) -> None:
    assert differing_numbers(source, translation, source_language, language) == ([], [])


@pytest.mark.parametrize(
    ("source_language", "source", "language", "translation", "missing", "extra"),
    [
        ("en", "for 6 months", "uk", "3 місяці", ["6"], ["3"]),
        ("nb", "1,5 prosent", "en", "15 percent", ["1,5"], ["15"]),
        ("nb", "1,5 prosent", "en", "1.05 percent", ["1,5"], ["1.05"]),
        ("pl", "99,5 %", "en", "99.6%", ["99,5"], ["99.6"]),
        # Written alike, read otherwise: a thousand in English is one in German.
        ("en", "1,000 records", "de", "1,000 Datensätze", ["1,000"], ["1,000"]),
        ("de", "1.500 Datensätze", "en", "1.500 records", ["1.500"], ["1.500"]),
        ("en", "30,000 records", "ar", "٣٠٬٠٠١ سجل", ["30,000"], ["30٬001"]),
        ("nb", "artikkel 6.1", "en", "article 6,1", ["6.1"], ["6,1"]),
        ("nb", "telefon 22 33 44 55", "en", "phone 22 33 44 56", ["55"], ["56"]),
        ("nb", "2025-06-01", "en", "1 June 2025", ["2025-06-01"], ["1", "2025"]),
        ("nb", "2025-06-01", "en", "2025-01-06", ["2025-06-01"], ["2025-01-06"]),
    ],
)
def test_different_numbers_are_named_as_written(
    source_language: str,
    source: str,
    language: str,
    translation: str,
    missing: list[str],
    extra: list[str],
) -> None:
    assert differing_numbers(source, translation, source_language, language) == (missing, extra)


def test_numbers_are_read_in_their_language_s_notation() -> None:
    assert read_numbers("99,5 % av 1\u202f000 og 6.1", "pl") == [
        Number("99,5", Decimal("99.5")),
        Number("1 000", Decimal(1000)),
        Number("6.1", None),  # neither a decimal nor a group mark in Polish
    ]
    assert read_numbers("1,000 and 6.1", "en") == [
        Number("1,000", Decimal(1000)),
        Number("6.1", Decimal("6.1")),
    ]
    assert read_numbers("1,5", "en") == [Number("1,5", None)]  # "5" is no group of three
    assert read_numbers("22 33 44 55") == [Number(n, Decimal(n)) for n in ("22", "33", "44", "55")]
    assert read_numbers("۳۰٬۰۰۰ و ٢٫٥") == [
        Number("30٬000", Decimal(30000)),
        Number("2٫5", Decimal("2.5")),
    ]


def test_a_language_babel_does_not_know_reads_only_what_every_language_does() -> None:
    assert notation("xx") == notation(None)
    assert differing_numbers("1,000", "1.000", None, None) == (["1,000"], ["1.000"])
    assert differing_numbers("10 000", "10\u00a0000", None, None) == ([], [])


LOCALES = ["en", "de", "de-CH", "fr", "nb", "pl", "uk", "hi", "ar-EG", "fa", "th", "ja", "es"]
#: The zero of each digit system a translation may write its numbers in.
ZEROS = ["0", "\u0660", "\u06f0", "\u0966", "\u0e50", "\uff10", "\u09e6", "\u1040"]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(LOCALES),
    st.sampled_from(LOCALES),
    st.sampled_from(ZEROS),
    # Babel writes 1000000'000 for a milliard in de-CH: below a hundred million it is right.
    st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False),
)
def test_a_number_formatted_by_each_locale_is_the_same_number(
    source_language: str, language: str, zero: str, value: Decimal
) -> None:
    """Babel's own formatting of a value in two languages (their decimal marks and groups,
    the translation in any digits) reads as the same number; the value plus one as another."""

    def written(amount: Decimal, code: str) -> str:
        text = format_decimal(amount, locale=language_tag(code).locale, numbering_system="default")
        return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in text)

    source = format_decimal(value, locale=language_tag(source_language).locale)
    same = differing_numbers(f"({source})", written(value, language), source_language, language)
    assert same == ([], [])
    other = written(value + 1, language)
    missing, extra = differing_numbers(source, other, source_language, language)
    assert (len(missing), len(extra)) == (1, 1)

"""The digits of the dates and numbers the site writes, chosen per language (the notice
plugin's ``numbering``): Arabic-Indic for Arabic, Extended Arabic-Indic for Persian,
Latin by default; ``notice.core.numbering``."""

from __future__ import annotations

import re
from datetime import date

import pytest

from notice.core.errors import ConfigError
from notice.core.numbering import ZEROS, split_extension, with_digits
from notice.project.options import read_options
from notice.project.shipped import shipped_site_catalog
from notice.project.sources import Sources
from notice.site.words import Words

DAY = date(2027, 1, 15)


def _words(code: str, locale: str | None) -> Words:
    sources = Sources(
        source_language="en",
        languages=("en", code),
        notices=(),
        documents={},
        catalogs={("site", code): shipped_site_catalog(code)},
        po_paths={},
        site_fallback=shipped_site_catalog("en"),
    )
    return Words(code, sources, locale, "Example")


def test_every_system_has_ten_decimal_digits_from_its_zero() -> None:
    for system, zero in ZEROS.items():
        digits = with_digits("0123456789", system)
        assert [int(d) for d in digits] == list(range(10)), system
        assert digits[0] == zero


def test_the_option_becomes_the_languages_formatting_locale() -> None:
    options = read_options(
        {
            "date_locales": {"en": "en_GB", "fa": "fa_IR"},
            "numbering": {"ar": "arab", "fa": "arabext", "nb": "latn"},
        },
        "mkdocs.yml",
    )
    assert options.formatting_locales() == {
        "en": "en_GB",
        "fa": "fa_IR-u-nu-arabext",
        "ar": "ar-u-nu-arab",
    }
    assert split_extension("ar-u-nu-arab") == ("ar", "arab")
    assert split_extension("en_GB") == ("en_GB", "latn")


def test_an_unknown_numbering_system_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ConfigError) as refused:
        read_options({"numbering": {"ar": "arabic"}}, "mkdocs.yml")
    assert str(refused.value).startswith(
        "mkdocs.yml: numbering: 'arabic' is not a mapping of language to one of latn, arab, "
        "arabext, deva,"
    )


@pytest.mark.parametrize(
    ("code", "locale", "day", "number"),
    [
        ("ar", None, "15 يناير 2027", "1,234"),
        ("ar", "ar-u-nu-arab", "١٥ يناير ٢٠٢٧", "١٬٢٣٤"),
        ("fa", "fa-u-nu-arabext", "۱۵ ژانویه ۲۰۲۷", "۱٬۲۳۴"),
        ("hi", "hi-u-nu-deva", "१५ जनवरी २०२७", "१,२३४"),
        ("en", "en_GB-u-nu-latn", "15 January 2027", "1,234"),
    ],
)
def test_dates_and_numbers_are_written_in_the_chosen_digits(
    code: str, locale: str | None, day: str, number: str
) -> None:
    words = _words(code, locale)
    assert words.date(DAY) == day
    assert words.number(1234) == number
    remains = words.ngettext("%(num)s day remains.", "%(num)s days remain.", 3)
    assert (re.search(r"[0-9]", remains) is None) == (
        locale is not None and "-u-nu-latn" not in locale
    )

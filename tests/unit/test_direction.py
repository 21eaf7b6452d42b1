"""Numbers that read the same in both directions: the check warns where a right-to-left
translation writes a number whose groups the Unicode bidi algorithm shows in another
order, and what it says to write keeps them in order. Both are verified with python-bidi,
a full implementation of the algorithm (UAX #9), not by reasoning."""

from __future__ import annotations

import unicodedata

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from notice.text.checks import check_translation
from notice.text.direction import KEEPS_ORDER, reordered_numbers
from notice.text.pofile import read_catalog
from tests.conftest import REPO

SOURCE = "Fjordkontor AS, organisasjonsnummer 999 888 777, Kaigaten 12, 5015 Bergen."
#: The sample's Arabic sentence as it was, the number's groups separated by spaces.
ARABIC = "شركة Fjordkontor AS، رقم التسجيل 999 888 777، وعنوانها Kaigaten 12، 5015 Bergen."
SPACE_WARNING = (
    "'999 888 777' is shown as '777 888 999' in right-to-left text: the Unicode bidi "
    "algorithm shows groups of digits separated by a space (U+0020) from right to left; "
    "join them with a no-break space (U+00A0) instead, which keeps them in order (or write "
    "the number between U+2066 and U+2069, a left-to-right isolate)"
)
_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))


def shown(text: str) -> str:
    """What a reader of a right-to-left page sees, from left to right, by python-bidi."""
    return get_display(text, base_dir="R").translate(_CONTROLS)


def test_the_bidi_algorithm_reorders_the_groups_a_space_separates() -> None:
    assert "777 888 999" in shown(ARABIC)
    assert "999 888 777" not in shown(ARABIC)


@pytest.mark.parametrize("language", ["ar", "he", "fa", "ur"])
def test_a_right_to_left_translation_is_told_what_to_write(language: str) -> None:
    found = check_translation(SOURCE, ARABIC, source_language="nb", language=language)
    assert found == [("warning", SPACE_WARNING)]


@pytest.mark.parametrize("language", ["nb", "en", "de", None])
def test_a_left_to_right_translation_is_not_warned(language: str | None) -> None:
    assert check_translation(SOURCE, ARABIC, source_language="nb", language=language) == []


def test_what_the_warning_says_to_write_keeps_the_order_and_passes() -> None:
    joined = ARABIC.replace("999 888 777", "999 888 777".replace(" ", KEEPS_ORDER))
    assert f"999{KEEPS_ORDER}888{KEEPS_ORDER}777" in shown(joined)
    assert check_translation(SOURCE, joined, source_language="nb", language="ar") == []
    isolated = ARABIC.replace("999 888 777", "\u2066999 888 777\u2069")
    assert "999 888 777" in shown(isolated)
    assert check_translation(SOURCE, isolated, source_language="nb", language="ar") == []


def test_ignore_numbers_silences_the_warning() -> None:
    found = check_translation(SOURCE, ARABIC, {"ignore-numbers"}, language="ar")
    assert found == []


@pytest.mark.parametrize(
    ("language", "sentence", "written", "seen"),
    [
        ("ar", "رقم الهاتف 22 33 44 55.", "22 33 44 55", "55 44 33 22"),
        ("ar", "خلال 30 000 يوم.", "30 000", "000 30"),
        ("ar", "الرقم ٩٩٩ ٨٨٨ ٧٧٧.", "٩٩٩ ٨٨٨ ٧٧٧", "٧٧٧ ٨٨٨ ٩٩٩"),
        ("fa", "شماره ۹۹۹\u2009۸۸۸.", "۹۹۹\u2009۸۸۸", "۸۸۸\u2009۹۹۹"),
        ("he", "מספר 1'000'000.", "1'000'000", "000'000'1"),
        ("ar", "بعد AS 999 888 777 مباشرة", None, None),  # after Latin letters: in order
        ("ar", "الرقم ٩٩٩\u00a0٨٨٨.", None, None),
        ("he", "מספר 999\u202f888.", None, None),
        ("ar", "من 10 إلى 20.", None, None),  # two numbers
    ],
)
def test_what_the_check_says_a_reader_sees_is_what_the_algorithm_shows(
    language: str, sentence: str, written: str | None, seen: str | None
) -> None:
    found = reordered_numbers(sentence, language)
    if written is None:
        assert found == []
        return
    assert [(n.written, n.shown) for n in found] == [(written, seen)]
    assert seen in shown(sentence)
    assert written not in shown(sentence)


_DIGITS = ["0", "\u0660", "\u06f0"]  # ASCII, Arabic-Indic, Persian
_MARKS = [" ", "\u00a0", "\u202f", "\u2009", "\u2007", "'", "\u2019"]
_BEFORE = ["رقم ", "מספר ", "شماره ", "ID ", "\u200e", "", "رقم \u2066", "ID \u2067x "]


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    """Groups of one number, in one script's digits, each joined to the next by a mark."""
    count = draw(st.integers(2, 4))
    zero = ord(draw(st.sampled_from(_DIGITS)))
    groups = []
    for _ in range(count):
        digits = draw(st.lists(st.integers(0, 9), min_size=1, max_size=3))
        groups.append("".join(chr(zero + d) for d in digits))
    marks = draw(st.lists(st.sampled_from(_MARKS), min_size=count - 1, max_size=count - 1))
    return groups[0] + "".join(m + g for m, g in zip(marks, groups[1:], strict=True))


@settings(max_examples=400, deadline=None)
@given(before=st.sampled_from(_BEFORE), number=_numbers())
def test_the_model_agrees_with_python_bidi(before: str, number: str) -> None:
    sentence = f"{before}{number}."
    seen = shown(sentence)
    found = reordered_numbers(sentence, "ar")
    if found:
        assert [n.written for n in found] == [number]
        assert found[0].shown in seen
        if found[0].shown != number:
            assert number not in seen
    else:
        assert number in seen


def test_the_sample_s_right_to_left_catalogs_show_their_numbers_in_order() -> None:
    checked = 0
    for folder in ("ar", "he", "fa"):
        for path in sorted((REPO / "locales" / folder / "LC_MESSAGES").glob("*.po")):
            for message in read_catalog(path, folder):
                for text in (
                    message.string if isinstance(message.string, tuple) else [message.string]
                ):
                    assert reordered_numbers(text or "", folder) == [], (path, message.lineno)
                    checked += bool(text)
    assert checked > 100
    arabic = read_catalog(REPO / "locales/ar/LC_MESSAGES/privacy.po", "ar")
    (org,) = [m.string for m in arabic if "999" in str(m.string)]
    assert f"999{KEEPS_ORDER}888{KEEPS_ORDER}777" in unicodedata.normalize("NFC", str(org))

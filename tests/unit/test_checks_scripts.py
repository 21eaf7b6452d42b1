"""The translation checks in the world's scripts: digits, end marks, invisible characters."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notice.text.checks import IGNORE_FLAGS, check_translation

NUMBERS_DIFFER = "numbers differ from the source: "
#: What a finding of meaning says to do: correct it, or mark it as deliberate.
MARK_NUMBERS = (
    " (correct the translation, or, if the difference is deliberate, add the translator "
    "comment '# notice: ignore-numbers' above the entry)"
)
NO_END = "the source ends with punctuation and the translation does not"
EXTRA_END = "the translation ends with punctuation and the source does not"


def numbers(source: str, translation: str) -> list[tuple[str, str]]:
    return [f for f in check_translation(source, translation) if NUMBERS_DIFFER in f[1]]


def in_digits(zero: str, text: str) -> str:
    """``text`` with its ASCII digits written in the digits that start at ``zero``."""
    return "".join(chr(ord(zero) + int(c)) if c in "0123456789" else c for c in text)


# --- numbers -----------------------------------------------------------------------------

DIGIT_SYSTEMS = {
    "ASCII": "0",
    "Arabic-Indic": "\u0660",  # ٠
    "Extended Arabic-Indic (Persian, Urdu)": "\u06f0",  # ۰
    "Devanagari": "\u0966",  # ०
    "full-width": "\uff10",  # ０
    "Bengali": "\u09e6",  # ০
    "Thai": "\u0e50",  # ๐
    "Myanmar": "\u1040",  # ၀
    "Khmer": "\u17e0",  # ០
}


def test_the_digit_systems_are_what_they_say() -> None:
    for zero in DIGIT_SYSTEMS.values():
        assert [unicodedata.decimal(chr(ord(zero) + d)) for d in range(10)] == list(range(10))
    assert in_digits("\u06f0", "3 og 6") == "۳ og ۶"
    assert in_digits("\u0660", "30") == "٣٠"
    assert in_digits("\u0966", "30") == "३०"
    assert in_digits("\uff10", "30") == "３０"


@pytest.mark.parametrize("zero", DIGIT_SYSTEMS.values(), ids=DIGIT_SYSTEMS.keys())
def test_numbers_in_any_digits_equal_ascii_digits(zero: str) -> None:
    source = "Svar innen 30 dager, klage innen 6 måneder (artikkel 12.3), telefon 45 67 89 01."
    assert numbers(source, in_digits(zero, source)) == []


@pytest.mark.parametrize("zero", DIGIT_SYSTEMS.values(), ids=DIGIT_SYSTEMS.keys())
def test_a_number_changed_in_any_digits_is_shown_in_ascii(zero: str) -> None:
    translation = in_digits(zero, "Svar innen 31 dager og klage innen 6 måneder.")
    assert numbers("Svar innen 30 dager og klage innen 6 måneder.", translation) == [
        ("error", NUMBERS_DIFFER + "missing '30'; extra '31'" + MARK_NUMBERS)
    ]


def test_a_persian_translation_with_the_same_numbers_passes() -> None:
    source = "Vi svarer innen 3 dager og sletter etter 6 måneder."
    translation = "ظرف ۳ روز پاسخ می\u200cدهیم و پس از ۶ ماه حذف می\u200cکنیم."
    assert check_translation(source, translation) == []


def test_a_persian_translation_with_another_number_is_told_which() -> None:
    source = "Vi svarer innen 3 dager og sletter etter 6 måneder."
    translation = "ظرف ۴ روز پاسخ می\u200cدهیم و پس از ۶ ماه حذف می\u200cکنیم."
    assert check_translation(source, translation) == [
        ("error", NUMBERS_DIFFER + "missing '3'; extra '4'" + MARK_NUMBERS)
    ]


@pytest.mark.parametrize(
    ("source", "translation", "found"),
    [
        # The Arabic separators join digits as . and , do, and stand for the source's.
        ("1,5 prosent", "١٫٥ بالمئة", None),
        ("1.5 percent", "١٫٥ بالمئة", None),
        ("10.000 kroner", "١٠٬٠٠٠ كرونة", None),
        ("1,5 prosent", "٢٫٥ بالمئة", "missing '1,5'; extra '2٫5'"),
        ("1,5 prosent", "١ و٥ بالمئة", "missing '1,5'; extra '1', '5'"),
        ("1,5 og 2,5 prosent", "٢٫٥ و١٫٥ بالمئة", None),
        # Latin separators are compared as written, as before.
        ("artikkel 6.1", "article 6,1", "missing '6.1'; extra '6,1'"),
        ("artikkel 6.1", "article ٦.١", None),
    ],
)
def test_number_separators(source: str, translation: str, found: str | None) -> None:
    expected = [] if found is None else [("error", NUMBERS_DIFFER + found + MARK_NUMBERS)]
    assert numbers(source, translation) == expected


def test_ignore_numbers_still_silences_a_difference_in_other_digits() -> None:
    assert check_translation("innen 30 dager", "ظرف ۳۱ روز", {IGNORE_FLAGS["numbers"]}) == []


ZEROS = [
    chr(code)
    for code in range(sys.maxunicode + 1)
    if unicodedata.category(chr(code)) == "Nd" and unicodedata.decimal(chr(code)) == 0
]


@settings(max_examples=200)
@given(st.sampled_from(ZEROS), st.integers(min_value=0, max_value=10**9))
def test_every_unicode_digit_system_reads_as_ascii(zero: str, number: int) -> None:
    assert numbers(f"innen {number} dager", in_digits(zero, f"within {number} days")) == []
    assert numbers(f"innen {number} dager", in_digits(zero, f"within {number + 1} days")) == [
        ("error", NUMBERS_DIFFER + f"missing '{number}'; extra '{number + 1}'" + MARK_NUMBERS)
    ]


# --- end punctuation ---------------------------------------------------------------------

#: A translation ending with each end mark, in a script that uses it.
END_MARKS = {
    ".": "We store data.",
    ",": "data we hold about you,",
    ":": "We share it with:",
    ";": "other members;",
    "!": "Note!",
    "?": "Why do we store data?",
    "…": "and so on…",
    "。": "データを保存します。",
    "！": "注意！",
    "？": "データを保存しますか？",
    "．": "データを保存します．",
    "、": "データ、",
    "，": "我们保存数据，",
    "：": "我们与以下各方共享：",
    "；": "其他成员；",
    "｡": "ﾃﾞｰﾀ｡",
    "؟": "لماذا نحفظ البيانات؟",
    "،": "البيانات التي نحتفظ بها عنك،",
    "؛": "الأعضاء الآخرين؛",
    "۔": "ہم ڈیٹا محفوظ کرتے ہیں۔",
    "।": "हम डेटा रखते हैं।",
    "॥": "हम डेटा रखते हैं॥",
    "։": "Մենք պահում ենք տվյալները։",
    "።": "መረጃ እናስቀምጣለን።",
    "፧": "ለምን መረጃ እናስቀምጣለን፧",
    "፣": "መረጃ፣",
    "\u037e": "Γιατί αποθηκεύουμε δεδομένα\u037e",
    "\u0387": "άλλα μέλη\u0387",
    "·": "άλλα μέλη·",
    "။": "ဒေတာ သိမ်းဆည်းသည်။",
    "၊": "ဒေတာ၊",
    "།": "ང་ཚོས་ཡིག་ཆ་ཉར་ཚགས་བྱེད།",
    "༎": "ང་ཚོས་ཡིག་ཆ་ཉར་ཚགས་བྱེད༎",
    "។": "យើងរក្សាទុកទិន្នន័យ។",
    "៕": "យើងរក្សាទុកទិន្នន័យ៕",
    "๚": "เราเก็บข้อมูล๚",
    "᠃": "ᠮᠡᠳᠡᠭᠡ᠃",
}


@pytest.mark.parametrize(("mark", "translation"), END_MARKS.items(), ids=END_MARKS.keys())
def test_each_script_s_end_mark_is_end_punctuation(mark: str, translation: str) -> None:
    assert translation.endswith(mark)
    assert check_translation("Vi lagrer data.", translation) == []
    assert check_translation("Vi lagrer data", translation) == [("warning", EXTRA_END)]


#: Translations that end without a mark, in scripts that do mark a sentence's end.
MARKED_SCRIPTS = {
    "Japanese": "データを保存します",
    "Arabic": "نحفظ البيانات",
    "Hindi": "हम डेटा रखते हैं",
    "Armenian": "Մենք պահում ենք տվյալները",
    "Amharic": "መረጃ እናስቀምጣለን",
    "Greek": "Αποθηκεύουμε δεδομένα",
    "Burmese": "ဒေတာ သိမ်းဆည်းသည်",
    "Tibetan": "ང་ཚོས་ཡིག་ཆ་ཉར་ཚགས་བྱེད",
    "Khmer": "យើងរក្សាទុកទិន្នន័យ",
}


@pytest.mark.parametrize("translation", MARKED_SCRIPTS.values(), ids=MARKED_SCRIPTS.keys())
def test_a_missing_end_mark_is_reported_in_scripts_that_mark_the_end(translation: str) -> None:
    assert check_translation("Vi lagrer data.", translation) == [("warning", NO_END)]


#: Scripts whose sentences end with a space: the source's "." has no counterpart.
UNMARKED_SCRIPTS = {
    "Thai": "เราเก็บข้อมูลของคุณ",
    "Thai ending in ๆ, a repetition mark": "เราใช้ข้อมูลเพื่อวัตถุประสงค์ต่างๆ",
    "Thai ending in a Latin name": "เราเก็บข้อมูลไว้ที่ Google",
    "Lao": "ພວກເຮົາເກັບຂໍ້ມູນຂອງທ່ານ",
}


@pytest.mark.parametrize("translation", UNMARKED_SCRIPTS.values(), ids=UNMARKED_SCRIPTS.keys())
def test_thai_and_lao_may_end_without_a_mark(translation: str) -> None:
    assert check_translation("Vi lagrer data.", translation) == []
    assert check_translation("Vi lagrer data", translation) == []


def test_thai_abbreviation_and_repetition_marks_are_not_end_punctuation() -> None:
    assert check_translation("Oslo", "กรุงเทพฯ") == []  # ฯ abbreviates Krung Thep
    assert check_translation("forskjellige", "ต่างๆ") == []
    assert check_translation("Vi lagrer data", "เราเก็บข้อมูล.") == [("warning", EXTRA_END)]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ('Han sa "ja."', 'He said "yes."'),
        ("Se «punkt 3.»", "见「第3节。」"),
        ("Les mer (se punkt 3.)", "Read more (see section 3.)"),
        ("Les mer.", "Read more.\u200f"),  # a direction mark after the full stop
        ("Les mer.", "«اقرأ المزيد.»"),
        ("Hvorfor?", "„Warum?“"),
        ("Hvorfor?", "لماذا؟» "),
    ],
)
def test_a_closing_quote_or_bracket_after_the_mark_still_ends_with_it(
    source: str, translation: str
) -> None:
    assert check_translation(source, translation) == []
    assert check_translation(source.replace(".", "").replace("?", ""), translation) == [
        ("warning", EXTRA_END)
    ]


def test_a_closing_quote_without_a_mark_is_no_end_punctuation() -> None:
    assert check_translation("Han sa «ja».", "「同意」") == [("warning", NO_END)]
    assert check_translation("«Samtykke»", "「同意」") == []


# --- invisible characters ----------------------------------------------------------------

ALLOWED = {
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200b": "ZERO WIDTH SPACE",
    "\u2060": "WORD JOINER",
    "\u00ad": "SOFT HYPHEN",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u0600": "ARABIC NUMBER SIGN",
}


@pytest.mark.parametrize("char", ALLOWED, ids=ALLOWED.values())
def test_joiners_direction_marks_and_isolates_are_text(char: str) -> None:
    assert unicodedata.name(char) == ALLOWED[char]
    assert check_translation("Ring 22 33 44 55.", f"اتصل {char}22 33 44 55{char}.") == []


REORDER = (
    "makes readers see the words in another order than the text that is released and "
    "hashed; remove it (use "
)
DEPRECATED = (
    ": deprecated: browsers ignore it while other software shows the text otherwise "
    "(brackets swapped, Arabic letters unjoined, other digits) than readers of the site see "
    "it; remove it"
)
TAG = (
    ": an invisible tag: it carries text that readers do not see but that software reading "
    "the notice (search, copy, translation and AI tools) does; remove it"
)
OTHER = (
    ": an invisible format character: readers do not see it, yet it is in the text that is "
    "released and hashed and changes what software reading it finds; remove it"
)
FORBIDDEN = {
    "\u202a": "U+202A LEFT-TO-RIGHT EMBEDDING: "
    + REORDER
    + "U+2066…U+2069 isolates or U+200E if a direction mark is needed)",
    "\u202b": "U+202B RIGHT-TO-LEFT EMBEDDING: "
    + REORDER
    + "U+2067…U+2069 isolates or U+200F if a direction mark is needed)",
    "\u202c": "U+202C POP DIRECTIONAL FORMATTING: ends an embedding or override, which makes "
    "readers see the words in another order than the text that is released and hashed; "
    "remove it (use U+2066…U+2069 isolates or U+200E or U+200F if a direction mark is needed)",
    "\u202d": "U+202D LEFT-TO-RIGHT OVERRIDE: "
    + REORDER
    + "U+2066…U+2069 isolates or U+200E if a direction mark is needed)",
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE: makes readers see the words in another order "
    "than the text that is released and hashed; remove it (use U+2067…U+2069 isolates or "
    "U+200F if a direction mark is needed)",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE: a byte order mark inside the text: readers "
    "do not see it, yet it is in the text that is released and hashed and in what they copy "
    "from it; remove it (use U+2060 WORD JOINER where a line must not break)",
    "\u206a": "U+206A INHIBIT SYMMETRIC SWAPPING" + DEPRECATED,
    "\u206b": "U+206B ACTIVATE SYMMETRIC SWAPPING" + DEPRECATED,
    "\u206c": "U+206C INHIBIT ARABIC FORM SHAPING" + DEPRECATED,
    "\u206d": "U+206D ACTIVATE ARABIC FORM SHAPING" + DEPRECATED,
    "\u206e": "U+206E NATIONAL DIGIT SHAPES" + DEPRECATED,
    "\u206f": "U+206F NOMINAL DIGIT SHAPES" + DEPRECATED,
    "\U000e0001": "U+E0001 LANGUAGE TAG" + TAG,
    "\U000e0041": "U+E0041 TAG LATIN CAPITAL LETTER A" + TAG,
    "\U000e007f": "U+E007F CANCEL TAG" + TAG,
    "\ufff9": "U+FFF9 INTERLINEAR ANNOTATION ANCHOR: marks text as an annotation that some "
    "software shows and other software hides, so readers may not see what is released and "
    "hashed; remove it",
    "\u2062": "U+2062 INVISIBLE TIMES" + OTHER,
    "\u2064": "U+2064 INVISIBLE PLUS" + OTHER,
}


@pytest.mark.parametrize("char", FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_hidden_format_characters_are_errors_named_by_code_point(char: str) -> None:
    source = "Du får svar innen 30 dager."
    translation = f"You will get an answer within {char}30 days."
    assert check_translation(source, translation) == [("error", FORBIDDEN[char])]


def test_every_flag_together_does_not_silence_a_hidden_character() -> None:
    assert check_translation(
        "Du får svar innen 30 dager.",
        "ستتلقى ردًا في غضون \u202e03\u202c يومًا.",
        set(IGNORE_FLAGS.values()),
    ) == [("error", FORBIDDEN["\u202c"]), ("error", FORBIDDEN["\u202e"])]


def test_a_hidden_character_the_source_has_is_not_the_translation_s_fault() -> None:
    assert check_translation("Navn:\ufeff Kari.", "Name:\ufeff Kari.") == []
    assert check_translation("Navn:\ufeff Kari.", "Name:\ufeff\u202e Kari.") == [
        ("error", FORBIDDEN["\u202e"])
    ]


def test_the_override_is_reported_once_with_the_other_findings() -> None:
    """The Trojan-source shape: the text says 03, readers see 30."""
    found = check_translation(
        "Du får svar senest innen 30 dager.",
        "ستتلقى ردًا في غضون \u202e03\u202c يومًا على الأكثر.",
    )
    assert found == [
        ("error", FORBIDDEN["\u202c"]),
        ("error", FORBIDDEN["\u202e"]),
        ("error", NUMBERS_DIFFER + "missing '30'; extra '03'" + MARK_NUMBERS),
    ]

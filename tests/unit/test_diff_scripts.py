"""Redlines of scripts written without spaces: a change is marked character by character
(Chinese, Japanese) or grapheme cluster by cluster (Thai, Lao, Khmer, Myanmar...), never
as the whole sentence, and never with a mark cut from its consonant."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notice.text.diff import DELETE, EQUAL, INSERT, diff_documents
from notice.text.redline import RedlineLabels, inline_redline, side, terminal_redline
from notice.text.segment import segment_markdown
from notice.text.tokens import count_words, tokens
from notice.text.worddiff import _sentences, diff_words

# "We keep (your) data for 6 years", the 6 changed to a 3 (in the script's own digits
# where the sentence uses them): what comes before the digit, the digits, what follows.
DIGIT_CHANGES = {
    "japanese": ("個人データは", "6", "3", "年間保存します。"),
    "chinese-simplified": ("我们将数据保存", "6", "3", "年。"),
    "chinese-traditional": ("我們將資料保存", "6", "3", "年。"),
    "thai-spaced": ("เราเก็บข้อมูลไว้ ", "6", "3", " ปี"),
    "thai": ("เก็บไว้", "6", "3", "ปี"),
    "lao": ("ເກັບໄວ້", "6", "3", "ປີ"),
    "khmer": ("រក្សាទុក", "៦", "៣", "ឆ្នាំ"),
    "myanmar": ("သိမ်းဆည်းထားသည်", "၆", "၃", "နှစ်"),
}


def _ops(old: str, new: str) -> list[tuple[str, str]]:
    return [(o.kind, o.text) for o in diff_words(old, new)]


@pytest.mark.parametrize(
    ("before", "old", "new", "after"), DIGIT_CHANGES.values(), ids=DIGIT_CHANGES.keys()
)
def test_a_changed_digit_is_marked_alone(before: str, old: str, new: str, after: str) -> None:
    assert _ops(before + old + after, before + new + after) == [
        (EQUAL, before),
        (DELETE, old),
        (INSERT, new),
        (EQUAL, after),
    ]


def test_japanese_redline_marks_the_digit_alone() -> None:
    old, new = "個人データは6年間保存します。", "個人データは3年間保存します。"
    assert _ops(old, new) == [
        (EQUAL, "個人データは"),
        (DELETE, "6"),
        (INSERT, "3"),
        (EQUAL, "年間保存します。"),
    ]
    assert inline_redline(diff_words(old, new), RedlineLabels("[-", "-]", "[+", "+]")) == (
        '個人データは<del><span class="notice-sr">[- </span>6<span class="notice-sr"> -]</span>'
        '</del><ins><span class="notice-sr">[+ </span>3<span class="notice-sr"> +]</span></ins>'
        "年間保存します。"
    )


def test_a_changed_ideograph_is_marked_alone() -> None:
    assert _ops("データを保存します。", "データを保管します。") == [
        (EQUAL, "データを保"),
        (DELETE, "存"),
        (INSERT, "管"),
        (EQUAL, "します。"),
    ]


def test_japanese_tokens_are_characters_and_numbers_stay_whole() -> None:
    assert tokens("データは16年間（６０か月）") == [
        *"データは",
        "16",
        *"年間（",
        "６０",
        *"か月）",
    ]


def test_a_kana_with_a_combining_sound_mark_or_a_variant_ideograph_is_one_token() -> None:
    # か + combining dakuten (a decomposed が), and 葛 with a variation selector
    assert tokens("か\u3099き葛\U000e0100飾") == ["か\u3099", "き", "葛\U000e0100", "飾"]


def test_a_changed_thai_word_keeps_its_tone_marks_and_vowels() -> None:
    # "your" (formal) -> "your" (informal)
    assert _ops("เราไม่เก็บข้อมูลของท่าน", "เราไม่เก็บข้อมูลของคุณ") == [
        (EQUAL, "เราไม่เก็บข้อมูลของ"),
        (DELETE, "ท่าน"),
        (INSERT, "คุณ"),
    ]
    assert tokens("ไม่เก็บข้อมูล") == ["ไ", "ม่", "เ", "ก็", "บ", "ข้", "อ", "มู", "ล"]


CLUSTERS = {
    "thai-sara-am": ("กำหนด", ["กำ", "ห", "น", "ด"]),  # a vowel sign, a letter by category
    "lao-sara-am": ("ກຳນົດ", ["ກຳ", "ນົ", "ດ"]),
    "khmer-subscript": ("ក្រុមហ៊ុន", ["ក្រុ", "ម", "ហ៊ុ", "ន"]),  # a subscript consonant stays
    "myanmar-stacked": ("ကုမ္ပဏီ", ["ကု", "မ္ပ", "ဏီ"]),
    "myanmar-spacing-signs": ("ပါးကာ", ["ပါး", "ကာ"]),  # vowel signs Unicode leaves apart
    "tibetan": ("བོད་ཡིག།", ["བོ", "ད", "་", "ཡི", "ག", "།"]),
    "half-width-kana": ("ｶﾞｲﾄﾞ", ["ｶﾞ", "ｲ", "ﾄﾞ"]),  # with its voiced sound mark
}


@pytest.mark.parametrize(("text", "expected"), CLUSTERS.values(), ids=CLUSTERS.keys())
def test_clusters_keep_their_marks(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_korean_keeps_whole_words() -> None:
    old, new = "개인 데이터를 6년간 보관합니다.", "개인 데이터를 3년간 보관합니다."
    assert tokens(old) == ["개인", " ", "데이터를", " ", "6년간", " ", "보관합니다."]
    assert _ops(old, new) == [
        (EQUAL, "개인 데이터를 "),
        (DELETE, "6년간"),
        (INSERT, "3년간"),
        (EQUAL, " 보관합니다."),
    ]


def test_word_counts_of_unspaced_scripts() -> None:
    assert count_words("個人データは6年間保存します。") == 14  # 13 characters, 1 number
    assert count_words("เราเก็บข้อมูลไว้ 6 ปี") == 14  # 12 clusters, 1 number, 1 cluster
    assert count_words("개인 데이터를 6년간 보관합니다.") == 4


def test_one_character_changed_counts_as_one_word() -> None:
    def changed(old: str, new: str) -> int:
        return diff_documents(segment_markdown(old), segment_markdown(new)).words_changed

    # "about 6 years" -> "6 years": one ideograph deleted
    assert changed("個人データは約6年間保存します。\n", "個人データは6年間保存します。\n") == 1
    # a digit replaced: one word deleted and one inserted, as in a spaced language
    assert changed("個人データは6年間保存します。\n", "個人データは3年間保存します。\n") == 2
    assert changed("Vi lagrer i seks år.\n", "Vi lagrer i tre år.\n") == 2


def test_terminal_redline_of_japanese() -> None:
    old = segment_markdown("## 保存期間\n\n個人データは約6年間保存します。\n")
    new = segment_markdown("## 保存期間\n\n個人データは6年間保存します。\n")
    out = terminal_redline(diff_documents(old, new), color=False)
    assert out == "~ paragraph, line 3\n  個人データは[-約-]6年間保存します。\n"


def test_sentences_end_at_cjk_and_southeast_asian_full_stops() -> None:
    # a large region is matched sentence by sentence first: CJK text has no "."
    words = tokens("保存します。削除します！ຄ.ក។ဆ။ཀ།")
    ends = [words[end - 1] for _, end in _sentences(words)]
    assert ends == ["。", "！", ".", "។", "။", "།"]


# --- properties ------------------------------------------------------------------------

#: Scripts written without spaces, by their Unicode blocks.
_UNSPACED = {
    "Thai": (0x0E00, 0x0E7F),
    "Lao": (0x0E80, 0x0EFF),
    "Tibetan": (0x0F00, 0x0FFF),
    "Myanmar": (0x1000, 0x109F),
    "Khmer": (0x1780, 0x17FF),
    "Tai Tham": (0x1A20, 0x1AAF),
}


def _text(first: int, last: int) -> st.SearchStrategy[str]:
    """Text of one script: its letters, each with up to three of its marks (vowel signs,
    tone marks), its digits, and spaces, ASCII digits, emphasis and Latin words."""
    chars = [chr(code) for code in range(first, last + 1)]
    letters = [c for c in chars if unicodedata.category(c) == "Lo"]
    marks = [c for c in chars if unicodedata.category(c).startswith("M")]
    digits = [c for c in chars if unicodedata.category(c) == "Nd"]
    syllables = st.builds(
        lambda letter, signs: letter + "".join(signs),
        st.sampled_from(letters),
        st.lists(st.sampled_from(marks), max_size=3),
    )
    others = st.sampled_from([*digits, " ", "6", "16", "**", "data", "."])
    return st.lists(st.one_of(syllables, others), max_size=30).map("".join)


_THAI = _text(*_UNSPACED["Thai"])
_ANY_UNSPACED = st.sampled_from(list(_UNSPACED.values())).flatmap(lambda r: _text(*r))


def _starts_with_mark(text: str) -> bool:
    return bool(text) and unicodedata.category(text[0]).startswith("M")


@settings(max_examples=300, deadline=None)
@given(_THAI)
def test_no_thai_token_starts_with_a_mark(text: str) -> None:
    assert "".join(tokens(text)) == text
    assert not [t for t in tokens(text) if _starts_with_mark(t)]


@settings(max_examples=300, deadline=None)
@given(_ANY_UNSPACED, _ANY_UNSPACED)
def test_no_change_starts_with_a_mark(old: str, new: str) -> None:
    for text in (old, new):
        assert "".join(tokens(text)) == text
        assert not [t for t in tokens(text) if _starts_with_mark(t)]
    ops = diff_words(old, new)
    assert side(ops, "old") == old
    assert side(ops, "new") == new
    assert not [o for o in ops if _starts_with_mark(o.text)]

"""Language codes as people write them, mapped one way; the site's words in fallback; the
fonts of every script."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from babel.messages.catalog import Catalog

from notice.core.errors import NoticeError
from notice.core.languages import UnknownLanguage, language_tag, site_language
from notice.site.fonts import check_glyphs, font_families
from notice.site.pdf import Sheet, document_html, printed_text
from notice.text.catalog import gettext_translations
from notice.text.glyphs import installed_coverage, missing_glyphs, package_for, parse_charsets

#: The languages the installed Material theme has words for (its partials' names).
MATERIAL = {
    path.stem
    for path in (Path(material.__file__).parent / "templates/partials/languages").glob("*.html")
}


@pytest.mark.parametrize(
    ("given", "tag", "folder", "babel", "theme", "direction"),
    [
        ("nb", "nb", "nb", "nb", "nb", "ltr"),
        ("zh-Hant", "zh-Hant", "zh_Hant", "zh_Hant", "zh-Hant", "ltr"),
        ("zh-hant", "zh-Hant", "zh_Hant", "zh_Hant", "zh-Hant", "ltr"),
        ("zh_TW", "zh-TW", "zh_TW", "zh_Hant_TW", "zh-TW", "ltr"),
        ("zh-Hans", "zh-Hans", "zh_Hans", "zh_Hans", "zh", "ltr"),
        ("pt-BR", "pt-BR", "pt_BR", "pt_BR", "pt-BR", "ltr"),
        ("pt_br", "pt-BR", "pt_BR", "pt_BR", "pt-BR", "ltr"),
        ("sr-Latn", "sr-Latn", "sr_Latn", "sr_Latn", "sh", "ltr"),
        ("ar", "ar", "ar", "ar", "ar", "rtl"),
        ("he", "he", "he", "he", "he", "rtl"),
        ("fa", "fa", "fa", "fa", "fa", "rtl"),
        ("ga", "ga", "ga", "ga", "en", "ltr"),
        ("mt", "mt", "mt", "mt", "en", "ltr"),
        ("fil", "fil", "fil", "fil", "tl", "ltr"),
        ("bs", "bs", "bs", "bs", "sh", "ltr"),
        ("ur", "ur", "ur", "ur", "ur", "rtl"),
    ],
)
def test_a_code_maps_one_way_to_every_name(
    given: str, tag: str, folder: str, babel: str, theme: str, direction: str
) -> None:
    found = language_tag(given)
    assert (found.tag, found.folder, found.babel) == (tag, folder, babel)
    assert found.theme_language(MATERIAL) == theme
    assert found.direction == direction


def test_a_script_is_never_taken_for_another() -> None:
    """The site's words of zh-TW come from a Traditional catalog, never a Simplified one."""
    assert language_tag("zh-TW").candidates() == ("zh_TW", "zh_Hant")
    assert language_tag("zh-CN").candidates() == ("zh_CN", "zh_Hans", "zh")
    assert language_tag("sr-Latn").candidates() == ("sr_Latn",)
    assert language_tag("pt-BR").candidates() == ("pt_BR", "pt")


def test_portuguese_takes_the_catalog_whose_plural_rule_babel_gives_it() -> None:
    """CLDR's ``pt`` is Brazilian Portuguese ("0 dia"); Portugal and the countries whose
    locale CLDR derives from Portugal's write "0 dias"."""
    assert language_tag("pt").candidates() == ("pt", "pt_BR")
    assert language_tag("pt-PT").candidates() == ("pt_PT", "pt")
    assert language_tag("pt_AO").candidates() == ("pt_AO", "pt_PT", "pt")
    assert language_tag("pt-MZ").candidates() == ("pt_MZ", "pt_PT", "pt")
    assert language_tag("de-AT").candidates() == ("de_AT", "de")
    assert language_tag("sr-Latn").theme_language({"sr", "en"}) == "en"
    assert language_tag("sr-Cyrl").theme_language({"sr", "sh", "en"}) == "sr"
    assert language_tag("sr-Latn").theme_language({"sr", "sh", "en"}) == "sh"
    assert language_tag("bs-Cyrl").theme_language({"bs", "en"}) == "en"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("xx_nowhere", "'xx_nowhere' is not a known language code"),
        ("norsk", "'norsk' is not a known language code"),
        ("q!", "'q!' is not a known language code"),
    ],
)
def test_an_unknown_code_is_refused(code: str, message: str) -> None:
    with pytest.raises(UnknownLanguage) as caught:
        language_tag(code)
    assert caught.value.message == message
    assert caught.value.hint == "use a code such as nb, en, de, ar, ja, zh-Hant, pt-BR or sr-Latn"


def test_a_code_the_i18n_plugin_cannot_build_is_refused_with_its_spelling() -> None:
    with pytest.raises(UnknownLanguage) as caught:
        site_language("zh_Hant")
    assert str(caught.value) == (
        "'zh_Hant' is not a code the i18n plugin can build (write it as zh-Hant)"
    )
    with pytest.raises(UnknownLanguage, match="two-letter"):
        site_language("fil")
    assert site_language("zh_TW").tag == "zh-TW"


def _catalog(locale: str, table: dict[object, object]) -> Catalog:
    catalog = Catalog(locale=locale, domain="site")
    for msgid, string in table.items():
        catalog.add(msgid, string)
    return catalog


UNCHANGED = ("%(num)s unchanged section", "%(num)s unchanged sections")
ENGLISH = {UNCHANGED: UNCHANGED}


def test_a_message_a_language_lacks_comes_in_english_with_englishs_plural_rule() -> None:
    """Japanese has one plural form: its rule applied to English words gave
    "2 unchanged section"."""
    english = _catalog(
        "en", {UNCHANGED: ("%(num)s unchanged section", "%(num)s unchanged sections")}
    )
    japanese = _catalog("ja", {UNCHANGED: ("",), "Status": "状態"})
    words = gettext_translations(japanese, english)
    assert words.ngettext(*UNCHANGED, 2) == "%(num)s unchanged sections"
    assert words.ngettext(*UNCHANGED, 1) == "%(num)s unchanged section"
    assert words.gettext("Status") == "状態"
    no_fallback = gettext_translations(japanese)
    assert no_fallback.ngettext(*UNCHANGED, 2) == "%(num)s unchanged sections"


def test_a_fuzzy_or_partly_translated_plural_falls_back_whole() -> None:
    english = _catalog(
        "en", {UNCHANGED: ("%(num)s unchanged section", "%(num)s unchanged sections")}
    )
    polish = _catalog("pl", {UNCHANGED: ("%(num)s niezmieniona sekcja", "", "")})
    words = gettext_translations(polish, english)
    assert words.ngettext(*UNCHANGED, 5) == "%(num)s unchanged sections"
    complete = _catalog(
        "pl",
        {UNCHANGED: ("%(num)s niezmieniona sekcja", "%(num)s niezmienione sekcje", "%(num)s x")},
    )
    assert gettext_translations(complete, english).ngettext(*UNCHANGED, 3) == (
        "%(num)s niezmienione sekcje"
    )


@pytest.mark.parametrize(
    ("code", "first"),
    [
        ("ja", '"Noto Sans CJK JP"'),
        ("zh-Hans", '"Noto Sans CJK SC"'),
        ("zh-Hant", '"Noto Sans CJK TC"'),
        ("zh-TW", '"Noto Sans CJK TC"'),
        ("zh-HK", '"Noto Sans CJK HK"'),
        ("ko", '"Noto Sans CJK KR"'),
        ("ar", '"Noto Naskh Arabic"'),
        ("fa", '"Noto Naskh Arabic"'),
        ("ur", '"Noto Nastaliq Urdu"'),
        ("ka", '"Noto Sans Georgian"'),
        ("am", '"Noto Sans Ethiopic"'),
        ("km", '"Noto Sans Khmer"'),
        ("si", '"Noto Sans Sinhala"'),
        ("he", '"Noto Sans Hebrew"'),
        ("th", '"Noto Sans Thai"'),
        ("hi", '"Noto Sans Devanagari"'),
        ("nb", '"DejaVu Sans"'),
        ("uk", '"DejaVu Sans"'),
    ],
)
def test_each_language_names_its_own_fonts(code: str, first: str) -> None:
    """Japanese, Simplified and Traditional Chinese and Korean each get their glyph forms."""
    families = font_families(language_tag(code))
    assert families.split(", ")[0] == first.split(", ")[0]
    assert families.endswith('"DejaVu Sans", "Noto Sans", sans-serif')


def test_fc_list_charsets_are_read_as_ranges() -> None:
    coverage = parse_charsets("20-7e a0-17f\ne01-e3a e3f-e5b\n3041-3096 4e00-9fff\n")
    assert all(c in coverage for c in "Aéกไあ個")
    assert not any(c in coverage for c in "\u0600ア\U00020000")
    assert missing_glyphs("Aア ア\u200fب", coverage) == ["ア", "ب"]


def test_a_text_no_installed_font_draws_is_refused_naming_the_package() -> None:
    latin_only = parse_charsets("20-7e a0-17f")
    with pytest.raises(NoticeError) as caught:
        check_glyphs("個人データは6年", "ja", "privacy/versions/2027-01-01/ja.pdf", latin_only)
    assert str(caught.value) == (
        "privacy/versions/2027-01-01/ja.pdf: no installed font has a glyph for 7 characters "
        "of the 'ja' text (個 U+500B, 人 U+4EBA, デ U+30C7, ー U+30FC, タ U+30BF and 2 more); "
        "no PDF is made with empty boxes in it (install fonts-noto-cjk (Debian: apt-get "
        "install fonts-noto-cjk), or set `pdf: false` in the notice plugin's options in "
        "mkdocs.yml)"
    )
    with pytest.raises(NoticeError, match="install fonts-noto-core"):
        check_glyphs("ภาษาไทย", "th", "th.pdf", latin_only)
    check_glyphs("Personvern 6 år", "nb", "nb.pdf", latin_only)
    assert package_for("한") == "fonts-noto-cjk"
    assert package_for("ع") == "fonts-noto-core"


def test_the_installed_fonts_draw_every_script_we_ship() -> None:
    """The fonts `.ci/run` installs (fonts-noto-core, fonts-noto-cjk, fonts-dejavu-core)."""
    text = (
        "Æøå ÆØÅ Ελληνικά Українська العربية فارسی ۳ עברית हिन्दी ไทย "
        "日本語ひらがなカタカナ 简体 繁體 한국어"
    )
    assert missing_glyphs(text, installed_coverage()) == []


def test_a_pdf_of_a_right_to_left_text_is_set_right_to_left() -> None:
    sheet = Sheet(
        lang="ar",
        dir="rtl",
        title="إشعار الخصوصية",
        site_name="Fjordkontor",
        effective="2027-01-01",
        lines=(("العنوان الدائم", "https://example.org/ar/privacy/"), ("SHA-256", "a" * 64)),
        address="https://example.org/ar/privacy/",
    )
    document = document_html(sheet, "<p>نص</p>")
    assert '<html lang="ar" dir="rtl">' in document
    assert 'font-family: "Noto Naskh Arabic"' in document
    assert '<bdi dir="ltr">https://example.org/ar/privacy/</bdi>' in document
    assert printed_text(document).strip().startswith("إشعار الخصوصية")
    left = document_html(Sheet("nb", "T", "S", "2027-01-01", (), "https://e.org/"), "<p>x</p>")
    assert '<html lang="nb">' in left

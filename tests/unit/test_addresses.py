"""E-mail addresses and URLs where a script writes words straight onto them: Korean and
Japanese particles, Chinese and Thai words, Arabic prefixes, Turkish suffixes after an
apostrophe. A correct translation passes ``check --strict`` (no finding at all); a changed
address is an error."""

from __future__ import annotations

import pytest

from notice.text.addresses import find_emails, find_urls
from notice.text.checks import check_translation

EMAIL_SOURCE = "Write to privacy@example.org."
URL_SOURCE = "Read more at https://example.org/privacy."
EMAILS_DIFFER = (
    "e-mail addresses differ from the source: missing 'privacy@example.org'; extra '{extra}' "
    "(correct the translation, or, if the difference is deliberate, add the translator "
    "comment '# notice: ignore-emails' above the entry)"
)
URLS_DIFFER = (
    "URLs differ from the source: missing 'https://example.org/privacy'; extra '{extra}' "
    "(correct the translation, or, if the difference is deliberate, add the translator "
    "comment '# notice: ignore-links' above the entry)"
)

#: Correct translations, the address written as each script writes it.
EMAILS = {
    "ko": "privacy@example.org로 연락하십시오.",
    "ja": "privacy@example.orgまでご連絡ください。",
    "zh-Hans": "请发送电子邮件至privacy@example.org。",
    "tr": "privacy@example.org'a yazın.",
    "ar": "أرسلوا طلباتكم لـprivacy@example.org.",  # لـ and a tatweel before Latin
    "fa": "به privacy@example.org بنویسید.",
    "th": "คุณสามารถเขียนถึงเราที่privacy@example.orgได้ตลอดเวลา",
    "ru": "Пишите на privacy@example.org.",
}
URLS = {
    "ko": "자세한 내용은 https://example.org/privacy를 참조하십시오.",
    "ja": "詳しくはhttps://example.org/privacyをご覧ください。",
    "zh-Hans": "详情请访问https://example.org/privacy。",
    "tr": "Ayrıntılar https://example.org/privacy'de.",
    "ar": "تجدون التفاصيل في دليلنا المطبوع وhttps://example.org/privacy.",
    "th": "อ่านรายละเอียดเพิ่มเติมได้ที่https://example.org/privacyได้ตลอดเวลา",
    "ru": "Подробнее: https://example.org/privacy.",
}


@pytest.mark.parametrize(("language", "translation"), EMAILS.items(), ids=EMAILS.keys())
def test_an_e_mail_address_written_onto_words_passes(language: str, translation: str) -> None:
    assert check_translation(EMAIL_SOURCE, translation, language=language) == []


@pytest.mark.parametrize(("language", "translation"), URLS.items(), ids=URLS.keys())
def test_a_url_written_onto_words_passes(language: str, translation: str) -> None:
    assert check_translation(URL_SOURCE, translation, language=language) == []


#: Each script's correct translation with its address changed: the letter written onto
#: the address in the address's own script is part of it.
CHANGED_EMAILS = {
    "ko": ("privacy@example.orgs로 연락하십시오.", "privacy@example.orgs"),
    "ja": ("privacy@example.comまでご連絡ください。", "privacy@example.com"),
    "zh-Hans": ("请发送电子邮件至privacy@example.org.cn。", "privacy@example.org.cn"),
    "tr": ("privacy@example.org.tr'a yazın.", "privacy@example.org.tr"),
    "ar": ("أرسلوا طلباتكم لـxprivacy@example.org.", "xprivacy@example.org"),
    "th": ("คุณสามารถเขียนถึงเราที่privacy@example.netได้ตลอดเวลา", "privacy@example.net"),
}
CHANGED_URLS = {
    "ko": (
        "자세한 내용은 https://example.org/privacyy를 참조하십시오.",
        "https://example.org/privacyy",
    ),
    "ja": ("詳しくはhttps://example.org/privacysをご覧ください。", "https://example.org/privacys"),
    "zh-Hans": ("详情请访问https://example.cn/privacy。", "https://example.cn/privacy"),
    "tr": ("Ayrıntılar https://example.org/gizlilik'te.", "https://example.org/gizlilik"),
    "ar": (
        "تجدون التفاصيل في دليلنا المطبوع وhttp://example.org/privacy.",
        "http://example.org/privacy",
    ),
    "th": (
        "อ่านรายละเอียดเพิ่มเติมได้ที่https://example.org/privacy/thได้ตลอดเวลา",
        "https://example.org/privacy/th",
    ),
}


@pytest.mark.parametrize(
    ("language", "translation", "extra"),
    [(language, *changed) for language, changed in CHANGED_EMAILS.items()],
    ids=CHANGED_EMAILS.keys(),
)
def test_a_changed_e_mail_address_is_an_error(language: str, translation: str, extra: str) -> None:
    found = check_translation(EMAIL_SOURCE, translation, language=language)
    assert found == [("error", EMAILS_DIFFER.format(extra=extra))]


@pytest.mark.parametrize(
    ("language", "translation", "extra"),
    [(language, *changed) for language, changed in CHANGED_URLS.items()],
    ids=CHANGED_URLS.keys(),
)
def test_a_changed_url_is_an_error(language: str, translation: str, extra: str) -> None:
    found = check_translation(URL_SOURCE, translation, language=language)
    assert found == [("error", URLS_DIFFER.format(extra=extra))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("privacy@example.org로", ["privacy@example.org"]),
        ("بprivacy@example.org", ["privacy@example.org"]),  # an Arabic prefix
        ("وprivacy.team@example.org", ["privacy.team@example.org"]),
        ("privacy@example.org’a", ["privacy@example.org"]),  # a typographic apostrophe
        ("info@münchen.de.", ["info@münchen.de"]),  # letters beyond ASCII, one script
        ("x@пример.рф,", ["x@пример.рф"]),  # a Latin name at a Cyrillic domain
        ("홍길동@example.org로", ["홍길동@example.org"]),  # a Korean name, a Latin domain
        ("privacy@example.orgs로", ["privacy@example.orgs"]),
    ],
)
def test_e_mail_addresses_apart_from_the_words_on_them(text: str, found: list[str]) -> None:
    assert find_emails(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("See https://example.org/privacy.", ["https://example.org/privacy"]),
        ("«https://example.org/a»", ["https://example.org/a"]),
        ("https://example.org'ta.", ["https://example.org"]),
        ("https://example.org/privacy، ثم", ["https://example.org/privacy"]),
        ("请访问https://example.org/privacy，谢谢", ["https://example.org/privacy"]),
        # a path in the script of the words after it, set apart by a space or a mark
        ("https://ko.wikipedia.org/wiki/개인정보 참조", ["https://ko.wikipedia.org/wiki/개인정보"]),
        ("https://hi.wikipedia.org/wiki/गोपनीयता।", ["https://hi.wikipedia.org/wiki/गोपनीयता"]),
        ("https://example.org/a/?q=1.", ["https://example.org/a/?q=1"]),
        ("xhttps://example.org", []),
    ],
)
def test_urls_apart_from_the_words_and_marks_on_them(text: str, found: list[str]) -> None:
    assert find_urls(text) == found

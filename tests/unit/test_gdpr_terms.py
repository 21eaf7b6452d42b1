"""The GDPR's words for its two roles in the catalogs we ship: where the site's words or a
new project's skeleton (``locales/<lang>/LC_MESSAGES/site.po`` and ``skeleton.po``) name
the controller, they use the term of the Regulation's official text in that language (or,
outside the EU and EEA, of the local law or the established translation), and nowhere do
they use the processor's term. The terms, with their sources, are in
``tests/data/gdpr_terms.yml``; Italian is the case that brought this about: its
"responsabile" is the processor, its controller the "titolare del trattamento"."""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml
from babel.messages.catalog import Catalog

from notice.text.pofile import read_catalog
from tests.conftest import DATA, REPO

LOCALES = REPO / "locales"
TERMS: dict[str, dict] = yaml.safe_load((DATA / "gdpr_terms.yml").read_text(encoding="utf-8"))
#: The 41 languages whose site words shipped when the table was written: the EU's 24, the
#: EEA's Norwegian (both) and Icelandic, and 14 beyond. Portuguese was then one catalog;
#: it ships as European (pt_PT, the EU's text) and Brazilian (pt_BR, Brazil's LGPD).
FORTY_ONE = [
    *["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it"],
    *["lt", "lv", "mt", "nl", "pl", "pt_PT", "ro", "sk", "sl", "sv", "nb", "nn", "is"],
    *["ar", "fa", "he", "hi", "id", "ja", "ko", "ru", "th", "tr", "uk", "vi"],
    *["zh_Hans", "zh_Hant"],
]
SOURCES = {"eu-gdpr", "eea-gdpr", "local-law", "usage"}
#: The skeleton's guidance that names the controller (Art. 13(1)(a)).
WHO = (
    "Say who the controller is, how to reach you and how to reach your data protection officer.",
    "guidance: who",
)
LANGUAGES = sorted(lang for lang in TERMS if (LOCALES / lang / "LC_MESSAGES" / "site.po").is_file())


def _forms(lang: str, role: str) -> list[re.Pattern[str]]:
    return [re.compile(form, re.IGNORECASE) for form in TERMS[lang][f"{role}_forms"]]


@cache
def _catalog(lang: str, name: str) -> Catalog:
    return read_catalog(LOCALES / lang / "LC_MESSAGES" / name, lang)


def _strings(catalog: Catalog) -> list[tuple[str, str]]:
    """(msgid, translation) for every translation, each plural form on its own."""
    found: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        found += [(str(msgid), str(s)) for s in strings if s]
    return found


def _translation(lang: str, name: str, msgid: str, context: str | None = None) -> str:
    message = _catalog(lang, name).get(msgid, context)
    assert message is not None, (lang, name, msgid)
    assert isinstance(message.string, str), (lang, name, msgid)
    assert message.string, (lang, name, msgid)
    return message.string


def test_the_table_holds_every_language_with_a_source() -> None:
    assert set(FORTY_ONE) <= set(TERMS)
    assert len(FORTY_ONE) == 41
    for lang, row in TERMS.items():
        assert row["source"] in SOURCES, lang
        assert row["controller"], lang
        assert row["processor"], lang
        assert row["controller"] != row["processor"], lang
        if row["source"] != "eu-gdpr":
            assert row.get("note"), f"{lang}: say where a term from {row['source']} comes from"
    eu = {lang for lang, row in TERMS.items() if row["source"] == "eu-gdpr"}
    assert len(eu) == 24, "the EU has 24 official languages"


@pytest.mark.parametrize("lang", sorted(TERMS))
def test_the_forms_recognise_the_terms_and_tell_them_apart(lang: str) -> None:
    controller, processor = TERMS[lang]["controller"], TERMS[lang]["processor"]
    assert any(f.search(controller) for f in _forms(lang, "controller")), lang
    assert any(f.search(processor) for f in _forms(lang, "processor")), lang
    assert not any(f.search(controller) for f in _forms(lang, "processor")), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_skeleton_names_the_controller_by_its_official_term(lang: str) -> None:
    string = _translation(lang, "skeleton.po", *WHO)
    assert any(f.search(string) for f in _forms(lang, "controller")), (
        lang,
        TERMS[lang]["controller"],
        string,
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["site.po", "skeleton.po"])
def test_no_translation_uses_the_processors_term(lang: str, name: str) -> None:
    found = [
        (msgid, string)
        for msgid, string in _strings(_catalog(lang, name))
        if any(f.search(string) for f in _forms(lang, "processor"))
    ]
    assert found == [], f"{lang} {name}: the processor is {TERMS[lang]['processor']!r}"


def test_italian_names_the_controller_not_the_responsabile() -> None:
    heading = _translation("it", "site.po", "Who is responsible for your data")
    assert "titolare del trattamento" in heading
    assert not re.search(r"responsabil[ei](?! della)", heading)


def test_italian_addresses_the_reader_formally() -> None:
    informal = re.compile(
        r"\b(?:tu|tuo|tua|tuoi|tue|te|ti|dirti|devi|puoi|vai|leggi|vedi|segui|torna|confronta"
        r"|aprile|indicate|spiegate|raccogliete|condividete|conservate|prendete|contattarvi)\b",
        re.IGNORECASE,
    )
    found = [
        (msgid, string)
        for name in ("site.po", "skeleton.po")
        for msgid, string in _strings(_catalog("it", name))
        if informal.search(string)
    ]
    assert found == []

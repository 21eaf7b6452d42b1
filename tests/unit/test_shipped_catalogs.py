"""The site's own words as shipped (``locales/<lang>/LC_MESSAGES/site.po``): complete in
every language we list, with each locale's plural forms, placeholders and markup as in
the source, clean under ``msgfmt -c``. A new string without its translations fails here."""

from __future__ import annotations

import functools
import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural

from notice.core.languages import language_tag
from notice.text.catalog import is_translated
from notice.text.pofile import read_catalog
from tests.conftest import REPO

LOCALES = REPO / "locales"
#: The 24 official languages of the EU, the EEA's Norwegian (both) and Icelandic, and
#: the other languages the README lists as shipped.
EU = ["bg", "hr", "cs", "da", "nl", "en", "et", "fi", "fr", "de", "el", "hu", "ga", "it"]
EU += ["lv", "lt", "mt", "pl", "pt_PT", "ro", "sk", "sl", "es", "sv"]
SHIPPED = [*EU, "pt_BR", "nb", "nn", "is", "ar", "he", "fa", "ja", "zh_Hans", "zh_Hant", "ko"]
SHIPPED += ["th"]
SHIPPED += ["tr", "uk", "ru", "hi", "id", "vi"]
SHIPPED += ["mk", "bs", "sr_Cyrl", "be"]
SHIPPED += ["ca", "eu", "gl", "sq"]
SHIPPED += ["sr_Latn", "ka", "hy", "az", "uz", "kk"]
SHIPPED += ["mn", "bn", "ta", "te", "mr", "ne"]
SHIPPED += ["ur", "si", "ms", "fil", "sw", "am"]
SHIPPED += ["my", "km", "af", "cy"]
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")
_MARKUP = re.compile(r"<[^>]+>|&\w+;|\[[^\]]*\]\([^)]*\)|\*\*|`")


@functools.cache
def _catalog(folder: str) -> Catalog:
    return read_catalog(LOCALES / folder / "LC_MESSAGES" / "site.po", folder)


TEMPLATE = read_catalog(LOCALES / "site.pot")


def test_at_least_forty_languages_ship_with_every_official_eu_language() -> None:
    assert len(SHIPPED) >= 40
    shipped = {p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/site.po")}
    assert set(SHIPPED) <= shipped
    assert shipped <= set(SHIPPED), "a shipped language the README does not list"


@pytest.mark.parametrize("folder", SHIPPED)
def test_every_message_is_translated_in_every_plural_form(folder: str) -> None:
    catalog = _catalog(folder)
    untranslated = [
        m.id
        for m in TEMPLATE
        if m.id
        and (
            (found := catalog.get(m.id, m.context)) is None
            or found.fuzzy
            or not is_translated(found.string)
        )
    ]
    assert untranslated == []
    for message in catalog:
        if message.id and message.pluralizable:
            assert len(message.string) == catalog.num_plurals, message.id


@pytest.mark.parametrize("folder", SHIPPED)
def test_plural_forms_are_babels_for_the_locale(folder: str) -> None:
    text = (LOCALES / folder / "LC_MESSAGES" / "site.po").read_text(encoding="utf-8")
    locale = language_tag(folder).locale
    expected = get_plural(locale)
    assert f'"Plural-Forms: {expected.plural_forms}\\n"' in text
    assert f'"Language: {folder}\\n"' in text


@pytest.mark.parametrize("folder", SHIPPED)
def test_placeholders_and_markup_are_those_of_the_source(folder: str) -> None:
    problems = []
    for message in _catalog(folder):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(_PLACEHOLDER.findall(ids[-1]))
        markup = sorted(_MARKUP.findall(ids[-1]))
        for string in strings:
            found = sorted(_PLACEHOLDER.findall(string))
            if len(ids) > 1:  # a plural form may leave out the number (the Arabic dual)
                found = sorted([*found, *({"num", "count"} & set(wanted) - set(found))])
            if found != wanted:
                problems.append((ids[0], string))
            if sorted(_MARKUP.findall(string)) != markup:
                problems.append((ids[0], string))
    assert problems == []


@pytest.mark.parametrize("folder", SHIPPED)
def test_msgfmt_accepts_the_catalog(folder: str, tmp_path: Path) -> None:
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt is missing (apt-get install gettext)")
        pytest.skip("msgfmt is not installed (apt-get install gettext)")
    path = LOCALES / folder / "LC_MESSAGES" / "site.po"
    result = subprocess.run(
        ["msgfmt", "-c", "-o", str(tmp_path / "out.mo"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_no_invisible_direction_overrides_in_any_catalog() -> None:
    for folder in SHIPPED:
        catalog = _catalog(folder)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                assert not re.search("[\u202a-\u202e]", string or ""), (folder, message.id)


@pytest.mark.parametrize(
    ("folder", "zero", "one", "two"),
    [
        ("pt_PT", "Faltam 0 dias.", "Falta 1 dia.", "Faltam 2 dias."),
        ("pt_BR", "Falta 0 dia.", "Falta 1 dia.", "Faltam 2 dias."),
    ],
)
def test_portuguese_counts_zero_by_its_own_rule(
    folder: str, zero: str, one: str, two: str, tmp_path: Path
) -> None:
    """European Portuguese writes "0 dias", Brazilian "0 dia" (CLDR): each catalog's own
    Plural-Forms, as gettext reads it from the compiled catalog, picks the form."""
    compiled = tmp_path / "site.mo"
    with compiled.open("wb") as out:
        write_mo(out, _catalog(folder))
    with compiled.open("rb") as source:
        words = gettext.GNUTranslations(source)
    said = [
        words.ngettext("%(num)s day remains.", "%(num)s days remain.", n) % {"num": n}
        for n in (0, 1, 2)
    ]
    assert said == [zero, one, two]


def test_the_shipped_template_is_what_extract_writes_from_the_code() -> None:
    """A string added or moved in the code without ``notice extract`` and ``notice update``
    fails here, not later in a translator's tool or in CI's slower tests."""
    from notice.project.config import load_project
    from notice.project.site_strings import site_template

    fresh = site_template(load_project(REPO / "mkdocs.yml"))

    def entries(catalog: Catalog) -> dict[object, list[tuple[str, int | None]]]:
        return {(m.id, m.context): sorted(m.locations) for m in catalog if m.id}

    assert entries(fresh) == entries(TEMPLATE), "run `notice extract && notice update`"


@pytest.mark.parametrize("folder", [f for f in SHIPPED if f != "en"])
def test_the_theme_speaks_every_shipped_language(folder: str) -> None:
    """The theme's own words (skip to content, back to top, the language menu) in the
    language too: Material's partial, or ours in ``overrides/partials/languages/`` where
    Material has none (Irish, Maltese, Kazakh and the others)."""
    import material

    from notice.core.languages import theme_language

    dirs = [REPO / "overrides", Path(material.__file__).parent / "templates"]
    chosen = theme_language(folder, dirs)
    assert chosen != "en"
    ours = REPO / "overrides/partials/languages" / f"{chosen}.html"
    if ours.is_file():
        text = ours.read_text(encoding="utf-8")
        assert f'"language": "{chosen}"' in text
        assert "not yet reviewed" in text or "reviewed by" in text


def test_every_character_of_every_shipped_catalog_has_an_installed_font() -> None:
    """What a release would refuse (a character no font draws) never ships: the site's
    words, the skeleton's and the theme's, with the fonts the README installs."""
    from notice.text.glyphs import installed_coverage, missing_glyphs

    coverage = installed_coverage()
    missing = {}
    for folder in SHIPPED:
        texts = [
            str(s)
            for name in ("site.po", "skeleton.po")
            for m in read_catalog(LOCALES / folder / "LC_MESSAGES" / name, folder)
            for s in (m.string if isinstance(m.string, (list, tuple)) else [m.string])
            if s
        ]
        if found := missing_glyphs(" ".join(texts), coverage):
            missing[folder] = found
    for partial in (REPO / "overrides/partials/languages").glob("*.html"):
        if found := missing_glyphs(partial.read_text(encoding="utf-8"), coverage):
            missing[partial.name] = found
    assert missing == {}

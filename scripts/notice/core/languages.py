"""Language codes as people write them, mapped one way to everything that names a language.

A project names its languages in ``mkdocs.yml`` (the i18n plugin's ``locale``) and on the
command line, the way people write them: ``nb``, ``zh-Hant``, ``zh_TW``, ``pt-BR``,
``sr-Latn``. ``language_tag`` reads such a code once and gives:

- ``tag``: the canonical BCP 47 form (``zh-Hant``, ``zh-TW``, ``pt-BR``), what ``notice
  new`` writes into ``mkdocs.yml``;
- ``locale``: Babel's locale (``zh_Hant``), for plural rules, dates, names and direction;
- ``folder``: the folder under ``locales/`` (``zh_Hant``, ``pt_BR``: gettext's form);
- ``direction``: ``ltr`` or ``rtl``, from Babel (``Locale.text_direction``);
- ``theme_language(available)``: the theme's language partial (Material's ``zh-Hant``,
  ``zh-TW``, ``pt-BR``; the language alone, ``sr``, where it has no such partial; English
  where it has none at all).

The URL prefix of a language is its code as configured: mkdocs-static-i18n builds it there
(``/zh-Hant/``), and published addresses never change. A code Babel does not know, or one
mkdocs-static-i18n cannot take, is refused here with a clear message (``UnknownLanguage``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale

from notice.core.errors import NoticeError, quoted

Direction = Literal["ltr", "rtl"]

#: The codes mkdocs-static-i18n accepts as a ``locale`` (its own check, config.py): a
#: two-letter language, then an optional script and region.
_STATIC_I18N = re.compile(r"[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?|[a-z]{2}_[A-Z]{2}")
#: A code as people write it: a language, then script, region or variant subtags
#: separated by ``-`` or ``_``.
_CODE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")
#: Where the site's own words fall back to when a language has none (see README).
FALLBACK_LANGUAGE = "en"
#: A code to show in messages that suggest a good one.
EXAMPLES = "nb, en, de, ar, ja, zh-Hant, pt-BR or sr-Latn"


class UnknownLanguage(NoticeError):
    """A language code that no locale of Babel's matches."""


@dataclass(frozen=True)
class LanguageTag:
    """One language code, read once, and every name it has."""

    code: str
    """The code as configured (``mkdocs.yml``) or given: the language's URL prefix and the
    folder of its staged pages."""
    tag: str
    """The canonical BCP 47 tag: ``zh-Hant``, ``pt-BR``, ``nb``."""
    locale: Locale
    """Babel's locale: plural rules, dates, names of languages, direction."""

    @property
    def folder(self) -> str:
        """The folder of its catalogs under ``locales/``: ``zh_Hant``, ``pt_BR``."""
        return self.tag.replace("-", "_")

    @property
    def babel(self) -> str:
        """Babel's identifier (``zh_Hant_TW`` for ``zh-TW``), for ``locale=`` arguments."""
        return str(self.locale)

    @property
    def direction(self) -> Direction:
        """``rtl`` for a language written right to left, else ``ltr``."""
        return "rtl" if self.locale.text_direction == "rtl" else "ltr"

    @property
    def script(self) -> str:
        """Its script (ISO 15924), given or the most likely one: ``Hant`` for ``zh-TW``."""
        return self.locale.script or _likely_script(self.locale)

    def name(self, in_language: LanguageTag | None = None) -> str:
        """Its name, in its own language or in ``in_language``."""
        shown_in = (in_language or self).locale
        return self.locale.get_display_name(shown_in) or self.tag

    def candidates(self) -> tuple[str, ...]:
        """Folders under ``locales/`` to take the site's words from, nearest first:
        ``zh_TW``, then ``zh_Hant`` (its script), then ``zh``.

        A language shipped only per region (Portuguese: ``pt_PT`` and ``pt_BR``) is found
        the way CLDR finds its data, so its plural rule is the one Babel gives the code:
        a region whose parent is another region's locale takes that one (``pt-AO`` and
        ``pt-MZ`` take ``pt_PT``), and the language alone takes its most likely region
        (``pt`` is Brazilian Portuguese in CLDR, so it takes ``pt_BR``)."""
        language = self.locale.language
        found = [self.folder]
        if language in _SCRIPT_DISTINGUISHED:
            # Only a catalog in the same script: a reader of zh-TW cannot read zh (Hans).
            found.append(f"{language}_{self.script}")
            if _likely_script(Locale(language)) == self.script:
                found.append(language)
        else:
            parent = get_global("parent_exceptions").get(str(self.locale))
            if parent and "_" in parent:
                found.append(parent)
            found.append(language)
            if not self.locale.territory:
                found.append(_likely_folder(language))
        found.extend(_ALIASES.get(language, ()))
        return tuple(dict.fromkeys(found))

    def theme_language(self, available: Iterable[str]) -> str:
        """The theme's language partial for it, among ``available`` (file names without
        ``.html``): the exact tag, its script or region, the language alone, else ``en``."""
        names = set(available)
        language = self.locale.language
        wanted = [self.tag]
        if self.locale.territory:
            wanted.append(f"{language}-{self.locale.territory}")
        if self.script:
            wanted.append(f"{language}-{self.script}")
            if language == "zh" and self.script == "Hans":
                wanted.append("zh")
        if language not in _SCRIPT_DISTINGUISHED:
            wanted.append(language)
        elif _likely_script(Locale(language)) == self.script:
            wanted.append(language)  # the language's own script: Material's sr is Cyrillic
        wanted.extend(_ALIASES.get(language, ()))
        wanted.extend(_PARTIAL_ALIASES.get(f"{language}-{self.script}", ()))
        return next((name for name in wanted if name in names), "en")


#: Languages whose scripts are written differently enough that a text in one script is
#: no text for a reader of the other: the site's words and the theme follow the script.
_SCRIPT_DISTINGUISHED = frozenset({"zh", "sr", "uz", "az", "bs", "pa", "mn", "ha"})
#: Other codes of the same language where catalogs or partials may be filed.
_ALIASES: dict[str, tuple[str, ...]] = {
    "no": ("nb",),
    "nb": ("no",),
    "he": ("iw",),
    "fil": ("tl",),  # Material files Filipino under Tagalog's code
}
#: Theme partials filed under another name: Material's Serbo-Croatian in Latin script
#: (``sh``) for Serbian and Bosnian in Latin script.
_PARTIAL_ALIASES: dict[str, tuple[str, ...]] = {"sr-Latn": ("sh",), "bs-Latn": ("sh",)}


@cache
def language_tag(code: str) -> LanguageTag:
    """Read a language code as people write it (``zh-hant``, ``zh_TW``, ``pt-BR``)."""
    text = str(code).strip()
    if not _CODE.fullmatch(text):
        raise UnknownLanguage(
            f"{quoted(str(code))} is not a known language code",
            hint=f"use a code such as {EXAMPLES}",
        )
    try:
        locale = Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise UnknownLanguage(
            f"{quoted(str(code))} is not a known language code",
            hint=f"use a code such as {EXAMPLES}",
        ) from exc
    return LanguageTag(code=text, tag=_canonical(text), locale=locale)


def site_language(code: str) -> LanguageTag:
    """A language code for the site's configuration: known to Babel, and in a form the
    i18n plugin (mkdocs-static-i18n) can build (a two-letter language, then an optional
    script and region: ``zh-Hant``, ``pt-BR``)."""
    found = language_tag(code)
    if not _STATIC_I18N.fullmatch(found.code):
        hint = (
            f"write it as {found.tag}"
            if _STATIC_I18N.fullmatch(found.tag)
            else "mkdocs-static-i18n builds only two-letter language codes, with an "
            "optional script and region (zh-Hant, pt-BR)"
        )
        raise UnknownLanguage(
            f"{quoted(str(code))} is not a code the i18n plugin can build", hint=hint
        )
    return found


def _canonical(text: str) -> str:
    """BCP 47 case: language lower, script title, region upper (``zh-Hant-TW``)."""
    parts = re.split(r"[-_]", text)
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def _likely_script(locale: Locale) -> str:
    """The most likely script of a locale that names none (CLDR's likely subtags)."""
    likely = get_global("likely_subtags")
    for key in (str(locale), f"{locale.language}_{locale.territory}", locale.language):
        if key in likely:
            return parse_locale(likely[key])[2] or ""
    return ""


def _likely_folder(language: str) -> str:
    """The folder of a language's most likely region (CLDR's likely subtags): ``pt_BR``
    for ``pt``; the language alone when CLDR names none."""
    likely = get_global("likely_subtags").get(language)
    territory = parse_locale(likely)[1] if likely else None
    return f"{language}_{territory}" if territory else language


def theme_language(code: str, theme_dirs: Iterable[str | Path]) -> str:
    """The theme's language partial for ``code``, among the partials of ``theme_dirs``
    (its ``partials/languages/*.html``); ``code`` itself when it is not a language code."""
    available = {
        path.stem
        for folder in theme_dirs
        for path in (Path(folder) / "partials" / "languages").glob("*.html")
    }
    try:
        return language_tag(code).theme_language(available)
    except UnknownLanguage:
        return code

"""What the i18n plugin (mkdocs-static-i18n 1.3) accepts in ``mkdocs.yml``, declared as
the notice plugin's options are (``notice.project.options``) and read by the same reader.

MkDocs only warns about a key the plugin does not know, and reports a value of the
wrong type without a file or a line; ``load_project`` refuses both, with the line,
before any command or build runs. The keys and types are the plugin's own
(``I18nPluginConfig`` and ``I18nPluginLanguage``): ``tests/unit/test_config.py``
compares them with the installed plugin's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from notice.project.options import REQUIRED, WrongValue, option

#: How the i18n plugin finds each language's pages.
DOCS_STRUCTURES = ("folder", "suffix")


def _structure(value: Any) -> str:
    if value not in DOCS_STRUCTURES:
        raise WrongValue(value)
    return str(value)


@dataclass(frozen=True)
class I18nLanguage:
    """One entry of the i18n plugin's ``languages``: one language of the site."""

    locale: str = option(REQUIRED, "a language code such as en, pt-BR or zh-Hant")
    """The language's code: its URL prefix, its folder under ``locales/``."""
    name: str = option(REQUIRED, "the language's name, as the language switcher shows it")
    """Its name in the language switcher."""
    default: bool = False
    """The source language (exactly one language is)."""
    build: bool = True
    """Whether the i18n plugin builds it."""
    link: str | None = None
    """Its address in the language switcher."""
    fixed_link: str | None = None
    """An address the switcher links to instead of a page of the language."""
    copyright: str | None = None
    """The site's ``copyright`` in this language."""
    extra: Mapping[str, Any] | None = None
    """The site's ``extra`` in this language."""
    nav: tuple[Any, ...] | None = None
    """The navigation of this language."""
    nav_translations: Mapping[str, Any] | None = None
    """Titles of the navigation, translated."""
    admonition_translations: Mapping[str, Any] | None = None
    """Titles of admonitions, translated."""
    site_author: str | None = None
    """The site's ``site_author`` in this language."""
    site_description: str | None = None
    """The site's ``site_description`` in this language."""
    site_name: str | None = None
    """The site's name in this language (else from ``site.po``)."""
    site_url: str | None = None
    """The site's ``site_url`` in this language."""
    theme: Mapping[str, Any] | None = None
    """Theme options of this language."""


@dataclass(frozen=True)
class I18nOptions:
    """The i18n plugin's options (its ``languages`` are read one by one: ``I18nLanguage``)."""

    languages: tuple[Any, ...] = option(REQUIRED, "a list of languages (locale, name, ...)")
    """The site's languages."""
    docs_structure: str = option("suffix", "folder or suffix", read=_structure, forms=(str,))
    """How it finds each language's pages (``notice`` stages them in folders)."""
    fallback_to_default: bool = True
    """Show the default language's page where a language has none."""
    reconfigure_material: bool = True
    """Set the theme's language, and its language switcher, per language."""
    reconfigure_search: bool = True
    """Set the search's language per language."""
    build_only_locale: str | None = None
    """Build only this language."""

"""What this package ships besides its code: the site's templates and the translations
of the site's own words (``site.po`` in 40 and more languages)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

import notice
from notice.core.languages import language_tag
from notice.project.config import SITE_DOMAIN, SITE_NAME_CONTEXT
from notice.text.pofile import read_catalog


def theme_files() -> Any:
    """The site's templates as shipped: ``notice/theme`` in an installed package, the
    repository's ``overrides/`` in a source checkout (an editable install)."""
    return _shipped("notice.theme", "overrides")


def theme_locales() -> Any:
    """The translations of the site's own strings as shipped (``site.po`` per language)."""
    return _shipped("notice.theme_locales", "locales")


def _shipped(package: str, folder: str) -> Any:
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        return Path(notice.__file__).resolve().parents[2] / folder  # a source checkout


def join(folder: Any, relative: str) -> Any:
    """A file under a package's folder (a namespace package's path takes one part at a
    time)."""
    for part in relative.split("/"):
        folder = folder.joinpath(part)
    return folder


def ships_site_words(locales_dir: Path) -> bool:
    """Whether ``locales_dir`` is where this package's shipped ``site.po`` files are (the
    repository's ``locales/``, in a source checkout). They seed every new project, so
    ``notice update`` writes them without obsolete entries."""
    shipped = theme_locales()
    return isinstance(shipped, Path) and shipped.resolve() == locales_dir.resolve()


def shipped_languages() -> list[str]:
    """The folders (``zh_Hant``) of every language whose site words are shipped."""
    root = theme_locales()
    return sorted(
        entry.name
        for entry in root.iterdir()
        if join(entry, f"LC_MESSAGES/{SITE_DOMAIN}.po").is_file()
    )


def shipped_site_catalog(language: str) -> Catalog | None:
    """The shipped ``site.po`` nearest to ``language`` (``zh-TW`` takes ``zh_Hant``'s),
    as shipped, or None when none is shipped for it."""
    shipped = theme_locales()
    for folder in language_tag(language).candidates():
        entry = join(shipped, f"{folder}/LC_MESSAGES/{SITE_DOMAIN}.po")
        if entry.is_file():
            with resources.as_file(entry) as path:
                return read_catalog(Path(path), folder)
    return None


def shipped_site_words(language: str) -> Catalog | None:
    """The shipped site words nearest to ``language``, to start a new language's
    ``site.po`` with: without the sample's own site name, obsolete entries or source
    references."""
    catalog = shipped_site_catalog(language)
    if catalog is None:
        return None
    for message in list(catalog):
        if message.id and message.context == SITE_NAME_CONTEXT:
            catalog.delete(message.id, message.context)
    catalog.obsolete.clear()
    for message in catalog:
        message.locations = []
    return catalog

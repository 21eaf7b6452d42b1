"""``stage.json``: what an engine needs to know of a staged site, typed.

Written by ``notice.site.stage`` beside the staged pages, read by the engines
(``notice.engines``) and by the hosting files' steps, as ``Manifest``: the date, the
site's address, the source language and, per language staged, its name, its site name,
the folder its pages are served from and its navigation.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

MANIFEST = "stage.json"


@dataclass(frozen=True)
class NavEntry:
    """One entry of a language's navigation."""

    title: str
    """HTML text (escaped), like a page's title."""
    page: str
    """The staged page: ``en/privacy/index.md``."""


@dataclass(frozen=True)
class StagedLanguage:
    """One language of the staged site."""

    code: str
    name: str
    site_name: str
    prefix: str
    """Where its pages are served from: ``""`` (the source language) or ``<lang>/``."""
    nav: tuple[NavEntry, ...] = ()
    """What a navigation lists: the landing page and each notice's main page."""
    link_title: str = ""
    """The title of the link beside each heading to its own address (the ``toc``
    extension's ``permalink_title``), in the language."""


@dataclass(frozen=True)
class Manifest:
    """``stage.json``."""

    today: date
    site_url: str
    source_language: str
    languages: tuple[StagedLanguage, ...]
    schema: int

    def language(self, code: str) -> StagedLanguage:
        """One staged language."""
        return next(language for language in self.languages if language.code == code)

    def only(self, code: str) -> Manifest:
        """The manifest of one language's folder (what one engine process renders)."""
        return dataclasses.replace(self, languages=(self.language(code),))

    def to_data(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "date": self.today.isoformat(),
            "site_url": self.site_url,
            "source_language": self.source_language,
            "languages": [dataclasses.asdict(language) for language in self.languages],
        }

    def write(self, folder: Path, *, pretty: bool = False) -> None:
        """``folder/stage.json`` (``pretty``: indented, for people to read)."""
        data = self.to_data()
        text = (
            json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            if pretty
            else json.dumps(data)
        )
        (folder / MANIFEST).write_text(text, encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """``folder/stage.json``, as ``write`` wrote it."""
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return cls(
            today=date.fromisoformat(data["date"]),
            site_url=str(data["site_url"]),
            source_language=str(data["source_language"]),
            languages=tuple(
                StagedLanguage(
                    **{
                        **language,
                        "nav": tuple(NavEntry(**entry) for entry in language.get("nav", ())),
                    }
                )
                for language in data["languages"]
            ),
            schema=int(data["schema"]),
        )

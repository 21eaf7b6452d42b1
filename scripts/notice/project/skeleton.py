"""The skeleton of a new project in its source language: the site's name, the landing
page and a draft with a heading for each part of what the GDPR requires, each holding
guidance for the legal editors.

Its words are a gettext catalog shipped like the site's words (``skeleton.pot`` and
``locales/<lang>/LC_MESSAGES/skeleton.po`` in every language whose ``site.po`` is
shipped), each message named by its context (``heading: who``); what each section gives
of the GDPR's list (``notice.text.disclosures``) is structure, not words, and lives here.
A language without a shipped catalog, or a message it leaves untranslated, gets the
template's English. The guidance is written as an admonition of its own type
(``!!! guidance ""``): it survives Markdown and translation, and the one gate
(``notice.text.gate``) refuses to release a text that still holds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Catalog

from notice.core.languages import language_tag
from notice.project.shipped import join, theme_locales
from notice.text.gate import GUIDANCE
from notice.text.pofile import read_catalog
from notice.text.segment import plain_text, slugify

#: The gettext domain of the skeleton's words.
SKELETON_DOMAIN = "skeleton"

#: The draft's sections in order: the key of each section's messages (``heading: who``,
#: ``guidance: who``) and the items of the GDPR's list (Art. 13) the section gives.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("who", ("controller", "dpo")),
    ("what", ("categories", "source")),
    ("why", ("purposes", "legal-basis", "legitimate-interests")),
    ("recipients", ("recipients", "transfers")),
    ("retention", ("retention",)),
    ("requirement", ("requirement", "automated-decisions")),
    ("rights", ("rights", "withdraw-consent", "complaint")),
)


@dataclass(frozen=True)
class Section:
    """One section of the draft."""

    heading: str
    """Its heading (a ``##`` heading: the title is in the front matter)."""
    guidance: str
    """What the legal editors are to write there, shown in a ``!!! guidance`` box."""
    items: tuple[str, ...]
    """The items of the GDPR's list it gives: the draft's map of disclosures."""


@dataclass(frozen=True)
class Skeleton:
    """The skeleton's words in one language."""

    site_name: str
    """The site's name (``site_name``), also the landing page's title."""
    landing: str
    """The landing page's one sentence."""
    title: str
    """The notice's title (front matter)."""
    description: str
    """The notice's one-sentence description (front matter)."""
    changes: str
    """The first version's summary of changes (front matter)."""
    sections: tuple[Section, ...]


def skeleton_template() -> Catalog:
    """The template of the skeleton's words, as shipped."""
    entry = join(theme_locales(), f"{SKELETON_DOMAIN}.pot")
    with resources.as_file(entry) as path:
        return read_catalog(Path(path))


def skeleton_catalog(language: str) -> Catalog | None:
    """The shipped ``skeleton.po`` nearest to ``language`` (``zh-TW`` takes
    ``zh_Hant``'s), or None when none is shipped for it."""
    shipped = theme_locales()
    for folder in language_tag(language).candidates():
        entry = join(shipped, f"{folder}/LC_MESSAGES/{SKELETON_DOMAIN}.po")
        if entry.is_file():
            with resources.as_file(entry) as path:
                return read_catalog(Path(path), folder)
    return None


def skeleton_words(language: str) -> Skeleton:
    """The skeleton in ``language``: each message from its shipped catalog where it is
    translated (and not fuzzy), else the template's English."""
    template = skeleton_template()
    catalog = skeleton_catalog(language)
    sources = {m.context: str(m.id) for m in template if m.id and m.context}

    def word(context: str) -> str:
        source = sources[context]
        found = catalog.get(source, context) if catalog is not None else None
        if found is not None and found.string and not found.fuzzy:
            return str(found.string)
        return source

    return Skeleton(
        site_name=word("site name"),
        landing=word("landing"),
        title=word("title"),
        description=word("description"),
        changes=word("changes"),
        sections=tuple(
            Section(word(f"heading: {key}"), word(f"guidance: {key}"), items)
            for key, items in SECTIONS
        ),
    )


def draft_text(words: Skeleton) -> str:
    """A new notice's ``draft.md``: front matter (title, description, the first version's
    changes, the map of disclosures) and a ``##`` section per part of the GDPR's list,
    each holding its guidance; no ``#`` heading (the title is in the front matter)."""
    front = "\n".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in (
            ("title", words.title),
            ("description", words.description),
            ("changes", words.changes),
        )
    )
    body = "\n\n".join(
        f'## {section.heading}\n\n!!! {GUIDANCE} ""\n    {section.guidance}'
        for section in words.sections
    )
    disclosures = "".join(
        f"  {item}: {slugify(plain_text(section.heading))}\n"
        for section in words.sections
        for item in section.items
    )
    return f"---\n{front}\ndisclosures:\n{disclosures}---\n\n{body}\n"


def landing_text(words: Skeleton) -> str:
    """A new project's ``docs/index.md``: the site's name as its title, one sentence."""
    title = json.dumps(words.site_name, ensure_ascii=False)
    return f"---\ntitle: {title}\n---\n\n# {words.site_name}\n\n{words.landing}\n"

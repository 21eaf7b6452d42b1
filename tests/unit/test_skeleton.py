"""A new project's skeleton (``notice.project.skeleton``) and the guidance it holds: its
words shipped as a catalog in every language whose site words are shipped, complete and
clean under ``msgfmt -c``; each language's draft without a ``#`` heading, its headings
from the catalog, its map of disclosures whole; the gate's finding on guidance left in
a text (a warning in a draft, an error in a release), with its line and section."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from notice.project.shipped import shipped_languages
from notice.project.skeleton import (
    SECTIONS,
    draft_text,
    landing_text,
    skeleton_catalog,
    skeleton_template,
    skeleton_words,
)
from notice.text.disclosures import check_disclosures, read_disclosures
from notice.text.gate import review_source
from notice.text.pofile import read_catalog
from notice.text.segment import segment_markdown
from tests.conftest import REPO

LOCALES = REPO / "locales"
LANGUAGES = shipped_languages()
TEMPLATE = skeleton_template()


def test_the_template_names_every_word_the_skeleton_uses() -> None:
    sections = [f"{kind}: {key}" for key, _ in SECTIONS for kind in ("heading", "guidance")]
    contexts = [m.context for m in TEMPLATE if m.id]
    assert contexts == ["site name", "landing", "title", "description", "changes", *sections]


def test_every_language_with_shipped_site_words_has_the_skeleton() -> None:
    assert len(LANGUAGES) >= 40
    skeletons = {p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/skeleton.po")}
    assert skeletons == set(LANGUAGES)


@pytest.mark.parametrize("folder", LANGUAGES)
def test_each_catalog_is_complete_and_its_draft_whole(folder: str) -> None:
    catalog = read_catalog(LOCALES / folder / "LC_MESSAGES" / "skeleton.po", folder)
    strings: dict[str, str] = {}
    for source in TEMPLATE:
        if not source.id:
            continue
        found = catalog.get(source.id, source.context)
        assert found is not None, (folder, source.context)
        assert found.string, (folder, source.context)
        assert not found.fuzzy, (folder, source.context)
        assert str(found.string) == str(found.string).strip()
        strings[str(source.context)] = str(found.string)

    words = skeleton_words(folder)
    assert words.site_name == strings["site name"]
    draft = draft_text(words)
    document = segment_markdown(draft, "docs/privacy/draft.md")
    body = draft[document.body_start :]
    assert not re.search(r"^#(?!#)", body, re.M), "no # heading: the title is front matter"
    headings = [s for s in document.segments if s.kind == "heading"]
    assert [h.text for h in headings] == [strings[f"heading: {key}"] for key, _ in SECTIONS]
    assert len({h.anchor for h in headings}) == len(SECTIONS)
    assert document.front_matter["title"] == strings["title"]
    assert document.front_matter["changes"] == strings["changes"]
    # the map names a section for every item of the GDPR's list, each one that exists
    assert check_disclosures(read_disclosures(document), document, "gdpr-13") == []
    # and every guidance box is found, in its section
    found = review_source(document, folder)
    assert [p.message.split(":")[0] for p in found] == [
        f"guidance left in the section '{h.text}'" for h in headings
    ]
    assert {p.severity for p in found} == {"warning"}
    assert {p.severity for p in review_source(document, folder, releasing=True)} == {"error"}
    landing = segment_markdown(landing_text(words))
    assert [s.text for s in landing.segments] == [
        strings["site name"],
        strings["site name"],
        strings["landing"],
    ]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
def test_the_catalogs_are_clean_under_msgfmt() -> None:
    for path in sorted(LOCALES.glob("*/LC_MESSAGES/skeleton.po")):
        result = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{path}: {result.stderr}"


def test_a_language_takes_its_nearest_catalog_or_the_templates_english() -> None:
    assert skeleton_words("pt-BR").title == skeleton_words("pt").title == "Aviso de privacidade"
    assert skeleton_words("pt-PT").sections[0].guidance.startswith("Indique ")
    assert skeleton_words("pt-AO").sections[0].guidance.startswith("Indique ")
    assert skeleton_words("pt-BR").sections[0].guidance.startswith("Informe ")
    assert skeleton_words("pt").sections[0].guidance.startswith("Informe ")
    assert skeleton_words("zh-TW").title == skeleton_words("zh-Hant").title == "隱私聲明"
    assert skeleton_catalog("kl") is None  # Greenlandic: no skeleton shipped
    assert skeleton_words("kl").sections[-1].heading == "Your rights"
    assert skeleton_words("en").title == "Privacy notice"


def test_the_package_ships_the_skeleton() -> None:
    """pyproject.toml's package data takes the skeleton's template and catalogs, as it
    takes the site's words: an installed wheel has them."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^"notice\.theme_locales" = (\[.*?\])$', text, re.M | re.S)
    assert match is not None
    patterns = yaml.safe_load(match.group(1))
    assert "skeleton.pot" in patterns
    assert "*/LC_MESSAGES/skeleton.po" in patterns


DRAFT = """\
---
title: T
---

!!! guidance
    Before the first heading.

## Who we are { #who }

!!! note "Kept"
    A note is text.

- A list

    ??? Guidance "Say it"
        Folded guidance, in a list item.

## Your **rights**

Our own text.

!!! guidance ""
    Say how to complain.
"""


def test_the_gate_finds_each_guidance_box_with_its_line_and_section() -> None:
    document = segment_markdown(DRAFT, "docs/privacy/draft.md")
    found = review_source(document)
    hint = "a release refuses it (replace the '!!! guidance' box with the notice's own text)"
    assert [str(p) for p in found] == [
        f"docs/privacy/draft.md:5: warning: guidance left in the opening text: {hint}",
        f"docs/privacy/draft.md:15: warning: guidance left in the section 'Who we are': {hint}",
        f"docs/privacy/draft.md:22: warning: guidance left in the section 'Your rights': {hint}",
    ]
    refused = review_source(document, releasing=True)
    assert [(p.line, p.severity) for p in refused] == [(5, "error"), (15, "error"), (22, "error")]


def test_a_text_without_guidance_passes_the_gate() -> None:
    text = DRAFT.replace("guidance", "note").replace("Guidance", "Note")
    assert review_source(segment_markdown(text), releasing=True) == []

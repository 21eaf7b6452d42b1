"""``notice new``: a new, working project in an empty folder (as ``mkdocs new`` does).

It writes ``mkdocs.yml``, the site's templates (``overrides/``, as shipped with this
package), a draft with front matter and a short skeleton text in the source language,
a landing page, ``locales/`` with the templates and a catalog per language (the site's
own strings already translated where this package has them), ``.gitattributes``, a
``requirements.txt`` and a GitHub Pages workflow. ``notice build`` builds it at once.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from notice.core.errors import NoticeError
from notice.core.languages import language_tag, site_language
from notice.project.config import NOTICE_ID, SITE_DOMAIN, SITE_NAME_CONTEXT
from notice.project.requirement import REQUIREMENTS, requirements_text
from notice.project.shipped import join, shipped_site_words, theme_files
from notice.text.catalog import merge_catalog
from notice.text.pofile import write_catalog
from notice.text.segment import plain_text, slugify

#: The GitHub Pages workflow of a new project (also in the README, word for word).
WORKFLOW = """\
# Build the site and publish it on GitHub Pages: on every push to main, and every day,
# so that an upcoming version is shown as in effect from its effective date.
# (Settings > Pages > Source: GitHub Actions.) Every action is pinned to the commit of
# its release; each job has only the permissions it needs: the build reads the
# repository, the deployment alone may publish.
name: publish
on:
  push:
    branches: [main]
  schedule:
    - cron: "5 0 * * *"   # every day at 00:05 UTC
  workflow_dispatch:
permissions: {}
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1   # v7.0.1
        with:
          persist-credentials: false
      - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97   # v7.0.0
        with:
          python-version: "3.12"
      - uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae   # v5.0.5
        with:
          path: .cache/notice   # redlines of released versions, kept between builds
          key: notice-${{ github.run_id }}
          restore-keys: notice-
      - run: >-
          sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
          fonts-noto-core fonts-noto-cjk
      - run: pip install -r requirements.txt   # the notice tool, pinned to one commit
      - run: notice check
      - run: notice build
      - uses: actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9   # v5.0.0
        with:
          path: site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write      # to deploy to GitHub Pages
      id-token: write   # to prove the deployment comes from this workflow
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - uses: actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b   # v5.0.0
      - id: deployment
        uses: actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128   # v5.0.0
"""

GITATTRIBUTES = """\
# Released texts and PDFs are hashed byte for byte: git must never convert their line
# endings, nor diff, merge or filter a PDF as text.
docs/*/versions/** -text
docs/*/versions/**/*.pdf binary
docs/*/versions.yml -text
docs/*/versions.tsr/*.tsr binary
"""

#: What a build makes, at the project's root, ignored whether a folder or a link (``site/``
#: would not ignore a link, and a build refuses to replace one; see ``notice.core.paths``).
GITIGNORE = """\
/site
/.cache
"""


@dataclass(frozen=True)
class _Words:
    """The skeleton's text in one source language."""

    site_name: str
    landing_title: str
    landing: str
    title: str
    description: str
    changes: str
    sections: tuple[tuple[str, str, tuple[str, ...]], ...]
    """Each section's heading, its placeholder text, and the GDPR items it gives
    (``notice.text.disclosures``): the draft's map is made from them."""


_SKELETONS = {
    "nb": _Words(
        site_name="Personvern",
        landing_title="Personvern",
        landing="Her finner du erklæringene om hvordan vi behandler personopplysninger, "
        "med alle tidligere versjoner.",
        title="Personvernerklæring",
        description="Hvordan vi behandler personopplysninger.",
        changes="Første versjon.",
        sections=(
            (
                "Hvem vi er",
                "Skriv hvem som er behandlingsansvarlig, hvordan man når dere, og hvordan "
                "man når personvernombudet.",
                ("controller", "dpo"),
            ),
            (
                "Hvilke opplysninger vi behandler",
                "Skriv hvilke personopplysninger dere samler inn, og hvor de kommer fra.",
                ("categories", "source"),
            ),
            (
                "Hvorfor vi behandler dem",
                "Skriv formålet med hver behandling og det rettslige grunnlaget for den, "
                "og hvilke berettigede interesser dere bygger på.",
                ("purposes", "legal-basis", "legitimate-interests"),
            ),
            (
                "Hvem som får opplysningene",
                "Skriv hvem dere deler opplysningene med, og om de sendes ut av EØS.",
                ("recipients", "transfers"),
            ),
            (
                "Hvor lenge vi lagrer dem",
                "Skriv hvor lenge dere lagrer hver slags opplysning.",
                ("retention",),
            ),
            (
                "Om du må gi oss opplysningene",
                "Skriv om det er frivillig å gi opplysningene og hva som skjer om man lar "
                "være, og om dere tar automatiserte avgjørelser.",
                ("requirement", "automated-decisions"),
            ),
            (
                "Dine rettigheter",
                "Forklar hvordan man ber om innsyn, retting og sletting, hvordan man "
                "trekker tilbake et samtykke, og hvordan man klager til tilsynsmyndigheten.",
                ("rights", "withdraw-consent", "complaint"),
            ),
        ),
    ),
    "en": _Words(
        site_name="Privacy",
        landing_title="Privacy",
        landing="Here are our notices on how we handle personal data, with every earlier version.",
        title="Privacy notice",
        description="How we handle personal data.",
        changes="First version.",
        sections=(
            (
                "Who we are",
                "Say who the controller is, how to reach you and how to reach your data "
                "protection officer.",
                ("controller", "dpo"),
            ),
            (
                "What we process",
                "Say which personal data you collect, and where it comes from.",
                ("categories", "source"),
            ),
            (
                "Why we process it",
                "Give the purpose of each processing, its legal basis, and the legitimate "
                "interests you rely on.",
                ("purposes", "legal-basis", "legitimate-interests"),
            ),
            (
                "Who receives it",
                "Say whom you share the data with, and whether it leaves the EEA.",
                ("recipients", "transfers"),
            ),
            (
                "How long we keep it",
                "Say how long you keep each kind of data.",
                ("retention",),
            ),
            (
                "Whether you must give it",
                "Say whether giving the data is optional and what follows if it is not "
                "given, and whether you make automated decisions.",
                ("requirement", "automated-decisions"),
            ),
            (
                "Your rights",
                "Explain how to ask for access, correction and erasure, how to withdraw "
                "consent, and how to complain to the supervisory authority.",
                ("rights", "withdraw-consent", "complaint"),
            ),
        ),
    ),
    "sv": _Words(
        site_name="Integritet",
        landing_title="Integritet",
        landing="Här finns våra meddelanden om hur vi behandlar personuppgifter, "
        "med alla tidigare versioner.",
        title="Integritetsmeddelande",
        description="Hur vi behandlar personuppgifter.",
        changes="Första versionen.",
        sections=(
            (
                "Vilka vi är",
                "Skriv vem som är personuppgiftsansvarig, hur man når er och hur man når "
                "dataskyddsombudet.",
                ("controller", "dpo"),
            ),
            (
                "Vilka uppgifter vi behandlar",
                "Skriv vilka personuppgifter ni samlar in och var de kommer ifrån.",
                ("categories", "source"),
            ),
            (
                "Varför vi behandlar dem",
                "Ange ändamålet med varje behandling, dess rättsliga grund och de "
                "berättigade intressen ni stöder er på.",
                ("purposes", "legal-basis", "legitimate-interests"),
            ),
            (
                "Vem som får uppgifterna",
                "Skriv vilka ni delar uppgifterna med och om de förs ut ur EES.",
                ("recipients", "transfers"),
            ),
            (
                "Hur länge vi sparar dem",
                "Skriv hur länge ni sparar varje slags uppgift.",
                ("retention",),
            ),
            (
                "Om du måste lämna uppgifterna",
                "Skriv om det är frivilligt att lämna uppgifterna och vad som händer om man "
                "låter bli, och om ni fattar automatiserade beslut.",
                ("requirement", "automated-decisions"),
            ),
            (
                "Dina rättigheter",
                "Förklara hur man begär tillgång, rättelse och radering, hur man återkallar "
                "ett samtycke och hur man klagar hos tillsynsmyndigheten.",
                ("rights", "withdraw-consent", "complaint"),
            ),
        ),
    ),
    "de": _Words(
        site_name="Datenschutz",
        landing_title="Datenschutz",
        landing="Hier finden Sie unsere Hinweise zur Verarbeitung personenbezogener Daten, "
        "mit allen früheren Fassungen.",
        title="Datenschutzhinweise",
        description="Wie wir personenbezogene Daten verarbeiten.",
        changes="Erste Fassung.",
        sections=(
            (
                "Wer wir sind",
                "Nennen Sie den Verantwortlichen, wie man ihn erreicht und wie man den "
                "Datenschutzbeauftragten erreicht.",
                ("controller", "dpo"),
            ),
            (
                "Welche Daten wir verarbeiten",
                "Nennen Sie die Daten, die Sie erheben, und woher sie stammen.",
                ("categories", "source"),
            ),
            (
                "Warum wir sie verarbeiten",
                "Nennen Sie den Zweck jeder Verarbeitung, ihre Rechtsgrundlage und die "
                "berechtigten Interessen, auf die Sie sich stützen.",
                ("purposes", "legal-basis", "legitimate-interests"),
            ),
            (
                "Wer die Daten erhält",
                "Nennen Sie, an wen Sie die Daten weitergeben und ob sie den EWR verlassen.",
                ("recipients", "transfers"),
            ),
            (
                "Wie lange wir sie speichern",
                "Nennen Sie, wie lange Sie jede Art von Daten speichern.",
                ("retention",),
            ),
            (
                "Ob Sie uns die Daten geben müssen",
                "Sagen Sie, ob die Angabe freiwillig ist und was geschieht, wenn man sie "
                "nicht macht, und ob Sie automatisierte Entscheidungen treffen.",
                ("requirement", "automated-decisions"),
            ),
            (
                "Ihre Rechte",
                "Erklären Sie, wie man Auskunft, Berichtigung und Löschung verlangt, wie man "
                "eine Einwilligung widerruft und wie man sich bei der Aufsichtsbehörde "
                "beschwert.",
                ("rights", "withdraw-consent", "complaint"),
            ),
        ),
    ),
}


def create_project(
    target: Path, source: str, languages: list[str], notice: str = "privacy"
) -> list[Path]:
    """Write a new project into ``target`` (missing or empty); the files written."""
    codes = _languages(source, languages)
    source = codes[0]
    if not NOTICE_ID.fullmatch(notice):
        raise NoticeError(
            f"'{notice}' is not a notice id",
            hint="use lower-case letters, digits and hyphens, such as privacy or cookies",
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NoticeError(
            f"{target} is not empty", hint="give a new folder, or an empty one, for the project"
        )
    words = _SKELETONS.get(language_tag(source).locale.language, _SKELETONS["en"])
    # Written beside the target and renamed at the end: a failure leaves no half project.
    final = target
    target = target.resolve().parent / f".{target.name}-new-{os.getpid()}"
    shutil.rmtree(target, ignore_errors=True)
    try:
        written = _write_project(target, source, codes, notice, words)
        if final.exists():
            final.rmdir()  # empty, checked above
        target.rename(final)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    return [final / path.relative_to(target) for path in written]


def _write_project(
    target: Path, source: str, codes: list[str], notice: str, words: _Words
) -> list[Path]:
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write("mkdocs.yml", _config(words.site_name, source, codes))
    write(f"docs/{notice}/draft.md", _draft(words))
    write("docs/index.md", _landing(words))
    write(".gitattributes", GITATTRIBUTES)
    write(".gitignore", GITIGNORE)
    write(REQUIREMENTS, requirements_text(installed_from()))
    write(".github/workflows/publish.yml", WORKFLOW)
    theme = theme_files()
    for relative in _theme_paths(theme):
        source_file = join(theme, relative)
        path = target / "overrides" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source_file.read_bytes())
        written.append(path)
    written.extend(_catalogs(target, source, codes))
    return written


def _languages(source: str, languages: list[str]) -> list[str]:
    """The source language first, then the others, each in its canonical form
    (``zh_TW`` -> ``zh-TW``) and once; a code Babel or the i18n plugin cannot take is
    refused."""
    codes: list[str] = []
    for code in [source, *languages]:
        if not code.strip():
            continue
        tag = site_language(language_tag(code).tag).tag
        if tag not in codes:
            codes.append(tag)
    return codes


def _theme_paths(theme: Any, prefix: str = "") -> list[str]:
    paths: list[str] = []
    for entry in sorted(theme.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "__")):
            continue
        if entry.is_dir():
            paths.extend(_theme_paths(entry, f"{prefix}{entry.name}/"))
        else:
            paths.append(prefix + entry.name)
    return paths


def _config(site_name: str, source: str, codes: list[str]) -> str:
    entries = []
    for code in codes:
        name = language_tag(code).name()
        entries.append(
            f"        - locale: {code}\n"
            f"          name: {json.dumps(name[:1].upper() + name[1:], ensure_ascii=False)}\n"
            + ("          default: true\n" if code == source else "")
            + "          build: true"
        )
    languages = "\n".join(entries)
    return f"""\
site_name: {json.dumps(site_name, ensure_ascii=False)}
# site_url: https://privacy.example.org/   # needed for absolute links in feeds and sitemap
docs_dir: docs
site_dir: site
use_directory_urls: true

theme:
  name: material
  custom_dir: overrides
  language: {source}
  font: false   # no web fonts: the site makes no request to another origin
  features:
    - navigation.prune

plugins:
  - notice:
      # contact: privacy@example.org   # shown to translators in every PO file
      date_locales: {{}}
      disclosures: gdpr-13   # what each notice must say (GDPR Art. 13), checked by notice check
  - i18n:
      docs_structure: folder
      reconfigure_material: true
      reconfigure_search: false
      languages:
{languages}

markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - footnotes
  - tables
  - toc:
      permalink: true
"""


def _draft(words: _Words) -> str:
    front = "\n".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in (
            ("title", words.title),
            ("description", words.description),
            ("changes", words.changes),
        )
    )
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text, _ in words.sections)
    disclosures = "".join(
        f"  {item}: {slugify(plain_text(heading))}\n"
        for heading, _, items in words.sections
        for item in items
    )
    return f"---\n{front}\ndisclosures:\n{disclosures}---\n\n# {words.title}\n\n{body}\n"


def _landing(words: _Words) -> str:
    title = json.dumps(words.landing_title, ensure_ascii=False)
    return f"---\ntitle: {title}\n---\n\n# {words.landing_title}\n\n{words.landing}\n"


def installed_from() -> dict[str, Any] | None:
    """What pip recorded of where this copy of notice was installed from (PEP 610's
    ``direct_url.json``), if it recorded it."""
    try:
        direct = metadata.distribution("notice").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    data = json.loads(direct) if direct else None
    return data if isinstance(data, dict) else None


def _catalogs(target: Path, source: str, codes: list[str]) -> list[Path]:
    """The templates and every language's catalogs, as ``notice update`` writes them;
    the site's strings keep the translations this package ships."""
    from notice.project.config import load_project
    from notice.project.sources import templates_of

    project = load_project(target / "mkdocs.yml")
    written: list[Path] = []
    for domain, template in templates_of(project).items():
        write_catalog(project.template(domain), template)
        written.append(project.template(domain))
        languages = codes if domain == SITE_DOMAIN else codes[1:]
        for language in languages:
            old = None
            if domain == SITE_DOMAIN:
                old = shipped_site_words(language)
            catalog = merge_catalog(template, old, language)
            if domain == SITE_DOMAIN and language == source:
                name = catalog.get(project.site_name, SITE_NAME_CONTEXT)
                if name is not None:
                    name.string = project.site_name  # the source language's own name
            path = project.po_file(language, domain)
            write_catalog(path, catalog)
            written.append(path)
    return written

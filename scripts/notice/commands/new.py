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
from importlib import metadata
from pathlib import Path
from typing import Any

from notice.core.errors import NoticeError
from notice.core.languages import language_tag, site_language
from notice.core.numbering import ZEROS
from notice.project.config import NOTICE_ID, SITE_DOMAIN, SITE_NAME_CONTEXT
from notice.project.requirement import REQUIREMENTS, requirements_text
from notice.project.shipped import join, shipped_site_words, theme_files
from notice.project.skeleton import Skeleton, draft_text, landing_text, skeleton_words
from notice.text.catalog import merge_catalog
from notice.text.pofile import write_catalog

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
          sudo apt-get update && sudo apt-get install -y --no-install-recommends
          libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core fonts-noto-cjk
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
    words = skeleton_words(source)
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
    target: Path, source: str, codes: list[str], notice: str, words: Skeleton
) -> list[Path]:
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write("mkdocs.yml", _config(words.site_name, source, codes))
    write(f"docs/{notice}/draft.md", draft_text(words))
    write("docs/index.md", landing_text(words))
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
      # Dates are written as each language writes them. English has two usages: British
      # ("1 January 2027", en_GB, chosen here) and American ("January 1, 2027": write
      # en_US). Any language may name the Babel locale its dates follow (pt: pt_PT).
      date_locales:
        en: en_GB
{_numbering(codes)}
      disclosures: gdpr-13   # what each notice must say (GDPR Art. 13), checked by notice check
  - i18n:
      docs_structure: folder
      reconfigure_material: true
      reconfigure_search: false
      languages:
{languages}

# The notice plugin adds the Markdown extensions its pages need (admonition, attr_list,
# def_list, footnotes, md_in_html, tables, toc) whatever this list says; add your own.
markdown_extensions:
  - toc:
      permalink: true   # a link beside each heading, to its own address
"""


def _numbering(codes: list[str]) -> str:
    """The ``numbering`` option, written out: each language whose CLDR default is digits
    of its own (Persian, Bengali, Marathi, Nepali, Burmese) has them; the rest Latin."""
    own = {}
    for code in codes:
        system = language_tag(code).locale.default_numbering_system
        if system != "latn" and system in ZEROS:
            own[code] = system
    lines = [
        "      # The digits of dates and numbers: Latin unless named here, by CLDR's name",
        "      # (ar: arab for Arabic-Indic digits, fa: arabext, hi: deva).",
    ]
    if not own:
        return "\n".join([*lines, "      numbering: {}"])
    return "\n".join([*lines, "      numbering:", *(f"        {c}: {s}" for c, s in own.items())])


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

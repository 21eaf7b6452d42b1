"""The commands of translators and of checking: extract, update, stats and check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog

from notice.commands.common import project_of
from notice.core.languages import language_tag
from notice.core.paths import inside_project
from notice.project.config import SITE_DOMAIN, Project
from notice.project.shipped import shipped_site_words, ships_site_words
from notice.project.sources import load_sources, read_project_catalog, templates_of
from notice.text.catalog import Coverage, coverage, merge_catalog
from notice.text.pofile import starts_with_bom, write_catalog


def _write(project: Project, path: Path, catalog: Catalog) -> bool:
    """``write_catalog``, with a note when the file loses its byte order mark."""
    marked = path.is_file() and starts_with_bom(path)
    wrote = write_catalog(path, catalog)
    if marked and wrote:
        print(
            f"note: removed the byte order mark from {project.relative(path)} "
            "(GNU msgfmt rejects a PO file that starts with one)"
        )
    return wrote


def _languages_for(project: Project, domain: str) -> tuple[str, ...]:
    """Site strings are written in English in the templates, so every language has them."""
    if domain == SITE_DOMAIN:
        return tuple(lang.code for lang in project.languages)
    return project.translations


def _updated_languages(project: Project, domain: str) -> tuple[str, ...]:
    """The languages ``notice update`` writes: the configured ones and, for the site's own
    words, every other language that has a ``site.po`` under ``locales/`` (the catalogs
    this package ships for languages a project may add later)."""
    languages = list(_languages_for(project, domain))
    if domain == SITE_DOMAIN:
        have = {language_tag(code).folder for code in languages}
        for path in sorted(project.locales_dir.glob(f"*/LC_MESSAGES/{SITE_DOMAIN}.po")):
            folder = path.parent.parent.name
            if folder not in have:
                languages.append(folder)
    return tuple(languages)


def cmd_extract(args: argparse.Namespace) -> int:
    project = project_of(args)
    for domain, template in templates_of(project).items():
        path = inside_project(project.template(domain), project.root)
        wrote = _write(project, path, template)
        print(
            f"{'wrote' if wrote else 'unchanged'} {project.relative(path)} "
            f"({len(template)} messages)"
        )
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    project = project_of(args)
    templates = templates_of(project)
    # Read every existing catalog before writing anything, so a bad file changes nothing.
    existing: dict[tuple[str, str], Catalog | None] = {}
    for domain in templates:
        for language in _updated_languages(project, domain):
            path = project.po_file(language, domain)
            existing[(domain, language)] = read_project_catalog(project, path, language)
    for domain, template in templates.items():
        _write(project, inside_project(project.template(domain), project.root), template)
        for language in _updated_languages(project, domain):
            path = project.po_file(language, domain)
            old = existing[(domain, language)]
            if old is None and domain == SITE_DOMAIN:
                # A new language starts with the site's words this package ships for it.
                old = shipped_site_words(language)
            merged = merge_catalog(template, old, language)
            if domain == SITE_DOMAIN and ships_site_words(project.locales_dir):
                merged.obsolete.clear()  # the site words new projects start with
            wrote = _write(project, path, merged)
            state = (
                "created"
                if existing[(domain, language)] is None
                else ("updated" if wrote else "unchanged")
            )
            print(f"{state} {project.relative(path)}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    project = project_of(args)
    sources = load_sources(project)
    rows: list[Coverage] = []
    for domain, template in templates_of(project).items():
        for language in _languages_for(project, domain):
            rows.append(coverage(template, sources.catalogs.get((domain, language)), language))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "domain": r.domain,
                        "language": r.language,
                        "translated": r.translated,
                        "fuzzy": r.fuzzy,
                        "untranslated": r.untranslated,
                        "total": r.total,
                        "coverage": round(r.percent, 1),
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
    else:
        header = (
            f"{'notice':<12} {'lang':<6} {'translated':>10} {'fuzzy':>6} "
            f"{'untranslated':>12} {'coverage':>9}"
        )
        print(header)
        print("-" * len(header))
        for r in rows:
            print(
                f"{r.domain:<12} {r.language:<6} {r.translated:>10} {r.fuzzy:>6} "
                f"{r.untranslated:>12} {r.percent:>8.1f}%"
            )
    if args.min is not None:
        below = [r for r in rows if r.percent < args.min]
        for r in below:
            print(
                f"error: {r.domain} [{r.language}] is {r.percent:.1f}% translated, "
                f"below --min {args.min:g}%",
                file=sys.stderr,
            )
        return 1 if below else 0
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from notice.project.audit import audit

    project = project_of(args)
    required = project.options.required_languages
    problems = audit(
        project, project.markdown_renderer(), strict=args.strict, required_languages=required
    )
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    print(
        summary + (" (--strict: warnings fail)" if args.strict and warnings else ""),
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0

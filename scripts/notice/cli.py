"""The ``notice`` command: the only place that prints or exits."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog

from notice import __version__
from notice.catalog import (
    Coverage,
    coverage,
    merge_catalog,
    read_catalog,
    template_catalog,
    write_catalog,
)
from notice.errors import NoticeError
from notice.project import SITE_DOMAIN, Project, find_config, load_project
from notice.site_strings import site_template
from notice.sources import document_paths, load_sources, read_document


def _project(args: argparse.Namespace) -> Project:
    config = Path(args.config) if args.config else find_config(Path.cwd())
    return load_project(config)


def _templates(project: Project) -> dict[str, Catalog]:
    """Every template, computed from the current sources (notices, pages, site strings)."""
    templates: dict[str, Catalog] = {}
    for domain, path in document_paths(project).items():
        document = read_document(path, project.relative(path))
        templates[domain] = template_catalog(domain, [document])
    templates[SITE_DOMAIN] = site_template(project)
    return templates


def _languages_for(project: Project, domain: str) -> tuple[str, ...]:
    """Site strings are written in English in the templates, so every language has them."""
    if domain == SITE_DOMAIN:
        return tuple(lang.code for lang in project.languages)
    return project.translations


def cmd_extract(args: argparse.Namespace) -> int:
    project = _project(args)
    for domain, template in _templates(project).items():
        path = project.template(domain)
        wrote = write_catalog(path, template)
        print(
            f"{'wrote' if wrote else 'unchanged'} {project.relative(path)} "
            f"({len(template)} messages)"
        )
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    project = _project(args)
    templates = _templates(project)
    # Read every existing catalog before writing anything, so a bad file changes nothing.
    existing: dict[tuple[str, str], Catalog | None] = {}
    for domain in templates:
        for language in _languages_for(project, domain):
            path = project.po_file(language, domain)
            existing[(domain, language)] = (
                read_catalog(path, language, project.relative(path)) if path.is_file() else None
            )
    for domain, template in templates.items():
        write_catalog(project.template(domain), template)
        for language in _languages_for(project, domain):
            path = project.po_file(language, domain)
            old = existing[(domain, language)]
            merged = merge_catalog(template, old, language)
            wrote = write_catalog(path, merged)
            state = "created" if old is None else ("updated" if wrote else "unchanged")
            print(f"{state} {project.relative(path)}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    project = _project(args)
    sources = load_sources(project)
    rows: list[Coverage] = []
    for domain, template in _templates(project).items():
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


def cmd_build(args: argparse.Namespace) -> int:
    from notice.build import build_site

    project = _project(args)
    site_dir = Path(args.site_dir) if args.site_dir else None
    result = build_site(project, site_dir=site_dir, draft=args.draft)
    print(f"built {project.relative(result)}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    project = _project(args)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve(config_file=str(project.config_file), dev_addr=args.dev_addr)
    return 0


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    main = argparse.ArgumentParser(prog="notice", description=__doc__)
    main.add_argument("--version", action="version", version=f"notice {__version__}")
    main.add_argument("-f", "--config", help="path to mkdocs.yml (default: found from here up)")
    commands = main.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="write locales/<notice>.pot and locales/site.pot")
    extract.set_defaults(func=cmd_extract)

    update = commands.add_parser(
        "update", help="merge the templates into every language's PO files"
    )
    update.set_defaults(func=cmd_update)

    stats = commands.add_parser("stats", help="translation coverage per notice and language")
    stats.add_argument("--json", action="store_true", help="print JSON for machines")
    stats.add_argument("--min", type=float, metavar="PCT", help="exit 1 if a coverage is below PCT")
    stats.set_defaults(func=cmd_stats)

    build = commands.add_parser("build", help="build the site")
    build.add_argument("--site-dir", help="where to write the site (default: site/)")
    build.add_argument("--draft", action="store_true", help="include the drafts (preview)")
    build.set_defaults(func=cmd_build)

    serve = commands.add_parser("serve", help="live preview of the site, drafts included")
    serve.add_argument("-a", "--dev-addr", default=None, metavar="IP:PORT")
    serve.set_defaults(func=cmd_serve)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a user error prints ``error: ...`` and exits 1."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NoticeError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

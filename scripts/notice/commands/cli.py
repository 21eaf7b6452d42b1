"""The ``notice`` command: the only place that prints or exits."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog

from notice import __version__
from notice.core.errors import NoticeError
from notice.core.languages import language_tag
from notice.project.config import SITE_DOMAIN, Project, find_config, load_project
from notice.project.shipped import shipped_site_words
from notice.project.sources import load_sources, templates_of
from notice.record.release import plan_addition, plan_release, write_frozen_pdfs, write_plan
from notice.record.versions import Registry, build_date, next_change
from notice.site.freeze import frozen_entries, make_pdfs, pdfs_wanted
from notice.text.catalog import Coverage, coverage, merge_catalog, translations
from notice.text.diff import diff_documents
from notice.text.pofile import read_catalog, write_catalog
from notice.text.redline import terminal_redline
from notice.text.segment import Document, render_markdown, segment_markdown


def _positive(value: str) -> int:
    """An argument that must be a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _project(args: argparse.Namespace) -> Project:
    config = Path(args.config) if args.config else find_config(Path.cwd())
    return load_project(config)


def _notice(project: Project, notice: str) -> str:
    """A notice the project has, or a refusal that lists those it has."""
    if notice not in project.notices():
        known = ", ".join(project.notices()) or "none"
        raise NoticeError(f"there is no notice '{notice}' (notices: {known})")
    return notice


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
    project = _project(args)
    for domain, template in templates_of(project).items():
        path = project.template(domain)
        wrote = write_catalog(path, template)
        print(
            f"{'wrote' if wrote else 'unchanged'} {project.relative(path)} "
            f"({len(template)} messages)"
        )
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    project = _project(args)
    templates = templates_of(project)
    # Read every existing catalog before writing anything, so a bad file changes nothing.
    existing: dict[tuple[str, str], Catalog | None] = {}
    for domain in templates:
        for language in _updated_languages(project, domain):
            path = project.po_file(language, domain)
            existing[(domain, language)] = (
                read_catalog(path, language, project.relative(path)) if path.is_file() else None
            )
    for domain, template in templates.items():
        write_catalog(project.template(domain), template)
        for language in _updated_languages(project, domain):
            path = project.po_file(language, domain)
            old = existing[(domain, language)]
            if old is None and domain == SITE_DOMAIN:
                # A new language starts with the site's words this package ships for it.
                old = shipped_site_words(language)
            merged = merge_catalog(template, old, language)
            wrote = write_catalog(path, merged)
            state = (
                "created"
                if existing[(domain, language)] is None
                else ("updated" if wrote else "unchanged")
            )
            print(f"{state} {project.relative(path)}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    project = _project(args)
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


def cmd_release(args: argparse.Namespace) -> int:
    project = _project(args)
    notice = _notice(project, args.notice)
    effective = build_date(args.effective)
    sources = load_sources(project)
    registry = sources.registries[notice]
    folder = project.docs_dir / notice
    if args.add_language:
        language = project.language_code(args.add_language)
        if language not in project.translations:
            raise NoticeError(f"'{language}' is not a translation language of this site")
        source = sources.frozen.get((notice, effective, project.source_language))
        if source is None:
            raise NoticeError(f"there is no released version of '{notice}' effective {effective}")
        plan = plan_addition(
            notice=notice,
            language=language,
            frozen_source=source,
            catalog=sources.catalogs.get((notice, language)),
            po_path=sources.po_paths[(notice, language)],
            registry=registry,
            effective=effective,
            added=build_date(args.published),
            to_html=project.markdown_renderer(),
        )
    else:
        if args.change is None:
            raise NoticeError(
                "say what kind of change this version is: --material (what is processed, "
                "why, by whom, or how to use one's rights: announced "
                f"{project.notice_period_days} days ahead) or --editorial (wording and "
                "typo fixes)"
            )
        latest = registry.latest()
        latest_source = (
            sources.frozen[(notice, latest.effective, project.source_language)]
            if latest is not None
            else None
        )
        plan = plan_release(
            notice=notice,
            draft=sources.documents[notice],
            source_language=project.source_language,
            languages=project.translations,
            catalogs={lang: sources.catalogs.get((notice, lang)) for lang in project.translations},
            po_paths={lang: sources.po_paths[(notice, lang)] for lang in project.translations},
            registry=registry,
            latest_source=latest_source,
            effective=effective,
            published=build_date(args.published),
            without=tuple(project.language_code(code) for code in args.without or ()),
            to_html=project.markdown_renderer(),
            change=args.change,
            short_notice=args.short_notice_reason,
            notice_period_days=project.notice_period_days,
        )
    if pdfs_wanted(project):
        # The PDFs are made now and frozen with the texts: all of it is written, or none.
        planned = Registry(notice, (*registry.entries, plan.entry))
        pdfs = make_pdfs(
            project, sources, notice, planned, effective, tuple(plan.texts), plan.texts
        )
        plan = plan.with_pdfs(pdfs)
    for path in write_plan(plan, folder):
        print(f"wrote {project.relative(path)}")
    entry = plan.entry
    languages = ", ".join(sorted(entry.files))
    if entry.kind == "release":
        print(
            f"released {notice} {entry.effective} ({entry.change}, published "
            f"{entry.recorded}): {languages}"
            + (f"; not available in {', '.join(entry.without)}" if entry.without else "")
        )
    else:
        print(f"added {languages} to {notice} {entry.effective}")
    return 0


def cmd_freeze_pdfs(args: argparse.Namespace) -> int:
    project = _project(args)
    if not pdfs_wanted(project):
        raise NoticeError("this site publishes no PDFs (pdf: false in mkdocs.yml)")
    notices = [_notice(project, n) for n in args.notices] or project.notices()
    sources = load_sources(project)
    recorded = build_date(args.date)
    for notice in notices:
        old = sources.registries.get(notice) or Registry(notice)
        new, files = frozen_entries(project, sources, notice, recorded)
        if not files:
            print(f"{notice}: every released PDF is frozen already")
            continue
        for path in write_frozen_pdfs(old, new, files, project.docs_dir / notice):
            print(f"wrote {project.relative(path)}")
        print(
            f"froze {len(files)} PDFs of {notice} in {len(new.entries) - len(old.entries)} "
            "registry entries"
        )
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    project = _project(args)
    notice = args.notice
    if notice not in project.notices():
        raise NoticeError(f"there is no notice '{notice}'")
    language = project.language_code(args.lang or project.source_language)
    if language not in (lang.code for lang in project.languages):
        raise NoticeError(f"'{language}' is not a language of this site")
    sources = load_sources(project)
    versions = sources.registries[notice].versions()

    def text_of(name: str) -> Document:
        if name == "draft":
            draft = sources.documents[notice]
            table = translations(sources.catalogs.get((notice, language)))
            return segment_markdown(render_markdown(draft, table), draft.path)
        day = build_date(name)
        if not any(v.effective == day for v in versions):
            known = ", ".join(v.effective.isoformat() for v in versions) or "none"
            raise NoticeError(f"'{notice}' has no version effective {day} (versions: {known})")
        document = sources.frozen.get((notice, day, language))
        if document is None:
            raise NoticeError(f"version {day} of '{notice}' is not available in {language}")
        return document

    if args.to is None:
        newer = "draft"
        older = args.from_ or (versions[-1].effective.isoformat() if versions else None)
    else:
        older, newer = args.from_, args.to
    if older is None:
        raise NoticeError(f"'{notice}' has no released version to compare the draft with")
    redline = diff_documents(text_of(older), text_of(newer))
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    print(f"{notice} [{language}]: {older} -> {newer}, {redline.words_changed} words changed")
    sys.stdout.write(terminal_redline(redline, color=color))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from notice.project.audit import audit

    project = _project(args)
    required = project.options.get("required_languages") or []
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


def cmd_next_change(args: argparse.Namespace) -> int:
    project = _project(args)
    sources = load_sources(project)
    day = next_change(list(sources.registries.values()), build_date(args.date))
    if day is not None:
        print(day.isoformat())
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from notice.engines.render import build_site

    project = _project(args)
    site_dir = Path(args.site_dir) if args.site_dir else None
    if args.languages:
        from notice.engines.parts import build_part

        if site_dir is None or args.draft or args.preview:
            raise NoticeError(
                "--languages builds a part of the site for `notice assemble`: give it its own "
                "--site-dir, and no --draft or --preview"
            )
        part = build_part(
            project,
            args.languages.split(","),
            site_dir=site_dir,
            day=build_date(args.date),
            cache=not args.no_cache,
            jobs=args.jobs,
            engine=args.engine,
        )
        print(f"built part {project.relative(part)} ({args.languages})")
        return 0
    result = build_site(
        project,
        site_dir=site_dir,
        draft=args.draft,
        preview=args.preview,
        day=build_date(args.date),
        cache=not args.no_cache,
        jobs=args.jobs,
        engine=args.engine,
    )
    print(f"built {project.relative(result)}")
    return 0


def cmd_assemble(args: argparse.Namespace) -> int:
    from notice.engines.parts import assemble_parts

    site = assemble_parts([Path(part) for part in args.parts], Path(args.site_dir))
    print(f"assembled {site} from {len(args.parts)} parts")
    return 0


def cmd_announce(args: argparse.Namespace) -> int:
    from notice.site import announce
    from notice.site.stage import Settings

    project = _project(args)
    notice = _notice(project, args.notice)
    settings = Settings.of(project, today=build_date(args.date))
    messages = announce.plan(
        load_sources(project),
        notice,
        effective=build_date(args.effective) if args.effective else None,
        today=settings.today,
        site_url=project.site_url,
        site_name=project.site_name,
        sender=str(project.options.get("contact") or ""),
        date_locales=settings.date_locales,
    )
    effective = messages[0][0].effective
    folder = Path(args.out) if args.out else project.root / announce.FOLDER
    written = announce.write(messages, folder / notice / effective)
    for path in written:
        print(f"wrote {project.relative(path)}")
    print(
        f"announced {notice} {effective} in {len(messages)} languages: "
        + ", ".join(a.language for a, _ in messages)
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from notice.site.verify import verify

    seen: dict[str, str] = {}
    for given in args.head or ():
        notice, _, head = given.partition("=")
        if not re.fullmatch(r"[0-9a-fA-F]{64}", head):
            raise NoticeError(f"--head {given}: expected NOTICE=SHA256 (64 hex digits)")
        seen[notice] = head.lower()
    summary = verify(args.source, seen)
    print(summary.line(args.source))
    return 0


def cmd_as_of(args: argparse.Namespace) -> int:
    from notice.record.versions import in_effect, in_effect_until
    from notice.site import addresses

    project = _project(args)
    notice = _notice(project, args.notice)
    day = build_date(args.date)
    today = build_date(None)
    source = project.source_language
    language = project.language_code(args.lang or source)
    codes = [lang.code for lang in project.languages]
    if language not in codes:
        raise NoticeError(f"--lang {language}: not a language of this site ({', '.join(codes)})")
    versions = load_sources(project).registries[notice].versions()
    version = in_effect(versions, day)
    if version is None:
        first = f" (the first took effect on {versions[0].effective})" if versions else ""
        raise NoticeError(f"no version of '{notice}' was in effect on {day}{first}")
    # What a reader of `language` was shown that day: its translation if it had been
    # released by then, else the source text (the page says so).
    released = language in version.files and version.added.get(language, day) <= day
    shown = language if released else source
    until = in_effect_until(version, versions, today)
    record = {
        "notice": notice,
        "date": day.isoformat(),
        "language": language,
        "text_language": shown,
        "effective": version.effective.isoformat(),
        "published": version.published.isoformat(),
        "in_effect_from": version.effective.isoformat(),
        "in_effect_until": until.isoformat() if until else None,
        "kind": version.change,
        "url": addresses.absolute(
            project.site_url,
            addresses.version_url(addresses.prefix(language, source), notice, version),
        ),
        "sha256": version.files[shown],
        "source": addresses.absolute(
            project.site_url, addresses.released_url(notice, version, shown)
        ),
        "chain": version.chain,
    }
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    if version.effective > today:
        period = f"from {version.effective} (not yet in effect)"
    else:
        period = f"{version.effective} to {until or 'now'}"
    print(f"{notice} on {day}: the version of {version.effective}, in effect {period}")
    if shown != language:
        print(f"note:   not released in {language} by {day}: its page showed the {shown} text")
    print(f"url:    {record['url']}")
    print(f"sha256: {record['sha256']}")
    print(f"text:   {record['source']}")
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    from notice.site.stage import Settings, stage, write_stage

    project = _project(args)
    settings = Settings.of(
        project,
        today=build_date(args.date),
        draft=args.draft or None,
        preview=args.preview or None,
        cache=False if args.no_cache else None,
    )
    staged = stage(project, settings)
    for problem in staged.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    out = write_stage(staged, Path(args.out))
    print(f"staged {project.relative(out)} ({len(staged.pages)} pages, schema {staged.schema})")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from notice.commands.new import create_project

    target = Path(args.folder)
    languages = [code for code in args.languages.split(",") if code.strip()]
    written = create_project(target, args.source, languages, args.notice)
    print(f"created {target} ({len(written)} files): {args.source} and {', '.join(languages)}")
    print(f"next: cd {target} && notice build, then edit docs/{args.notice}/draft.md")
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

    new = commands.add_parser("new", help="create a new, working project in an empty folder")
    new.add_argument("folder", metavar="DIR", help="the project's folder (missing or empty)")
    new.add_argument(
        "--source", required=True, metavar="LANG", help="the language notices are written in"
    )
    new.add_argument(
        "--languages",
        required=True,
        metavar="L1,L2",
        help="the languages they are translated into, separated by commas",
    )
    new.add_argument("--notice", default="privacy", help="the first notice's id (default: privacy)")
    new.set_defaults(func=cmd_new)

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

    check = commands.add_parser(
        "check", help="validate PO files, translations, notices, the archive and the config"
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(func=cmd_check)

    release = commands.add_parser(
        "release", help="freeze the draft and its complete translations as a new version"
    )
    release.add_argument("notice", help="the notice id (its folder in docs/)")
    release.add_argument(
        "--effective",
        required=True,
        metavar="DATE",
        help="the day the version takes effect (YYYY-MM-DD)",
    )
    release.add_argument(
        "--published", metavar="DATE", help="the day it is announced (default: today)"
    )
    release.add_argument(
        "--without",
        action="append",
        metavar="LANG",
        help="leave out an incomplete language (repeatable)",
    )
    kind = release.add_mutually_exclusive_group()
    kind.add_argument(
        "--material",
        dest="change",
        action="store_const",
        const="material",
        help="it changes what is processed, why, by whom or how to use one's rights: it "
        "takes effect notice_period_days (default 30) after it is published",
    )
    kind.add_argument(
        "--editorial",
        dest="change",
        action="store_const",
        const="editorial",
        help="it fixes wording or typos only: it may take effect on the day it is published",
    )
    release.add_argument(
        "--short-notice-reason",
        metavar="TEXT",
        help="why a material change takes effect sooner than the notice period (recorded "
        "and shown in the history)",
    )
    release.add_argument(
        "--add-language",
        metavar="LANG",
        help="add a translation finished later to the version of --effective",
    )
    release.set_defaults(func=cmd_release)

    freezing = commands.add_parser(
        "freeze-pdfs",
        help="make the PDFs of versions released before PDFs were part of the record, and "
        "record them in the registry",
    )
    freezing.add_argument("notices", metavar="NOTICE", nargs="*", help="default: every notice")
    freezing.add_argument(
        "--date", metavar="DATE", help="the day recorded (default: SOURCE_DATE_EPOCH, else today)"
    )
    freezing.set_defaults(func=cmd_freeze_pdfs)

    diff = commands.add_parser("diff", help="print a redline between two versions, or to the draft")
    diff.add_argument("notice", help="the notice id")
    diff.add_argument(
        "from_",
        metavar="FROM",
        nargs="?",
        help="a version's effective date (default: the latest version)",
    )
    diff.add_argument(
        "to",
        metavar="TO",
        nargs="?",
        help="a version's effective date, or 'draft' (default: the draft)",
    )
    diff.add_argument("--lang", help="the language to compare in (default: the source language)")
    diff.set_defaults(func=cmd_diff)

    nxt = commands.add_parser(
        "next-change", help="print the next date on which a build would change"
    )
    nxt.add_argument("--date", metavar="DATE", help="as of this date (default: today)")
    nxt.set_defaults(func=cmd_next_change)

    announcing = commands.add_parser(
        "announce", help="write ready-to-send announcements of a version, in every language"
    )
    announcing.add_argument("notice", help="the notice id")
    announcing.add_argument(
        "effective",
        metavar="EFFECTIVE",
        nargs="?",
        help="the version's effective date (default: the newest version)",
    )
    announcing.add_argument("--date", metavar="DATE", help="as of this date (default: today)")
    announcing.add_argument(
        "--out", metavar="DIR", help="where to write them (default: announcements/)"
    )
    announcing.set_defaults(func=cmd_announce)

    verifying = commands.add_parser(
        "verify", help="check a published site (folder or URL) against its hashes and chain"
    )
    verifying.add_argument("source", metavar="SOURCE", help="a built site's folder or its URL")
    verifying.add_argument(
        "--head",
        action="append",
        metavar="NOTICE=SHA256",
        help="a chain head recorded earlier, which must still be in the chain (repeatable)",
    )
    verifying.set_defaults(func=cmd_verify)

    as_of = commands.add_parser(
        "as-of", help="the version in effect on a date, its permanent URL and SHA-256"
    )
    as_of.add_argument("notice", help="the notice id")
    as_of.add_argument("date", metavar="DATE", help="the day (YYYY-MM-DD)")
    as_of.add_argument("--lang", help="the language (default: the source language)")
    as_of.add_argument("--json", action="store_true", help="print JSON for machines")
    as_of.set_defaults(func=cmd_as_of)

    build = commands.add_parser("build", help="build the site")
    build.add_argument("--date", metavar="DATE", help="build as of this date (default: today)")
    build.add_argument("--site-dir", help="where to write the site (default: site/)")
    build.add_argument("--draft", action="store_true", help="include the drafts (preview)")
    build.add_argument(
        "--preview",
        action="store_true",
        help="what `notice serve` builds: the source language, the drafts, no archive",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="compute every redline again, without reading or writing .cache/notice",
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="processes that build the site (default: one per core)",
    )
    build.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="what renders the staged site (default: mkdocs; zensical needs the [zensical] extra)",
    )
    build.add_argument(
        "--languages",
        metavar="L1,L2",
        help="build only these languages, as a part for `notice assemble`",
    )
    build.set_defaults(func=cmd_build)

    assembling = commands.add_parser(
        "assemble", help="join parts built with --languages into the site"
    )
    assembling.add_argument("parts", metavar="PART", nargs="+", help="the parts' folders")
    assembling.add_argument("--site-dir", required=True, help="where to write the site")
    assembling.set_defaults(func=cmd_assemble)

    staging = commands.add_parser(
        "stage", help="write the staged site: Markdown pages and files any engine renders"
    )
    staging.add_argument("--out", required=True, metavar="DIR", help="where to write it")
    staging.add_argument("--date", metavar="DATE", help="as of this date (default: today)")
    staging.add_argument("--draft", action="store_true", help="include the drafts")
    staging.add_argument("--preview", action="store_true", help="the source language only")
    staging.add_argument("--no-cache", action="store_true", help="compute every redline again")
    staging.set_defaults(func=cmd_stage)

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

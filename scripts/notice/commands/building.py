"""The commands of the site: build, assemble, stage, serve, verify, and new (a project)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from notice.commands.common import project_of
from notice.core.errors import NoticeError
from notice.project.config import Project
from notice.record.versions import build_date, latest_release


def cmd_build(args: argparse.Namespace) -> int:
    from notice.engines.render import build_site
    from notice.site.stage import Settings, Work

    project = project_of(args)
    site_dir = Path(args.site_dir) if args.site_dir else None
    work = Work.of(project, cache=False if args.no_cache else None, jobs=args.jobs)
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
            Settings.of(project, today=build_date(args.date)),
            work,
            site_dir=site_dir,
            engine=args.engine,
        )
        print(f"built part {project.relative(part)} ({args.languages})")
        return 0
    settings = Settings.of(
        project,
        today=build_date(args.date),
        draft=args.draft or None,
        preview=args.preview or None,
    )
    result = build_site(project, settings, work, site_dir=site_dir, engine=args.engine)
    print(f"built {project.relative(result)}")
    return 0


def cmd_assemble(args: argparse.Namespace) -> int:
    from notice.engines.parts import assemble_parts

    site = assemble_parts([Path(part) for part in args.parts], Path(args.site_dir))
    print(f"assembled {site} from {len(args.parts)} parts")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from notice.record.timestamps import read_roots
    from notice.usecases.verify import HEAD_DIGITS, verify

    seen: dict[str, str] = {}
    for given in args.head or ():
        notice, _, head = given.partition("=")
        if not re.fullmatch(rf"[0-9a-fA-F]{{{HEAD_DIGITS},64}}", head):
            raise NoticeError(
                f"--head {given}: expected NOTICE=HEAD (the chain head's SHA-256, or its "
                f"first {HEAD_DIGITS} or more hex digits)"
            )
        seen[notice] = head.lower()
    roots: list[bytes] = []
    for path in args.tsa_root or ():
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise NoticeError(f"cannot be read ({exc.strerror})", path) from None
        roots.extend(read_roots(data, path))
    summary = verify(args.source, seen, roots or None, args.deadline)
    print(summary.report(args.source))
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    from notice.site.stage import Settings, Work, stage, write_stage

    project = project_of(args)
    settings = Settings.of(
        project,
        today=build_date(args.date),
        draft=args.draft or None,
        preview=args.preview or None,
    )
    staged = stage(project, settings, Work.of(project, cache=False if args.no_cache else None))
    for problem in staged.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    out = write_stage(staged, Path(args.out))
    print(f"staged {project.relative(out)} ({len(staged.pages)} pages, schema {staged.schema})")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from notice.commands.new import create_project
    from notice.project.requirement import REQUIREMENTS, check_requirements
    from notice.project.skeleton import skeleton_catalog

    target = Path(args.folder)
    languages = [code for code in args.languages.split(",") if code.strip()]
    written = create_project(target, args.source, languages, args.notice)
    print(f"created {target} ({len(written)} files): {args.source} and {', '.join(languages)}")
    requirements = target / REQUIREMENTS
    text = requirements.read_text(encoding="utf-8")
    for problem in check_requirements(text, requirements.as_posix()):
        print(problem, file=sys.stderr)  # before the first push, not in its failed run
    if skeleton_catalog(args.source) is None:
        print(
            f"note: no skeleton ships in '{args.source}': mkdocs.yml's site_name, "
            f"docs/index.md and docs/{args.notice}/draft.md are in English; write them "
            f"in '{args.source}'",
            file=sys.stderr,
        )
    print(f"next: cd {target} && notice build, then edit docs/{args.notice}/draft.md")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    project = project_of(args)
    for line in _baselines(project):
        print(line)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve(config_file=str(project.config_file), dev_addr=args.dev_addr)
    return 0


def _baselines(project: Project) -> list[str]:
    """What the preview compares each draft with (``latest_release``, as ``notice diff``
    does), and where: one line per notice. Sources that cannot be read give no line; the
    preview's build reports them."""
    from notice.project.sources import load_sources

    problems: list[NoticeError] = []
    sources = load_sources(project, problems)
    today = build_date(project.options.date)
    lines = []
    for notice in sources.notices:
        registry = sources.registries.get(notice)
        baseline = latest_release(registry.as_of(today).versions(), today) if registry else None
        if baseline is not None:
            lines.append(
                f"{notice}: the draft is compared with the latest release, "
                f"{baseline.effective} (page {notice}/compare/{baseline.key}/draft/)"
            )
    return lines

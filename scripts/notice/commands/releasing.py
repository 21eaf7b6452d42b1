"""The commands of the record: release, freeze-pdfs, announce, diff, next-change and as-of."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from notice.commands.common import known_notice, project_of
from notice.core import clock
from notice.core.errors import NoticeError
from notice.project.config import Project
from notice.project.sources import load_archive, load_sources
from notice.record.release import append_entries, plan_withdrawal, write_plan
from notice.record.versions import Registry, build_date, latest_release, next_change
from notice.text.catalog import translations
from notice.text.compose import render_markdown
from notice.text.diff import diff_documents
from notice.text.redline import terminal_redline
from notice.text.segment import Document, segment_markdown
from notice.usecases.freeze import frozen_entries, pdfs_wanted


def cmd_release(args: argparse.Namespace) -> int:
    from notice.project.language_changes import refuse_language_changes
    from notice.record.release import Addition, Release
    from notice.usecases.planning import plan_language, plan_version

    project = project_of(args)
    notice = known_notice(project, args.notice)
    effective = build_date(args.effective)
    recorded = clock.today()
    published = build_date(args.published) if args.published else recorded
    sources = load_sources(project)
    refuse_language_changes(project, sources)
    if args.add_language:
        if args.published_because is not None:
            raise NoticeError("--published-because applies to a release, not --add-language")
        addition = Addition(notice, args.add_language, effective, published, recorded)
        plan = plan_language(project, sources, addition)
    else:
        if args.change is None:
            raise NoticeError(
                "say what kind of change this version is: --material (what is processed, "
                "why, by whom, or how to use one's rights: announced "
                f"{project.notice_period_days} days ahead) or --editorial (wording and "
                "typo fixes)"
            )
        release = Release(
            notice=notice,
            draft=sources.documents[notice],
            effective=effective,
            published=published,
            recorded=recorded,
            change=args.change,
            without=tuple(code for codes in args.without or () for code in codes),
            short_notice=args.short_notice_reason,
            editorial_because=args.editorial_because,
            published_because=args.published_because,
        )
        plan = plan_version(project, sources, release)
    for path in write_plan(plan, project.docs_dir / notice):
        print(f"wrote {project.relative(path)}")
    entry = plan.entry
    languages = ", ".join(sorted(entry.files))
    if entry.kind == "release":
        print(
            f"released {notice} {entry.effective} ({entry.change}, published "
            f"{entry.dated}, recorded {entry.recorded}): {languages}"
            + (f"; not available in {', '.join(entry.without)}" if entry.without else "")
        )
    else:
        print(f"added {languages} to {notice} {entry.effective}")
    _stamp_if_configured(project, notice)
    return 0


def _stamp_if_configured(project: Project, notice: str) -> None:
    """Have the new chain head timestamped, where an authority is configured."""
    if not project.options.timestamp_url:
        return
    try:
        _timestamp(project, notice)
    except NoticeError as exc:
        raise NoticeError(
            f"recorded, but its chain head is not timestamped: {exc}",
            hint=f"run `notice timestamp {notice}` when the authority answers",
        ) from None


def cmd_timestamp(args: argparse.Namespace) -> int:
    from notice.usecases.timestamping import token_path

    project = project_of(args)
    notice = known_notice(project, args.notice)
    registry = load_archive(project, notice)[0]
    if registry.entries and token_path(project, notice, registry.head).is_file():
        shown = project.relative(token_path(project, notice, registry.head))
        print(f"{notice}: head {registry.head[:12]} is timestamped already ({shown})")
        return 0
    _timestamp(project, notice)
    return 0


def _timestamp(project: Project, notice: str) -> None:
    """Have the configured authority stamp a notice's chain head, and say what it says."""
    from notice.usecases.timestamping import stamp_head

    stamp, path = stamp_head(project, notice, load_archive(project, notice)[0])
    print(f"wrote {project.relative(path)}")
    print(f"timestamped {notice}: {stamp.line()}")


def cmd_withdraw(args: argparse.Namespace) -> int:
    project = project_of(args)
    notice = known_notice(project, args.notice)
    registry, _, _ = load_archive(project, notice)  # the record alone: no catalog needed
    entry = plan_withdrawal(
        registry, build_date(args.effective), args.because, recorded=clock.today()
    )
    new = Registry(notice, (*registry.entries, entry))
    for path in append_entries(registry, new, {}, project.docs_dir / notice):
        print(f"wrote {project.relative(path)}")
    latest = new.latest()
    if latest is None or latest.effective < entry.effective:
        then = (
            f"a corrected version may take effect on {entry.effective} (notice release "
            f"{notice} --effective {entry.effective} …)"
        )
    else:  # a correction takes effect after the versions already released after it
        then = f"a corrected version may take effect after {latest.effective}"
    print(
        f"withdrew {notice} {entry.effective} on {entry.recorded}: it will not take effect; {then}"
    )
    _stamp_if_configured(project, notice)
    return 0


def cmd_freeze_pdfs(args: argparse.Namespace) -> int:
    project = project_of(args)
    if not pdfs_wanted(project):
        raise NoticeError("this site publishes no PDFs (pdf: false in mkdocs.yml)")
    notices = [known_notice(project, n) for n in args.notices] or project.notices()
    sources = load_sources(project)
    recorded = build_date(args.date)
    for notice in notices:
        old = sources.registries.get(notice) or Registry(notice)
        new, files = frozen_entries(project, sources, notice, recorded)
        if not files:
            print(f"{notice}: every released PDF is frozen already")
            continue
        for path in append_entries(old, new, files, project.docs_dir / notice):
            print(f"wrote {project.relative(path)}")
        print(
            f"froze {len(files)} PDFs of {notice} in {len(new.entries) - len(old.entries)} "
            "registry entries"
        )
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    project = project_of(args)
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
        version = next((v for v in versions if v.effective == day), None)
        if version is None:
            known = ", ".join(v.effective.isoformat() for v in versions) or "none"
            raise NoticeError(f"'{notice}' has no version effective {day} (versions: {known})")
        document = sources.frozen_text(notice, version, language)
        if document is None:
            raise NoticeError(f"version {day} of '{notice}' is not available in {language}")
        return document

    baseline = None
    if args.to is None:
        newer = "draft"
        older = args.from_
        if older is None:
            # The version `notice serve` compares the draft with, as of the same day.
            today = build_date(project.options.date)
            baseline = latest_release(sources.registries[notice].as_of(today).versions(), today)
            older = baseline.effective.isoformat() if baseline else None
    else:
        older, newer = args.from_, args.to
    if older is None:
        raise NoticeError(f"'{notice}' has no released version to compare the draft with")
    redline = diff_documents(text_of(older), text_of(newer))
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    which = " (the latest release)" if baseline is not None else ""
    print(
        f"{notice} [{language}]: {older}{which} -> {newer}, {redline.words_changed} words changed"
    )
    sys.stdout.write(terminal_redline(redline, color=color))
    return 0


def cmd_next_change(args: argparse.Namespace) -> int:
    project = project_of(args)
    sources = load_sources(project)
    day = next_change(list(sources.registries.values()), build_date(args.date))
    if day is not None:
        print(day.isoformat())
    return 0


def cmd_announce(args: argparse.Namespace) -> int:
    from notice.site.stage import Settings
    from notice.usecases import announce

    project = project_of(args)
    notice = known_notice(project, args.notice)
    settings = Settings.of(project, today=build_date(args.date))
    mailing = announce.Mailing(
        load_sources(project),
        today=settings.today,
        site_url=project.site_url,
        site_name=project.site_name,
        sender=project.options.contact,
        date_locales=settings.date_locales,
    )
    messages = announce.plan(
        mailing,
        notice,
        build_date(args.effective) if args.effective else None,
        disclosures=project.options.disclosures_list(notice),
    )
    first = messages[0][0]
    folder = Path(args.out) if args.out else project.root / announce.FOLDER
    written = announce.write(messages, folder / notice / first.version)
    for path in written:
        print(f"wrote {project.relative(path)}")
    news = "the withdrawal of" if first.kind == "withdrawn" else ""
    print(
        f"announced {news + ' ' if news else ''}{notice} {first.effective} in {len(messages)} "
        "languages: " + ", ".join(a.language for a, _ in messages)
    )
    return 0


def cmd_as_of(args: argparse.Namespace) -> int:
    from notice.project.language_changes import same_language
    from notice.usecases.as_of import shown_on

    project = project_of(args)
    notice = known_notice(project, args.notice)
    day = build_date(args.date)
    today = build_date(None)
    language = project.language_code(args.lang or project.source_language)
    codes = [lang.code for lang in project.languages]
    versions = load_sources(project).registries[notice].versions()
    recorded = {code for version in versions for code in version.files}
    if language not in codes and language not in recorded:
        raise NoticeError(f"--lang {language}: not a language of this site ({', '.join(codes)})")
    shown = shown_on(
        versions,
        notice,
        language,
        day,
        source_language=project.source_language,
        site_url=project.site_url,
        today=today,
        built=language in codes,
    )
    if args.json:
        print(json.dumps(shown.record(), ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    version = shown.version
    if version.effective > today:
        period = f"from {version.effective} (not yet in effect)"
    else:
        period = f"{version.effective} to {shown.until or 'now'}"
    print(f"{notice} on {day}: the version of {version.effective}, in effect {period}")
    if shown.text_language != language:
        print(
            f"note:   not released in {language} by {day}: its page showed the "
            f"{shown.text_language} text"
        )
    if shown.url is None:
        print(f"note:   {language} is no longer a language of this site: no page is built")
    elif shown.text_language != language:
        # A code written another way (uk_UA for uk) is another language for the record.
        for code in sorted(c for c in version.files if c not in codes):
            if same_language(code, language):
                print(
                    f"note:   released in {code}, no longer a language of this site: "
                    f"notice as-of {notice} {day} --lang {code}"
                )
    print(f"url:    {shown.url or '(none)'}")
    print(f"sha256: {version.files[shown.text_language]}")
    print(f"text:   {shown.source}")
    return 0

"""The ``notice`` command: its arguments, the help a user reads, and its entry point,
where a user error becomes ``error: ...`` and exit status 1."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from notice import __version__
from notice.commands.building import (
    cmd_assemble,
    cmd_build,
    cmd_new,
    cmd_serve,
    cmd_stage,
    cmd_verify,
)
from notice.commands.releasing import (
    cmd_announce,
    cmd_as_of,
    cmd_diff,
    cmd_freeze_pdfs,
    cmd_next_change,
    cmd_release,
    cmd_timestamp,
    cmd_withdraw,
)
from notice.commands.translating import cmd_check, cmd_extract, cmd_stats, cmd_update
from notice.core.errors import NoticeError

#: What ``notice --help`` says first.
DESCRIPTION = (
    "Publish privacy notices as a static, multilingual, versioned site: legal editors write "
    "a draft in Markdown, translators work in PO files, and every released version stays "
    "online, dated, with what changed. Run it from the project's folder (where mkdocs.yml is)."
)

#: What ``notice --help`` says last.
EPILOG = "Run `notice COMMAND --help` for what a command does and its options."

#: What ``notice COMMAND --help`` says of each command, for the person who runs it.
ABOUT = {
    "new": "Create a new, working project in DIR (missing or empty): mkdocs.yml, a landing "
    "page, the first notice's draft, the PO files of every language and a workflow that "
    "publishes the site. Then edit the draft and run `notice build`.",
    "extract": "Write the translation templates: locales/<notice>.pot for every notice and "
    "locales/site.pot for the site's own words. Run `notice update` next.",
    "update": "Merge the templates into every language's PO files, creating the missing "
    "ones. Every translation is kept; a file whose content is unchanged is left as it is.",
    "stats": "Show how much of each notice and of the site's words is translated, per "
    "language. Fuzzy translations count as untranslated, as they are never published.",
    "check": "Check everything a release or a build relies on: the PO files and their "
    "translations, the drafts, the registry of every notice, the released texts and PDFs "
    "against their recorded SHA-256, and mkdocs.yml. Exits 1 on any error.",
    "release": "Freeze the draft of NOTICE and its complete translations as a new version, "
    "in effect from --effective: the texts and their PDFs are written under "
    "docs/NOTICE/versions/DATE/ and recorded in versions.yml. A released text never changes.",
    "withdraw": "Withdraw a released version before it takes effect. It stays in the "
    "record and on the site, marked as withdrawn with your reason; a corrected version "
    "may then be released for the same day.",
    "freeze-pdfs": "Make the PDFs of versions released before PDFs were part of the "
    "record, and record them in versions.yml, so that they never change again.",
    "diff": "Print a redline of a notice in the terminal, for review. With no dates it "
    "compares the draft with the latest release published by today (the version `notice serve` "
    "compares the draft with) and says which version that is.",
    "next-change": "Print the next date on which a build would change (an upcoming "
    "version takes effect), for scheduling the next rebuild; nothing when none is due.",
    "announce": "Write ready-to-send announcements of a version in every language: an "
    "e-mail (.eml) and its fields (.json) under announcements/.",
    "verify": "Check a published site, a folder or a URL, against its own record: every "
    "released text's and PDF's SHA-256, the registry's chain, the pages' text and the "
    "time-stamps. Exits 1 on any mismatch.",
    "timestamp": "Have the time-stamping authority set in mkdocs.yml (timestamp_url) "
    "stamp the chain head of a notice's registry, so that anyone can prove the record "
    "existed then.",
    "as-of": "Print the version of a notice in effect on a date, with its permanent URL "
    "and the SHA-256 of its text.",
    "build": "Build the site into site/ as of a date (default: today): the current "
    "versions, every earlier one, the redlines between them, feeds and PDFs. The same "
    "sources and date give the same bytes.",
    "assemble": "Join the parts built with `notice build --languages` on several machines "
    "into the site, byte for byte what one `notice build` makes.",
    "stage": "Write the staged site: a Markdown page with front matter for every page of "
    "every language, and the other files, for a site generator other than the built-in one.",
    "serve": "Serve a live preview of the site in the source language, drafts included, "
    "rebuilt when a file changes. Each draft is compared with the latest release of its "
    "notice, the version `notice diff` compares it with.",
}


def _positive(value: str) -> int:
    """An argument that must be a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _codes(value: str) -> list[str]:
    """Language codes separated by commas (``en,de``), as ``--languages`` takes them."""
    return [code.strip() for code in value.split(",") if code.strip()]


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    main = argparse.ArgumentParser(prog="notice", description=DESCRIPTION, epilog=EPILOG)
    main.add_argument("--version", action="version", version=f"notice {__version__}")
    main.add_argument("-f", "--config", help="path to mkdocs.yml (default: found from here up)")
    commands = main.add_subparsers(
        dest="command", required=True, title="commands", metavar="COMMAND"
    )

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
        type=_codes,
        metavar="L1,L2",
        help="leave out incomplete languages, separated by commas (or the option repeated)",
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
        "--editorial-because",
        metavar="TEXT",
        help="why an editorial change that touches the purposes, the legal basis, the "
        "controller, the rights, consent or complaints is editorial all the same, e.g. a "
        "typo (recorded and shown in the history)",
    )
    release.add_argument(
        "--published-because",
        metavar="TEXT",
        help="why --published is before today, the day the release is recorded: a version "
        "published before this project kept its record (recorded and shown in the history)",
    )
    release.add_argument(
        "--add-language",
        metavar="LANG",
        help="add a translation finished later to the version of --effective",
    )
    release.set_defaults(func=cmd_release)

    withdraw = commands.add_parser(
        "withdraw",
        help="withdraw a released version before it takes effect (it stays in the record, "
        "shown as withdrawn; a corrected version may then take its day)",
    )
    withdraw.add_argument("notice", help="the notice id (its folder in docs/)")
    withdraw.add_argument("effective", metavar="DATE", help="the version's effective date")
    withdraw.add_argument(
        "--because",
        required=True,
        metavar="TEXT",
        help="why it is withdrawn (recorded, and shown on the site in every language)",
    )
    withdraw.set_defaults(func=cmd_withdraw)

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
        help="a version's effective date (default: the latest release)",
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
        "verify",
        help="check a published site (folder or URL): hashes, chain, pages' text, timestamps",
    )
    verifying.add_argument("source", metavar="SOURCE", help="a built site's folder or its URL")
    verifying.add_argument(
        "--head",
        action="append",
        metavar="NOTICE=HEAD",
        help="a chain head recorded earlier (8 or more of its hex digits), which must still "
        "be in the chain (repeatable)",
    )
    verifying.add_argument(
        "--tsa-root",
        action="append",
        metavar="PEM",
        help="the root certificate of a time-stamping authority you trust (repeatable)",
    )
    verifying.add_argument(
        "--deadline",
        type=_positive,
        metavar="SECONDS",
        help="the most the whole check may take, every file read included (default: 300)",
    )
    verifying.set_defaults(func=cmd_verify)

    stamping = commands.add_parser(
        "timestamp",
        help="have the time-stamping authority (timestamp_url) stamp a notice's chain head",
    )
    stamping.add_argument("notice", help="the notice id")
    stamping.set_defaults(func=cmd_timestamp)

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
    serve.add_argument(
        "-a",
        "--dev-addr",
        default=None,
        metavar="IP:PORT",
        help="the address to serve on (default: dev_addr in mkdocs.yml, else 127.0.0.1:8000)",
    )
    serve.set_defaults(func=cmd_serve)
    for name, command in commands.choices.items():
        command.description = ABOUT[name]
    return main


#: The exit status of a command stopped by Ctrl-C (128 + SIGINT), as a shell reports it.
INTERRUPTED = 130

#: The exit status of a command whose reader went away (128 + SIGPIPE), as ``yes | head``.
PIPE_CLOSED = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a user error prints ``error: ...`` and exits 1, Ctrl-C prints
    one line and exits 130, and a reader that stops reading (``notice check | head -1``)
    ends the command quietly."""
    try:
        args = parser().parse_args(argv)
        try:
            code = int(args.func(args))
        except NoticeError as exc:
            for line in str(exc).splitlines():
                print(f"error: {line}", file=sys.stderr)
            code = 1
        sys.stdout.flush()  # here, where a closed pipe can still be caught
        return code
    except KeyboardInterrupt:
        # On a terminal, after the "^C" it echoed.
        print("\ninterrupted" if sys.stderr.isatty() else "interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # Python would try to flush stdout again on exit and print the error once more:
        # what is left to write goes nowhere instead.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PIPE_CLOSED


if __name__ == "__main__":
    sys.exit(main())

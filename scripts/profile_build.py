"""Where a build's time goes, by step: cProfile over ``notice build`` in one process.

    python scripts/profile_build.py PROJECT [--date YYYY-MM-DD] [--engine mkdocs]

Builds PROJECT cold (``--jobs 1 --no-cache``, so every step runs in the process that
is profiled) into a temporary folder and prints each step's cumulative time: reading
the sources, the checks every build runs, the pages, the redlines and PDFs among them,
writing the staged pages, the engine's rendering and the assembly. The steps are found
by function name, so the script also reads a build of an earlier layout of the package
(run it with that checkout's ``scripts`` first on ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
from pathlib import Path

#: (step, file name, function): the function of that name in a file of that name
#: (the longest, where several match: the outer ``build_site`` of an earlier layout).
STEPS = (
    ("whole build", ("render.py", "engines.py", "build.py"), "build_site"),
    ("reading sources, PO files, the archive", "sources.py", "load_sources"),
    ("checks every build runs first", "audit.py", "audit"),
    ("pages, feeds, versions.json", "pages.py", "build_pages"),
    ("  of which redlines", "redlines.py", "start"),
    ("  of which PDFs", "published.py", "pdfs"),
    ("writing the staged pages", "stage.py", "write_pages"),
    ("MkDocs' build (rendering, and staging where the plugin stages)", "build.py", "build"),
    ("rendering (Zensical)", "render.py", "_render_zensical"),
    ("assembling the site", "render.py", "assemble"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", type=Path)
    parser.add_argument("--date", default="2026-11-24")
    parser.add_argument("--engine", default="mkdocs")
    args = parser.parse_args()
    from notice.commands.cli import main as notice

    site = Path(tempfile.mkdtemp(prefix="profile-site-"))
    os.chdir(args.project)
    profile = cProfile.Profile()
    command = ["build", "--jobs", "1", "--no-cache", "--date", args.date, "--site-dir", str(site)]
    if args.engine != "mkdocs":
        command += ["--engine", args.engine]
    profile.enable()
    try:
        notice(command)
    except SystemExit as exc:
        if exc.code:
            raise
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(value[3] for value in stats.values())
    print(f"| step | seconds | share of {total:.1f} s |")
    print("|---|---|---|")
    for step, file_name, function in STEPS:
        found = [
            value[3]
            for (path, _, name), value in stats.items()
            if name == function
            and Path(path).name in ((file_name,) if isinstance(file_name, str) else file_name)
            and ("notice" in path or "mkdocs" in path)
        ]
        if found:
            seconds = max(found)
            print(f"| {step} | {seconds:.2f} | {100 * seconds / total:.0f}% |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

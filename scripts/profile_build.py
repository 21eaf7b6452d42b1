"""Where a build's time goes: py-spy's samples of ``notice build``, by part.

    py-spy record -r 100 -f raw -o build.txt -- python -m notice build --jobs 1 ...
    python scripts/profile_build.py build.txt

With ``--jobs 1`` every part runs in the one process that py-spy samples. A sample is
MkDocs' own when no frame of ``notice`` is on its stack below the plugin's hooks;
otherwise it is counted for the part of ``notice`` it is in.
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

#: The first matching function on the stack (outermost first) names the part.
PARTS = (
    ("redlines (word diffs, marked text)", ("_Redlines.", "_redline", "diff_documents")),
    ("segmenting frozen texts", ("LazyDocuments.",)),
    ("checks every build runs first", ("audit",)),
    ("reading sources, PO files, the archive", ("load_sources",)),
    ("sanitising every page (nh3)", ("sanitize",)),
    ("version, history, draft pages and feeds", ("build_pages",)),
    ("sitemap, 404 pages, feeds written", ("NoticePlugin.on_post_build",)),
    ("staging pages, page metadata, templates' gettext", ("NoticePlugin.",)),
)
_TEMPLATE = re.compile(r"(^|/)notice-[\w-]+\.html$")
_FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>.*?):\d+\)$")


def breakdown(path: Path) -> tuple[int, collections.Counter[str]]:
    """The number of samples, and the samples of each part."""
    total = 0
    parts: collections.Counter[str] = collections.Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        total += samples
        functions = []
        ours_in_theme = False
        for frame in stack.split(";"):
            match = _FRAME.match(frame)
            if match and "notice/" in match["file"]:
                functions.append(match["function"])
            ours_in_theme = ours_in_theme or bool(match and _TEMPLATE.search(match["file"]))
        part = "MkDocs, Material and the i18n plugin (rendering)"
        if ours_in_theme:
            part = "our templates (overrides/partials/notice-*.html)"
        if any(f.startswith("NoticePlugin.") for f in functions):
            for name, markers in PARTS:
                if any(f.startswith(markers) for f in functions):
                    part = name
                    break
        elif functions and not any(f.startswith(("build_site", "cmd_build")) for f in functions):
            part = "other"
        elif not any(f.startswith("build_site") for f in functions):
            part = "start-up (imports)"
        parts[part] += samples
    return total, parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("profile", type=Path, help="py-spy's raw output (-f raw)")
    args = parser.parse_args()
    total, parts = breakdown(args.profile)
    print(f"| part | share | of {total} samples |")
    print("|---|---|---|")
    for name, samples in parts.most_common():
        print(f"| {name} | {100 * samples / total:.1f}% | {samples} |")


if __name__ == "__main__":
    main()

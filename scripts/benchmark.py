"""Benchmark: the reference workload, built by ``notice``, against bare MkDocs.

The reference workload is one notice with the 22 real versions kept in
``tests/data/corpus`` (a public privacy statement, CC0), in the source language and 7
more whose PO files are a deterministic pseudo-translation, so that every version is
complete in every language: 8 languages x 22 versions, with their comparisons,
histories, feeds and ``versions.json``. It is generated with the project's own
commands (extract, update, release; each release makes and freezes its PDFs, and the
last one is timed), then measured:

- ``notice build`` (wall time, CPU time, peak memory of the largest process and of
  the whole process tree, sampled): cold, with no cache (``.cache/notice`` removed
  before each run), and warm, with the cache the previous build left; cold also
  without the PDFs (``pdf: false``) and with ``--jobs 1``, everything in one process;
  and both with ``--engine zensical`` when
  Zensical is installed;
- the baseline, in the same run: ``mkdocs build`` (same theme, same i18n plugin) of a
  docs tree that holds the very same pages already written out as Markdown;
- the same at half the history (11 versions: every other one, over the same years;
  and the first 11, shorter and closer to each other) and half the languages (4);
- ``notice extract`` + ``notice update`` + ``notice stats`` on the workload;
- the rebuild that ``notice serve`` does after a one-word edit of the draft.

With ``--parts 8,16,24``, instead: the workload with that many languages (the 7 above,
then 16 more) built whole and in 2 and in 4 parts (``notice build --languages``, each
from an empty cache), each part's time against the whole build's, its peak memory and
its folder's size, and whether the assembled parts are the whole build's bytes; and the
same part of two languages (nb, en) whatever the number configured.

Each figure is the median of ``--repeat`` runs. Prints a table, then one JSON object.

    python scripts/benchmark.py [--repeat N] [--workdir DIR] [--only-full | --parts N,N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus"
SOURCE = "nb"
TRANSLATIONS = ("en", "sv", "de", "fr", "es", "fi", "pl")
#: The languages a workload of more than 8 has after ``TRANSLATIONS`` (``--parts``).
MORE = ("da", "it", "nl", "pt", "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el", "et", "lv")
MORE += ("lt", "ca")
#: After the seventh language, each group of seven changes one consonant too, so that no
#: two languages have the same text (their redlines would be computed once).
_CONSONANTS = (("", ""), ("n", "ñ"), ("c", "ç"), ("s", "ś"))
_VOWELS = {
    "a": "áàâäãåā",
    "e": "éèêëēėę",
    "i": "íìîïīįı",
    "o": "óòôöõøō",
    "u": "úùûüūůű",
    "A": "ÁÀÂÄÃÅĀ",
    "E": "ÉÈÊËĒĖĘ",
    "I": "ÍÌÎÏĪĮİ",
    "O": "ÓÒÔÖÕØŌ",
    "U": "ÚÙÛÜŪŮŰ",
}


def pseudo(text: str, k: int) -> str:
    """A deterministic pseudo-translation: the vowels of plain words accented.

    Links, code, HTML, footnotes and emphasis delimiters are left as they are, so the
    translation has the source's structure and passes every check.
    """
    from notice.text.tokens import is_delimiter, tokens

    # What is between braces (a template's variable, an attribute list) and e-mail
    # addresses as they are.
    parts = re.split(r"(\{[^{}\n]*\}|\{\{[^\n]*?\}\}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)", text)
    if len(parts) > 1:
        return "".join(part if i % 2 else pseudo(part, k) for i, part in enumerate(parts))
    out = []
    for token in tokens(text):
        if token.isspace() or is_delimiter(token) or token[0] in "[!`<{" or "://" in token:
            out.append(token)
        else:
            plain, marked = _CONSONANTS[k // 7]
            accented = "".join(_VOWELS[c][k % 7] if c in _VOWELS else c for c in token)
            out.append(accented.replace(plain, marked) if plain else accented)
    return "".join(out)


def _config(languages: tuple[str, ...], notice_plugin: bool) -> str:
    entries = "\n".join(
        f"        - locale: {code}\n          name: {code}\n          build: true"
        + ("\n          default: true" if code == SOURCE else "")
        for code in languages
    )
    plugins = "  - notice\n" if notice_plugin else ""
    overrides = "  custom_dir: overrides\n" if notice_plugin else ""
    not_in_nav = (
        "" if notice_plugin else ("not_in_nav: |\n  /*/*/versions/\n  /*/*/compare/\n  /*/404.md\n")
    )
    return f"""site_name: Benchmark
site_url: https://example.org/
theme:
  name: material
{overrides}  language: {SOURCE}
  font: false
  features: [navigation.prune]
{not_in_nav}plugins:
{plugins}  - i18n:
      docs_structure: folder
      reconfigure_material: true
      reconfigure_search: false
      languages:
{entries}
markdown_extensions: [admonition, attr_list, def_list, footnotes, md_in_html, tables, toc]
"""


def _with_changes(text: str, day: str) -> str:
    """The corpus file with the front matter a release needs (a summary of changes)."""
    return text.replace("---\n", f"---\nchanges: Version effective {day}.\n", 1).replace(
        "\ntitle:", f"\ndescription: The privacy statement as of {day}.\ntitle:", 1
    )


def make_workload(folder: Path, files: list[Path], languages: int) -> tuple[Path, float]:
    """Generate the workload with the project's own functions: extract, update, release
    (each release makes its PDFs, as ``notice release`` does). Also returns how long the
    last release took (plan, PDFs of every language, write)."""
    from notice.project.config import load_project
    from notice.project.sources import load_sources
    from notice.record.release import Catalogs, Release, plan_release, write_plan
    from notice.record.versions import Registry
    from notice.text.catalog import merge_catalog, template_catalog
    from notice.text.markdown import markdown_renderer
    from notice.text.pofile import read_catalog, write_catalog
    from notice.usecases.freeze import make_pdfs

    if folder.exists():
        shutil.rmtree(folder)
    codes = (SOURCE, *(TRANSLATIONS + MORE)[: languages - 1])
    (folder / "docs" / "privacy").mkdir(parents=True)
    shutil.copytree(REPO / "overrides", folder / "overrides")
    shutil.copytree(REPO / "locales", folder / "locales", ignore=shutil.ignore_patterns("*.po*"))
    for pot in (folder / "locales").glob("*.pot"):
        pot.unlink()
    (folder / "mkdocs.yml").write_text(_config(codes, True), encoding="utf-8")
    project = load_project(folder / "mkdocs.yml")
    to_html = markdown_renderer(list(project.markdown_extensions), project.mdx_configs)
    draft = project.draft("privacy")
    for file in files:
        day = file.stem
        draft.write_text(_with_changes(file.read_text(encoding="utf-8"), day), encoding="utf-8")
        from notice.project.sources import read_document

        template = template_catalog("privacy", [read_document(draft, "docs/privacy/draft.md")])
        for k, code in enumerate(codes[1:]):
            path = project.po_file(code, "privacy")
            old = read_catalog(path, code) if path.exists() else None
            catalog = merge_catalog(template, old, code)
            for message in catalog:
                if message.id and (not message.string or message.fuzzy):
                    message.string = pseudo(str(message.id), k)
                    message.flags.discard("fuzzy")
            write_catalog(path, catalog)
        sources = load_sources(project)
        started = time.perf_counter()
        registry = sources.registries["privacy"]
        latest = registry.latest()
        plan = plan_release(
            Release(
                notice="privacy",
                draft=sources.documents["privacy"],
                effective=date.fromisoformat(day),
                published=date.fromisoformat(day),
                recorded=date.fromisoformat(day),
                change="material",
                short_notice="the reference workload releases each version on its effective day",
            ),
            registry,
            sources.frozen[("privacy", latest.key, SOURCE)] if latest else None,
            Catalogs(
                source_language=SOURCE,
                languages=codes[1:],
                catalogs={c: sources.catalogs.get(("privacy", c)) for c in codes[1:]},
                po_paths={c: sources.po_paths[("privacy", c)] for c in codes[1:]},
                to_html=to_html,
            ),
        )
        planned = Registry("privacy", (*registry.entries, plan.entry))
        pdfs = make_pdfs(
            project, sources, "privacy", planned, plan.entry.effective, tuple(plan.texts),
            plan.texts,
        )  # fmt: skip
        write_plan(plan.with_pdfs(pdfs), folder / "docs" / "privacy")
        release_seconds = time.perf_counter() - started
    return folder, release_seconds


def make_baseline(workload: Path, folder: Path, day: str) -> Path:
    """The same pages, already written out as Markdown, for a bare MkDocs build."""
    from notice.project.config import load_project
    from notice.project.sources import load_sources
    from notice.site.pages import Options, build_pages
    from notice.text.markdown import markdown_renderer

    if folder.exists():
        shutil.rmtree(folder)
    project = load_project(workload / "mkdocs.yml")
    sources = load_sources(project)
    to_html = markdown_renderer(list(project.markdown_extensions), project.mdx_configs)
    site = build_pages(sources, to_html, Options(today=date.fromisoformat(day)))
    for page in site.pages:
        target = folder / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
    codes = tuple(lang.code for lang in project.languages)
    (folder / "mkdocs.yml").write_text(_config(codes, False), encoding="utf-8")
    return folder


_PROBE = """
import os, resource, subprocess, sys, threading, time

def tree(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids

def rss(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0

process = subprocess.Popen(sys.argv[1:])
peak = [0]
def sample():
    while process.poll() is None:
        peak[0] = max(peak[0], sum(rss(p) for p in tree(process.pid)))
        time.sleep(0.01)
watcher = threading.Thread(target=sample)
watcher.start()
code = process.wait()
watcher.join()
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(u.ru_maxrss, u.ru_utime + u.ru_stime, peak[0] // 1024, file=sys.stderr)
sys.exit(code)
"""


def _run(command: list[str], cwd: Path) -> tuple[float, float, float, float]:
    """Wall time (s), CPU time (s, all processes), peak memory (MiB) of the largest
    process, and of the whole process tree at once (sampled every 10 ms), of a command
    in a fresh process."""
    start = time.perf_counter()
    probe = _PROBE
    result = subprocess.run(
        [sys.executable, "-c", probe, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"},
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    peak_kib, cpu, tree_kib = result.stderr.strip().splitlines()[-1].split()
    return elapsed, float(cpu), int(peak_kib) / 1024, int(tree_kib) / 1024


def _plus(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _change_a_site_word(site_po: Path) -> None:
    """Another translation of one of the site's words (the same message each time); the
    workload has no site.po of its own at first (the shipped words): the project's."""
    if not site_po.exists():
        shutil.copyfile(REPO / site_po.relative_to(site_po.parents[3]), site_po)
    text = site_po.read_text(encoding="utf-8")
    match = re.search(r'msgid "All versions"\nmsgstr "([^"]*)"', text)
    assert match, site_po
    word = match.group(1)
    new = word[:-1] if word.endswith("!") else word + "!"
    site_po.write_text(text.replace(match.group(0), match.group(0)[: -len(word) - 1] + new + '"'))


def _median(
    command: list[str], cwd: Path, repeat: int, before: Callable[[], None] = lambda: None
) -> dict[str, Any]:
    def each() -> list[str]:
        before()
        return command

    return _median_of(each, cwd, repeat)


def _median_of(command: Callable[[], list[str]], cwd: Path, repeat: int) -> dict[str, Any]:
    """The median of ``repeat`` runs of the command ``command()`` gives before each, with
    the spread (the fastest and slowest run)."""
    runs = []
    for _ in range(repeat):
        runs.append(_run(command(), cwd))
    return {
        "seconds": round(statistics.median(r[0] for r in runs), 2),
        "spread": [round(min(r[0] for r in runs), 2), round(max(r[0] for r in runs), 2)],
        "cpu_seconds": round(statistics.median(r[1] for r in runs), 2),
        "peak_mib": round(max(r[2] for r in runs), 1),
        "peak_tree_mib": round(max(r[3] for r in runs), 1),
    }


def measure(
    workdir: Path,
    name: str,
    files: list[Path],
    languages: int,
    repeat: int,
    one_core: bool,
    reuse: bool = False,
) -> dict[str, Any]:
    """Cold (no cache), warm (the cache of the previous build) and bare MkDocs."""
    if reuse and (workdir / name / "docs/privacy/versions.yml").is_file():
        workload, release_seconds = workdir / name, float("nan")
        (workload / "locales" / TRANSLATIONS[0] / "LC_MESSAGES" / "site.po").unlink(missing_ok=True)
    else:
        workload, release_seconds = make_workload(workdir / name, files, languages)
    day = files[-1].stem
    baseline = make_baseline(workload, workdir / f"{name}-baseline", day)
    notice = [
        sys.executable,
        "-m",
        "notice",
        "build",
        "--date",
        day,
        "--site-dir",
        "out",
    ]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "out"]

    def empty_cache() -> None:
        shutil.rmtree(workload / ".cache", ignore_errors=True)

    row: dict[str, Any] = {"versions": len(files), "languages": languages}
    # The release of the last version, its PDFs in every language included (once: a
    # release is made once).
    row["release_last_version_seconds"] = round(release_seconds, 2)
    row["cold"] = _median(notice, workload, repeat, empty_cache)
    if one_core:
        # The same cold build without the PDFs (the plugin's `pdf: false`): the frozen
        # PDFs are copied, so this is what copying them costs.
        config = (workload / "mkdocs.yml").read_text(encoding="utf-8")
        assert "  - notice\n" in config
        no_pdf = workload / "mkdocs-no-pdf.yml"
        no_pdf.write_text(
            config.replace("  - notice\n", "  - notice:\n      pdf: false\n"), "utf-8"
        )
        without = [sys.executable, "-m", "notice", "-f", str(no_pdf), *notice[3:]]
        row["cold_without_pdfs"] = _median(without, workload, repeat, empty_cache)
        row["cold_one_process"] = _median([*notice, "--jobs", "1"], workload, repeat, empty_cache)
    _run(notice, workload)  # fills the cache
    row["warm"] = _median(notice, workload, repeat)
    # The daily build: no change but the date (each run one day after the last).
    days = iter(range(1, repeat + 1))
    row["next_day"] = _median_of(
        lambda: [*notice[:5], _plus(day, next(days)), *notice[6:]], workload, repeat
    )
    _run(notice, workload)
    # One language's site words changed (its site.po): that language is rendered again.
    site_po = workload / "locales" / TRANSLATIONS[0] / "LC_MESSAGES" / "site.po"
    row["one_catalog_changed"] = _median(
        notice, workload, repeat, lambda: _change_a_site_word(site_po)
    )
    row["mkdocs_baseline"] = _median(mkdocs, baseline, repeat)
    row["pages"] = sum(1 for _ in (workload / "out").rglob("index.html"))
    if one_core and _has_zensical():
        zensical = [*notice, "--engine", "zensical"]
        row["cold_zensical"] = _median(zensical, workload, repeat, empty_cache)
        _run(zensical, workload)
        row["warm_zensical"] = _median(zensical, workload, repeat)
    bare = row["mkdocs_baseline"]["seconds"]
    for kind in (
        "cold",
        "cold_without_pdfs",
        "cold_one_process",
        "warm",
        "next_day",
        "one_catalog_changed",
        "cold_zensical",
        "warm_zensical",
    ):
        if kind in row:
            row[f"ratio_{kind}"] = round(row[kind]["seconds"] / bare, 2)
    return row


def measure_parts(
    workdir: Path, files: list[Path], languages: int, repeat: int, reuse: bool
) -> dict[str, Any]:
    """The site built whole, then in two and in four parts (``notice build --languages``,
    each from an empty cache, as on a machine of its own): each part's time against the
    whole build's, its peak memory, the size of its folder; whether ``notice assemble``
    gives the whole build's bytes; and the same part of two languages (``nb,en``)."""
    name = f"v{len(files)}-l{languages}"
    workload = workdir / name
    if not (reuse and (workload / "docs/privacy/versions.yml").is_file()):
        make_workload(workload, files, languages)
    codes = (SOURCE, *(TRANSLATIONS + MORE)[: languages - 1])
    build = [sys.executable, "-m", "notice", "build", "--date", files[-1].stem, "--site-dir"]

    def empty_cache() -> None:
        shutil.rmtree(workload / ".cache", ignore_errors=True)

    whole = _median([*build, "whole"], workload, repeat, empty_cache)
    row: dict[str, Any] = {
        "versions": len(files),
        "languages": languages,
        "whole": {**whole, "folder_mib": _mib(workload / "whole")},
    }
    for count in (2, 4):
        groups = [
            codes[i * languages // count : (i + 1) * languages // count] for i in range(count)
        ]
        parts = []
        for i, group in enumerate(groups):
            folder = f"part-{count}-{i + 1}"
            shutil.rmtree(workload / folder, ignore_errors=True)
            measured = _median(
                [*build, folder, "--languages", ",".join(group)], workload, repeat, empty_cache
            )
            measured["languages"] = list(group)
            measured["folder_mib"] = _mib(workload / folder)
            measured["ratio"] = round(measured["seconds"] / whole["seconds"], 2)
            parts.append(measured)
        assembled = f"assembled-{count}"
        shutil.rmtree(workload / assembled, ignore_errors=True)
        _run(
            [
                sys.executable,
                "-m",
                "notice",
                "assemble",
                *(f"part-{count}-{i + 1}" for i in range(count)),
                "--site-dir",
                assembled,
            ],
            workload,
        )
        row[f"parts_{count}"] = {
            "parts": parts,
            "slowest_ratio": max(part["ratio"] for part in parts),
            "identical": _same_tree(workload / "whole", workload / assembled),
        }
    # The same part (the source language and English) whatever the languages configured:
    # what grows with them is what a part pays for the languages it does not build.
    shutil.rmtree(workload / "part-nb-en", ignore_errors=True)
    same = _median([*build, "part-nb-en", "--languages", "nb,en"], workload, repeat, empty_cache)
    row["part_nb_en"] = {**same, "ratio": round(same["seconds"] / whole["seconds"], 2)}
    return row


def _mib(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def _same_tree(a: Path, b: Path) -> bool:
    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    return files(a) == files(b)


def _has_zensical() -> bool:
    try:
        import zensical  # noqa: F401
    except ImportError:
        return False
    return True


def _growth(bigger: dict[str, Any], smaller: dict[str, Any]) -> dict[str, float]:
    return {
        kind: round(bigger[kind]["seconds"] / smaller[kind]["seconds"], 2)
        for kind in ("cold", "warm", "mkdocs_baseline")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "notice-benchmark"
    )
    parser.add_argument(
        "--only-full",
        action="store_true",
        help="measure the reference workload (22 x 8) only: no growth rows, no tools",
    )
    parser.add_argument(
        "--reuse-workload",
        action="store_true",
        help="measure the workload a previous run generated in --workdir, if there is one",
    )
    parser.add_argument(
        "--parts",
        metavar="N,N,…",
        help="measure the site built in 2 and in 4 parts, with N languages (e.g. 8,16,24)",
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpus = sorted(CORPUS.glob("[0-9]*.md"))
    if args.parts:
        counts = [int(n) for n in args.parts.split(",")]
        found = {
            f"languages_{n}": measure_parts(
                args.workdir, corpus, n, args.repeat, args.reuse_workload
            )
            for n in counts
        }
        print(json.dumps({"parts": found, "repeat": args.repeat, "cpus": os.cpu_count()}))
        return
    if args.only_full:
        full = measure(args.workdir, "v22-l8", corpus, 8, args.repeat, True, args.reuse_workload)
        print(json.dumps({"full": full, "repeat": args.repeat, "cpus": os.cpu_count()}))
        return
    rows = {
        "full": measure(args.workdir, "v22-l8", corpus, 8, args.repeat, one_core=True),
        # Half the history over the same years: every other version.
        "half_history": measure(args.workdir, "v11-l8", corpus[::2], 8, args.repeat, False),
        # Half the history as its first half: shorter texts, closer to each other.
        "first_half_history": measure(
            args.workdir, "v11first-l8", corpus[:11], 8, args.repeat, False
        ),
        "half_languages": measure(args.workdir, "v22-l4", corpus, 4, args.repeat, False),
    }
    workload = args.workdir / "v22-l8"
    tools = {}
    for step in (["extract"], ["update"], ["stats"]):
        tools[step[0]] = _median([sys.executable, "-m", "notice", *step], workload, args.repeat)
    draft = workload / "docs/privacy/draft.md"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(re.sub(r"\bGitHub\b", "GitHub,", text, count=1), encoding="utf-8")
    # What `notice serve` rebuilds after each change (its preview scope).
    preview = _median(
        [
            sys.executable,
            "-m",
            "notice",
            "build",
            "--preview",
            "--date",
            corpus[-1].stem,
            "--site-dir",
            "preview",
        ],
        workload,
        args.repeat,
    )
    draft.write_text(text, encoding="utf-8")
    result: dict[str, Any] = {
        **rows,
        "growth_versions_x2": _growth(rows["full"], rows["half_history"]),
        "growth_versions_x2_first_half": _growth(rows["full"], rows["first_half_history"]),
        "growth_languages_x2": _growth(rows["full"], rows["half_languages"]),
        "tools": tools,
        "preview_rebuild_after_one_word_edit": preview,
        "repeat": args.repeat,
        "cpus": os.cpu_count(),
    }
    print(
        f"{'workload':<34} {'pages':>5} {'cold s':>7} {'warm s':>7} {'mkdocs s':>8} "
        f"{'cold x':>6} {'warm x':>6} {'peak MiB':>8}"
    )
    for label, key in (
        ("22 versions x 8 languages", "full"),
        ("11 versions (every other) x 8", "half_history"),
        ("11 versions (the first) x 8", "first_half_history"),
        ("22 versions x 4 languages", "half_languages"),
    ):
        row = rows[key]
        peak = max(row["cold"]["peak_mib"], row["warm"]["peak_mib"])
        print(
            f"{label:<34} {row['pages']:>5} {row['cold']['seconds']:>7} "
            f"{row['warm']['seconds']:>7} {row['mkdocs_baseline']['seconds']:>8} "
            f"{row['ratio_cold']:>6} {row['ratio_warm']:>6} {peak:>8}"
        )
    full = rows["full"]
    print(
        f"22 x 8, peak memory of the whole process tree: cold {full['cold']['peak_tree_mib']} "
        f"MiB, warm {full['warm']['peak_tree_mib']} MiB"
    )
    if "cold_zensical" in full:
        tree = max(full["cold_zensical"]["peak_tree_mib"], full["warm_zensical"]["peak_tree_mib"])
        print(
            f"22 x 8, --engine zensical: cold {full['cold_zensical']['seconds']} s "
            f"(x{full['ratio_cold_zensical']}), warm {full['warm_zensical']['seconds']} s "
            f"(x{full['ratio_warm_zensical']}), peak tree "
            f"{tree} MiB"
        )
    print(
        f"22 x 8, cold without PDFs (pdf: false): {full['cold_without_pdfs']['seconds']} s "
        f"(x{full['ratio_cold_without_pdfs']})"
    )
    print(
        f"22 x 8, the release of the last version in 8 languages, PDFs included: "
        f"{full['release_last_version_seconds']} s"
    )
    one = rows["full"]["cold_one_process"]
    print(
        f"22 x 8, cold, --jobs 1: {one['seconds']} s (x{rows['full']['ratio_cold_one_process']}); "
        f"CPU time cold {rows['full']['cold']['cpu_seconds']} s, warm "
        f"{rows['full']['warm']['cpu_seconds']} s, MkDocs "
        f"{rows['full']['mkdocs_baseline']['cpu_seconds']} s"
    )
    for label, key in (
        ("twice the versions", "growth_versions_x2"),
        ("twice the versions (first half)", "growth_versions_x2_first_half"),
        ("twice the languages", "growth_languages_x2"),
    ):
        g = result[key]
        print(f"{label}: cold x{g['cold']}, warm x{g['warm']}, MkDocs x{g['mkdocs_baseline']}")
    for tool, values in tools.items():
        print(f"notice {tool:<8} {values['seconds']:>6} s")
    print(f"preview rebuild after a one-word edit: {preview['seconds']} s")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

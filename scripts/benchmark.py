"""Benchmark: the reference workload, built by ``notice``, against bare MkDocs.

The reference workload is one notice with the 22 real versions kept in
``tests/data/corpus`` (a public privacy statement, CC0), in the source language and 7
more whose PO files are a deterministic pseudo-translation, so that every version is
complete in every language: 8 languages x 22 versions, with their comparisons,
histories, feeds and ``versions.json``. It is generated with the project's own
commands (extract, update, release), then measured:

- ``notice build`` (wall time, peak memory of the process);
- the baseline, in the same run: ``mkdocs build`` (same theme, same i18n plugin) of a
  docs tree that holds the very same pages already written out as Markdown;
- the same at half the history (11 versions) and half the languages (4);
- ``notice extract`` + ``notice update`` + ``notice stats`` on the workload;
- the rebuild that ``notice serve`` does after a one-word edit of the draft.

Each figure is the median of ``--repeat`` runs. Prints a table, then one JSON object.

    python scripts/benchmark.py [--repeat N] [--workdir DIR]
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
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus"
SOURCE = "nb"
TRANSLATIONS = ("en", "sv", "de", "fr", "es", "fi", "pl")
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
    from notice.diff import is_delimiter, tokens

    out = []
    for token in tokens(text):
        if token.isspace() or is_delimiter(token) or token[0] in "[!`<{" or "://" in token:
            out.append(token)
        else:
            out.append("".join(_VOWELS[c][k] if c in _VOWELS else c for c in token))
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


def make_workload(folder: Path, versions: int, languages: int) -> Path:
    """Generate the workload with the project's own functions: extract, update, release."""
    from notice.catalog import merge_catalog, read_catalog, template_catalog, write_catalog
    from notice.checks import markdown_renderer
    from notice.project import load_project
    from notice.release import plan_release, write_plan
    from notice.sources import load_sources

    if folder.exists():
        shutil.rmtree(folder)
    codes = (SOURCE, *TRANSLATIONS[: languages - 1])
    (folder / "docs" / "privacy").mkdir(parents=True)
    shutil.copytree(REPO / "overrides", folder / "overrides")
    shutil.copytree(REPO / "locales", folder / "locales", ignore=shutil.ignore_patterns("*.po*"))
    for pot in (folder / "locales").glob("*.pot"):
        pot.unlink()
    (folder / "mkdocs.yml").write_text(_config(codes, True), encoding="utf-8")
    project = load_project(folder / "mkdocs.yml")
    to_html = markdown_renderer(list(project.markdown_extensions), project.mdx_configs)
    files = sorted(CORPUS.glob("[0-9]*.md"))[:versions]
    draft = project.draft("privacy")
    for file in files:
        day = file.stem
        draft.write_text(_with_changes(file.read_text(encoding="utf-8"), day), encoding="utf-8")
        from notice.sources import read_document

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
        registry = sources.registries["privacy"]
        latest = registry.latest()
        plan = plan_release(
            notice="privacy",
            draft=sources.documents["privacy"],
            source_language=SOURCE,
            languages=codes[1:],
            catalogs={c: sources.catalogs.get(("privacy", c)) for c in codes[1:]},
            po_paths={c: sources.po_paths[("privacy", c)] for c in codes[1:]},
            registry=registry,
            latest_source=sources.frozen[("privacy", latest.effective, SOURCE)] if latest else None,
            effective=date.fromisoformat(day),
            published=date.fromisoformat(day),
            without=(),
            to_html=to_html,
        )
        write_plan(plan, folder / "docs" / "privacy")
    return folder


def make_baseline(workload: Path, folder: Path, day: str) -> Path:
    """The same pages, already written out as Markdown, for a bare MkDocs build."""
    from notice.checks import markdown_renderer
    from notice.pages import Options, build_pages
    from notice.project import load_project
    from notice.sources import load_sources

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


def _run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB) of a command, in a fresh process."""
    start = time.perf_counter()
    probe = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:]);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
        "sys.exit(r.returncode)"
    )
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
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kib / 1024


def _median(command: list[str], cwd: Path, repeat: int) -> dict[str, float]:
    runs = [_run(command, cwd) for _ in range(repeat)]
    return {
        "seconds": round(statistics.median(r[0] for r in runs), 2),
        "peak_mib": round(max(r[1] for r in runs), 1),
    }


def measure(workdir: Path, versions: int, languages: int, repeat: int) -> dict[str, object]:
    name = f"v{versions}-l{languages}"
    workload = make_workload(workdir / name, versions, languages)
    day = sorted(CORPUS.glob("[0-9]*.md"))[versions - 1].stem
    baseline = make_baseline(workload, workdir / f"{name}-baseline", day)
    notice = [sys.executable, "-m", "notice.cli", "build", "--date", day, "--site-dir", "out"]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "out"]
    ours = _median(notice, workload, repeat)
    bare = _median(mkdocs, baseline, repeat)
    pages = sum(1 for _ in (workload / "out").rglob("index.html"))
    return {
        "versions": versions,
        "languages": languages,
        "pages": pages,
        "notice_build": ours,
        "mkdocs_baseline": bare,
        "ratio": round(ours["seconds"] / bare["seconds"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "notice-benchmark"
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    full = measure(args.workdir, 22, 8, args.repeat)
    half_history = measure(args.workdir, 11, 8, args.repeat)
    half_languages = measure(args.workdir, 22, 4, args.repeat)
    workload = args.workdir / "v22-l8"
    tools = {}
    for step in (["extract"], ["update"], ["stats"]):
        tools[step[0]] = _median([sys.executable, "-m", "notice.cli", *step], workload, args.repeat)
    draft = workload / "docs/privacy/draft.md"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(re.sub(r"\bGitHub\b", "GitHub,", text, count=1), encoding="utf-8")
    # What `notice serve` rebuilds after each change (its preview scope).
    preview = _median(
        [
            sys.executable,
            "-m",
            "notice.cli",
            "build",
            "--preview",
            "--date",
            "2026-04-27",
            "--site-dir",
            "preview",
        ],
        workload,
        args.repeat,
    )
    draft.write_text(text, encoding="utf-8")
    result = {
        "full": full,
        "half_history": half_history,
        "half_languages": half_languages,
        "growth_versions_x2": round(
            full["notice_build"]["seconds"] / half_history["notice_build"]["seconds"], 2
        ),
        "growth_languages_x2": round(
            full["notice_build"]["seconds"] / half_languages["notice_build"]["seconds"], 2
        ),
        "tools": tools,
        "preview_rebuild_after_one_word_edit": preview,
        "repeat": args.repeat,
        "cpus": os.cpu_count(),
    }
    print(
        f"{'workload':<22} {'pages':>6} {'notice s':>9} {'mkdocs s':>9} {'ratio':>6} "
        f"{'peak MiB':>9}"
    )
    for label, row in (
        ("22 versions x 8 langs", full),
        ("11 versions x 8 langs", half_history),
        ("22 versions x 4 langs", half_languages),
    ):
        print(
            f"{label:<22} {row['pages']:>6} {row['notice_build']['seconds']:>9} "
            f"{row['mkdocs_baseline']['seconds']:>9} {row['ratio']:>6} "
            f"{row['notice_build']['peak_mib']:>9}"
        )
    print(
        f"growth: x{result['growth_versions_x2']} for twice the versions, "
        f"x{result['growth_languages_x2']} for twice the languages"
    )
    for step, row in tools.items():
        print(f"notice {step:<8} {row['seconds']:>6} s")
    print(f"preview rebuild after a one-word edit: {preview['seconds']} s")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

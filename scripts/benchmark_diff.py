"""Benchmark: redlines of the 21 consecutive pairs of the real corpus.

Compares ``notice.text.diff.diff_documents`` with ``difflib.SequenceMatcher(autojunk=False)``
on the whole texts' word lists (the baseline), in one run, and shows how the time grows
when every text is doubled. Then what the compare pages mark against a plain word diff
of the two texts as the site shows them (``notice.text.marked``): the excess over all
pairs and the worst pair. Prints a table and one JSON object.

    python scripts/benchmark_diff.py [--repeat N]
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import statistics
import time
from pathlib import Path

from notice.text.diff import diff_documents
from notice.text.markdown import markdown_renderer
from notice.text.marked import MarkedWords, measure_redline
from notice.text.segment import Document, segment_markdown
from notice.text.worddiff import words_and_spaces

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"


def _words_of(document: Document) -> list[str]:
    return [w for s in document.segments if s.field is None for w in s.text.split()]


def _time(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median wall time; the token cache is emptied before every run, so nothing is
    carried over from one run to the next."""
    runs = []
    for _ in range(repeat):
        words_and_spaces.cache_clear()
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _baseline(a: list[str], b: list[str]) -> int:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum((i2 - i1) + (j2 - j1) for t, i1, i2, j1, j2 in matcher.get_opcodes() if t != "equal")


#: The sample site's Markdown settings (``mkdocs.yml``).
SITE = markdown_renderer(
    ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"],
    {"toc": {"permalink": True}},
)


def _marked(paths: list[Path]) -> dict[str, object]:
    """Words the compare pages mark against a plain word diff of the shown texts."""
    measures: dict[str, MarkedWords] = {
        f"{a.stem} -> {b.stem}": measure_redline(
            a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"), SITE
        )
        for a, b in itertools.pairwise(paths)
    }
    plain = sum(m.plain for m in measures.values())
    marked = sum(m.marked for m in measures.values())
    worst = max(measures, key=lambda pair: measures[pair].excess)
    print(f"\n{'pair':<28} {'plain':>7} {'marked':>7} {'excess':>8}")
    for pair, m in measures.items():
        print(f"{pair:<28} {m.plain:>7} {m.marked:>7} {m.excess:>+8.1%}")
    print(f"{'all 21 pairs':<28} {plain:>7} {marked:>7} {(marked - plain) / plain:>+8.1%}")
    print(f"worst pair: {worst}, {measures[worst].excess:+.1%}")
    return {
        "plain_words": plain,
        "marked_words": marked,
        "excess_pct": round(100 * (marked - plain) / plain, 2),
        "worst_pair": worst,
        "worst_pair_excess_pct": round(100 * measures[worst].excess, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    args = parser.parse_args()
    paths = sorted(CORPUS.glob("[0-9]*.md"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    documents = [segment_markdown(t) for t in texts]
    doubled = [segment_markdown(t + "\n\n" + t.split("---", 2)[-1]) for t in texts]
    rows = []
    for (pa, a, a2), (pb, b, b2) in itertools.pairwise(zip(paths, documents, doubled, strict=True)):
        wa, wb = _words_of(a), _words_of(b)
        ours = _time(lambda a=a, b=b: diff_documents(a, b), args.repeat)
        base = _time(lambda wa=wa, wb=wb: _baseline(wa, wb), args.repeat)
        ours2 = _time(lambda a2=a2, b2=b2: diff_documents(a2, b2), args.repeat)
        rows.append(
            {
                "pair": f"{pa.stem} -> {pb.stem}",
                "words": len(wa) + len(wb),
                "ours_ms": round(ours * 1000, 2),
                "baseline_ms": round(base * 1000, 2),
                "speedup": round(base / ours, 1) if ours else None,
                "doubled_ms": round(ours2 * 1000, 2),
                "growth_when_doubled": round(ours2 / ours, 2) if ours else None,
                "words_changed": diff_documents(a, b).words_changed,
                "baseline_words_changed": _baseline(wa, wb),
            }
        )
    pairs = list(itertools.pairwise(documents))
    pairs2 = list(itertools.pairwise(doubled))
    words = [(_words_of(a), _words_of(b)) for a, b in pairs]
    # The whole workload in one run, as a build does it (each text tokenised once).
    total_ours = 1000 * _time(lambda: [diff_documents(a, b) for a, b in pairs], args.repeat)
    total_base = 1000 * _time(lambda: [_baseline(a, b) for a, b in words], args.repeat)
    total_doubled = 1000 * _time(lambda: [diff_documents(a, b) for a, b in pairs2], args.repeat)
    summary = {
        "pairs": len(rows),
        "repeat": args.repeat,
        "total_ours_ms": round(total_ours, 1),
        "total_baseline_ms": round(total_base, 1),
        "speedup": round(total_base / total_ours, 1),
        "total_doubled_ms": round(total_doubled, 1),
        "growth_when_doubled": round(total_doubled / total_ours, 2),
        "words_changed": sum(r["words_changed"] for r in rows),
        "baseline_words_changed": sum(r["baseline_words_changed"] for r in rows),
    }
    print(
        f"{'pair':<28} {'words':>6} {'ours ms':>9} {'base ms':>9} {'speedup':>8} {'x2 growth':>9}"
    )
    for r in rows:
        print(
            f"{r['pair']:<28} {r['words']:>6} {r['ours_ms']:>9.2f} {r['baseline_ms']:>9.2f} "
            f"{r['speedup']:>8} {r['growth_when_doubled']:>9}"
        )
    print(
        f"{'all 21 pairs in one run':<28} {'':>6} {total_ours:>9.1f} {total_base:>9.1f} "
        f"{summary['speedup']:>8} {summary['growth_when_doubled']:>9}"
    )
    summary["compare_pages"] = _marked(paths)
    print(json.dumps({"summary": summary, "pairs": rows}))


if __name__ == "__main__":
    main()

"""Redlines: tokens, word diffs, block alignment, renderings, and real-corpus quality."""

from __future__ import annotations

import difflib
import itertools
import re
from pathlib import Path

import html5lib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from notice.text.diff import DELETE, EQUAL, INSERT, diff_documents
from notice.text.markdown import markdown_renderer
from notice.text.marked import measure_redline
from notice.text.redline import (
    Folding,
    RedlineLabels,
    inline_redline,
    redline_markdown,
    side,
    terminal_redline,
)
from notice.text.segment import segment_markdown
from notice.text.tokens import tokens
from notice.text.worddiff import LinkChange, Op, diff_words, refine_links
from tests.conftest import corpus_files

TO_HTML = markdown_renderer(
    ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
)
PAIRS = list(itertools.pairwise(corpus_files()))


def test_tokens_keep_inline_markdown_atoms_whole() -> None:
    text = 'Se [vilkårene](https://x.no/a_(b) "t") og `kode her` eller <abbr>EØS</abbr>[^1].'
    assert tokens(text) == [
        "Se",
        " ",
        '[vilkårene](https://x.no/a_(b) "t")',
        " ",
        "og",
        " ",
        "`kode her`",
        " ",
        "eller",
        " ",
        "<abbr>",
        "EØS",
        "</abbr>",
        "[^1]",
        ".",
    ]


def test_emphasis_delimiters_are_tokens_of_their_own() -> None:
    assert tokens("**tre år** og *ikke*") == [
        "**",
        "tre",
        " ",
        "år",
        "**",
        " ",
        "og",
        " ",
        "*",
        "ikke",
        "*",
    ]


def test_changed_link_is_changed_as_a_whole() -> None:
    ops = diff_words("Les [vilkårene](https://a.no/v1).", "Les [vilkårene](https://a.no/v2).")
    assert [(o.kind, o.text) for o in ops] == [
        (EQUAL, "Les "),
        (DELETE, "[vilkårene](https://a.no/v1)"),
        (INSERT, "[vilkårene](https://a.no/v2)"),
        (EQUAL, "."),
    ]
    assert side(ops, "old") == "Les [vilkårene](https://a.no/v1)."


def test_marks_never_cross_emphasis() -> None:
    ops = diff_words("slettes **seks år** etter", "slettes **tre år** etter")
    html = TO_HTML(inline_redline(ops, RedlineLabels("[-", "-]", "[+", "+]")))
    assert "<strong><del>" in html
    assert "</ins> år</strong>" in html
    parser = html5lib.HTMLParser(strict=True)
    parser.parseFragment(html)


def test_screen_reader_labels_are_inside_the_marks() -> None:
    ops = diff_words("a b", "a c")
    rendered = inline_redline(ops, RedlineLabels("Slettet:", "Slutt.", "Satt inn:", "Slutt."))
    assert (
        '<del><span class="notice-sr">Slettet: </span>b<span class="notice-sr"> Slutt.' in rendered
    )


def test_terminal_rendering_uses_markers_without_colour() -> None:
    old = segment_markdown("## Tittel\n\nVi lagrer i seks år.\n\nFjernet avsnitt.\n")
    new = segment_markdown("## Tittel\n\nVi lagrer i tre år.\n\nNytt avsnitt her.\n\nEkstra.\n")
    out = terminal_redline(diff_documents(old, new), color=False)
    assert "~ paragraph, line 3\n  Vi lagrer i [-seks-]{+tre+} år." in out
    assert "\x1b[" not in out
    assert "\x1b[" in terminal_redline(diff_documents(old, new), color=True)


def test_rewording_a_heading_in_place_is_a_rename() -> None:
    old = segment_markdown("## Reservasjon mot markedsføring\n\nTekst.\n\n## Neste\n\nMer.\n")
    new = segment_markdown("## Slik reserverer du deg\n\nTekst.\n\n## Neste\n\nMer.\n")
    sections = diff_documents(old, new).sections
    assert [(s.status, s.title, s.old_title) for s in sections] == [
        ("renamed", "Slik reserverer du deg", "Reservasjon mot markedsføring"),
        ("unchanged", "Neste", "Neste"),
    ]


def test_removed_and_added_sections_are_placed_in_the_redline() -> None:
    old = segment_markdown("## A\n\nEn.\n\n## B\n\nTo.\n\n- x\n- y\n")
    new = segment_markdown("## A\n\nEn.\n\n## C\n\nTre.\n\n- x\n- ny\n- y\n")
    redline = diff_documents(old, new)
    statuses = [(s.status, s.anchor) for s in redline.sections]
    # C's section holds the list that was B's: new heading, partly old content.
    assert statuses == [("unchanged", "a"), ("removed", "removed-b"), ("changed", "c")]
    body = redline_markdown(old, new, redline, RedlineLabels())
    html = TO_HTML(body)
    assert '<h2 id="removed-b"><del>' in html
    assert '<h2 id="c"><ins>' in html
    assert "<li><ins>" in html
    assert html.count("<ul>") == 1
    html5lib.HTMLParser(strict=False).parseFragment(html)


def test_unchanged_sections_are_folded() -> None:
    old = segment_markdown("## A\n\nEn.\n\n## B\n\nTo.\n")
    new = segment_markdown("## A\n\nEn.\n\n## B\n\nTo og tre.\n")
    body = redline_markdown(
        old, new, diff_documents(old, new), RedlineLabels(), Folding(one="%(title)s (uendret)")
    )
    html = TO_HTML(body)
    assert re.search(r'<details class="notice-unchanged">\s*<summary>A \(uendret\)</summary>', html)
    assert html.index("</details>") < html.index('<h2 id="b">')


FOLDING = Folding(
    one="%(title)s (one)",
    many=tuple("%(count)s: %(first)s – %(last)s" for _ in range(20)),
    next_change="Next: %(title)s",
    last_change="Back",
)


def _details(html: str) -> list[str]:
    return re.findall(r"<details[^>]*>(.*?)</details>", html, re.S)


def test_runs_of_unchanged_sections_fold_as_one_and_each_change_links_to_the_next() -> None:
    old = segment_markdown(
        "## A\n\nEn.\n\n## B\n\nTo.\n\n## C\n\nTre.\n\n## D\n\nFire.\n\n"
        "## E\n\nFem.\n\n## F\n\nSeks.\n\n## G\n\nSju.\n"
    )
    new = segment_markdown(
        "## A\n\nEn.\n\n## B\n\nTo.\n\n## C\n\nTre, nå endret.\n\n## D\n\nFire.\n\n"
        "## E\n\nFem.\n\n## G\n\nSju og åtte.\n"
    )
    redline = diff_documents(old, new)
    assert [s.status for s in redline.sections] == [
        "unchanged", "unchanged", "changed", "unchanged", "unchanged", "removed", "changed",
    ]  # fmt: skip
    html = TO_HTML(redline_markdown(old, new, redline, RedlineLabels(), FOLDING))
    folds = _details(html)
    assert len(folds) == 2, html  # A+B, then D+E: each run one fold
    assert "<summary>2: A – B</summary>" in folds[0]
    assert '<h2 id="a">' in folds[0]
    assert '<h2 id="b">' in folds[0]
    assert "<summary>2: D – E</summary>" in folds[1]
    assert '<h2 id="c">' not in "".join(folds)
    assert 'id="removed-f"' not in "".join(folds), "a removed section is never folded"
    links = re.findall(r'<p class="notice-next"><a href="#([\w-]+)">([^<]*)</a></p>', html)
    assert links == [("removed-f", "Next: F"), ("g", "Next: G"), ("notice-changes", "Back")]
    # each link follows its change and comes before the next one
    order = [html.index(x) for x in ('id="c"', "#removed-f", 'id="removed-f"', "#g", 'id="g"')]
    assert order == sorted(order)
    html5lib.HTMLParser(strict=True).parseFragment(html)


def test_same_inputs_give_the_same_redline() -> None:
    old_path, new_path = PAIRS[5]
    old = segment_markdown(old_path.read_text(encoding="utf-8"))
    new = segment_markdown(new_path.read_text(encoding="utf-8"))
    first = redline_markdown(old, new, diff_documents(old, new), RedlineLabels())
    second = redline_markdown(old, new, diff_documents(old, new), RedlineLabels())
    assert first == second


# --- properties ------------------------------------------------------------------------

_words = st.lists(
    st.sampled_from(
        [
            "vi",
            "lagrer",
            "**ikke**",
            "data",
            "[lenke](https://a.no)",
            "i",
            "tre",
            "seks",
            "år",
            "`kode`",
            "*viktig*",
            "<b>",
            "</b>",
            "og",
            ".",
            "1 %",
        ]
    ),
    max_size=25,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_words, _words)
def test_dropping_insertions_gives_the_old_text_and_deletions_the_new(old: str, new: str) -> None:
    ops = diff_words(old, new)
    assert side(ops, "old") == old
    assert side(ops, "new") == new
    assert "".join(tokens(old)) == old


_linked = st.lists(
    st.sampled_from(
        [
            *("vi", "lagrer", "data", "i", "tre", "år", "*viktig*", "og", "."),
            *("[lenke](https://a.no)", "[lenke](https://b.no)", "[ny lenke](https://a.no)"),
            "[lenke her](https://b.no)",
        ]
    ),
    max_size=20,
).map(" ".join)


def _sides(pieces: tuple[Op | LinkChange, ...]) -> tuple[str, str]:
    old = new = ""
    for piece in pieces:
        if isinstance(piece, LinkChange):
            old += f"[{side(piece.ops, 'old')}]{piece.old_target}"
            new += f"[{side(piece.ops, 'new')}]{piece.target}"
        else:
            old += "" if piece.kind == INSERT else piece.text
            new += "" if piece.kind == DELETE else piece.text
    return old, new


@settings(max_examples=400, deadline=None)
@given(_linked, _linked)
def test_links_taken_out_of_a_change_give_both_texts_back(old: str, new: str) -> None:
    assert _sides(refine_links(diff_words(old, new))) == (old, new)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_tokens_join_back_to_any_text(text: str) -> None:
    assert "".join(tokens(text)) == text


# --- the real corpus --------------------------------------------------------------------


@pytest.mark.parametrize(("old_path", "new_path"), PAIRS, ids=lambda p: p.stem)
def test_corpus_redline_gives_back_both_texts(old_path: Path, new_path: Path) -> None:
    old = segment_markdown(old_path.read_text(encoding="utf-8"))
    new = segment_markdown(new_path.read_text(encoding="utf-8"))
    redline = diff_documents(old, new)
    olds, news = [], []
    for block in redline.blocks:
        if block.status == "changed":
            olds.append(side(block.ops, "old"))
            news.append(side(block.ops, "new"))
        elif block.status == "equal":
            assert block.new is not None
            olds.append(block.new.text)
            news.append(block.new.text)
        elif block.status == "removed":
            assert block.old is not None
            olds.append(block.old.text)
        else:
            assert block.new is not None
            news.append(block.new.text)
    # Every newer block is given back exactly; the older text as a whole (a change can
    # carry words of two older blocks that became one).
    assert news == [s.text for s in new.segments if s.field is None]
    assert "".join(olds) == "".join(s.text for s in old.segments if s.field is None)


def _words_of(path: Path) -> list[str]:
    document = segment_markdown(path.read_text(encoding="utf-8"))
    return [w for s in document.segments if s.field is None for w in s.text.split()]


def test_corpus_redline_is_within_five_percent_of_a_plain_word_diff() -> None:
    ours = plain = 0
    for old_path, new_path in PAIRS:
        old = segment_markdown(old_path.read_text(encoding="utf-8"))
        new = segment_markdown(new_path.read_text(encoding="utf-8"))
        ours += diff_documents(old, new).words_changed
        a, b = _words_of(old_path), _words_of(new_path)
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        plain += sum(
            (i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
        )
    assert plain > 1000
    assert ours <= plain * 1.05, (ours, plain)


def test_compare_pages_mark_what_changed_and_no_more() -> None:
    """Over the 21 pairs, the compare pages mark at most 3% more words than a plain word
    diff of the two texts as shown, and no pair more than 25% (a link whose address
    changed once marked its words deleted and inserted again; a moved section, all of it)."""
    site = markdown_renderer(
        ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"],
        {"toc": {"permalink": True}},
    )
    measures = {
        f"{a.stem} -> {b.stem}": measure_redline(
            a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"), site
        )
        for a, b in PAIRS
    }
    plain = sum(m.plain for m in measures.values())
    marked = sum(m.marked for m in measures.values())
    assert plain > 40_000
    worst = max(measures, key=lambda pair: measures[pair].excess)
    assert marked <= plain * 1.03, (marked, plain)
    assert measures[worst].excess <= 0.25, (worst, measures[worst])


def test_a_link_with_a_new_address_is_marked_beside_its_unmarked_words() -> None:
    old = "Les [vilkårene våre](https://a.no/v1) nå."
    new = "Les [vilkårene våre](https://a.no/v2) nå."
    html = TO_HTML(inline_redline(diff_words(old, new), RedlineLabels()))
    assert '<a href="https://a.no/v2">vilkårene våre</a><del>' in html
    assert '<del><span class="notice-sr">[deleted: </span><a href="https://a.no/v1">↗</a>' in html
    assert '<ins><span class="notice-sr">[inserted: </span><a href="https://a.no/v2">↗</a>' in html
    assert html.count("vilkårene") == 1
    redline = diff_documents(segment_markdown(old), segment_markdown(new))
    assert redline.words_changed == 1  # the address
    assert "[vilkårene våre][-(https://a.no/v1)-]{+(https://a.no/v2)+}" in terminal_redline(
        redline, color=False
    )


def test_a_link_whose_words_changed_in_part_is_one_link_with_its_words_marked() -> None:
    old = "Se [hvordan vi lagrer data](https://a.no/lagring) her."
    new = "Se [hvordan vi sletter data](https://a.no/sletting) her."
    html = TO_HTML(inline_redline(diff_words(old, new), RedlineLabels("", "", "", "")))
    assert html.count("<a ") == 3  # the link, and the old and new address beside it
    assert "hvordan vi <del>" in html
    assert "data</a><del>" in html
    assert diff_documents(segment_markdown(old), segment_markdown(new)).words_changed == 3
    # A link replaced by one that shares no word with it is replaced whole.
    ops = diff_words("Se [lagring](https://a.no/a).", "Se [sletting](https://a.no/b).")
    assert inline_redline(ops, RedlineLabels("", "", "", "")).count("[") == 2


def test_a_section_moved_past_a_heading_is_diffed_as_one_region() -> None:
    old = segment_markdown(
        "## A\n\nEn.\n\n### Annet\n\n#### Innhold\n\nVi ser ikke på private data uten grunn.\n"
        "\n#### Neste\n\nTekst.\n"
    )
    new = segment_markdown(
        "## A\n\nEn.\n\n### Innhold\n\nVi ser aldri på private data uten grunn.\n\n"
        "### Annet\n\n#### Neste\n\nTekst.\n"
    )
    redline = diff_documents(old, new)
    assert redline.words_changed <= 6, terminal_redline(redline, color=False)


@pytest.mark.parametrize(("old_path", "new_path"), PAIRS[::4], ids=lambda p: p.stem)
def test_corpus_redline_is_valid_html(old_path: Path, new_path: Path) -> None:
    old = segment_markdown(old_path.read_text(encoding="utf-8"))
    new = segment_markdown(new_path.read_text(encoding="utf-8"))
    redline = diff_documents(old, new)
    body = redline_markdown(old, new, redline, RedlineLabels(), FOLDING)
    parser = html5lib.HTMLParser(strict=False)
    html = TO_HTML(body)
    parser.parseFragment(html)
    assert parser.errors == []
    # What leads the reader to the changes: every change is followed by a link to the
    # next, in order, and every fold holds unchanged sections only.
    changes = [s.anchor for s in redline.sections if s.anchor and s.status != "unchanged"]
    links = re.findall(r'<p class="notice-next"><a href="#([\w-]+)">', html)
    assert links == [*changes[1:], "notice-changes"][: len(links)]
    assert len(links) == len(changes)
    for target in changes:
        assert f'id="{target}"' in html
    for fold in _details(html):
        for anchor in re.findall(r'<h\d id="([\w-]+)"', fold):
            status = {s.anchor: s.status for s in redline.sections}[anchor]
            assert status == "unchanged", (anchor, status)


_WORDS = st.sampled_from(["a", "b", "c", "d", "e", ("a", "b"), ("c",), ("a", "b", "c")])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_WORDS, max_size=300),
    st.lists(_WORDS, max_size=300),
    st.booleans(),
)
@example(["a", "b"] * 150 + ["c"], ["a", "c"] * 150, False)
@example(["a", "b"] * 150 + ["c"], ["a", "c"] * 150, True)
def test_the_compiled_matcher_gives_difflibs_opcodes(
    old: list[object], new: list[object], junk: bool
) -> None:
    """The redlines are difflib's: the compiled matcher (``notice.text.matching``) finds
    the same matching blocks and opcodes, on sequences of words and of tuples of words
    (as ``worddiff`` compares sentences) with many repeats, where the choice between
    equally long matches shows; with ``autojunk`` too (which sequences of 200 items or
    more set to work)."""
    from notice.text.matching import SequenceMatcher

    ours = SequenceMatcher(None, old, new, autojunk=junk)
    theirs = difflib.SequenceMatcher(None, old, new, autojunk=junk)
    assert ours.get_opcodes() == theirs.get_opcodes()
    assert ours.get_matching_blocks() == theirs.get_matching_blocks()


def test_the_compiled_matcher_is_the_one_used() -> None:
    """cydifflib is a dependency: the word diffs use it, not the standard library's."""
    from notice.text import matching, worddiff

    assert matching.SequenceMatcher.__module__.startswith("cydifflib")
    assert worddiff.SequenceMatcher is matching.SequenceMatcher

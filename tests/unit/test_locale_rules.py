"""The locale's own rules on the site: lists joined by Babel's ``format_list``, remarks in
the language's parentheses and colon, the Arabic dual without its numeral and French
"1er", checked on the templates and the PDF rendered in Japanese, Arabic and French."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import jinja2
import pytest

from notice.project.shipped import shipped_site_catalog
from notice.project.sources import Sources
from notice.site.compare import _section, _summary_line
from notice.site.disclosures import page_layers
from notice.site.files import _summary
from notice.site.meta import VersionLink
from notice.site.pdf import Sheet, document_html
from notice.site.words import Words
from notice.text.segment import segment_markdown
from tests.conftest import REPO

TEXT = """---
title: Privacy
disclosures:
  controller: who-we-are
  purposes: what-we-use-your-data-for
  recipients: [sharing, transfers, storage]
  rights: [your-rights, complaints]
---

# Privacy notice

## Who we are

Example Ltd.

## What we use your data for

Orders.

## Sharing

Our hosting provider.

## Transfers

None outside the EEA.

## Storage

Three years.

## Your rights

Access.

## Complaints

To the supervisory authority.
"""

#: Between two joined links, what each language writes: its list separators only.
JOINED = {
    "ja": ("、",),
    "ar": (" و",),
    "fr": (", ", " et "),
}
#: A language's parentheses and colon, ASCII where it writes them so.
REMARK = {"ja": "（", "ar": "(", "fr": "("}


def _words(code: str) -> Words:
    """A language's words from the catalogs this package ships."""
    sources = Sources(
        source_language="en",
        languages=("en", code),
        notices=(),
        documents={},
        catalogs={("site", code): shipped_site_catalog(code)},
        po_paths={},
        site_fallback=shipped_site_catalog("en"),
    )
    return Words(code, sources, None, "Example")


def _template(name: str) -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "overrides" / "partials"), autoescape=False
    )
    environment.filters["url"] = lambda value: value
    return environment.get_template(name)


def _between_links(rendered: str) -> list[str]:
    """What stands between one link and the next in the same list item."""
    return re.findall(r"</a>([^<]*)<a ", rendered)


def _layers(language: Words):  # type: ignore[no-untyped-def]
    found = page_layers(language, segment_markdown(TEXT, "docs/p/draft.md"), "gdpr-13", lang="en")
    assert found is not None
    return found


@pytest.mark.parametrize("code", ["ja", "ar", "fr"])
def test_the_first_layer_joins_its_links_as_the_language_lists(code: str) -> None:
    rendered = _template("notice-layers.html").render(
        n=SimpleNamespace(layers=_layers(_words(code)))
    )
    between = _between_links(rendered)
    assert len(between) == 4  # rights (2 links) first, then recipients (3) and rights
    assert set(between) <= set(JOINED[code]), between
    if code != "fr":
        assert ", " not in between
    else:
        assert between.count(" et ") == 3, "each list ends with 'et', not a comma"


def test_an_item_said_under_a_heading_of_its_own_words_is_named_once() -> None:
    """ "What we use your data for", said in the section headed so: the link alone, not
    the label and then the link with the same words; the others keep both."""
    rendered = _template("notice-layers.html").render(
        n=SimpleNamespace(layers=_layers(_words("en")))
    )
    first = rendered.split('class="notice-layers__first"', 1)[1].split("</dl>", 1)[0]
    assert first.count("What we use your data for") == 1
    assert '<dt><a href="#what-we-use-your-data-for" lang="en">' in first
    assert "<dt>Who is responsible for your data</dt>" in first
    assert ">Who we are</a>" in first
    everything = rendered.split('class="notice-layers__all"', 1)[1]
    assert everything.count("What we use your data for") == 1


def test_the_pdf_names_an_item_said_under_a_heading_of_its_own_words_once() -> None:
    """The PDF's list of disclosures, as the site's: the section's link and the article,
    not the label and then a link with the same words; the others keep both."""
    sheet = Sheet(
        lang="en",
        title="Privacy",
        site_name="Example",
        effective="2027-01-01",
        lines=(),
        address="https://example.org/",
        **_summary(_words("en"), segment_markdown(TEXT, "docs/p/draft.md"), "gdpr-13"),
    )
    rendered = document_html(sheet, "<p>Text.</p>")
    assert rendered.count("What we use your data for") == 1
    assert re.search(r'<dt><a href="[^"]+#what-we-use-your-data-for">', rendered)
    assert "<dt>Who is responsible for your data <span class=article>" in rendered


@pytest.mark.parametrize("code", ["ja", "ar", "fr"])
def test_the_pdf_joins_its_links_as_the_language_lists(code: str) -> None:
    language = _words(code)
    sheet = Sheet(
        lang=code,
        title="Privacy",
        site_name="Example",
        effective="2027-01-01",
        lines=(),
        address="https://example.org/",
        **_summary(language, segment_markdown(TEXT, "docs/p/draft.md"), "gdpr-13"),
    )
    between = _between_links(document_html(sheet, "<p>Text.</p>"))
    assert len(between) == 3
    assert set(between) <= set(JOINED[code]), between


def test_a_list_of_counts_reads_as_the_language_lists() -> None:
    sections = tuple(
        _section(_words("ja"), state, state, title, None, title)
        for state, title in [("added", "a"), ("changed", "b"), ("removed", "c")]
    )
    line = _summary_line(_words("ja"), sections, 9)
    assert "、" in line
    assert ", " not in line


@pytest.mark.parametrize("code", ["ja", "ar", "fr"])
def test_the_compare_map_writes_the_languages_parentheses(code: str) -> None:
    language = _words(code)
    renamed = _section(language, "renamed", language._("renamed"), "Rights", "Yours", "r")
    changed = _section(language, "changed", language._("changed"), "Data", None, "d")
    n = SimpleNamespace(
        labels=language.labels,
        identical=False,
        summary_line=None,
        sections=(renamed, changed),
        changes=None,
        impact=None,
    )
    statuses = re.findall(
        r'notice-map__status">([^<]*)<', _template("notice-compare.html").render(n=n)
    )
    assert statuses == [renamed.remark, changed.remark]
    assert all(s.startswith(REMARK[code]) for s in statuses), statuses
    if code == "ja":
        assert statuses[1] == "（変更）"
        assert not re.search(r"[():]", "".join(statuses)), statuses
        assert language.titled("Data", "変更") == "Data（変更）"


def test_the_version_picker_writes_the_languages_parentheses() -> None:
    language = _words("ja")
    versions = tuple(
        VersionLink(d, d, "施行中", f"/{d}/", status_remark=language.remark("施行中"))
        for d in ("2027-01-01", "2026-01-01")
    )
    n = SimpleNamespace(versions=versions, permalink="/x/", labels=language.labels)
    rendered = _template("notice-picker.html").render(n=n)
    assert "（施行中）" in rendered
    assert "(" not in rendered


def test_an_announcement_labels_its_links_with_the_languages_colon() -> None:
    assert _words("ja").plain_lead("概要") == "概要："
    assert _words("fr").plain_lead("Résumé") == "Résumé\u00a0:"


# --- the Arabic dual, French "1er" ---------------------------------------------------------


def test_the_arabic_dual_is_written_without_the_numeral() -> None:
    arabic = _words("ar")
    assert arabic.days_left(date(2027, 1, 1), date(2027, 1, 3)) == "يتبقّى يومان."
    assert arabic.days_left(date(2027, 1, 1), date(2027, 1, 4)) == "تتبقّى 3 أيام."
    folding = arabic.folding(3)
    assert folding.many[0].startswith("قسمان")  # a run of two sections
    assert "%(count)s" in folding.many[1]


def test_no_arabic_dual_repeats_its_numeral() -> None:
    catalog = shipped_site_catalog("ar")
    assert catalog is not None
    duals = [str(m.string[2]) for m in catalog if isinstance(m.id, (list, tuple)) and m.string[2]]
    # "%(num)s added": the verb is not counted, the number stays; a counted noun takes
    # the dual and no numeral.
    counted = [d for d in duals if re.search(r"%\((num|count)\)s \S*(ان|ين)\b", d)]
    assert counted == [], counted


@pytest.mark.parametrize(
    ("code", "one", "two", "three"),
    [
        ("ar", "يتبقّى يوم واحد.", "يتبقّى يومان.", "تتبقّى 3 أيام."),
        ("he", "נותר יום אחד.", "נותרו יומיים.", "נותרו 3 ימים."),
    ],
)
def test_one_day_and_two_days_are_words_not_numerals(
    code: str, one: str, two: str, three: str
) -> None:
    """Arabic and Hebrew say "a single day" and "two days" (the dual) in words; from
    three on, the number is written."""
    words = _words(code)
    days = [words.days_left(date(2027, 1, 1), date(2027, 1, 1 + n)) for n in (1, 2, 3)]
    assert days == [one, two, three]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 1, 1), "1er janvier 2027"),
        (date(2027, 1, 2), "2 janvier 2027"),
        (date(2027, 3, 11), "11 mars 2027"),
    ],
)
def test_french_dates_write_the_first_as_an_ordinal(day: date, expected: str) -> None:
    assert _words("fr").date(day) == expected


def test_other_languages_write_the_first_as_cldr_does() -> None:
    assert _words("ja").date(date(2027, 1, 1)) == "2027年1月1日"
    assert _words("en").date(date(2027, 1, 1)) == "January 1, 2027"


@pytest.mark.parametrize(
    ("code", "entry"),
    [
        ("ja", "- [Privacy](privacy/index.md)：How we use data"),
        ("fr", "- [Privacy](privacy/index.md)\u00a0: How we use data"),
        ("en", "- [Privacy](privacy/index.md): How we use data"),
    ],
)
def test_the_landing_page_lists_each_notice_with_the_languages_colon(code: str, entry: str) -> None:
    from notice.site.index import with_notice_list
    from notice.site.meta import NoticeMeta, Page, PageMeta

    words = _words(code)
    sources = SimpleNamespace(notices=("privacy",))
    meta = PageMeta("Home", "index", NoticeMeta(kind="page", lang=code))
    page = Page(f"{code}/index.md", meta, "# Home\n")
    titles = {("privacy", code): ("Privacy", "How we use data")}
    listed = with_notice_list(page, sources, titles, {code: words.lead})  # type: ignore[arg-type]
    assert listed.body.splitlines()[-1] == entry

"""One page of each kind, built in process from a small hand-made set of sources (no
sample, no files, no PDFs): what each kind of page says, and that a build does its work
once (the template of a text, the fallback catalog)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog

from notice.project import sources as sources_module
from notice.project.sources import LazyDocuments, Sources
from notice.record.versions import Entry, Registry
from notice.site import addresses, index, published, redlines
from notice.site.meta import Page
from notice.site.pages import Options, Site, build_pages
from notice.text.markdown import markdown_renderer
from notice.text.segment import segment_markdown

OLD_NB = (
    "---\ntitle: Personvern\nchanges: Første versjon.\n---\n\n"
    "## Hvem vi er\n\nVi er Eksempel AS.\n\n## Lagring\n\nVi lagrer data i seks år.\n"
)
NEW_NB = OLD_NB.replace("seks år", "tre år").replace("Første versjon.", "Kortere lagring.")
OLD_EN = (
    "---\ntitle: Privacy\nchanges: First version.\n---\n\n"
    "## Who we are\n\nWe are Example Ltd.\n\n## Storage\n\nWe keep data for six years.\n"
)
NEW_EN = OLD_EN.replace("six years", "three years").replace("First version.", "Shorter storage.")
DRAFT_NB = NEW_NB.replace("tre år", "to år")
LANDING = "---\ntitle: Personvern hos Eksempel\n---\n\nHer finner du erklæringene våre.\n"

OLD, NEW = date(2026, 1, 1), date(2027, 3, 1)
TODAY = date(2027, 2, 1)  # the old version in effect, the new one announced


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _sources() -> Sources:
    first = Entry(
        "release", OLD, date(2025, 11, 1), {"nb": _sha(OLD_NB), "en": _sha(OLD_EN)}, previous=""
    )
    second = Entry(
        "release",
        NEW,
        date(2027, 1, 2),
        {"nb": _sha(NEW_NB), "en": _sha(NEW_EN)},
        previous=first.hash,
        change="material",
    )
    frozen = {
        ("privacy", key.isoformat(), code): segment_markdown(text)
        for key, texts in ((OLD, {"nb": OLD_NB, "en": OLD_EN}), (NEW, {"nb": NEW_NB, "en": NEW_EN}))
        for code, text in texts.items()
    }
    domains = ("privacy", "index", "site")
    return Sources(
        source_language="nb",
        languages=("nb", "en"),
        notices=("privacy",),
        documents={"privacy": segment_markdown(DRAFT_NB), "index": segment_markdown(LANDING)},
        catalogs={(domain, code): None for domain in domains for code in ("nb", "en")},
        po_paths={(d, c): f"locales/{c}/LC_MESSAGES/{d}.po" for d in domains for c in ("nb", "en")},
        registries={"privacy": Registry("privacy", (first, second))},
        frozen=frozen,
        site_fallback=Catalog(locale="en", domain="site"),
    )


RENDER = markdown_renderer(["attr_list", "md_in_html", "toc"])


def _build(**options: Any) -> Site:
    settings = {"today": TODAY, "site_url": "https://example.org/", "pdf": False, **options}
    return build_pages(_sources(), RENDER, Options(**settings))


def _sitemaps_join(whole: Site, parts: dict[str, Site]) -> None:
    """Each part's sitemap lists the pages of its language (by code) alone, with their
    alternates; together their entries are the whole build's sitemap, byte for byte."""
    entries = {code: index.sitemap_entries(part.sitemap) for code, part in parts.items()}
    for code, urls in entries.items():
        locs = [url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for url in urls]
        assert locs
        assert all(("/en/" in str(address)) == (code == "en") for address in locs)
    joined = [url for urls in entries.values() for url in urls]
    assert index.sitemap_of(joined) == whole.sitemap


#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("pages")


@pytest.fixture(scope="module")
def site() -> dict[str, Page]:
    return {page.path: page for page in _build(draft=True).pages}


def test_the_build_makes_each_kind_of_page_in_each_language(site: dict[str, Page]) -> None:
    kinds = {path: page.meta.notice.kind for path, page in site.items()}
    for code in ("nb", "en"):
        assert kinds[f"{code}/index.md"] == "page"
        assert kinds[f"{code}/404.md"] == "page"
        assert kinds[f"{code}/privacy/index.md"] == "version"
        assert kinds[f"{code}/privacy/versions/2026-01-01/index.md"] == "version"
        assert kinds[f"{code}/privacy/versions/2027-03-01/index.md"] == "version"
        assert kinds[f"{code}/privacy/versions/index.md"] == "history"
        assert kinds[f"{code}/privacy/compare/2026-01-01/2027-03-01/index.md"] == "compare"
        assert kinds[f"{code}/privacy/draft/index.md"] == "draft"
        assert kinds[f"{code}/privacy/compare/2027-03-01/draft/index.md"] == "compare"


def test_the_main_page_is_the_version_in_effect_announcing_the_next(
    site: dict[str, Page],
) -> None:
    main = site["en/privacy/index.md"].meta
    assert main.title == "Privacy"
    assert main.notice.status == "current"
    assert main.notice.effective == "2026-01-01"
    assert main.notice.upcoming is not None
    assert main.notice.upcoming.effective == "2027-03-01"
    assert main.notice.upcoming.days_left == "28 days remain."
    assert "six years" in site["en/privacy/index.md"].body
    assert main.notice.record is not None
    assert main.notice.record.sha256 == _sha(OLD_EN)
    # Its own version page says the same, under a title that names the version.
    own = site["en/privacy/versions/2026-01-01/index.md"]
    assert own.meta.title.startswith("Privacy, version of ")
    assert own.body == site["en/privacy/index.md"].body


def test_an_upcoming_version_says_when_it_takes_effect(site: dict[str, Page]) -> None:
    page = site["nb/privacy/versions/2027-03-01/index.md"].meta.notice
    assert page.status == "upcoming"
    assert page.takes_effect is not None
    assert page.days_left is not None
    assert page.upcoming is None  # nothing after it to announce


def test_the_compare_page_marks_the_change_and_counts_the_sections(
    site: dict[str, Page],
) -> None:
    page = site["en/privacy/compare/2026-01-01/2027-03-01/index.md"]
    assert "<del" in page.body
    assert "<ins" in page.body
    assert "six" in page.body
    assert "three" in page.body
    notice = page.meta.notice
    assert [s.title for s in notice.sections] == ["Storage"]
    assert notice.summary_line == "1 of 2 sections changed."
    assert not notice.identical
    # Its banner does not link to the page it is on.
    assert notice.upcoming is not None
    assert notice.upcoming.compare_url is None


def test_the_history_lists_every_version_newest_first(site: dict[str, Page]) -> None:
    rows = site["en/privacy/versions/index.md"].meta.notice.rows
    assert [row.effective for row in rows] == ["2027-03-01", "2026-01-01"]
    assert [row.status for row in rows] == ["upcoming", "current"]
    assert rows[0].changes == "Shorter storage."


def test_the_draft_is_the_source_text_where_no_translation_is_complete(
    site: dict[str, Page],
) -> None:
    draft = site["en/privacy/draft/index.md"]
    assert draft.meta.notice.status == "draft"
    assert draft.meta.notice.fallback == "incomplete"
    assert draft.meta.notice.lang == "nb"
    assert draft.meta.title == "Personvern (Draft)"
    assert "to år" in draft.body


def test_a_build_without_drafts_has_no_draft_page() -> None:
    paths = {page.path for page in _build().pages}
    assert "en/privacy/draft/index.md" not in paths
    assert "en/privacy/compare/2027-03-01/draft/index.md" not in paths


def test_a_preview_shows_the_source_language_and_the_draft_against_the_latest_release() -> None:
    paths = {page.path for page in _build(preview=True).pages}
    assert all(path.startswith("nb/") for path in paths)
    assert "nb/privacy/compare/2026-01-01/2027-03-01/index.md" not in paths
    assert "nb/privacy/compare/2027-03-01/draft/index.md" in paths


def test_the_template_of_a_text_and_the_fallback_catalog_are_made_once_per_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from notice.project import sources as sources_module
    from notice.text import catalog as catalog_module

    made: list[str] = []
    template = sources_module.template_catalog
    translations = catalog_module.compiled

    def counted_template(domain: str, *args: Any, **kwargs: Any) -> Any:
        made.append(domain)
        return template(domain, *args, **kwargs)

    def counted_translations(catalog: Any) -> Any:
        made.append("translations")
        return translations(catalog)

    monkeypatch.setattr(sources_module, "template_catalog", counted_template)
    monkeypatch.setattr(catalog_module, "compiled", counted_translations)
    monkeypatch.setattr(sources_module, "compiled", counted_translations)
    _build(draft=True)
    assert made.count("index") == 1
    assert made.count("privacy") == 1
    # One per language, and the fallback's once.
    assert made.count("translations") == 3


def test_the_reader_s_words_inside_a_text_in_another_language_say_which_language(
    site: dict[str, Page],
) -> None:
    """A draft is compared in the source language on every page: the folded runs'
    summaries and the links to the next change are in the reader's words, and say so
    (a screen reader reads them in that language, an Arabic page keeps them right to
    left inside a left-to-right text)."""
    english = site["en/privacy/compare/2027-03-01/draft/index.md"].body
    assert '<summary lang="en" dir="ltr">' in english
    assert '<p class="notice-next" lang="en" dir="ltr">' in english
    source = site["nb/privacy/compare/2027-03-01/draft/index.md"].body
    assert "<summary>" in source
    assert '<p class="notice-next">' in source


def test_a_part_makes_its_languages_pages_and_shares_what_every_language_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A part (``--languages en``) makes the pages, redlines, feeds and released texts of
    its languages only, and the sitemap's entries of its pages; the navigation,
    alternates, registry and ``versions.json`` are the whole site's."""
    asked: list[str] = []
    computed = redlines.redline
    monkeypatch.setattr(redlines, "redline", lambda *given: asked.append("") or computed(*given))
    whole = _build(draft=True)
    assert len(asked) == 4  # in each language: the versions, and the draft
    asked.clear()
    part = _build(draft=True, only=frozenset({"en"}))
    assert {page.path for page in part.pages} == {
        page.path for page in whole.pages if page.path.startswith("en/")
    }
    assert part.pages == [page for page in whole.pages if page.path.startswith("en/")]
    assert len(asked) == 2  # English only
    _sitemaps_join(whole, {"en": part, "nb": _build(draft=True, only=frozenset({"nb"}))})
    assert part.nav == whole.nav
    assert part.files["versions.json"] == whole.files["versions.json"]
    assert sorted(set(whole.files) - set(part.files)) == [
        "privacy/changes.ics",  # the source language's calendar, feed and released texts
        "privacy/feed.xml",
        "privacy/versions/2026-01-01/nb.md",
        "privacy/versions/2027-03-01/nb.md",
    ]
    assert part.elsewhere == {path for path in whole.files if path.endswith("/nb.md")}
    assert whole.elsewhere == frozenset()
    assert all(part.files[path] == whole.files[path] for path in part.files)


def test_a_part_names_a_notice_whose_only_version_was_withdrawn_as_the_whole_build_does() -> None:
    """No version in effect and no draft: the first page (the withdrawn version's) titles
    the notice in every language, in a part too."""
    sources = _sources()
    first = sources.registries["privacy"].entries[0]
    withdrawal = Entry(
        "withdraw",
        OLD,
        date(2025, 12, 1),
        {},
        previous=first.hash,
        recorded=date(2025, 12, 1),
        because="Released by mistake.",
    )
    registries = {"privacy": Registry("privacy", (first, withdrawal))}
    today = date(2025, 12, 15)

    def built(**options: Any) -> Site:
        settings = {"today": today, "site_url": "https://example.org/", "pdf": False, **options}
        return build_pages(
            dataclasses.replace(sources, registries=registries), RENDER, Options(**settings)
        )

    whole, part = built(), built(only=frozenset({"en"}))
    assert "en/privacy/versions/2026-01-01/index.md" in {page.path for page in whole.pages}
    assert part.files["versions.json"] == whole.files["versions.json"]
    assert '"nb": "Personvern, version of 1. januar 2026"' in str(whole.files["versions.json"])
    _sitemaps_join(whole, {"en": part, "nb": built(only=frozenset({"nb"}))})
    assert part.pages == [page for page in whole.pages if page.path.startswith("en/")]


@pytest.mark.parametrize("site_url", ["https://example.org/", ""])
def test_the_parts_sitemaps_join_into_the_whole_one_with_or_without_the_site_s_address(
    site_url: str,
) -> None:
    """Without ``site_url`` the sitemap's addresses are paths from the site's root: the
    parts' entries still join, byte for byte, into the whole build's."""
    whole = _build(site_url=site_url)
    assert whole.sitemap.count(b"<url>") > 10
    parts = {code: _build(site_url=site_url, only=frozenset({code})) for code in ("en", "nb")}
    _sitemaps_join(whole, parts)


def test_what_is_not_a_sitemap_is_refused_by_name() -> None:
    with pytest.raises(
        ValueError, match=re.escape("its root is {http://www.w3.org/2005/Atom}feed")
    ):
        index.sitemap_entries(b'<feed xmlns="http://www.w3.org/2005/Atom"/>')
    with pytest.raises(ValueError, match="line 1"):
        index.sitemap_entries(b"<urlset")


def test_the_record_s_texts_are_published_as_written_without_being_segmented(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The record's texts are published from their bytes: a part does not segment the
    texts it publishes only (those of languages it builds no page of)."""
    sources = _sources()
    lazy = LazyDocuments()
    for key, document in sources.frozen.items():
        lazy.add(key, document.text, "docs/privacy/versions/x.md")

    def refused(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("segmented")

    monkeypatch.setattr(sources_module, "_segments", refused)
    registry = sources.registries["privacy"]
    versions = registry.versions()
    files = published.released_files(
        dataclasses.replace(sources, frozen=lazy), "privacy", registry, versions
    )
    texts = {OLD: {"nb": OLD_NB, "en": OLD_EN}, NEW: {"nb": NEW_NB, "en": NEW_EN}}
    for version in versions:
        for code, text in texts[version.effective].items():
            assert files[addresses.released_url("privacy", version, code)] == text.encode()
    assert len(files) == 5  # four texts and the registry


def test_a_language_the_site_no_longer_has_is_published_by_every_part() -> None:
    """The released texts of a language no longer configured belong to no part: every
    part publishes them (``notice assemble`` takes identical copies as one)."""
    sources = dataclasses.replace(_sources(), languages=("nb",))
    settings = {"today": TODAY, "site_url": "https://example.org/", "pdf": False}
    part = build_pages(sources, RENDER, Options(**settings, only=frozenset({"nb"})))
    assert {path for path in part.files if path.endswith(".md")} == {
        f"privacy/versions/{day}/{code}.md" for day in (OLD, NEW) for code in ("nb", "en")
    }
    assert part.elsewhere == frozenset()


def test_a_part_reads_no_locale_data_of_a_language_it_does_not_make(
    cldr_reads: set[str],
) -> None:
    """A part without drafts puts no page of the languages it does not make in words, so
    it reads none of their data from CLDR (about 1 MiB a language, kept once read): its
    memory grows with the languages it builds. What it shares with the whole build (the
    navigation, ``versions.json``, its own pages) is the same."""
    sources = dataclasses.replace(_sources(), languages=("nb", "en", "ar"))
    sources.catalogs.update({(domain, "ar"): None for domain in ("privacy", "index", "site")})
    settings = {"today": TODAY, "site_url": "https://example.org/", "pdf": False}
    whole = build_pages(sources, RENDER, Options(**settings))
    assert "ar" in cldr_reads
    cldr_reads.clear()
    part = build_pages(sources, RENDER, Options(**settings, only=frozenset({"en"})))
    assert cldr_reads <= {"nb", "en"}
    assert "en" in cldr_reads
    assert part.nav == whole.nav
    assert part.site_names == whole.site_names
    assert part.link_titles == whole.link_titles
    assert part.files["versions.json"] == whole.files["versions.json"]
    assert part.pages == [page for page in whole.pages if page.path.startswith("en/")]

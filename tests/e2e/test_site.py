"""The built site of the sample project, at several dates, in every language."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import html5lib
import pytest

from notice.record.integrity import sha256
from tests.conftest import PROJECT_PARTS, copy_project, run_notice, snapshot

TODAY = "2026-11-24"  # the sample's 2027-01-01 version is upcoming, published 2026-11-16
#: The sample's latest release, upcoming on TODAY as 2027-01-01 and 2027-01-15 are (all
#: three published by then): the version the draft is compared with.
LATEST = "2027-02-01"


notice = run_notice

#: Every test of a built site runs with each engine; the engine of a project copy.
ENGINES = ("mkdocs", "zensical")
_ENGINE: dict[Path, str] = {}


def build(project: Path, day: str, *extra: str, name: str = "") -> Path:
    site = project / (name or f"site-{day}")
    engine = _ENGINE.get(project, "mkdocs")
    result = notice(
        project, "build", "--date", day, "--site-dir", str(site), "--engine", engine, *extra
    )
    assert result.returncode == 0, result.stderr
    return site


#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("site")


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    copy = copy_project(tmp_path_factory.mktemp(f"site-{engine}") / "project")
    _ENGINE[copy] = engine
    return copy


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    before = {k: v for k, v in snapshot(project).items() if not k.startswith("site-")}
    built = build(project, TODAY, "--jobs", "3")  # languages rendered in forked processes
    after = {k: v for k, v in snapshot(project).items() if not k.startswith("site-")}
    assert after == before, "the build wrote into the sources"
    return built


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def links(html: str, path: str) -> set[str]:
    """Every link of a page, resolved to a path from the site root."""
    base = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    return {
        posixpath.normpath(posixpath.join(base, href)) + "/"
        for href in re.findall(r'href="([^"#:]+/)"', html)
    }


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- pages, languages and statuses ------------------------------------------------------


def test_every_language_has_the_notice_its_history_and_versions(site: Path) -> None:
    for prefix in ("", "en/", "sv/", "de/"):
        for path in (
            "",
            "privacy",
            "privacy/versions",
            "cookies",
            "privacy/versions/2024-05-01",
            "privacy/versions/2025-09-01",
            "privacy/versions/2027-01-01",
            "privacy/versions/2027-01-15",
            f"privacy/versions/{LATEST}",
        ):
            assert (site / prefix / path / "index.html").is_file(), prefix + path


def test_current_version_shows_its_dates_in_each_language(site: Path) -> None:
    expected = {
        "": ("Gjelder fra 1. september 2025.", "Publisert 4. august 2025."),
        "en/": ("In effect since 1 September 2025.", "Published 4 August 2025."),
        "sv/": ("Gäller sedan 1 september 2025.", "Publicerad 4 augusti 2025."),
    }
    for prefix, phrases in expected.items():
        body = text(article(page(site, prefix + "privacy")))
        for phrase in phrases:
            assert phrase in body, (prefix, phrase)


def test_upcoming_version_is_announced_on_every_page_of_the_notice(site: Path) -> None:
    announcements = {
        "": "En ny versjon av denne erklæringen trer i kraft 1. januar 2027.",
        "en/": "A new version of this notice takes effect on 1 January 2027.",
        "sv/": "En ny version av den här policyn börjar gälla 1 januari 2027.",
        "de/": "Eine neue Fassung dieser Erklärung gilt ab 1. Januar 2027.",
    }
    remain = {"": "38 dager igjen.", "en/": "38 days remain.", "sv/": "38 dagar kvar."}
    remain["de/"] = "Noch 38 Tage."
    for prefix, sentence in announcements.items():
        for path in ("privacy", "privacy/versions", "privacy/versions/2024-05-01"):
            html = article(page(site, prefix + path))
            assert sentence in text(html), (prefix, path)
            assert f'data-notice-on="{TODAY}">{remain[prefix]}</span>' in html, (prefix, path)
            assert 'data-notice-until="2027-01-01"' in html
            found = links(html, prefix + path)
            assert f"/{prefix}privacy/versions/2027-01-01/" in found, (prefix, path)
            assert f"/{prefix}privacy/compare/2025-09-01/2027-01-01/" in found, (prefix, path)


def test_upcoming_version_page_says_when_it_takes_effect(site: Path) -> None:
    body = text(article(page(site, "sv/privacy/versions/2027-01-01")))
    assert "Den här versionen börjar gälla 1 januari 2027." in body
    assert "Överföring till länder utanför EES" in body


def test_archived_version_says_so_with_its_period(site: Path) -> None:
    body = text(article(page(site, "en/privacy/versions/2024-05-01")))
    assert (
        "This is an earlier version. It was in effect from 1 May 2024 to 1 September 2025." in body
    )
    assert "Opting out of marketing" in body  # the heading as it was then
    assert "six years" in body


def test_translation_names_the_binding_language(site: Path) -> None:
    assert "This is a translation. The Norwegian Bokmål text is legally binding." in text(
        article(page(site, "en/privacy"))
    )
    assert "juridisk bindende" not in text(article(page(site, "privacy")))


def test_language_missing_from_a_version_shows_the_source_with_a_note(site: Path) -> None:
    html = page(site, "de/privacy")
    assert '<html lang="de"' in html
    assert "Diese Fassung wurde nicht in Ihrer Sprache veröffentlicht." in text(html)
    assert "Originaltext auf Norwegisch (Bokmål)" in text(html)
    assert '<div class="notice-text" lang="nb">' in html
    cookies = page(site, "de/cookies")
    assert '<div class="notice-text" lang="de">' in cookies


def test_heading_anchors_are_the_same_in_every_language(site: Path) -> None:
    def anchors(html: str) -> list[str]:
        return re.findall(r'<h[2-6] id="([^"]+)"', article(html))

    source = anchors(page(site, "privacy/versions/2027-01-01"))
    assert "overforing-til-land-utenfor-eos" in source
    for language in ("en", "sv"):
        assert anchors(page(site, f"{language}/privacy/versions/2027-01-01")) == source


def test_the_link_beside_each_heading_is_titled_in_the_readers_language(site: Path) -> None:
    """Python-Markdown titles it "Permanent link", in English, on every page of every
    language; each language titles it in its own words ("Permanent address", site.po)."""
    for path, title in (
        ("privacy/versions/2027-01-01", "Fast adresse"),
        ("de/privacy/versions/2027-01-01", "Dauerhafte Adresse"),
        ("ar/privacy/versions/2027-01-01", "العنوان الدائم"),
        ("en/privacy/compare/2025-09-01/2027-01-01", "Permanent address"),
    ):
        html = page(site, path)
        assert set(re.findall(r'class="headerlink" href="#[^"]*" title="([^"]*)"', html)) == {
            title
        }, path
    assert not [p for p in site.rglob("*.html") if "Permanent link" in p.read_text("utf-8")]


def test_the_footer_says_nothing_in_english_on_a_page_in_another_language(site: Path) -> None:
    """The theme's footer adds "Made with Material for MkDocs" (or Zensical) in English
    on every page; the site's footer is its copyright line alone."""
    footer = page(site, "de/privacy").split('<footer class="md-footer">', 1)[1]
    assert "Made with" not in footer
    assert "Fjordkontor AS" in footer


def test_history_lists_every_version_newest_first(site: Path) -> None:
    html = article(page(site, "en/privacy/versions"))
    rows = re.findall(r'<tr class="notice-history__row notice-history__row--(\w+)">', html)
    assert rows == ["upcoming", "upcoming", "upcoming", "current", "archived"]
    body = text(html)
    order = ["1 February 2027", "15 January 2027", "1 January 2027", "1 September 2025"]
    order.append("1 May 2024")
    assert [body.index(day) for day in order] == sorted(body.index(day) for day in order)
    assert "We have given the section on opting out a clearer heading" in body


def test_navigation_lists_notices_not_versions(site: Path) -> None:
    html = page(site, "sv")
    nav = html.split('md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    titles = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    assert titles == ["Integritet hos Fjordkontor", "Kakor och lokal lagring", "Integritetspolicy"]
    assert "versions" not in nav
    assert "compare" not in nav


# --- feeds, versions.json and the files beside the pages --------------------------------
#
# These files are staged before any engine runs (``notice stage``) and copied as they are:
# each engine's site is checked to hold them byte for byte, and their content once.


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the sample's staged site gives every engine, as of ``TODAY``."""
    return _stage(copy_project(tmp_path_factory.mktemp("staged") / "project"), TODAY)


def _stage(project: Path, day: str) -> Path:
    result = notice(project, "stage", "--date", day, "--out", f"stage-{day}")
    assert result.returncode == 0, result.stderr
    return project / f"stage-{day}" / "files"


def test_the_site_holds_the_staged_files_byte_for_byte(site: Path, staged: Path) -> None:
    files = {p.relative_to(staged).as_posix(): p for p in staged.rglob("*") if p.is_file()}
    for name in ("versions.json", "sitemap.xml", "_headers", "_redirects", "privacy/feed.xml"):
        assert name in files
    assert len(files) > 20  # feeds and calendars of every language, PDFs
    for name, path in files.items():
        assert (site / name).read_bytes() == path.read_bytes(), name
    for prefix in ("", "en/", "sv/", "de/"):
        assert 'type="application/atom+xml"' in page(site, prefix + "privacy")


@pytest.mark.parametrize("prefix", ["", "en/", "sv/", "de/"])
def test_atom_feeds_are_valid(staged: Path, prefix: str) -> None:
    path = staged / prefix / "privacy/feed.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id.startswith("urn:uuid:")
    assert feed.feed.title
    assert feed.feed.updated
    assert feed.feed.author
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == 5
    assert len(set(ids)) == 5
    for entry in feed.entries:
        assert entry.title
        assert entry.updated
        assert entry.link


def test_feed_ids_are_permanent(staged: Path) -> None:
    later = _stage(staged.parents[1], "2027-03-01")
    before = feedparser.parse((staged / "en/privacy/feed.xml").read_bytes())
    after = feedparser.parse((later / "en/privacy/feed.xml").read_bytes())
    assert [e.id for e in before.entries] == [e.id for e in after.entries]


def test_versions_json_hashes_match_the_frozen_files(staged: Path) -> None:
    project = staged.parents[1]
    index = json.loads((staged / "versions.json").read_text(encoding="utf-8"))
    notices = {n["id"]: n for n in index["notices"]}
    assert notices["privacy"]["title"] == "Personvernerklæring"
    versions = notices["privacy"]["versions"]
    assert [(v["effective"], v["status"]) for v in versions] == [
        ("2027-02-01", "upcoming"),
        ("2027-01-15", "upcoming"),
        ("2027-01-01", "upcoming"),
        ("2025-09-01", "current"),
        ("2024-05-01", "archived"),
    ]
    checked = 0
    for notice_id, entry in notices.items():
        for version in entry["versions"]:
            assert version["published"] <= version["effective"]
            for language, info in version["languages"].items():
                frozen = project / "docs" / notice_id / "versions" / version["effective"]
                assert info["sha256"] == sha256((frozen / f"{language}.md").read_bytes())
                prefix = "" if language == "nb" else f"{language}/"
                assert info["url"] == (
                    f"https://personvern.fjordkontor.example/{prefix}"
                    f"{notice_id}/versions/{version['effective']}/"
                )
                checked += 1
    # and Arabic: added to 2027-01-01, released with 2027-01-15 and 2027-02-01, and in the
    # cookie notice
    assert checked == 5 * 3 + 4 + 4
    assert versions[0]["unavailable"] == ["de"]


# --- the build date ---------------------------------------------------------------------


def test_on_the_effective_date_the_new_version_is_current(project: Path) -> None:
    site = build(project, "2027-01-01")
    body = text(article(page(site, "en/privacy")))
    assert "In effect since 1 January 2027." in body
    assert "Transfers to countries outside the EEA" in body
    # No longer announced: the banner announces the next one, 2027-01-15.
    assert "takes effect on 1 January 2027" not in body
    assert "took effect on 1 January 2027" not in body
    assert "A new version of this notice takes effect on 15 January 2027." in body
    old = text(article(page(site, "en/privacy/versions/2025-09-01")))
    assert "It was in effect from 1 September 2025 to 1 January 2027." in old


def test_before_the_first_publication_the_notice_is_not_shown(project: Path) -> None:
    site = build(project, "2024-03-01")
    assert not (site / "privacy").exists()
    assert "privacy" not in (site / "index.html").read_text(encoding="utf-8")


def test_published_but_not_yet_effective_first_version(project: Path) -> None:
    site = build(project, "2024-04-15")
    body = text(article(page(site, "en/privacy")))
    assert "This version takes effect on 1 May 2024." in body
    assert not (site / "en/privacy/versions/2025-09-01").exists()


def test_next_change_is_the_upcoming_effective_date(project: Path) -> None:
    assert notice(project, "next-change", "--date", TODAY).stdout == "2027-01-01\n"
    assert notice(project, "next-change", "--date", "2027-01-01").stdout == "2027-01-15\n"
    assert notice(project, "next-change", "--date", "2027-01-15").stdout == "2027-02-01\n"
    assert notice(project, "next-change", "--date", "2027-02-01").stdout == ""
    assert notice(project, "next-change", "--date", "2024-03-01").stdout == "2024-04-02\n"


# --- comparisons ------------------------------------------------------------------------


def test_compare_pages_exist_for_the_required_pairs(site: Path) -> None:
    for prefix in ("", "en/", "sv/", "de/"):
        for pair in (
            "2024-05-01/2025-09-01",
            "2025-09-01/2027-01-01",
            "2027-01-01/2027-01-15",
            f"2027-01-15/{LATEST}",
        ):
            assert (site / prefix / "privacy/compare" / pair / "index.html").is_file()


def test_redline_marks_changes_in_the_readers_language(site: Path) -> None:
    html = article(page(site, "en/privacy/compare/2025-09-01/2027-01-01"))
    assert re.search(
        r"<del><span class=\"notice-sr\">Deleted: </span>six"
        r"<span class=\"notice-sr\"> End of deletion\.</span></del>",
        html,
    )
    assert '<ins><span class="notice-sr">Inserted: </span>three' in html
    assert "Some of our suppliers process data in countries outside the EEA" in html
    body = text(html)
    assert "Transfers to countries outside the EEA (added)" in body
    assert "How long we keep the data (changed)" in body
    assert "4 unchanged sections: About this notice to When you create an account" in body
    assert '<details class="notice-unchanged">' in html
    swedish = article(page(site, "sv/privacy/compare/2025-09-01/2027-01-01"))
    assert '<del><span class="notice-sr">Borttaget: </span>sex' in swedish
    assert "Integritetspolicy: ändringar från 1 september 2025 till 1 januari 2027" in swedish
    assert "Från versionen av" not in swedish  # the title names both versions, once


@pytest.mark.parametrize(
    ("prefix", "summary", "unchanged"),
    [
        ("", "3 av 25 avsnitt er endret: 1 lagt til og 2 endret.", "uendrede avsnitt"),
        ("en/", "3 of 25 sections changed: 1 added and 2 changed.", "unchanged sections"),
        ("de/", "3 von 25 Abschnitten geändert: 1 hinzugefügt und 2 geändert.", "unveränderte"),
    ],
)
def test_the_compare_page_leads_with_the_change(
    site: Path, prefix: str, summary: str, unchanged: str
) -> None:
    """A summary line, the changed sections only (in the map and the contents), each
    run of unchanged sections folded as one, and a link from each change to the next."""
    html = page(site, f"{prefix}privacy/compare/2025-09-01/2027-01-01")
    body = article(html)
    assert f'<p class="notice-map__summary">{summary}</p>' in body
    mapped = re.findall(
        r'<li class="notice-map__item notice-map__item--(\w+)">\s*<a href="#([\w-]+)"', body
    )
    assert [status for status, _ in mapped] == ["changed", "added", "changed"]
    anchors = [anchor for _, anchor in mapped]
    toc = html.split('class="md-sidebar md-sidebar--secondary"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="#([\w-]+)" class="md-nav__link">', toc) == anchors
    # each entry says which section and how it changed, as the map does
    mapped_text = re.findall(r'<li class="notice-map__item[^"]*">(.*?)</li>', body, re.S)
    assert [
        text(item).strip() for item in re.findall(r'class="md-nav__link">(.*?)</a>', toc, re.S)
    ] == [text(item).strip() for item in mapped_text]
    # German is shown in Norwegian (its translation is not complete): the reader's words
    # inside that text say they are German.
    german = prefix == "de/"
    own, own_link = (' dir="ltr" lang="de"', ' lang="de" dir="ltr"') if german else ("", "")
    after_legend = body.split('class="notice-legend"')[1]
    summaries = re.findall(r"<summary([^>]*)>([^<]*)</summary>", after_legend)
    assert len(summaries) == 4, summaries  # 4 runs of unchanged sections, not 22 folds
    assert all(unchanged in s for _, s in summaries[:3])
    assert {attributes for attributes, _ in summaries} == {own}
    nexts = list(re.finditer(r'<p class="notice-next"([^>]*)><a href="#([\w-]+)">', body))
    hops = [found.group(2) for found in nexts]
    assert hops == [*anchors[1:], "notice-changes"]
    assert {found.group(1) for found in nexts} == {own_link}
    places = [found.start() for found in nexts]
    starts = [body.index(f'id="{anchor}"') for anchor in anchors]
    assert starts[0] < places[0] < starts[1] < places[1] < starts[2] < places[2]
    assert 'id="notice-changes"' in body
    # The legend's examples end their sentence; what is folded is said in one of its own.
    legend = body.split('class="notice-legend"', 1)[1].split("</p>", 1)[0]
    assert legend.rstrip().endswith("</ins>")
    assert re.search(r'<p class="notice-legend notice-legend--folded">[^<]+\.</p>', body)


def test_renamed_heading_is_reported(site: Path) -> None:
    body = text(article(page(site, "en/privacy/compare/2024-05-01/2025-09-01")))
    assert "How to opt out (renamed: was Opting out of marketing)" in body


def test_compare_pages_are_valid_html(site: Path) -> None:
    parser = html5lib.HTMLParser(strict=False)
    for path in sorted(site.glob("**/compare/*/*/index.html")):
        content = path.read_text(encoding="utf-8")
        redline = content.split('<div class="notice-text"', 1)[1].split("</article>", 1)[0]
        parser.parseFragment('<div class="notice-text"' + redline)
        assert parser.errors == [], path


def test_versions_link_to_their_comparisons(site: Path) -> None:
    archived = links(
        article(page(site, "en/privacy/versions/2024-05-01")), "en/privacy/versions/2024-05-01"
    )
    assert "/en/privacy/compare/2024-05-01/2025-09-01/" in archived  # with the current one
    current = links(article(page(site, "en/privacy")), "en/privacy")
    assert "/en/privacy/compare/2024-05-01/2025-09-01/" in current  # from the previous one
    history = links(article(page(site, "en/privacy/versions")), "en/privacy/versions")
    assert {
        "/en/privacy/compare/2025-09-01/2027-01-01/",
        "/en/privacy/compare/2024-05-01/2025-09-01/",
    } <= history


def test_draft_preview_compares_the_draft_with_the_latest_release(project: Path) -> None:
    """Against LATEST, upcoming on TODAY: the version `notice diff` compares it with."""
    draft = project / "docs/privacy/draft.md"
    original = draft.read_text(encoding="utf-8")
    assert original.count(" 7 dager") == 2
    draft.write_text(original.replace(" 7 dager", " 14 dager"), encoding="utf-8")
    try:
        site = build(project, TODAY, "--draft")
        html = article(page(site, f"privacy/compare/{LATEST}/draft"))
        assert '<ins><span class="notice-sr">Satt inn: </span>14' in html
        assert "Dette er et utkast til gjennomgang." in text(article(page(site, "privacy/draft")))
        for path in ("privacy", "privacy/versions/2025-09-01", "en/privacy"):
            found = links(article(page(site, path)), path)
            prefix = "/en" if path.startswith("en/") else ""
            assert f"{prefix}/privacy/draft/" in found, path
            assert f"{prefix}/privacy/compare/{LATEST}/draft/" in found, path
        archived = links(article(page(site, "privacy/versions/2024-05-01")), "privacy")
        assert f"/privacy/compare/{LATEST}/draft/" not in archived
        plain = build(project, TODAY)
        assert not (plain / "privacy/draft").exists()
    finally:
        draft.write_text(original, encoding="utf-8")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_same_inputs_and_date_give_the_same_site(project: Path, site: Path, engine: str) -> None:
    """Same sources and date: the same bytes, whatever the hash seed, time zone, file
    order or modification times, rendered in one process or forked ones, with the
    build cache or without it; and with MkDocs, `mkdocs build` gives what `notice build`
    gives."""
    import os

    other = project.parent / "other"
    # The copy is written file by file in reverse order, with other mtimes.
    sources = [
        p
        for p in project.rglob("*")
        if p.is_file() and p.relative_to(project).parts[0] in PROJECT_PARTS
    ]
    for path in sorted(sources, reverse=True):
        target = other / path.relative_to(project)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        os.utime(target, (1_000_000_000, 1_000_000_000))
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Asia/Tokyo"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if engine == "mkdocs":
        # `mkdocs build` itself, the plugin staging the project in MkDocs' process, in
        # one job and without the cache, dated by the plugin's `date` option (the
        # environment has no SOURCE_DATE_EPOCH: the site above was built with one).
        config = other / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        options = f"  - notice:\n      jobs: 1\n      cache: false\n      date: '{TODAY}'\n"
        config.write_text(text.replace("  - notice:\n", options, 1), encoding="utf-8")
        command = ["-m", "mkdocs", "build", "--quiet"]
    else:
        command = ["-m", "notice", "build", "--date", TODAY, "--engine", engine, "--jobs", "1"]
        command.append("--no-cache")
    result = subprocess.run(
        [sys.executable, *command], cwd=other, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    first, second = _tree(site), _tree(other / "site")
    assert len(first) > 50
    assert "sitemap.xml.gz" in first
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_the_built_site_verifies_against_its_record(project: Path, site: Path) -> None:
    """`notice verify` reads what each engine wrote: the record on every version page,
    the released texts, PDFs, registries and feeds."""
    result = notice(project, "verify", str(site))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        rf"verified {re.escape(str(site))}: checked 2 notices, 6 versions, 48 files' SHA-256, "
        r"40 pages' text against their frozen text; chain heads: "
        r"cookies [0-9a-f]{12} \(not anchored\), privacy [0-9a-f]{12} \(not anchored\)\n"
        r"not anchored: the chains of cookies and privacy are internally consistent, .*\n",
        result.stdout,
    ), result.stdout


def test_verify_names_a_number_changed_in_a_page(project: Path, site: Path, tmp_path: Path) -> None:
    """What each engine wrote of a version's text is compared with its frozen text: a
    number changed in the HTML of one page (its record and every file left as they were)
    is named, with the page."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "en/privacy/versions/2024-05-01/index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("after 30 days") == 2
    page.write_text(html.replace("after 30 days", "after 3 days", 1), encoding="utf-8")
    result = notice(project, "verify", str(copy))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {page}: the page does not show its frozen text "
        "https://personvern.fjordkontor.example/privacy/versions/2024-05-01/en.md: the page says "
        '"… we delete the entry after 3 days. Some of our centres …", the frozen text '
        '"… we delete the entry after 30 days. Some of our centres …"\n'
    )


def test_security_headers_file(staged: Path) -> None:
    headers = (staged / "_headers").read_text(encoding="utf-8")
    assert headers.startswith("/*\n")
    for name in (
        "Content-Security-Policy: default-src 'self'",
        "frame-ancestors 'none'",
        "Referrer-Policy: no-referrer",
        "X-Content-Type-Options: nosniff",
        "Permissions-Policy:",
    ):
        assert name in headers


def test_pages_carry_the_content_security_policy(site: Path) -> None:
    page = (site / "en/privacy/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' in page
    assert "<script>" not in page


def test_sitemap_has_absolute_alternates_and_x_default(staged: Path) -> None:
    sitemap = (staged / "sitemap.xml").read_text(encoding="utf-8")
    assert (
        '<xhtml:link rel="alternate" hreflang="en" '
        'href="https://personvern.fjordkontor.example/en/privacy/" />'
    ) in sitemap
    assert sitemap.count('hreflang="x-default"') == sitemap.count("<url>")
    assert "/404/" not in sitemap


def test_every_language_has_its_own_404(site: Path) -> None:
    """At [/<lang>]/404.html, where hosts look, with addresses that work at any depth."""
    for prefix, words in (
        ("", "Fant ikke siden"),
        ("en/", "Page not found"),
        ("sv/", "Sidan hittades inte"),
        ("de/", "Seite nicht gefunden"),
    ):
        html = (site / prefix / "404.html").read_text(encoding="utf-8")
        assert not (site / prefix / "404").exists()
        assert words in html
        assert f'<html lang="{prefix.strip("/") or "nb"}"' in html
        relative = re.findall(r'(?:href|src)="(?![/#]|[a-z]+:)([^"]*)"', html)
        assert relative == []
        config = re.search(
            r'<script id="__config" type="application/json">(.*?)</script>', html, re.S
        )
        assert config is not None
        assert json.loads(config.group(1))["base"] == "/"
        assert 'rel="canonical"' not in html
        assert f'href="/{prefix}privacy/"' in html
        for other in ("en", "sv", "de"):
            if other != prefix.strip("/"):
                assert f'href="/{other}/404.html"' in html


def test_redirects_send_each_language_to_its_404_page(site: Path, staged: Path) -> None:
    rules = [line.split() for line in (staged / "_redirects").read_text().splitlines()]
    assert rules == [
        ["/ar/*", "/ar/404.html", "404"],
        ["/de/*", "/de/404.html", "404"],
        ["/en/*", "/en/404.html", "404"],
        ["/sv/*", "/sv/404.html", "404"],
        ["/*", "/404.html", "404"],
    ]
    for _, target, _ in rules:
        assert (site / target.lstrip("/")).is_file()


def test_site_name_is_translated(site: Path, staged: Path) -> None:
    for prefix, name in (
        ("", "Fjordkontor personvern"),
        ("en/", "Fjordkontor privacy"),
        ("sv/", "Fjordkontor integritet"),
        ("de/", "Fjordkontor Datenschutz"),
    ):
        html = page(site, prefix)
        topic = re.search(r'md-header__topic">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<', html)
        assert topic is not None
        assert topic.group(1) == name
        assert f" - {name}</title>" in html
        feed = (staged / prefix / "privacy/feed.xml").read_text(encoding="utf-8")
        assert f"<name>{name}</name>" in feed


def test_hostile_translations_cannot_inject_markup(tmp_path: Path, engine: str) -> None:
    """Markup in titles, descriptions and summaries from PO files is shown as text."""
    from notice.text.pofile import read_catalog, write_catalog

    project = copy_project(tmp_path / "hostile")
    _ENGINE[project] = engine
    po = project / "locales/en/LC_MESSAGES/index.po"
    catalog = read_catalog(po, "en")
    hostile = 'Privacy </title><b id="x">bold</b> "quoted" & more'
    for message in catalog:
        if message.id == "Personvern hos Fjordkontor":
            message.string = hostile
    write_catalog(po, catalog)
    site_po = project / "locales/en/LC_MESSAGES/site.po"
    strings = read_catalog(site_po, "en")
    strings.get("Fjordkontor personvern", "site_name").string = 'Fjord <i id="y">kontor</i>'
    write_catalog(site_po, strings)
    site = build(project, TODAY)
    html = (site / "en/index.html").read_text(encoding="utf-8")
    assert '<b id="x">' not in html
    assert "</title><b" not in html
    title = re.search(r"<title>(.*?)</title>", html)
    assert title is not None
    text, _, name = title.group(1).rpartition(" - ")
    # Escaped as text: Jinja writes &#34; for a quote, Python's html.escape &quot;.
    assert text.replace("&#34;", "&quot;") == (
        "Privacy &lt;/title&gt;&lt;b id=&quot;x&quot;&gt;bold&lt;/b&gt; &quot;quoted&quot; "
        "&amp; more"
    )
    assert name.replace("&#34;", "&quot;") == "Fjord &lt;i id=&quot;y&quot;&gt;kontor&lt;/i&gt;"
    assert '<i id="y">' not in html
    nav = html.split('md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "&lt;/title&gt;&lt;b id=" in nav


def test_script_in_a_translation_stops_the_build(tmp_path: Path) -> None:
    from notice.text.pofile import read_catalog, write_catalog

    project = copy_project(tmp_path / "script")
    po = project / "locales/en/LC_MESSAGES/index.po"
    catalog = read_catalog(po, "en")
    for message in catalog:
        if message.id == "Personvern hos Fjordkontor":
            message.string = "Privacy<script>alert(1)</script>"
    write_catalog(po, catalog)
    result = notice(project, "build", "--date", TODAY)
    assert result.returncode == 1
    assert "unsafe HTML: it contains a <script> tag; it is never published" in result.stderr
    assert not (project / "site").exists()


def test_preview_builds_the_drafts_in_the_source_language_only(project: Path) -> None:
    site = project / "preview"
    result = notice(project, "build", "--preview", "--date", TODAY, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert (site / "privacy/draft/index.html").is_file()
    assert (site / f"privacy/compare/{LATEST}/draft/index.html").is_file()
    assert (site / "privacy/index.html").is_file()
    assert not (site / "privacy/versions/2024-05-01").exists()
    assert not (site / "en").exists()


def test_the_build_cache_never_changes_the_site(tmp_path: Path) -> None:
    """Built with an empty cache, with a full one holding damaged and stale entries, and
    with a cache that cannot be written: the same bytes every time (and without a cache:
    ``test_same_inputs_and_date_give_the_same_site``)."""
    project = copy_project(tmp_path / "project")
    cache = project / ".cache" / "notice"
    plain = _tree(build(project, TODAY, "--jobs", "3"))
    entries = sorted(cache.glob("??/*.json"))
    assert len(entries) > 20  # segments of every frozen text and every redline
    entries[0].write_text('{"key": "', encoding="utf-8")
    entries[1].write_text(json.dumps({"key": entries[1].stem, "valu": 1}), encoding="utf-8")
    stale = cache / "00" / ("0" * 64 + ".json")
    stale.parent.mkdir(exist_ok=True)
    stale.write_text('{"key": "stale"}', encoding="utf-8")
    # In one job: each language rendered in turn in this process.
    assert _tree(build(project, TODAY, "--jobs", "1", name="site-damaged")) == plain
    assert not stale.exists(), "a full build removes the entries it no longer uses"
    assert sorted(cache.glob("??/*.json")) == entries
    for entry in entries[:2]:
        assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem
    shutil.rmtree(project / ".cache")
    (project / ".cache").write_text("in the way", encoding="utf-8")
    result = notice(project, "build", "--date", TODAY, "--site-dir", "site-blocked")
    assert result.returncode == 0, result.stderr
    assert "cannot be written" in result.stderr
    assert _tree(project / "site-blocked") == plain


def test_jobs_must_be_a_positive_number(sample: Path) -> None:
    result = notice(sample, "build", "--jobs", "0")
    assert result.returncode == 2
    assert "'0' is not a whole number of at least 1" in result.stderr

"""The middle of a build, in process: the pages and their builders, versions.json, the
hosting files, the feeds, the announcements and ``notice verify``, on the sample staged
once (no engine), checked against the registry they come from."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2
import pytest

from notice.core.errors import NoticeError, NoticeErrors
from notice.project.config import Project, load_project
from notice.project.sources import Sources, load_sources
from notice.record.versions import status
from notice.site.feeds import REGISTRY
from notice.site.hosting import headers, redirects
from notice.site.meta import Page
from notice.site.schema import read_versions_json
from notice.site.stage import Settings, Staged, stage, write_pages
from notice.text.markdown import sanitize
from notice.usecases import announce
from notice.usecases.verify import Discrepancy, verify
from tests.conftest import REPO, copy_project

DAY = "2026-11-24"
ATOM = "{http://www.w3.org/2005/Atom}"


#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("site_parts")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return load_project(copy_project(tmp_path_factory.mktemp("parts") / "project") / "mkdocs.yml")


@pytest.fixture(scope="module")
def sources(project: Project) -> Sources:
    return load_sources(project)


@pytest.fixture(scope="module")
def staged(project: Project) -> Staged:
    return stage(project, Settings.of(project, today=DAY))


def _pages(staged: Staged, code: str, notice: str) -> dict[str, Page]:
    prefix = f"{code}/{notice}/"
    return {p.path[len(prefix) :]: p for p in staged.pages if p.path.startswith(prefix)}


# --- the pages --------------------------------------------------------------------------


def test_every_language_has_the_same_pages(staged: Staged) -> None:
    codes = [language.code for language in staged.languages]
    shapes = {
        code: sorted(p.path.split("/", 1)[1] for p in staged.pages if p.path.startswith(f"{code}/"))
        for code in codes
    }
    assert codes == ["nb", "en", "sv", "de", "ar"]
    assert all(shape == shapes["nb"] for shape in shapes.values())


def test_each_version_page_has_the_status_of_its_version_that_day(
    staged: Staged, sources: Sources
) -> None:
    versions = sources.registries["privacy"].versions()
    today = date.fromisoformat(DAY)
    expected = {v.effective.isoformat(): status(v, versions, today) for v in versions}
    assert set(expected.values()) == {"archived", "current", "upcoming"}
    for code in ("nb", "en", "ar"):
        pages = _pages(staged, code, "privacy")
        for effective, state in expected.items():
            notice = pages[f"versions/{effective}/index.md"].meta.notice
            assert notice.kind == "version"
            assert notice.status == state, (code, effective)
            assert notice.record is not None
            assert notice.record.effective == effective
        main = pages["index.md"].meta.notice
        assert main.effective == "2025-09-01"  # the notice's address shows the current one
        assert main.upcoming is not None
        assert main.upcoming.effective == "2027-01-01"


def test_a_page_records_the_hash_of_the_text_it_shows(staged: Staged, sources: Sources) -> None:
    for version in sources.registries["privacy"].versions():
        for code in ("nb", "sv", "ar"):
            page = _pages(staged, code, "privacy")[f"versions/{version.effective}/index.md"]
            record = page.meta.notice.record
            assert record is not None
            shown = code if code in version.files else "nb"
            assert (record.lang, record.sha256) == (shown, version.files[shown])
            assert staged.files[record.source_url or ""].decode("utf-8")  # published beside it


def test_the_compare_pages_are_complete(staged: Staged) -> None:
    for code in ("nb", "de", "ar"):
        pages = _pages(staged, code, "privacy")
        compares = {path: page for path, page in pages.items() if path.startswith("compare/")}
        # each version against the one before it (4), and the version in effect against
        # each upcoming one after the next (2027-01-15 and 2027-02-01)
        assert len(compares) == 6, code
        for page in compares.values():
            notice = page.meta.notice
            assert notice.kind == "compare"
            assert notice.sections, "the sections that changed"
            assert notice.summary_line
            assert re.search(r"<(ins|del)\b", page.body), "and the redline itself"
    arabic = next(p for path, p in _pages(staged, "ar", "privacy").items() if "compare/" in path)
    assert re.search("[\u0600-\u06ff]", arabic.meta.notice.summary_line or "")


def test_every_page_lists_itself_in_every_language(staged: Staged) -> None:
    paths = {page.path for page in staged.pages}
    prefixes = {language.code: language.prefix for language in staged.languages}
    for page in staged.pages:
        alternates = page.meta.alternates
        assert [a.lang for a in alternates] == list(prefixes), page.path
        rest = page.path.split("/", 1)[1]
        for alternate in alternates:
            assert f"{alternate.lang}/{rest}" in paths
            address = (
                rest.removesuffix("index.md") if rest.endswith("index.md") else rest[:-3] + "/"
            )
            assert alternate.url == prefixes[alternate.lang] + address, page.path


def test_each_language_has_its_own_not_found_page(staged: Staged) -> None:
    for language in staged.languages:
        page = next(p for p in staged.pages if p.path == f"{language.code}/404.md")
        assert page.meta.lang.startswith(language.code.split("_")[0].split("-")[0])
    arabic = next(p for p in staged.pages if p.path == "ar/404.md")
    assert arabic.meta.dir == "rtl"


# --- versions.json, the hosting files, the feeds ----------------------------------------


def test_versions_json_points_at_what_the_build_publishes(staged: Staged) -> None:
    index = read_versions_json(staged.files["versions.json"].decode("utf-8"))
    site = index["site_url"]
    published = {f"{site}{path}" for path in staged.files}
    pages = {page.path for page in staged.pages}
    prefixes = {language.prefix: language.code for language in staged.languages}
    assert [n["id"] for n in index["notices"]] == ["cookies", "privacy"]
    for notice in index["notices"]:
        for version in notice["versions"]:
            for entry in version["languages"].values():
                assert entry["source"] in published, entry["source"]
                if "pdf" in entry:
                    assert entry["pdf"]["url"] in published
                page = entry["url"].removeprefix(site)
                prefix = next(
                    p for p in sorted(prefixes, key=len, reverse=True) if page.startswith(p)
                )
                assert f"{prefixes[prefix]}/{page.removeprefix(prefix)}index.md" in pages, page


def test_the_hosting_files_cover_every_language(staged: Staged) -> None:
    prefixes = [language.prefix for language in staged.languages]
    text = redirects(prefixes, "https://example.org/notices/")
    lines = text.splitlines()
    assert len(lines) == len(prefixes)
    assert lines[-1].split() == ["/notices/*", "/notices/404.html", "404"]
    assert "/notices/ar/* " in text
    built = [p for p in staged.files if p not in ("_headers", "_redirects", "sitemap.xml")]
    rules = staged.files["_headers"].decode("utf-8")
    assert rules == headers(built, "https://personvern.fjordkontor.example/")
    assert "Content-Security-Policy:" in rules
    for text in (p for p in built if "/versions/" in p and p.endswith(".md")):
        assert f"/{text}\n  Content-Type: text/plain; charset=utf-8\n" in rules, text


def test_each_feed_lists_the_shown_versions_with_the_chain_head(
    staged: Staged, sources: Sources
) -> None:
    registry = sources.registries["privacy"]
    for language in staged.languages:
        feed = ET.fromstring(staged.files[f"{language.prefix}privacy/feed.xml"])
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == len(registry.versions())
        assert feed.findtext(f"{{{REGISTRY}}}head") == registry.head
        ids = [entry.findtext(f"{ATOM}id") for entry in entries]
        assert len(set(ids)) == len(ids)


def test_feed_ids_stay_the_same_from_one_day_to_the_next(project: Project, staged: Staged) -> None:
    later = stage(project, Settings.of(project, today="2027-02-01"))

    def ids(site: Staged) -> set[str | None]:
        feed = ET.fromstring(site.files["en/privacy/feed.xml"])
        return {entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")}

    assert ids(later) == ids(staged)


# --- announcements ----------------------------------------------------------------------


def _plan(sources: Sources, today: str) -> list[tuple[announce.Announcement, bytes]]:
    mailing = announce.Mailing(
        sources,
        today=date.fromisoformat(today),
        site_url="https://example.org/",
        site_name="Fjordkontor",
        sender="personvern@example.org",
        date_locales={"en": "en_GB"},
    )
    return announce.plan(mailing, "privacy", None)


def test_an_announcement_is_written_in_each_language_of_the_version(sources: Sources) -> None:
    planned = _plan(sources, DAY)
    version = sources.registries["privacy"].versions()[-1]
    assert [a.language for a, _ in planned] == list(version.languages)
    english = next(message for a, message in planned if a.language == "en")
    parsed = email.message_from_bytes(english, policy=email.policy.default)
    assert parsed["Content-Language"] == "en"
    text = parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "1 February 2027" in text  # Babel, en_GB
    assert "https://example.org/en/privacy/compare/" in text


def test_no_announcement_once_the_version_is_in_effect(sources: Sources) -> None:
    with pytest.raises(NoticeError, match="an announcement tells people before"):
        _plan(sources, "2027-02-01")


# --- notice verify ----------------------------------------------------------------------


def _published(staged: Staged, folder: Path, project: Project) -> Path:
    """The staged site as a host serves it, its version pages' records rendered by the
    theme's own partial and their text by the project's renderer in the element the
    theme puts it in (what ``notice verify`` reads of a page)."""
    for path, data in staged.files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "overrides" / "partials"), autoescape=False
    )
    environment.filters["url"] = lambda value: value
    record = environment.get_template("notice-record.html")
    prefixes = {language.code: language.prefix for language in staged.languages}
    to_html = project.markdown_renderer()
    for page in staged.pages:
        if page.meta.notice.kind != "version":
            continue
        code, rest = page.path.split("/", 1)
        target = folder / prefixes[code] / rest.removesuffix("index.md") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = f'<div class="notice-text">{sanitize(to_html(page.body))}</div>'
        target.write_text(text + record.render(n=page.meta.notice), encoding="utf-8")
    return folder


def test_verify_reads_back_what_the_build_publishes(
    staged: Staged, tmp_path: Path, project: Project
) -> None:
    site = _published(staged, tmp_path / "site", project)
    summary = verify(str(site))
    assert (summary.notices, summary.versions) == (2, 6)
    assert summary.files == sum(1 for p in staged.files if "/versions/" in p)
    assert summary.pages == 40  # 6 versions and 2 main pages, in 5 languages


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda site: (site / "privacy/versions/2025-09-01/en.md").write_bytes(b"Edited.\n"),
            "the released text was changed",
        ),
        (
            lambda site: _replace(
                site / "en/privacy/versions/2025-09-01/index.html", "2025-08-04", "2025-08-05"
            ),
            "the page states the published date 2025-08-05",
        ),
        (
            lambda site: _replace(site / "sv/privacy/feed.xml", "b62c9772d4d3", "000000000000"),
            "the feed states the chain head 000000000000",
        ),
        (
            lambda site: _replace(site / "sv/privacy/index.html", "999 888 777", "999 888 778"),
            "the page does not show its frozen text .*/privacy/versions/2025-09-01/sv.md: "
            'the page says ".* 999 888 778,',
        ),
    ],
)
def test_verify_names_what_differs(
    staged: Staged, tmp_path: Path, project: Project, edit: object, message: str
) -> None:
    site = _published(staged, tmp_path / "site", project)
    edit(site)  # type: ignore[operator]
    with pytest.raises(Discrepancy, match=message):
        verify(str(site))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_staged_pages_are_written_where_the_engines_read_them(
    staged: Staged, tmp_path: Path
) -> None:
    write_pages(staged.pages, tmp_path)
    assert (tmp_path / "ar/privacy/versions/2027-01-01/index.md").is_file()
    assert sum(1 for _ in tmp_path.rglob("*.md")) == len(staged.pages)
    shutil.rmtree(tmp_path)


# --- what the notice says under the GDPR ------------------------------------------------


@pytest.fixture(scope="module")
def drafts(project: Project) -> Staged:
    return stage(project, Settings.of(project, today=DAY, draft=True))


def test_a_draft_with_facts_leads_with_its_first_layer(drafts: Staged) -> None:
    english = next(p for p in drafts.pages if p.path == "en/privacy/draft/index.md")
    layers = english.meta.notice.layers
    assert layers is not None
    assert [d.item for d in layers.first] == ["controller", "purposes", "rights"]
    # The first layer says the facts, in English: who, the purposes with their bases,
    # what the editor marks, the rights that follow from the facts.
    said = {d.label: d for d in layers.said}
    assert list(said) == [
        "Who is responsible for your data",
        "What we use your data for",
        "Worth knowing",
        "Your rights",
    ]
    controller = said["Who is responsible for your data"]
    assert controller.lines == ("Fjordkontor AS", "Kaigaten 12, 5015 Bergen")
    assert controller.email == "personvern@fjordkontor.example"
    assert controller.url == "#hvem-som-er-behandlingsansvarlig"
    (purposes,) = said["What we use your data for"].lines  # one line, listed
    assert purposes.startswith("Bookings and membership (contract), Payment and invoicing ")
    assert purposes.endswith(" and Newsletter and offers (consent)")
    assert "Camera surveillance (legitimate interests)" in purposes
    assert "Payment and invoicing (contract and legal obligation)" in purposes
    assert said["Worth knowing"].lines[0] == (
        "Camera surveillance (legitimate interests): Video recordings (kept 7 days)"
    )
    assert said["Your rights"].lines == (
        "access, rectification, erasure, restriction, data portability, objection, "
        "withdrawing consent and complaining to a supervisory authority",
    )
    rights = next(d for d in layers.all if d.item == "rights")
    assert (rights.label, rights.article) == (
        "Your rights",
        "Art. 13(2)(b) and Art. 14(2)(c) GDPR",
    )
    assert [(s.title, s.url) for s in rights.sections] == [("Your rights", "#dine-rettigheter")]
    objection = next(d for d in layers.all if d.item == "objection")
    assert objection.article == "Art. 21(4) GDPR"
    assert layers.lang == "en"
    assert layers.index_url is None, "a draft has no index: nothing is released"
    cookies = next(p for p in drafts.pages if p.path == "en/cookies/draft/index.md")
    assert cookies.meta.notice.layers is None, "the cookie notice is off"


def test_a_compare_page_says_which_facts_changed(staged: Staged, drafts: Staged) -> None:
    page = next(
        p for p in staged.pages if p.path == "en/privacy/compare/2027-01-15/2027-02-01/index.md"
    )
    affects = page.meta.notice.affects
    assert affects is not None
    assert "What we use your data for" in affects.topics
    assert affects.facts == (
        "New purpose: Customer surveys (legitimate interests)",
        "New kind of data: Survey answers",
        "New recipients: The customer survey provider",
        "New transfer to United Kingdom, under an adequacy decision",
        "Running and securing the websites: kept 90 days instead of 30 days",
    )
    # Against the latest release (2027-02-01, upcoming on DAY), not the version in effect:
    # the draft only rewords its summary, which affects nothing the GDPR requires.
    draft = next(
        p for p in drafts.pages if p.path.startswith("en/privacy/compare/") and "draft" in p.path
    )
    assert draft.path == "en/privacy/compare/2027-02-01/draft/index.md"
    assert draft.meta.notice.affects is None


def test_released_versions_without_facts_show_none(staged: Staged) -> None:
    with_facts = ("2027-01-15", "2027-02-01")
    for page in staged.pages:
        if page.meta.notice.kind == "version" and "/privacy/" in page.path:
            has = any(f"/versions/{v}/" in page.path for v in with_facts)
            assert (page.meta.notice.layers is not None) is has, page.path
    index = read_versions_json(staged.files["versions.json"].decode("utf-8"))
    told = {v["effective"] for n in index["notices"] for v in n["versions"] if "disclosures" in v}
    assert told == set(with_facts)
    assert sorted(p for p in staged.files if p.endswith(".jsonld")) == [
        "notice-vocabulary.jsonld",
        "privacy/versions/2027-01-15/notice.jsonld",
        "privacy/versions/2027-02-01/notice.jsonld",
    ]


def test_a_page_announces_the_next_version_after_its_own_never_one_before(
    staged: Staged,
) -> None:
    """With three versions upcoming, each version page announces the one after it, and the
    newest announces none (it used to point back to the first upcoming one)."""
    announced = {}
    for page in staged.pages:
        if page.path.startswith("en/privacy/versions/") and page.meta.notice.kind == "version":
            upcoming = page.meta.notice.upcoming
            announced[page.path.split("/")[3]] = upcoming.effective if upcoming else None
    assert announced == {
        "2024-05-01": "2027-01-01",
        "2025-09-01": "2027-01-01",
        "2027-01-01": "2027-01-15",
        "2027-01-15": "2027-02-01",
        "2027-02-01": None,
    }


def test_a_part_lets_the_other_languages_texts_go_and_checks_them_when_read_again(
    tmp_path: Path,
) -> None:
    """A part keeps its languages' released texts and PDFs (and the source language's
    texts); every other file is verified, then let go: a text read again is checked
    again, and one changed meanwhile is refused by name."""
    project = load_project(copy_project(tmp_path / "project") / "mkdocs.yml")
    whole = load_sources(project)
    part = load_sources(project, published_in={"en"})
    registry = part.registries["privacy"]
    version = registry.versions()[-1]
    key = ("privacy", version.key, "sv")
    assert part.frozen_source("privacy", version, "sv") == whole.frozen_source(
        "privacy", version, "sv"
    )
    assert {language for (_, _, language) in part.frozen_pdfs} == {"en"}
    assert {language for (_, _, language) in whole.frozen_pdfs} > {"en", "sv", "nb"}
    path = project.docs_dir / "privacy" / "versions" / version.key / "sv.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nAdded.\n", encoding="utf-8")
    with pytest.raises(NoticeError) as raised:
        part.frozen[key]
    assert raised.value.message == "released file changed while the site was being built"
    assert raised.value.path == f"docs/privacy/versions/{version.key}/sv.md"
    path.unlink()
    with pytest.raises(NoticeError) as raised:
        part.frozen_source("privacy", version, "sv")
    assert raised.value.message.startswith("released file could not be read again")
    assert raised.value.hint == "build again"
    kept = part.frozen_source("privacy", version, "en")  # read when loaded: not again
    assert kept == whole.frozen_source("privacy", version, "en")


def test_a_part_still_verifies_the_record_files_it_lets_go(tmp_path: Path) -> None:
    """Another language's released text and PDF, changed: a part of English refuses both,
    as the whole build does, though it publishes neither."""
    project = load_project(copy_project(tmp_path / "project") / "mkdocs.yml")
    version = load_sources(project).registries["privacy"].versions()[-1]
    folder = project.docs_dir / "privacy" / "versions" / version.key
    for name in ("sv.md", "sv.pdf"):
        (folder / name).write_bytes((folder / name).read_bytes() + b"\n")
    with pytest.raises(NoticeErrors) as raised:
        load_sources(project, published_in={"en"})
    said = {error.path: error.message for error in raised.value.errors}
    where = f"docs/privacy/versions/{version.key}"
    assert said[f"{where}/sv.md"].startswith("released text was changed: its SHA-256")
    assert said[f"{where}/sv.pdf"].startswith("released PDF was changed or replaced")


def test_a_language_the_site_no_longer_has_is_kept_by_every_part(tmp_path: Path) -> None:
    """German removed from mkdocs.yml: its released texts and PDFs belong to no part, so
    a part of English keeps them (and publishes them) as the whole build does."""
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    german = "        - locale: de\n          name: Deutsch\n          build: true\n"
    config.write_text(text.replace(german, ""), encoding="utf-8")
    project = load_project(config)
    assert "de" not in {language.code for language in project.languages}
    whole, part = load_sources(project), load_sources(project, published_in={"en"})
    german_pdfs = {key for key in whole.frozen_pdfs if key[2] == "de"}
    assert german_pdfs
    assert german_pdfs <= set(part.frozen_pdfs)
    assert {key[2] for key in part.frozen_pdfs} == {"en", "de"}
    version = whole.registries["privacy"].versions()[-1]
    assert part.frozen_source("privacy", version, "de") == whole.frozen_source(
        "privacy", version, "de"
    )


def test_a_part_reads_and_reviews_only_its_languages_words(
    tmp_path: Path, cldr_reads: set[str]
) -> None:
    """A part of English stages the sample without reading a word of CLDR's data for
    the languages it does not make (about 1 MiB a language, kept once read): its memory
    grows with the languages it builds. Another language's broken site word and landing
    page are reviewed by the part that makes that language, which refuses them as the
    whole build does."""
    project = load_project(copy_project(tmp_path / "project") / "mkdocs.yml")
    stage(project, Settings.of(project, today=DAY), only=["en"])
    assert cldr_reads <= {"nb", "en"}
    cldr_reads.clear()
    stage(project, Settings.of(project, today=DAY))
    assert cldr_reads >= {"sv", "de", "ar"}  # the whole build reads them: the watch works
    locales = project.root / "locales" / "ar" / "LC_MESSAGES"
    for name, message in (
        ("site.po", 'msgid "Draft"\n'),
        ("index.po", 'msgid "Personvern hos Fjordkontor"\n'),
    ):
        text = (locales / name).read_text(encoding="utf-8")
        assert message in text, name
        start = text.index(message) + len(message)
        end = text.index("\n", start)
        (locales / name).write_text(
            text[:start] + 'msgstr "<script>x()</script>"' + text[end:], encoding="utf-8"
        )
    stage(project, Settings.of(project, today=DAY), only=["en"])
    refused = {}
    for only in (None, ["ar"]):
        with pytest.raises(NoticeErrors) as raised:
            stage(project, Settings.of(project, today=DAY), only=only)
        refused[str(only)] = sorted(error.path for error in raised.value.errors)
    assert refused["None"] == refused["['ar']"]
    assert {path.rsplit("/", 1)[1] for path in refused["None"]} == {"site.po", "index.po"}

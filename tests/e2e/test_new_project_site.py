"""A project made by ``notice new`` (not the sample: its ``mkdocs.yml`` is the one a new
user has), written, translated, released twice and built: every page shows its text and
never its Markdown, on both engines; the site's name and the dates are right in every
language, in pages, feeds, PDFs and e-mails."""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from tests.conftest import run_notice

notice = run_notice

SOURCE_NAME = "Prywatność"
"""The site's name ``notice new --source pl`` writes (``site_name``)."""
ENGLISH_NAME = "Privacy"
"""The English translator's name for it (the English fallback of the site's other words)."""
FIRST, SECOND = "2027-01-01", "2027-02-01"
DAY = "2027-02-02"
"""The build's date: the first version archived, the second in effect."""

#: The text of each section of the skeleton, in its order: what Markdown a notice has.
_SECTIONS = (
    "Administratorem jest **Przykład sp. z o.o.**, ul. Długa 1, Gdańsk. Napisz do nas: "
    "[prywatnosc@example.org](mailto:prywatnosc@example.org).",
    "Przetwarzamy:\n\n- imię i nazwisko,\n- adres e-mail.",
    "| Cel | Podstawa |\n|---|---|\n| Umowa | art. 6 ust. 1 lit. b |",
    "Dane otrzymuje nasz dostawca hostingu w UE.",
    "Przechowujemy dane przez **12 miesięcy**.",
    "Podanie danych jest *dobrowolne*.",
    "Masz prawo dostępu do danych, ich sprostowania i usunięcia. Skargę możesz złożyć do "
    "[UODO](https://uodo.gov.pl/).",
)

ATOM = "{http://www.w3.org/2005/Atom}"

#: What Markdown looks like when a page shows it as text.
MARKDOWN_SYNTAX = ("## ", "{ #", "{: ", "](", "**")


def _translate(project: Path, code: str, domain: str, strings: dict[str, str] | None) -> None:
    """Translate ``domain``'s catalog of ``code``: each message to ``strings[msgctxt or
    msgid]``, or (``strings`` None) every message to itself."""
    from notice.text.pofile import read_catalog, write_catalog

    path = project / f"locales/{code}/LC_MESSAGES/{domain}.po"
    catalog = read_catalog(path, code)
    for message in catalog:
        if not message.id:
            continue
        if strings is None:
            message.string = message.id
        elif (message.context or message.id) in strings:
            message.string = strings[message.context or message.id]
        else:
            continue
        message.flags.discard("fuzzy")
    write_catalog(path, catalog)


def _release(project: Path, effective: str) -> None:
    assert notice(project, "update").returncode == 0
    for code in ("en", "de"):  # complete; Ukrainian is not
        _translate(project, code, "privacy", None)
    released = notice(
        project, "release", "privacy", "--material", "--effective", effective, "--without", "uk"
    )
    assert released.returncode == 0, released.stdout + released.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``notice new --source pl --languages en,de,uk``, with its site's address and contact
    set, the guidance replaced by a text, the English site name translated (and the Polish
    entry left empty, the German and Ukrainian untranslated), released twice."""
    folder = tmp_path_factory.mktemp("new")
    created = notice(folder, "new", "mine", "--source", "pl", "--languages", "en,de,uk")
    assert created.returncode == 0, created.stderr
    project = folder / "mine"
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert f"site_name: {SOURCE_NAME!r}".replace("'", '"') in text
    text = "site_url: https://privacy.example.org/\n" + text.replace(
        "  - notice:\n", "  - notice:\n      contact: prywatnosc@example.org\n", 1
    )
    config.write_text(text, encoding="utf-8")
    draft = project / "docs/privacy/draft.md"
    sections = iter(_SECTIONS)
    text = re.sub(
        r'!!! guidance ""\n(?:    .*\n?)+',
        lambda _: next(sections) + "\n",
        draft.read_text(encoding="utf-8"),
    )
    assert next(sections, None) is None, "a section per box of guidance"
    draft.write_text(text, encoding="utf-8")
    _translate(project, "en", "site", {"site_name": ENGLISH_NAME})
    _translate(project, "pl", "site", {"site_name": ""})
    _release(project, FIRST)
    text = draft.read_text(encoding="utf-8")
    assert "**12 miesięcy**" in text
    text = text.replace("**12 miesięcy**", "**24 miesiące**")
    text = re.sub(r"(?m)^changes: .*$", 'changes: "Dłużej przechowujemy dane."', text)
    draft.write_text(text, encoding="utf-8")
    _release(project, SECOND)
    return project


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    """The site as of ``DAY``, built by the default engine (MkDocs)."""
    result = notice(project, "build", "--date", DAY)
    assert result.returncode == 0, result.stderr
    return project / "site"


class _Text(HTMLParser):
    """The text a reader sees: everything but scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _shown(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_page_of_a_new_project_shows_markdown(
    project: Path, built: Path, engine: str, tmp_path: Path
) -> None:
    """Every kind of page, in every language: the text as HTML, never as Markdown; the
    compare page's folded unchanged sections too (the new project's ``mkdocs.yml`` names
    no ``md_in_html``: the plugin adds what its pages need)."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "md_in_html" not in str(config["markdown_extensions"])
    site = built
    if engine == "zensical":
        site = tmp_path / "site"
        result = notice(
            project, "build", "--date", DAY, "--engine", engine, "--site-dir", str(site)
        )
        assert result.returncode == 0, result.stderr
    pages = {
        "landing": "index.html",
        "current": "privacy/index.html",
        "history": "privacy/versions/index.html",
        "archived version": f"privacy/versions/{FIRST}/index.html",
        "current version": f"privacy/versions/{SECOND}/index.html",
        "compare": f"privacy/compare/{FIRST}/{SECOND}/index.html",
        "not found": "404.html",
    }
    for prefix in ("", "en/", "de/", "uk/"):
        for kind, page in pages.items():
            assert (site / prefix / page).is_file(), f"{kind}: {prefix}{page}"
    for path in sorted(site.rglob("*.html")):
        shown = _shown(path.read_text(encoding="utf-8"))
        for syntax in MARKDOWN_SYNTAX:
            assert syntax not in shown, (
                f"{path.relative_to(site)} shows {syntax!r}: "
                + (shown[max(shown.index(syntax) - 80, 0) :][:200])
            )
    compare = (site / "en" / pages["compare"]).read_text(encoding="utf-8")
    folded = re.findall(r'<details class="notice-unchanged".*?</details>', compare, re.S)
    assert folded, "the unchanged sections are folded"
    assert '<h2 id="kim-jestesmy"' in folded[0]
    assert "<strong>Przykład sp. z o.o.</strong>" in folded[0]
    assert '<a href="mailto:prywatnosc@example.org">' in folded[0]
    assert "<table>" in "".join(folded)


#: The site's name each language shows: its own translation (English), else the name in
#: the source language: never the English fallback of the site's other words, in Polish
#: itself (whose own entry is empty) too.
NAMES = {"": SOURCE_NAME, "en/": ENGLISH_NAME, "de/": SOURCE_NAME, "uk/": SOURCE_NAME}


@pytest.mark.parametrize("prefix", list(NAMES))
def test_a_language_without_the_site_name_shows_the_source_languages(
    built: Path, prefix: str
) -> None:
    """The header and ``<title>`` of its pages and its feed's author."""
    name = NAMES[prefix]
    for page in (
        "index.html",
        "privacy/index.html",
        f"privacy/compare/{FIRST}/{SECOND}/index.html",
    ):
        html = (built / prefix / page).read_text(encoding="utf-8")
        topic = re.search(r'md-header__topic">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<', html)
        assert topic is not None, page
        assert topic.group(1) == name, page
        title = re.search(r"<title>(.*?)</title>", html)
        assert title is not None, page
        assert title.group(1).endswith(name), page
    feed = ElementTree.parse(built / prefix / "privacy/feed.xml").getroot()
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == name


def test_pdfs_and_e_mails_name_the_site_in_the_source_language(project: Path) -> None:
    """A PDF's author is the site's name in its language (else the source language's);
    every announcement is from the site's name as ``mkdocs.yml`` gives it."""
    from pypdf import PdfReader

    for version in (FIRST, SECOND):
        for code, name in (("pl", SOURCE_NAME), ("en", ENGLISH_NAME), ("de", SOURCE_NAME)):
            pdf = project / f"docs/privacy/versions/{version}/{code}.pdf"
            metadata = PdfReader(pdf).metadata
            assert metadata is not None, (version, code)
            assert metadata.author == name, (version, code)
    announced = notice(project, "announce", "privacy", SECOND)
    assert announced.returncode == 0, announced.stderr
    messages = sorted(project.glob("announcements/privacy/*/*.eml"))
    assert len(messages) == 3, messages  # pl, en, de: the languages of the version
    for path in messages:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        sender = message["From"].addresses[0]
        assert sender.display_name == SOURCE_NAME, path.name
        assert sender.addr_spec == "prywatnosc@example.org"


def test_english_dates_follow_the_choice_new_wrote(project: Path, built: Path) -> None:
    """``notice new`` writes ``date_locales`` with British English, saying how to choose
    American; the English pages then read "1 January 2027"."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      date_locales:\n        en: en_GB\n" in config
    assert '"1 January 2027"' in config
    assert "en_US" in config
    history = _shown((built / "en/privacy/versions/index.html").read_text(encoding="utf-8"))
    assert "1 January 2027" in history
    assert "1 February 2027" in history
    assert "January 1, 2027" not in history


def test_a_text_in_the_source_language_says_so_and_the_readers_words_say_theirs(
    built: Path,
) -> None:
    """Ukrainian was left out of both releases: its compare page shows the Polish texts.
    The summary of changes says it is Polish, the folded runs and the links to the next
    change (the reader's words) that they are Ukrainian."""
    page = (built / f"uk/privacy/compare/{FIRST}/{SECOND}/index.html").read_text("utf-8")
    assert '<p lang="pl">Dłużej przechowujemy dane.</p>' in page
    assert '<summary dir="ltr" lang="uk">' in page
    assert '<p class="notice-next" lang="uk" dir="ltr">' in page
    polish = (built / f"privacy/compare/{FIRST}/{SECOND}/index.html").read_text("utf-8")
    assert "<p>Dłużej przechowujemy dane.</p>" in polish


def test_a_landing_page_titled_as_the_site_names_it_once(built: Path) -> None:
    """``notice new`` titles the landing page with the site's name: its ``<title>`` is
    that name, not the name twice; a notice's page keeps "title - site"."""
    home = re.search(r"<title>(.*?)</title>", (built / "index.html").read_text("utf-8"))
    assert home is not None
    assert home.group(1) == SOURCE_NAME
    notice_page = (built / "privacy/index.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", notice_page)
    assert title is not None
    assert title.group(1).endswith(f" - {SOURCE_NAME}")

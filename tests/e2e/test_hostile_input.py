"""Hostile input can neither break nor poison the record: what ``notice check`` refuses in a
translation or a source, ``notice release`` refuses with the same words (one gate); a value
that reaches a calendar line, a feed or an e-mail is one line; an attribute list cannot
forge the page's own ids and classes; a link is http(s), mailto or within the site, in
the page and in the PDF alike (``tests/fixtures/world``, the real commands)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from notice.site.calendars import Day, calendar
from notice.site.feeds import FeedEntry, atom_feed
from notice.text.markdown import sanitize
from notice.text.pofile import read_catalog, write_catalog
from tests.conftest import REPO, Ran, snapshot

WORLD = REPO / "tests" / "fixtures" / "world"
TRANSLATED = {"ar": "ar", "ja": "ja", "th": "th", "uk": "uk", "zh-Hant": "zh_Hant"}
UK_PO = "locales/uk/LC_MESSAGES/privacy.po"
DRAFT = "docs/privacy/draft.md"
RELEASE = ("release", "privacy", "--material", "--effective", "2099-01-01")
WITHOUT = ("--without", "ga", "--without", "zu")

LINE_BREAK = (
    "a line break in a one-line field: titles, descriptions and names are one line (they "
    "name the page, the feed entry, the calendar event and the e-mail's subject); remove it"
)
CONTROL = (
    "a control character: readers do not see it, yet it is in the text that is released "
    "and hashed, and it breaks the feeds, calendars and e-mails the text goes into; remove it"
)
SEPARATOR = (
    "a line or paragraph separator: browsers show it as a space while feeds, calendars and "
    "e-mails break the line there; write a space, or a new line where the source has one"
)
OUTSIDE = (
    "address, which a reader's browser or PDF viewer would open outside the site; a link "
    "is to the web (http:, https:), to an e-mail address (mailto:) or within the site; it "
    "is never published"
)


def own(kind: str, name: str) -> str:
    return (
        f"the {kind} '{name}' is the page's own (the theme's script and notice verify read "
        f"it); text may not set it: remove it, or name yours otherwise"
    )


def attribute_list(shown: str) -> str:
    return (
        f"an attribute list '{shown}' that the source does not have: it would set ids, "
        f"classes or attributes of the page, which a translation may not; remove it (write "
        f"\\{{ for a brace shown as typed)"
    )


@pytest.fixture
def world(tmp_path: Path, notice_here: Callable[..., Ran]) -> Path:
    """The fixture project with five complete translations (no PDFs here: the PDF's HTML
    is tested on its own below)."""
    project = tmp_path / "project"
    shutil.copytree(WORLD, project, ignore=shutil.ignore_patterns("translations.yml"))
    shutil.copytree(REPO / "overrides", project / "overrides")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - notice:\n", "  - notice:\n      pdf: false\n"), "utf-8")
    assert notice_here(project, "update").returncode == 0
    table = yaml.safe_load((WORLD / "translations.yml").read_text(encoding="utf-8"))
    for language, folder in TRANSLATED.items():
        for domain in ("privacy", "index"):
            path = project / "locales" / folder / "LC_MESSAGES" / f"{domain}.po"
            catalog = read_catalog(path, language)
            for message in catalog:
                if message.id in table:
                    message.string = table[message.id][language]
            write_catalog(path, catalog)
    assert notice_here(project, "check").returncode == 0
    return project


def translate(project: Path, source: str, translation: str) -> int:
    """Give ``source`` the Ukrainian ``translation``; the line of its msgid."""
    path = project / UK_PO
    catalog = read_catalog(path, "uk")
    catalog[source].string = translation
    write_catalog(path, catalog)
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgid "{source}"') + 1


def errors_of_check(result: Ran, path: str) -> list[str]:
    assert result.returncode == 1, result.stdout + result.stderr
    return [
        line.replace(": error: ", ": ", 1)
        for line in result.stdout.splitlines()
        if line.startswith(path) and ": error: " in line
    ]


def errors_of_release(project: Path, run: Callable[..., Ran]) -> list[str]:
    before = snapshot(project)
    result = run(project, *RELEASE, *WITHOUT)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before, "a refused release wrote something"
    return [line.removeprefix("error: ") for line in result.stderr.splitlines()]


HOSTILE = [
    pytest.param(
        "Privacy notice",
        "Повідомлення\nX-INJECTED: yes",
        [f"U+000A LINE FEED: {LINE_BREAK}"],
        id="title-line-feed",
    ),
    pytest.param(
        "Privacy notice",
        "Повідомлення\rX-INJECTED: yes",
        [f"U+000D CARRIAGE RETURN: {LINE_BREAK}"],
        id="title-carriage-return",
    ),
    pytest.param(
        "How Example Ltd uses personal data.",
        "Як Example Ltd\tвикористовує дані.",
        [f"U+0009 CHARACTER TABULATION: {CONTROL}"],
        id="description-tab",
    ),
    pytest.param(
        "Example Ltd is responsible for the personal data described here.",
        "Example Ltd\x0c відповідає за персональні дані, описані тут.",
        [f"U+000C FORM FEED: {CONTROL}"],
        id="paragraph-form-feed",
    ),
    pytest.param(
        "Example Ltd is responsible for the personal data described here.",
        "Example Ltd\u2028відповідає за персональні дані, описані тут.",
        [f"U+2028 LINE SEPARATOR: {SEPARATOR}"],
        id="paragraph-line-separator",
    ),
    pytest.param(
        "Example Ltd is responsible for the personal data described here.",
        "Example Ltd\x1b[31m відповідає за персональні дані.",
        [f"U+001B ESCAPE: {CONTROL}"],
        id="paragraph-escape",
    ),
    pytest.param(
        "Who we are",
        "Хто ми {: #__config }",
        [attribute_list("{: #__config }"), own("id", "__config")],
        id="heading-theme-id",
    ),
    pytest.param(
        "Example Ltd is responsible for the personal data described here.",
        "Example Ltd відповідає за персональні дані.\n{: .notice-sha256 }",
        [attribute_list("{: .notice-sha256 }"), own("class", "notice-sha256")],
        id="paragraph-verified-class",
    ),
    pytest.param(
        "Example Ltd is responsible for the personal data described here.",
        "Example Ltd відповідає за [дані](FILE:///etc/passwd).",
        [f"unsafe HTML: it links to a file: {OUTSIDE}"],
        id="paragraph-file-link",
    ),
    pytest.param(
        "Example Ltd is responsible for the personal data described here.",
        "Example Ltd відповідає за [дані](JavaScript:alert(1)).",
        ["unsafe HTML: it links to a script URL (javascript:); it is never published"],
        id="paragraph-script-link",
    ),
]


@pytest.mark.parametrize(("source", "translation", "expected"), HOSTILE)
def test_release_refuses_what_check_refuses_in_a_translation(
    world: Path,
    notice_here: Callable[..., Ran],
    source: str,
    translation: str,
    expected: list[str],
) -> None:
    line = translate(world, source, translation)
    found = errors_of_check(notice_here(world, "check"), UK_PO)
    assert [f"{UK_PO}:{line}: {message}" for message in expected] == [
        f for f in found if "numbers differ" not in f
    ]
    assert sorted(errors_of_release(world, notice_here)) == sorted(found)  # one gate


def test_release_refuses_what_check_refuses_in_the_source(
    world: Path, notice_here: Callable[..., Ran]
) -> None:
    draft = world / DRAFT
    text = draft.read_text(encoding="utf-8")
    text = text.replace("## Who we are", "## Who we are {: .notice-sha256 }")
    text = text.replace(
        "described here.", "described here,\nsee [the file](file:///etc/passwd) or\x1b[2J here."
    )
    text = text.replace("title: Privacy notice", 'title: "Privacy\\Pnotice"')  # U+2029
    draft.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    heading = lines.index("## Who we are {: .notice-sha256 }") + 1
    paragraph = lines.index("Example Ltd is responsible for the personal data described here,")
    found = errors_of_check(notice_here(world, "check"), DRAFT)
    assert found == [
        f"{DRAFT}:2: U+2029 PARAGRAPH SEPARATOR: {SEPARATOR}",
        f"{DRAFT}:{heading}: {own('class', 'notice-sha256')}",
        f"{DRAFT}:{paragraph + 1}: unsafe HTML: it links to a file: {OUTSIDE}",
        f"{DRAFT}:{paragraph + 2}: U+001B ESCAPE: {CONTROL}",
    ]
    released = [e for e in errors_of_release(world, notice_here) if e.startswith(DRAFT)]
    assert sorted(released) == sorted(found)


def test_a_value_frozen_before_the_gate_cannot_break_a_calendar_or_a_feed() -> None:
    """What was released before these checks (or comes from anywhere else) is one line
    in a calendar and text in a feed: the writers make it so."""
    hostile = "Notice\r\nX-INJECTED:yes\x0c\u2028\x00 end"
    ics = calendar(
        f"Site{hostile}",
        "uk",
        [Day("u@example", date(2027, 1, 1), hostile, hostile, date(2026, 12, 1), category=hostile)],
    )
    lines = ics.split(b"\r\n")
    assert not [line for line in lines if line.startswith(b"X-INJECTED")]
    assert all(b"\r" not in line and b"\n" not in line and b"\x0c" not in line for line in lines)
    parsed = Calendar.from_ical(ics)
    assert parsed["X-WR-CALNAME"] == "SiteNotice  X-INJECTED:yes    end"
    event = parsed.walk("VEVENT")[0]
    assert event["SUMMARY"] == "Notice  X-INJECTED:yes    end"
    assert event["DESCRIPTION"] == "Notice\nX-INJECTED:yes\n\n end"
    assert "X-INJECTED" not in event

    feed = atom_feed(
        key="privacy",
        title=hostile,
        language="uk",
        author=hostile,
        base="https://example.org/",
        self_link="feed.xml",
        entries=[
            FeedEntry(
                key="privacy/2027-01-01",
                title=hostile,
                published=date(2026, 12, 1),
                updated=date(2026, 12, 1),
                link="./",
                summary=hostile,
                category=("material", hostile),
            )
        ],
    )
    root = ET.fromstring(feed.encode("utf-8"))  # well-formed XML
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.findtext(f"{atom}title") == "Notice  X-INJECTED:yes    end"
    assert root.findtext(f"{atom}entry/{atom}summary") == "Notice\nX-INJECTED:yes\n\n end"


def test_the_page_s_own_ids_and_classes_are_taken_out_of_any_text() -> None:
    html = (
        '<p id="__config" class="notice-sha256 note">a <code class="notice-text">b</code>'
        '<a href="FILE:///etc/passwd">c</a><a href="JavaScript:alert(1)">d</a>'
        '<span id="who-we-are" class="notice-next">e</span></p>'
    )
    assert sanitize(html) == (
        '<p class="note">a <code>b</code><a>c</a><a>d</a>'
        '<span id="who-we-are" class="notice-next">e</span></p>'
    )


def test_a_plural_rule_gettext_cannot_use_is_refused(
    world: Path, notice_here: Callable[..., Ran]
) -> None:
    path = world / UK_PO
    text = path.read_text(encoding="utf-8")
    deep = "(" * 600 + "n==1" + ")" * 600
    start = text.index('"Plural-Forms: ')
    end = text.index("\n", start)
    path.write_text(
        text[:start] + f'"Plural-Forms: nplurals=2; plural={deep};\\n"' + text[end:], "utf-8"
    )
    line = text[:start].count("\n") + 1
    header = text[: text.index('msgid ""')].count("\n") + 1
    assert line > header
    for command in (("check",), ("build",), (*RELEASE, *WITHOUT)):
        before = snapshot(world)
        result = notice_here(world, *command)
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        assert snapshot(world) == before
        assert (
            f"{UK_PO}:{header}: header Plural-Forms: 2 forms and a rule of 1204 characters; "
            f"a language has 1 to 6 forms and its rule needs at most 300 (write the rule of "
            f"uk: 'Plural-Forms: nplurals=3; plural="
        ) in (result.stdout + result.stderr).replace("error: ", "")


def test_a_notice_folder_named_with_a_line_break_is_refused(
    world: Path, notice_here: Callable[..., Ran]
) -> None:
    folder = world / "docs" / "privacy\nX-INJECTED"
    folder.mkdir()
    shutil.copy(world / DRAFT, folder / "draft.md")
    result = notice_here(world, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "error: docs: the folder 'privacy\\nX-INJECTED': a notice's folder is named with "
        "lower-case letters (a-z), digits and hyphens, at most 64 (its name is in every "
        "address of the notice) (rename it, such as privacy or cookies)"
    )


@pytest.mark.parametrize("where", ["notice", "site"])
def test_a_character_no_font_draws_is_refused_by_check_and_release_alike(
    world: Path, notice_here: Callable[..., Ran], where: str
) -> None:
    """A PDF with an empty box is unreadable, and the release makes the PDFs: what check
    says of a character no installed font has (here one of the private use planes), the
    release refuses with the same words, in the notice's catalog and in the site's words
    every PDF prints, before anything is written."""
    config = world / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      pdf: false\n", ""), "utf-8")
    if where == "notice":
        path = UK_PO
        line = translate(world, "Who we are", "Хто ми \U000f0000")
    else:
        path = "locales/uk/LC_MESSAGES/site.po"
        catalog = read_catalog(world / path, "uk")
        next(m for m in catalog if m.context == "site_name").string = "Сайт \U000f0000"
        write_catalog(world / path, catalog)
        line = (world / path).read_text("utf-8").splitlines().index('msgctxt "site_name"') + 1
    found = errors_of_check(notice_here(world, "check"), path)
    assert found == [
        f"{path}:{line}: no installed font has a glyph for 1 character of the 'uk' text "
        "(\U000f0000 U+F0000); no PDF is made with empty boxes in it (install fonts-noto-core "
        "(Debian: apt-get install fonts-noto-core), or set `pdf: false` in the notice "
        "plugin's options in mkdocs.yml)"
    ]
    assert errors_of_release(world, notice_here) == found  # one gate


def test_a_site_name_translated_on_two_lines_is_refused(
    world: Path, notice_here: Callable[..., Ran]
) -> None:
    path = world / "locales" / "uk" / "LC_MESSAGES" / "site.po"
    catalog = read_catalog(path, "uk")
    message = next(m for m in catalog if m.context == "site_name")
    message.string = "Конфіденційність\nBcc: everyone@example.org"
    write_catalog(path, catalog)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index('msgctxt "site_name"') + 1
    found = errors_of_check(notice_here(world, "check"), "locales/uk/LC_MESSAGES/site.po")
    assert found == [f"locales/uk/LC_MESSAGES/site.po:{line}: U+000A LINE FEED: {LINE_BREAK}"]


def test_a_pdf_links_only_where_a_page_may(
    world: Path, notice_here: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text frozen before the gate (the gate switched off here, as in an older release)
    with ``file:`` and script links: its PDF, made by the release, carries no such link
    action, as its page carries no such link (the PDF's HTML goes through the page's
    sanitiser)."""
    from pypdf import PdfReader

    import notice.record.release as releasing

    config = world / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      pdf: false\n", ""), "utf-8")
    draft = world / DRAFT
    draft.write_text(
        draft.read_text("utf-8").replace(
            "described here.",
            "described here: [a](FILE:///etc/passwd), [b](JavaScript:alert(1)), "
            "[c](smb://host/share), [d](https://example.org/), [e](mailto:privacy@example.org).",
        ),
        "utf-8",
    )
    monkeypatch.setattr(releasing, "review_source", lambda *args, **kwargs: [])
    every = [f"--without={code}" for code in (*TRANSLATED, "ga", "zu")]
    result = notice_here(world, *RELEASE, *every)
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(world / "docs/privacy/versions/2099-01-01/en.pdf")
    targets = sorted(
        str(annotation.get_object()["/A"].get("/URI"))
        for page in pdf.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    )
    assert "https://example.org/" in targets
    assert "mailto:privacy@example.org" in targets
    assert not [t for t in targets if t.lower().startswith(("file:", "javascript:", "smb:"))]


def test_check_without_fontconfig_warns_and_release_stops(
    world: Path, notice_here: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where fontconfig is missing (a translator's laptop), `notice check` still checks
    the rest and says the glyphs went unchecked; the release, which makes the PDFs,
    stops on it before writing anything."""
    from notice.text import glyphs

    config = world / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      pdf: false\n", ""), "utf-8")
    monkeypatch.setattr(glyphs.shutil, "which", lambda name: None)
    glyphs.installed_coverage.cache_clear()
    try:
        check = notice_here(world, "check")
        assert check.returncode == 0, check.stdout + check.stderr
        assert (
            "mkdocs.yml: warning: PDFs cannot be checked for missing glyphs: fontconfig's "
            "fc-list is not installed" in check.stdout
        ), check.stdout
        before = snapshot(world)
        release = notice_here(world, *RELEASE, *WITHOUT)
        assert release.returncode == 1
        assert "fc-list is not installed" in release.stderr
        assert snapshot(world) == before
    finally:
        glyphs.installed_coverage.cache_clear()

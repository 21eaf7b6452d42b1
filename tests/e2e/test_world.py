"""Every language, every script: a project in English translated into Arabic (right to
left, six plural forms), Japanese and Traditional Chinese (no spaces, their own glyph
forms), Thai (no spaces, its own script), Ukrainian (three plural forms), and two
languages with no translation of the notice: Irish (theme words of our own: Material
has none) and Zulu (no site words shipped). Taken through update, two releases (6 years
of retention become 3), a build inside the notice period as a GitHub Pages project site
on both engines, announce and verify (``tests/fixtures/world``)."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import datetime, timezone
from email import message_from_bytes, policy
from pathlib import Path

import html5lib
import pytest
import yaml
from pypdf import PdfReader

from notice.text.pofile import read_catalog, write_catalog
from tests.conftest import REPO, only_fonts, run_notice, snapshot

WORLD = REPO / "tests" / "fixtures" / "world"
TRANSLATED = ("ar", "ja", "th", "uk", "zh-Hant")
FOLDERS = {"zh-Hant": "zh_Hant"}
DAY = "2026-02-01"  # version 2 is published (2026-01-15), in effect from 2026-03-01


def _ok(project: Path, *args: str, day: str | None = None) -> str:
    """Run a command that must succeed (on ``day``'s clock, when given)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": _epoch(day)} if day else None
    result = run_notice(project, *args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _epoch(day: str) -> str:
    """``SOURCE_DATE_EPOCH`` for noon (UTC) of ``day``: a release recorded on that day."""
    moment = datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc)
    return str(int(moment.timestamp()))


def _translate(project: Path) -> None:
    table = yaml.safe_load((WORLD / "translations.yml").read_text(encoding="utf-8"))
    for language in TRANSLATED:
        folder = FOLDERS.get(language, language)
        for domain in ("privacy", "index"):
            path = project / "locales" / folder / "LC_MESSAGES" / f"{domain}.po"
            catalog = read_catalog(path, language)
            for message in catalog:
                if message.id and message.id in table:
                    message.string = table[message.id][language]
                    message.flags.discard("fuzzy")
            write_catalog(path, catalog)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


#: Its tests share module-scoped fixtures: one process runs them all (``--dist loadgroup``).
pytestmark = pytest.mark.xdist_group("world")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, updated, translated and released twice."""
    project = tmp_path_factory.mktemp("world") / "project"
    shutil.copytree(WORLD, project, ignore=shutil.ignore_patterns("translations.yml"))
    shutil.copytree(REPO / "overrides", project / "overrides")
    created = _ok(project, "update")
    assert "created locales/zh_Hant/LC_MESSAGES/privacy.po" in created
    _translate(project)
    without = ("--without", "ga", "--without", "zu")
    _ok(project, "release", "privacy", "--material", "--effective", "2025-06-01",
        "--published", "2025-05-01", *without, day="2025-05-01")  # fmt: skip
    draft = project / "docs" / "privacy" / "draft.md"
    _edit(draft, "for 6 years", "for 3 years")
    _edit(
        draft,
        "changes: The first version.",
        "changes: We keep customer records for a shorter time.",
    )
    _ok(project, "update")
    _translate(project)
    _ok(project, "release", "privacy", "--material", "--effective", "2026-03-01",
        "--published", "2026-01-15", *without, day="2026-01-15")  # fmt: skip
    return project


@pytest.fixture(scope="module", params=("mkdocs", "zensical"))
def site(world: Path, request: pytest.FixtureRequest) -> Path:
    out = world / f"site-{request.param}"
    _ok(world, "build", "--date", DAY, "--engine", request.param, "--site-dir", str(out))
    return out


def _page(site: Path, path: str) -> tuple[str, object]:
    text = (site / path / "index.html").read_text(encoding="utf-8")
    return text, html5lib.parse(text, namespaceHTMLElements=False)


def test_catalogs_take_each_locales_plural_forms_and_the_site_words_shipped(world: Path) -> None:
    forms = {"ar": 6, "ja": 1, "th": 1, "uk": 3, "zh_Hant": 1, "ga": 5, "zu": 2}
    for folder, count in forms.items():
        text = (world / "locales" / folder / "LC_MESSAGES" / "site.po").read_text("utf-8")
        assert f"nplurals={count};" in text
    site_words = read_catalog(world / "locales/ja/LC_MESSAGES/site.po", "ja")
    assert site_words["Changed sections"].string == "変更された項目"
    zulu = read_catalog(world / "locales/zu/LC_MESSAGES/site.po", "zu")
    assert not zulu["Changed sections"].string


def test_check_names_the_languages_that_fall_back(world: Path) -> None:
    result = run_notice(world, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(
        r"locales/zu/LC_MESSAGES/site\.po: warning: \d+ of \d+ site strings are not translated: "
        r"'zu' falls back to English for them \(English words, English plural rule\)",
        result.stdout,
    )
    assert "locales/ja/LC_MESSAGES/site.po" not in result.stdout


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"),
    [("", "en", None), ("ar/", "ar", "rtl"), ("ja/", "ja", None), ("zh-Hant/", "zh-Hant", None),
     ("th/", "th", None), ("uk/", "uk", None), ("ga/", "ga", None), ("zu/", "zu", None)],
)  # fmt: skip
def test_every_page_says_its_language_and_direction(
    site: Path, prefix: str, lang: str, direction: str | None
) -> None:
    for path in ("privacy", "privacy/versions", "privacy/compare/2025-06-01/2026-03-01"):
        text, _ = _page(site, prefix + path)
        opening = re.search(r"<html[^>]*>", text)
        assert opening is not None
        expected = f'<html lang="{lang}"' + (f' dir="{direction}"' if direction else "")
        assert opening.group(0) == expected + ' class="no-js">'
        assert f'<body dir="{direction or "ltr"}"' in text


def _marked(site: Path, prefix: str, tag: str) -> list[str]:
    """The words a redline marks as ``del`` or ``ins``, without the screen readers'
    start and end labels."""
    _, tree = _page(site, f"{prefix}privacy/compare/2025-06-01/2026-03-01")
    marked = []
    for element in tree.iter(tag):
        for label in element.findall(".//*[@class='notice-sr']"):
            label.text = ""
            label.tail = label.tail or ""
        marked.append("".join(element.itertext()).strip())
    return marked


@pytest.mark.parametrize("prefix", ["ja/", "zh-Hant/", "th/", "ar/", ""])
def test_a_one_digit_change_marks_that_digit(site: Path, prefix: str) -> None:
    """6 years become 3: in Japanese, Chinese and Thai (no spaces), only the digit."""
    # Besides the legend ("How to read this page: deleted text, inserted text").
    assert _marked(site, prefix, "del")[1:] == ["6"]
    assert _marked(site, prefix, "ins")[1:] == ["3"]


@pytest.mark.parametrize(
    ("prefix", "summary"),
    [
        ("ja/", "全4項目中1項目に変更。"),
        ("", "1 of 4 sections changed."),
    ],
)
def test_the_summary_is_in_the_readers_words(site: Path, prefix: str, summary: str) -> None:
    _, tree = _page(site, f"{prefix}privacy/compare/2025-06-01/2026-03-01")
    found = tree.find(".//*[@class='notice-map__summary']")
    assert found is not None
    assert "".join(found.itertext()).strip() == summary


def test_a_language_without_site_words_falls_back_to_english_with_its_plural_rule(
    site: Path,
) -> None:
    """Zulu has no site.po shipped: English words, English plural rule; Japanese
    has its own words (never "2 unchanged section")."""
    zu, _ = _page(site, "zu/privacy/compare/2025-06-01/2026-03-01")
    assert "2 unchanged sections" in zu
    ja, _ = _page(site, "ja/privacy/compare/2025-06-01/2026-03-01")
    assert "unchanged section" not in ja


def test_the_arabic_banner_isolates_its_dates(site: Path) -> None:
    text, _ = _page(site, "ar/privacy")
    assert re.search("\u2068[^\u2069]*2026[^\u2069]*\u2069", text)


def _fonts(reader: PdfReader) -> set[str]:
    found: set[str] = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


@pytest.mark.parametrize(
    ("language", "words", "font"),
    [
        ("ja", "顧客記録は3年間保存します", "Noto-Sans-CJK-JP"),
        ("zh-Hant", "客戶紀錄保存3年", "Noto-Sans-CJK-TC"),
        ("th", "เราเก็บบันทึกลูกค้าไว้3ปี", "Noto-Sans-Thai"),
        ("ar", "حقوقك", "Arabic"),
        ("uk", "Ваші права", "DejaVu-Sans"),
        ("en", "Your rights", "DejaVu-Sans"),
    ],
)
def test_each_scripts_pdf_has_its_text_in_an_embedded_font_with_its_glyphs(
    site: Path, language: str, words: str, font: str
) -> None:
    reader = PdfReader(site / "privacy" / "versions" / "2026-03-01" / f"{language}.pdf")
    text = "".join(page.extract_text() or "" for page in reader.pages)
    assert words in text.replace(" ", "") or words in text
    assert "\ufffd" not in text
    fonts = _fonts(reader)
    assert any(font in name for name in fonts), fonts


def _title_position(pdf: Path) -> float:
    """Where the first line (the title) starts across the first page: 0 left, 1 right."""
    reader = PdfReader(pdf)
    page = reader.pages[0]
    spots: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() and not spots:
            spots.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    return spots[0] / float(page.mediabox.width)


def test_a_right_to_left_pdf_is_set_right_to_left(site: Path) -> None:
    """The Arabic PDF's title starts at the right margin, the English one's at the left."""
    folder = site / "privacy" / "versions" / "2026-03-01"
    assert _title_position(folder / "ar.pdf") > 0.5
    assert _title_position(folder / "en.pdf") < 0.2


def test_a_missing_font_stops_the_release_naming_the_package(tmp_path: Path) -> None:
    """With fontconfig seeing only DejaVu, the release is refused (its Japanese, Chinese
    and Thai PDFs would show empty boxes) at the lines of the catalogs that hold what no
    font draws, and nothing is written."""
    project = tmp_path / "project"
    shutil.copytree(WORLD, project, ignore=shutil.ignore_patterns("translations.yml"))
    shutil.copytree(REPO / "overrides", project / "overrides")
    _ok(project, "update")
    _translate(project)
    dejavu_only = only_fonts(Path("/usr/share/fonts/truetype/dejavu"), tmp_path)
    before = snapshot(project)
    result = run_notice(
        project, "release", "privacy", "--material", "--effective", "2025-06-01",
        "--published", "2025-05-01", "--without", "ga", "--without", "zu",
        env={**dejavu_only, "SOURCE_DATE_EPOCH": _epoch("2025-05-01")},
    )  # fmt: skip
    assert result.returncode == 1
    # The gate (check's, before any PDF is made) names the catalog and the line.
    assert re.search(
        r"error: locales/(ja|th|zh_Hant)/LC_MESSAGES/privacy\.po:\d+: no installed "
        r"font has a glyph for \d+ characters? of the '(ja|th|zh-Hant)' text \(.+\); no PDF "
        r"is made with empty boxes in it \(install fonts-noto-(cjk|core)",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_announcements_carry_direction_in_every_language(world: Path) -> None:
    _ok(world, "announce", "privacy", "2026-03-01", "--date", DAY)
    folder = world / "announcements" / "privacy" / "2026-03-01"
    arabic = message_from_bytes((folder / "ar.eml").read_bytes(), policy=policy.default)
    html_part = next(p for p in arabic.walk() if p.get_content_type() == "text/html")
    content = html_part.get_content()
    assert '<html lang="ar" dir="rtl">' in content
    japanese = message_from_bytes((folder / "ja.eml").read_bytes(), policy=policy.default)
    assert (
        '<html lang="ja">'
        in next(p for p in japanese.walk() if p.get_content_type() == "text/html").get_content()
    )
    data = json.loads((folder / "uk.json").read_text(encoding="utf-8"))
    assert data["language"] == "uk"


def test_verify_accepts_the_site_in_every_language(world: Path, site: Path) -> None:
    out = _ok(world, "verify", str(site))
    assert "privacy" in out


def test_versions_json_lists_every_language_at_its_prefix(site: Path) -> None:
    index = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    for prefix in ("ar/", "ja/", "zh-Hant/", "th/", "uk/"):
        assert f"https://example.github.io/world/{prefix}privacy/" in text

"""A project made by ``notice new --source ar --languages en,fa``, built as a reader gets
it: Persian dates in Persian digits as ``notice new`` writes them (CLDR's own digits for
Persian), Arabic in Latin digits until the project chooses ``numbering: {ar: arab}``, and
then in Arabic-Indic digits; the machine-readable dates (``<time datetime>``, the feed)
stay in Latin digits whatever the choice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notice.text.pofile import read_catalog, write_catalog
from tests.conftest import run_notice

notice = run_notice

EFFECTIVE, DAY = "2027-01-15", "2027-01-20"
#: A text for each box of the skeleton's guidance.
SECTIONS = (
    "المسؤول عن المعالجة هو **مثال المحدودة**. راسلونا على "
    "[privacy@example.org](mailto:privacy@example.org).",
    "نعالج الاسم وعنوان البريد الإلكتروني.",
    "نعالج البيانات لتنفيذ العقد (المادة 6(1)(ب)).",
    "يتلقى البيانات مزوّد الاستضافة لدينا.",
    "نحتفظ بالبيانات مدة **12 شهرًا**.",
    "تقديم البيانات اختياري.",
    "لكم حق الوصول إلى بياناتكم وتصحيحها ومحوها.",
)
ARABIC_INDIC = "\u0660-\u0669"
PERSIAN = "\u06f0-\u06f9"


def _page_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("digits")
    created = notice(folder, "new", "mine", "--source", "ar", "--languages", "en,fa")
    assert created.returncode == 0, created.stderr
    project = folder / "mine"
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      numbering:\n        fa: arabext\n" in config, "notice new writes CLDR's digits"
    draft = project / "docs/privacy/draft.md"
    sections = iter(SECTIONS)
    draft.write_text(
        re.sub(
            r'!!! guidance ""\n(?:    .*\n?)+',
            lambda _: next(sections) + "\n",
            draft.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    assert notice(project, "update").returncode == 0
    for code in ("en", "fa"):  # each message as itself: a complete translation
        path = project / f"locales/{code}/LC_MESSAGES/privacy.po"
        catalog = read_catalog(path, code)
        for message in catalog:
            if message.id:
                message.string = message.id
        write_catalog(path, catalog)
    released = notice(project, "release", "privacy", "--material", "--effective", EFFECTIVE)
    assert released.returncode == 0, released.stdout + released.stderr
    return project


def _build(project: Path, numbering: str | None) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if numbering is not None:
        text = text.replace("      numbering:\n", f"      numbering:\n        ar: {numbering}\n", 1)
    config.write_text(text, encoding="utf-8")
    result = notice(project, "build", "--date", DAY, "--site-dir", f"site-{numbering}")
    assert result.returncode == 0, result.stderr
    return project / f"site-{numbering}"


def test_each_language_gets_its_chosen_digits_and_machines_latin_ones(project: Path) -> None:
    latin = _build(project, None)
    arabic = latin.parent / "site-arab"
    built = _build(project, "arab")
    assert built == arabic

    before = _page_text(latin / "privacy/index.html")
    after = _page_text(arabic / "privacy/index.html")
    persian = _page_text(arabic / "fa/privacy/index.html")
    assert "15 يناير 2027" in before
    assert "١٥ يناير ٢٠٢٧" in after
    assert "15 يناير 2027" not in after
    assert re.search(f"[{PERSIAN}]+ ژانویه[^0-9]*[{PERSIAN}]{{4}}", persian), persian[:2000]
    assert not re.search(f"[{ARABIC_INDIC}]", _page_text(arabic / "en/privacy/index.html"))
    # The notice's own text is the editor's: its "12" and "6(1)" are not rewritten.
    assert "12 شهرًا" in after
    assert "6(1)" in after

    for site in (latin, arabic):
        html = (site / "privacy/index.html").read_text(encoding="utf-8")
        assert f'datetime="{EFFECTIVE}' in html
        assert not re.search(f'datetime="[^"]*[{ARABIC_INDIC}{PERSIAN}]', html)
    feed = next(arabic.rglob("*.xml"), None)
    assert feed is not None
    assert not re.search(f"<(updated|published)>[^<]*[{ARABIC_INDIC}]", feed.read_text("utf-8"))

"""`notice announce`: ready-to-send messages of a version in every language, read back
with Python's `email` package, and every refusal; the calendar of effective dates,
read with `icalendar`."""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

import html5lib
import icalendar
import pytest

from tests.conftest import run_notice
from tests.e2e.test_release import prepare_release, refused, translate

notice = run_notice
SITE = "https://personvern.fjordkontor.example/"
OUT = "announcements/privacy/2027-02-01"  # the newest version, announced by default


def announce(project: Path, *args: str) -> str:
    result = notice(project, "announce", "privacy", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def read(path: Path) -> EmailMessage:
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def parts(message: EmailMessage) -> tuple[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in message.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    plain, rich = message.iter_parts()
    for part in (plain, rich):
        assert part.get_content_charset() == "utf-8"
    # The message is written with CRLF line ends (SMTP); the fields with LF.
    return tuple(  # type: ignore[return-value]
        str(part.get_content()).replace("\r\n", "\n")  # type: ignore[attr-defined]
        for part in (plain, rich)
    )


def test_every_language_gets_a_complete_message(sample: Path) -> None:
    stdout = announce(sample, "--date", "2026-11-25")
    assert stdout.splitlines()[-1] == "announced privacy 2027-02-01 in 4 languages: ar, en, nb, sv"
    folder = sample / OUT
    assert sorted(p.name for p in folder.iterdir()) == [
        "ar.eml", "ar.json", "en.eml", "en.json", "nb.eml", "nb.json", "sv.eml", "sv.json",
    ]  # fmt: skip
    # Arabic: right to left, its title and date isolated inside the sentence.
    arabic = read(folder / "ar.eml")
    assert (
        arabic["Subject"]
        == "\u2068إشعار الخصوصية\u2069: نسخة جديدة اعتبارًا من \u20681 فبراير 2027\u2069"
    )
    _, rich = parts(arabic)
    assert html5lib.HTMLParser(strict=True).parse(rich).get("dir") == "rtl"
    expected = {
        "nb": ("Personvernerklæring: en ny versjon fra 1. februar 2027", "1. februar 2027"),
        "en": ("Privacy notice: a new version from 1 February 2027", "1 February 2027"),
        "sv": ("Integritetspolicy: en ny version från 1 februari 2027", "1 februari 2027"),
    }
    for code, (subject, day) in expected.items():
        raw = (folder / f"{code}.eml").read_bytes()
        assert b"\r\n" in raw
        assert max(len(line) for line in raw.split(b"\r\n")) <= 78, "RFC 5322 line length"
        message = read(folder / f"{code}.eml")
        assert message["Subject"] == subject
        assert message["From"].addresses[0].addr_spec == "personvern@fjordkontor.example"
        assert message["Content-Language"] == code
        assert parsedate_to_datetime(message["Date"]) == datetime(2026, 11, 25, tzinfo=timezone.utc)
        assert (
            message["Message-ID"] == f"<privacy.2027-02-01.{code}@personvern.fjordkontor.example>"
        )
        assert not message.defects
        text, rich = parts(message)
        fields = json.loads((folder / f"{code}.json").read_text(encoding="utf-8"))
        assert fields["subject"] == subject
        assert fields["effective_text"] == day
        assert day in text
        assert day in rich
        assert fields["summary"]
        assert fields["summary"] in text.replace("\n", " ")
        assert f"<p>{html.escape(fields['summary'])}</p>" in rich
        assert fields["text"] == text
        assert fields["html"] == rich
        prefix = "" if code == "nb" else f"{code}/"
        assert fields["url"] == f"{SITE}{prefix}privacy/versions/2027-02-01/"
        assert fields["compare_url"] == f"{SITE}{prefix}privacy/compare/2027-01-15/2027-02-01/"
        for url in (fields["url"], fields["compare_url"], fields["history_url"]):
            assert url in text
            assert f'href="{url}"' in rich
        # no tracking, nothing remote: every link is one of ours, and nothing is loaded
        hrefs = re.findall(r'href="([^"]*)"', rich)
        assert hrefs
        assert all(h.startswith(SITE) and "?" not in h for h in hrefs)
        assert not re.search(r"<(img|link|script|iframe|style)\b|src=", rich)
        document = html5lib.HTMLParser(strict=True).parse(rich)
        assert document.get("lang") == code
    # the same sources and date give the same bytes
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    announce(sample, "--date", "2026-11-25")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_the_impact_travels_into_every_language(sample: Path) -> None:
    prepare_release(sample)
    draft = sample / "docs/privacy/draft.md"
    impact_nb = "Opptak av deg blir liggende to dager kortere. Du trenger ikke gjøre noe."
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "\ndescription:", f"\nimpact: {impact_nb}\ndescription:", 1
        ),
        encoding="utf-8",
    )
    assert notice(sample, "update").returncode == 0
    impact = {
        "en": "Recordings of you are kept two days less. You need not do anything.",
        "sv": "Inspelningar av dig sparas två dagar kortare. Du behöver inte göra något.",
        "ar": "تُحفظ تسجيلاتك مدة أقصر بيومين. لا يلزمك القيام بأي شيء.",
    }
    for code, text in impact.items():
        translate(sample, code, {impact_nb: text})
    result = notice(
        sample,
        *("release", "privacy", "--material", "--effective", "2027-06-01"),
        *("--published", "2027-04-01", "--without", "de"),
    )
    assert result.returncode == 0, result.stderr
    announce(sample, "--date", "2027-04-01")
    folder = sample / "announcements/privacy/2027-06-01"
    for code, text in {"nb": impact_nb, **impact}.items():
        fields = json.loads((folder / f"{code}.json").read_text(encoding="utf-8"))
        assert fields["impact"] == text
        plain, rich = parts(read(folder / f"{code}.eml"))
        assert text in plain.replace("\n", " ")
        assert f"<p>{text}</p>" in rich
    build = notice(sample, "build", "--date", "2027-04-01", "--site-dir", "out")
    assert build.returncode == 0, build.stderr
    page = (sample / "out/en/privacy/index.html").read_text(encoding="utf-8")
    banner = page[page.index('class="admonition tip notice-upcoming"') :]
    assert "A new version of this notice takes effect on 1 June 2027." in banner
    assert "61 days remain." in banner
    assert f"What this means for you:</strong> {impact['en']}" in banner
    compare = (sample / "out/en/privacy/compare/2027-02-01/2027-06-01/index.html").read_text(
        encoding="utf-8"
    )
    # in the comparison's own head, not only in the coming banner above it
    head = compare.split('<div class="notice-compare">', 1)[1]
    head = head.split('<p class="notice-legend">', 1)[0]
    assert re.search(
        r'<div class="admonition info notice-impact">\s*<p class="admonition-title">'
        rf"What this means for you</p>\s*<p>{re.escape(impact['en'])}</p>",
        head,
    )


@pytest.mark.parametrize(
    ("args", "edit", "message"),
    [
        (
            ("2025-09-01", "--date", "2026-11-25"),
            None,
            "error: version 2025-09-01 of 'privacy' took effect on 2025-09-01: an announcement "
            "tells people before a version takes effect (release a new version to announce "
            "(notice release))",
        ),
        (
            ("--date", "2027-02-01"),
            None,
            "error: version 2027-02-01 of 'privacy' took effect on 2027-02-01: an announcement "
            "tells people before a version takes effect (release a new version to announce "
            "(notice release))",
        ),
        (
            ("2026-06-01",),
            None,
            "error: 'privacy' has no version effective 2026-06-01 (versions: 2024-05-01, "
            "2025-09-01, 2027-01-01, 2027-01-15, 2027-02-01) (give the effective date of a "
            "released version, or none for the newest)",
        ),
        (
            ("--date", "2026-11-22"),
            None,
            "error: version 2027-02-01 of 'privacy' is published on 2026-11-23; until then its "
            "pages are not on the site and the links would not work (announce it on or after "
            "2026-11-23 (or prepare it with --date 2026-11-23))",
        ),
        (
            ("--date", "2026-11-25"),
            ("site_url: https://personvern.fjordkontor.example/\n", ""),
            "error: mkdocs.yml: site_url is not set in mkdocs.yml: an announcement links to "
            "the site, and its links must be absolute (set site_url: https://… (the address "
            "the site is published at))",
        ),
        (
            ("--date", "2026-11-25"),
            ("      contact: personvern@fjordkontor.example\n", ""),
            "error: mkdocs.yml: the notice plugin has no contact e-mail address to send "
            "announcements from (set contact: privacy@example.org in the notice plugin's "
            "options)",
        ),
    ],
    ids=["in-effect", "on-the-day", "unknown", "not-yet-published", "no-site-url", "no-contact"],
)
def test_announce_refusals(
    sample: Path, args: tuple[str, ...], edit: tuple[str, str] | None, message: str
) -> None:
    if edit is not None:
        config = sample / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert edit[0] in text
        config.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
    stderr = refused(sample, "announce", "privacy", *args)
    assert stderr.splitlines() == [message]
    assert not (sample / "announcements").exists()


@pytest.mark.parametrize(
    "translated",
    ["Fjordkontor privacy team", "Fjordkontor\\nBcc: everyone@victim.example"],
    ids=["another-name", "a-header-in-it"],
)
def test_the_sender_comes_from_the_configuration_not_a_translation(
    sample: Path, translated: str
) -> None:
    """A translator's ``site_name`` names the site in its language, never the sender of
    the controller's mail: every language's ``From`` is mkdocs.yml's ``site_name`` (the
    contact has no name of its own), one address, no header added."""
    po = sample / "locales/en/LC_MESSAGES/site.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Fjordkontor privacy"\n' in text
    po.write_text(text.replace('"Fjordkontor privacy"', f'"{translated}"'), encoding="utf-8")
    announce(sample, "--date", "2026-11-25")
    for code in ("nb", "en", "sv", "ar"):
        raw = (sample / OUT / f"{code}.eml").read_bytes()
        assert b"Bcc" not in raw
        assert b"victim" not in raw
        message = read(sample / OUT / f"{code}.eml")
        (sender,) = message["From"].addresses
        assert (sender.display_name, sender.addr_spec) == (
            "Fjordkontor personvern",
            "personvern@fjordkontor.example",
        )
        fields = json.loads((sample / OUT / f"{code}.json").read_text(encoding="utf-8"))
        assert fields["sender"] == "Fjordkontor personvern <personvern@fjordkontor.example>"


def test_the_contacts_name_is_one_address_whatever_it_holds(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    contact = "contact: personvern@fjordkontor.example"
    named = """contact: '"Eve <eve@evil.example>, Mallory" <personvern@fjordkontor.example>'"""
    config.write_text(text.replace(contact, named), encoding="utf-8")
    announce(sample, "--date", "2026-11-25")
    (sender,) = read(sample / OUT / "en.eml")["From"].addresses
    assert sender.display_name == "Eve <eve@evil.example>, Mallory"
    assert sender.addr_spec == "personvern@fjordkontor.example"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "site_name: Fjordkontor personvern",
            'site_name: "Fjordkontor\\r\\nBcc: everyone@victim.example"',
        ),
        (
            "contact: personvern@fjordkontor.example",
            'contact: "Fjordkontor\\nBcc: x@victim.example <personvern@fjordkontor.example>"',
        ),
    ],
    ids=["site_name", "contact"],
)
def test_a_sender_on_two_lines_is_refused(sample: Path, old: str, new: str) -> None:
    """What names the sender is one line of mkdocs.yml, or nothing is written."""
    config = sample / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    stderr = refused(sample, "announce", "privacy", "--date", "2026-11-25")
    (line,) = stderr.splitlines()
    option = old.split(":")[0]
    assert line.startswith("error: mkdocs.yml:")
    assert f": {option}: 'Fjordkontor\\" in line
    assert not (sample / "announcements").exists()


# --- the calendar of effective dates ---------------------------------------------------


def test_the_calendar_has_one_all_day_event_per_effective_date(sample: Path) -> None:
    result = notice(sample, "build", "--date", "2026-11-25", "--site-dir", "out")
    assert result.returncode == 0, result.stderr
    calendars = {}
    for prefix, code in (("", "nb"), ("en/", "en"), ("de/", "de")):
        raw = (sample / "out" / prefix / "privacy/changes.ics").read_bytes()
        assert raw.endswith(b"\r\n")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 75, "RFC 5545 folds lines"
        calendar = icalendar.Calendar.from_ical(raw)
        assert calendar["VERSION"] == "2.0"
        assert calendar["METHOD"] == "PUBLISH"
        events = list(calendar.walk("VEVENT"))
        assert [e.decoded("DTSTART") for e in events] == [
            date(2024, 5, 1), date(2025, 9, 1), date(2027, 1, 1), date(2027, 1, 15),
            date(2027, 2, 1),
        ]  # fmt: skip
        for event in events:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert type(start) is date, "an all-day event"
            assert (end - start).days == 1
            assert (
                event["UID"] == f"privacy-{start.isoformat()}-{code}@personvern.fjordkontor.example"
            )
            assert str(event["URL"]) == (f"{SITE}{prefix}privacy/versions/{start.isoformat()}/")
            assert event["SUMMARY"].params["LANGUAGE"] == code
        calendars[code] = events
    assert str(calendars["en"][-1]["SUMMARY"]) == "Privacy notice: a new version takes effect"
    assert "This version takes effect on 1 February 2027." in str(
        calendars["en"][-1]["DESCRIPTION"]
    )
    assert str(calendars["nb"][-1]["SUMMARY"]) == "Personvernerklæring: en ny versjon trer i kraft"
    # the UIDs and the bytes stay the same in a later build (calendar apps update, not add)
    later = notice(sample, "build", "--date", "2026-12-10", "--site-dir", "again")
    assert later.returncode == 0
    assert (sample / "again/en/privacy/changes.ics").read_bytes() == (
        sample / "out/en/privacy/changes.ics"
    ).read_bytes()
    history = (sample / "out/en/privacy/versions/index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a href="\.\./changes\.ics" type="text/calendar">Effective dates for your calendar',
        history,
    )

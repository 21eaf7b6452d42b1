"""The record says what happened, on the day it happened: the day each entry is recorded
(backdating needs a reason, a notice period counts from it), and a version withdrawn
before it takes effect (kept in the record, shown as withdrawn, its day free for a
correction). Every command runs as a user runs it, on a copy of the sample."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from notice.record.registry_file import parse_registry
from tests.conftest import run_notice, snapshot
from tests.e2e.test_release import prepare_release


def on(day: str) -> dict[str, str]:
    """The environment of a command run on ``day`` (the clock a release records)."""
    moment = datetime.fromisoformat(day).replace(hour=9, tzinfo=timezone.utc)
    return {**os.environ, "SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}


def without_pdfs(project: Path) -> Path:
    """The project publishing no PDFs: what is tested here is the record, not WeasyPrint."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - notice:\n", "  - notice:\n      pdf: false\n"), "utf-8")
    return project


def refused(project: Path, day: str, *args: str) -> str:
    """A command run on ``day`` that must fail cleanly and change nothing."""
    before = snapshot(project)
    result = run_notice(project, *args, env=on(day))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before
    return (result.stdout + result.stderr).strip()


def ran(project: Path, day: str, *args: str) -> str:
    result = run_notice(project, *args, env=on(day))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def last_entry(project: Path) -> dict:
    import yaml

    return yaml.safe_load((project / "docs/privacy/versions.yml").read_text("utf-8"))[-1]


@pytest.fixture
def ready(sample: Path) -> Path:
    """The sample with a translated edit of its privacy notice, ready to release."""
    prepare_release(without_pdfs(sample))
    return sample


RELEASE = ("release", "privacy", "--material", "--without", "de")


def test_a_published_date_before_the_day_of_release_is_refused(ready: Path) -> None:
    stderr = refused(
        ready, "2027-01-20", *RELEASE, "--effective", "2027-03-01", "--published", "2027-01-15"
    )
    assert stderr == (
        "error: --published 2027-01-15 is before today (2027-01-20), the day this is "
        "recorded: readers could not have seen it then (leave out --published to publish it "
        "today; for a version published before this project kept its record, say so: "
        '--published-because "…" (recorded and shown on the history page))'
    )


def test_a_backdated_release_counts_its_notice_from_the_day_it_is_recorded(ready: Path) -> None:
    """The issue's case: 31 days on paper, 26 for readers."""
    because = ("--published-because", "Announced by e-mail on 2 February")
    stderr = refused(
        ready,
        "2027-02-06",
        *RELEASE,
        "--effective",
        "2027-03-04",
        "--published",
        "2027-02-02",
        *because,
    )
    assert stderr == (
        "error: a material change needs 30 days' notice: recorded 2027-02-06 (readers are "
        "told from then, whatever --published 2027-02-02 says), effective 2027-03-04 gives 26 "
        "(4 days missing) (take effect on 2027-03-08 or later (--effective 2027-03-08), or "
        'give the reason for the shorter period: --short-notice-reason "…")'
    )
    stdout = ran(
        ready,
        "2027-02-06",
        *RELEASE,
        "--effective",
        "2027-03-08",
        "--published",
        "2027-02-02",
        *because,
    )
    assert "(material, published 2027-02-02, recorded 2027-02-06)" in stdout
    entry = last_entry(ready)
    assert (entry["published"], entry["recorded"]) == (
        datetime(2027, 2, 2).date(),
        datetime(2027, 2, 6).date(),
    )
    assert entry["published-because"] == "Announced by e-mail on 2 February"
    ran(ready, "2027-02-06", "build", "--date", "2027-02-07", "--site-dir", "out")
    history = (ready / "out/en/privacy/versions/index.html").read_text("utf-8")
    assert "Recorded on 6 February 2027: Announced by e-mail on 2 February" in history
    assert "2 February 2027" in history
    ran(ready, "2027-02-07", "verify", "out")


def test_the_day_recorded_is_in_the_chain(ready: Path) -> None:
    """Moving the recorded day of an entry (to make a notice look longer) breaks the chain."""
    ran(ready, "2027-01-20", *RELEASE, "--effective", "2027-03-01")
    ran(ready, "2027-01-21", "withdraw", "privacy", "2027-03-01", "--because", "A mistake.")
    registry = ready / "docs/privacy/versions.yml"
    text = registry.read_text("utf-8")
    assert text.count("recorded: 2027-01-20") == 1
    registry.write_text(text.replace("recorded: 2027-01-20", "recorded: 2027-01-19"), "utf-8")
    stderr = refused(ready, "2027-01-21", "check")
    assert "docs/privacy/versions.yml:" in stderr
    assert "the hash chain is broken: this entry does not follow the entry on line" in stderr


def test_a_release_of_a_day_not_yet_in_effect_is_announced_from_its_publication(
    ready: Path,
) -> None:
    """--published in the future (announce later) counts the period from then, as before."""
    stderr = refused(
        ready, "2027-01-20", *RELEASE, "--effective", "2027-03-01", "--published", "2027-02-10"
    )
    assert "a material change needs 30 days' notice: published 2027-02-10, effective" in stderr


@pytest.fixture
def withdrawn(ready: Path) -> Path:
    """The sample's latest version (effective 2027-02-01, upcoming) withdrawn on 2026-12-05."""
    stdout = ran(
        ready,
        "2026-12-05",
        "withdraw",
        "privacy",
        "2027-02-01",
        "--because",
        "The retention period for camera recordings was wrong.",
    )
    assert stdout.endswith(
        "withdrew privacy 2027-02-01 on 2026-12-05: it will not take effect; a corrected "
        "version may take effect on 2027-02-01 (notice release privacy --effective "
        "2027-02-01 …)\n"
    )
    return ready


def test_a_withdrawal_is_appended_and_nothing_is_deleted(sample: Path, withdrawn: Path) -> None:
    before = (sample / "docs/privacy/versions.yml").read_text("utf-8")
    registry = withdrawn / "docs/privacy/versions.yml"
    text = registry.read_text("utf-8")
    assert text.startswith(before[: before.index("- kind: freeze-pdfs")])
    assert (withdrawn / "docs/privacy/versions/2027-02-01/nb.md").is_file()
    entry = last_entry(withdrawn)
    assert entry["kind"] == "withdraw"
    assert str(entry["recorded"]) == "2026-12-05"
    parsed = parse_registry(text, "privacy", "versions.yml")
    assert [v.effective.isoformat() for v in parsed.versions()] == [
        "2024-05-01",
        "2025-09-01",
        "2027-01-01",
        "2027-01-15",
    ]
    assert [v.key for v in parsed.withdrawn()] == ["2027-02-01"]


def test_a_withdrawn_version_is_shown_as_withdrawn(withdrawn: Path) -> None:
    ran(withdrawn, "2026-12-06", "build", "--date", "2026-12-06", "--site-dir", "out")
    out = withdrawn / "out"
    page = (out / "en/privacy/versions/2027-02-01/index.html").read_text("utf-8")
    assert (
        "Withdrawn on 5 December 2026, before it took effect: The retention period for camera "
        "recordings was wrong."
    ) in page
    assert "notice-status--withdrawn" in page
    main = (out / "en/privacy/index.html").read_text("utf-8")
    assert "In effect since 1 September 2025." in main
    # the coming banner announces the next version still to come, never the withdrawn one
    assert "A new version of this notice takes effect on 1 January 2027." in main
    assert "1 February 2027" not in main
    history = (out / "privacy/versions/index.html").read_text("utf-8")
    assert "notice-history__row--withdrawn" in history
    assert "Trukket tilbake" in history
    feed = (out / "en/privacy/feed.xml").read_text("utf-8")
    assert "Version effective 1 February 2027 withdrawn" in feed
    assert feed.count("<entry>") == 6  # five releases and the withdrawal
    calendar = (out / "en/privacy/changes.ics").read_text("utf-8")
    event = calendar[calendar.index("UID:privacy-2027-02-01-en@") :].split("END:VEVENT")[0]
    assert "STATUS:CANCELLED" in event
    assert "SEQUENCE:1" in event
    index = json.loads((out / "versions.json").read_text("utf-8"))
    notice = next(n for n in index["notices"] if n["id"] == "privacy")
    assert [v["effective"] for v in notice["versions"]] == [
        "2027-01-15",
        "2027-01-01",
        "2025-09-01",
        "2024-05-01",
    ]
    (gone,) = notice["withdrawn"]
    assert (gone["status"], gone["withdrawn"], gone["in_effect_from"]) == (
        "withdrawn",
        "2026-12-05",
        None,
    )
    assert (out / "privacy/versions/2027-02-01/nb.md").is_file()
    stdout = ran(withdrawn, "2026-12-06", "verify", "out")
    assert "checked 2 notices, 6 versions" in stdout
    # A site that hides the withdrawal does not verify.
    del notice["withdrawn"]
    (out / "versions.json").write_text(json.dumps(index), "utf-8")
    result = run_notice(withdrawn, "verify", "out", env=on("2026-12-06"))
    assert result.returncode == 1
    assert "'privacy': versions.json lists 0 withdrawn versions, the registry 1" in result.stderr


def test_a_build_dated_before_the_withdrawal_shows_the_version_as_upcoming(
    withdrawn: Path,
) -> None:
    ran(withdrawn, "2026-12-06", "build", "--date", "2026-12-01", "--site-dir", "out")
    page = (withdrawn / "out/en/privacy/versions/2027-02-01/index.html").read_text("utf-8")
    assert "This version takes effect on 1 February 2027." in page
    assert "Withdrawn on" not in page


def test_a_correction_takes_the_day_of_the_withdrawn_version(withdrawn: Path) -> None:
    stdout = ran(
        withdrawn,
        "2027-01-10",
        *RELEASE,
        "--effective",
        "2027-02-01",
        "--short-notice-reason",
        "Corrects the version announced on 23 November for the same day.",
    )
    assert "wrote docs/privacy/versions/2027-02-01-2/nb.md" in stdout
    assert (withdrawn / "docs/privacy/versions/2027-02-01/nb.md").is_file()
    ran(withdrawn, "2027-01-11", "check")
    ran(withdrawn, "2027-01-11", "build", "--date", "2027-02-02", "--site-dir", "out")
    out = withdrawn / "out"
    main = (out / "en/privacy/index.html").read_text("utf-8")
    assert "In effect since 1 February 2027." in main
    corrected = (out / "en/privacy/versions/2027-02-01-2/index.html").read_text("utf-8")
    assert "after 5 days" in corrected
    old = (out / "en/privacy/versions/2027-02-01/index.html").read_text("utf-8")
    assert "Withdrawn on 5 December 2026" in old
    assert (out / "privacy/versions/2027-02-01-2/en.md").is_file()
    stdout = ran(withdrawn, "2027-02-02", "as-of", "privacy", "2027-02-01", "--lang", "en")
    assert "privacy/versions/2027-02-01-2/en.md" in stdout
    ran(withdrawn, "2027-02-02", "verify", "out")


def test_a_version_in_effect_cannot_be_withdrawn(ready: Path) -> None:
    stderr = refused(ready, "2027-01-01", "withdraw", "privacy", "2027-01-01", "--because", "x")
    assert stderr == (
        "error: version 2027-01-01 of 'privacy' took effect on 2027-01-01: a version in "
        "effect can no longer be withdrawn, only succeeded (release a new version: notice "
        "release privacy --material --effective DATE)"
    )


def test_a_version_is_withdrawn_once(withdrawn: Path) -> None:
    stderr = refused(
        withdrawn, "2026-12-06", "withdraw", "privacy", "2027-02-01", "--because", "again"
    )
    assert stderr == "error: version 2027-02-01 of 'privacy' was withdrawn already"
    stderr = refused(withdrawn, "2026-12-06", "withdraw", "privacy", "2026-01-01", "--because", "x")
    assert stderr == (
        "error: 'privacy' has no version effective 2026-01-01 (versions: 2024-05-01, 2025-09-01, "
        "2027-01-01, 2027-01-15)"
    )


def test_the_announcement_files_say_that_a_version_is_withdrawn(withdrawn: Path) -> None:
    stdout = ran(withdrawn, "2026-12-05", "announce", "privacy", "2027-02-01")
    assert stdout.endswith(
        "announced the withdrawal of privacy 2027-02-01 in 4 languages: ar, en, nb, sv\n"
    )
    data = json.loads((withdrawn / "announcements/privacy/2027-02-01/en.json").read_text("utf-8"))
    assert data["kind"] == "withdrawn"
    assert data["subject"].endswith(": the version announced for 1 February 2027 is withdrawn")
    assert data["lead"] == (
        "Withdrawn on 5 December 2026, before it took effect: The retention period for camera "
        "recordings was wrong."
    )
    assert "Message-ID: <privacy.2027-02-01.withdrawn.en@" in (
        withdrawn / "announcements/privacy/2027-02-01/en.eml"
    ).read_text("utf-8")

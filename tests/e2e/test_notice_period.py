"""Kinds of release and notice periods, with the real commands: a material change is
announced `notice_period_days` ahead (or says why not), an editorial one may take effect
at once; both are recorded in versions.yml and shown on the site."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
import yaml

from notice.record.registry_file import parse_registry
from tests.conftest import run_notice
from tests.e2e.test_release import prepare_release, refused

notice = run_notice
REGISTRY = "docs/privacy/versions.yml"


def release(project: Path, *args: str) -> None:
    result = notice(project, "release", "privacy", *args, "--without", "de")
    assert result.returncode == 0, result.stderr


def newest_entry(project: Path) -> dict:
    entries = yaml.safe_load((project / REGISTRY).read_text(encoding="utf-8"))
    return dict(entries[-1])


def test_a_release_must_say_what_kind_of_change_it_is(sample: Path) -> None:
    prepare_release(sample)
    stderr = refused(sample, "release", "privacy", "--effective", "2027-06-01", "--without", "de")
    assert stderr.startswith("error: say what kind of change this version is: --material")
    assert "--editorial (wording and typo fixes)" in stderr
    both = notice(
        sample, "release", "privacy", "--material", "--editorial", "--effective", "2027-06-01"
    )
    assert both.returncode == 2
    assert "not allowed with argument" in both.stderr


def test_a_material_change_needs_the_notice_period(sample: Path) -> None:
    prepare_release(sample)
    stderr = refused(
        sample,
        *("release", "privacy", "--material", "--effective", "2027-03-01"),
        *("--published", "2027-02-15", "--without", "de"),
    )
    assert stderr.splitlines() == [
        "error: a material change needs 30 days' notice: published 2027-02-15, effective "
        "2027-03-01 gives 14 (16 days missing) (take effect on 2027-03-17 or later "
        "(--effective 2027-03-17), or give the reason for the shorter period: "
        '--short-notice-reason "…")'
    ]
    # one day short is still short; exactly the period is enough
    one = refused(
        sample,
        *("release", "privacy", "--material", "--effective", "2027-03-16"),
        *("--published", "2027-02-15", "--without", "de"),
    )
    assert "(1 day missing)" in one
    release(sample, "--material", "--effective", "2027-03-17", "--published", "2027-02-15")
    entry = newest_entry(sample)
    assert entry["change"] == "material"
    assert "short-notice" not in entry


def test_a_shorter_period_is_recorded_with_its_reason_and_shown(sample: Path) -> None:
    prepare_release(sample)
    reason = 'Tilsynet ba oss rette opplysningen om lagringstid straks ("innen to uker").'
    release(
        sample,
        *("--material", "--effective", "2027-03-01", "--published", "2027-02-15"),
        *("--short-notice-reason", reason),
    )
    entry = newest_entry(sample)
    assert entry["short-notice"] == reason
    registry = parse_registry((sample / REGISTRY).read_text(encoding="utf-8"), "privacy", REGISTRY)
    assert registry.versions()[-1].short_notice == reason
    assert notice(sample, "check").returncode == 0
    build = notice(sample, "build", "--date", "2027-02-20", "--site-dir", "out")
    assert build.returncode == 0, build.stderr
    history = (sample / "out/en/privacy/versions/index.html").read_text(encoding="utf-8")
    shown = re.search(r'<span class="notice-short" lang="nb">([^<]*)</span>', history)
    assert shown is not None
    assert shown.group(1) == (
        "Announced 14 days ahead: Tilsynet ba oss rette opplysningen om lagringstid "
        "straks (&#34;innen to uker&#34;)."
    )
    norsk = (sample / "out/privacy/versions/index.html").read_text(encoding="utf-8")
    assert "Varslet 14 dager i forveien: Tilsynet ba oss" in norsk


def test_editorial_changes_take_effect_at_once_and_get_no_banner(sample: Path) -> None:
    # The sample's draft corrects the wording of 2027-02-01 and nothing else: an editorial
    # change (the camera edit of ``prepare_release`` adds a number, which is news).
    stderr = refused(
        sample,
        *("release", "privacy", "--editorial", "--effective", "2027-03-01"),
        *("--short-notice-reason", "hast", "--without", "de"),
    )
    assert "error: --short-notice-reason applies to a material change only" in stderr
    release(sample, "--editorial", "--effective", "2027-03-01", "--published", "2027-02-20")
    assert newest_entry(sample)["change"] == "editorial"
    build = notice(sample, "build", "--date", "2027-02-25", "--site-dir", "out")
    assert build.returncode == 0, build.stderr
    current = (sample / "out/en/privacy/index.html").read_text(encoding="utf-8")
    assert "In effect since 1 February 2027." in current
    assert "notice-upcoming" not in current, "an editorial change gets no coming banner"
    upcoming = (sample / "out/en/privacy/versions/2027-03-01/index.html").read_text(
        encoding="utf-8"
    )
    assert "This version takes effect on 1 March 2027." in upcoming
    assert "An editorial change: it corrects or clarifies wording" in upcoming
    history = (sample / "out/en/privacy/versions/index.html").read_text(encoding="utf-8")
    kinds = re.findall(r'<span class="notice-kind notice-kind--(\w+)">([^<]*)</span>', history)
    assert kinds == [
        ("editorial", "Editorial change"),
        ("material", "Material change"),  # 2027-02-01 and 2027-01-15, released as material
        ("material", "Material change"),
        ("material", "Material change"),  # entries written before kinds read as material
        ("material", "Material change"),
        ("material", "Material change"),
    ]
    feed = feedparser.parse((sample / "out/en/privacy/feed.xml").read_bytes())
    newest = feed.entries[0]
    assert newest.title == "Editorial change effective 1 March 2027"
    assert [(t.term, t.label) for t in newest.tags] == [("editorial", "Editorial change")]
    assert feed.entries[1].tags[0].term == "material"
    versions = (sample / "out/versions.json").read_text(encoding="utf-8")
    assert '"kind": "editorial"' in versions


def test_the_notice_period_is_a_plugin_option(sample: Path) -> None:
    prepare_release(sample)
    config = sample / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - notice:\n", "  - notice:\n      notice_period_days: 60\n"),
        encoding="utf-8",
    )
    stderr = refused(
        sample,
        *("release", "privacy", "--material", "--effective", "2027-04-01"),
        *("--published", "2027-02-15", "--without", "de"),
    )
    assert "a material change needs 60 days' notice" in stderr
    assert "(15 days missing)" in stderr
    config.write_text(
        text.replace("  - notice:\n", "  - notice:\n      notice_period_days: -3\n"),
        encoding="utf-8",
    )
    bad = refused(sample, "check")
    assert "error: mkdocs.yml:20: notice_period_days: -3 is not a whole number of days" in bad


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  change: minor\n", "change: 'minor' is not valid here"),
        ("  change: editorial\n  short-notice: hast\n", "short-notice: a reason belongs"),
    ],
)
def test_a_registry_with_a_bad_kind_is_refused(entry: str, message: str) -> None:
    text = (
        "- kind: release\n  effective: 2027-01-01\n  published: 2026-12-01\n"
        f"  files:\n    nb: {'a' * 64}\n{entry}  previous: ''\n"
    )
    with pytest.raises(Exception, match=re.escape(message)):
        parse_registry(text, "privacy", REGISTRY)

"""``notice new --source X``: the skeleton in the source language, for Polish, Arabic (right
to left) and Japanese. The draft has no ``#`` heading and the catalog's headings; ``check``
passes and names each guidance box left; ``release`` refuses the text while it holds one
(file, line, section), and takes it, and builds, once the guidance is replaced."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

from notice.text.pofile import read_catalog
from tests.conftest import REPO, run_notice

notice = run_notice
HINT = "a release refuses it (replace the '!!! guidance' box with the notice's own text)"


def _words(folder: str) -> dict[str, str]:
    """The shipped catalog's words, by context."""
    path = REPO / "locales" / folder / "LC_MESSAGES" / "skeleton.po"
    return {str(m.context): str(m.string) for m in read_catalog(path, folder) if m.id}


@pytest.mark.parametrize("source", ["pl", "ar", "ja"])
def test_a_new_project_speaks_its_source_language_and_holds_back_guidance(
    tmp_path: Path, source: str
) -> None:
    created = notice(tmp_path, "new", "mine", "--source", source, "--languages", "en")
    assert created.returncode == 0, created.stderr
    project = tmp_path / "mine"
    words = _words(source)
    headings = [words[f"heading: {key}"] for key in ("who", "what", "why", "recipients")]
    headings += [words[f"heading: {key}"] for key in ("retention", "requirement", "rights")]

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == words["site name"]
    landing = (project / "docs/index.md").read_text(encoding="utf-8")
    assert f"# {words['site name']}\n\n{words['landing']}\n" in landing
    path = project / "docs/privacy/draft.md"
    draft = path.read_text(encoding="utf-8")
    body = draft.split("\n---\n", 1)[1]
    assert not re.search(r"^# ", body, re.M), "no # heading: the title is in front matter"
    assert re.findall(r"^## (.*)$", body, re.M) == headings
    front = yaml.safe_load(draft.split("---\n")[1])
    assert front["title"] == words["title"]
    assert front["changes"] == words["changes"]
    # the source language's own site name in its site.po
    site = (project / f"locales/{source}/LC_MESSAGES/site.po").read_text(encoding="utf-8")
    assert f'msgctxt "site_name"\nmsgid "{words["site name"]}"\nmsgstr "{words["site name"]}"' in (
        site
    )

    # The gate's places: each box's own line, the section it is in.
    lines = draft.splitlines()
    boxes = [number for number, line in enumerate(lines, 1) if line == '!!! guidance ""']
    assert len(boxes) == len(headings)
    where = "docs/privacy/draft.md"
    found = [
        f"{where}:{line}: guidance left in the section '{heading}': {HINT}"
        for line, heading in zip(boxes, headings, strict=True)
    ]

    check = notice(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 errors" in check.stderr
    reported = [line for line in check.stdout.splitlines() if "guidance" in line]
    assert reported == [line.replace(": guidance", ": warning: guidance", 1) for line in found]

    # PDFs are left out: their making is tested elsewhere, and takes the most time here.
    config_file = project / "mkdocs.yml"
    config_text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        config_text.replace("  - notice:\n", "  - notice:\n      pdf: false\n", 1), "utf-8"
    )
    effective = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    release = ("release", "privacy", "--material", "--effective", effective, "--without", "en")
    refused = notice(project, *release)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [f"error: {line}" for line in found]
    assert not (project / "docs/privacy/versions").exists()

    # The editors write their text where the guidance was.
    own = [f"{heading}: {index}." for index, heading in enumerate(headings, 1)]
    written = iter(own)
    path.write_text(
        re.sub(r'!!! guidance ""\n    [^\n]*', lambda _: next(written), draft), encoding="utf-8"
    )
    assert "guidance" not in notice(project, "check").stdout
    released = notice(project, *release)
    assert released.returncode == 0, released.stderr
    frozen = (project / f"docs/privacy/versions/{effective}/{source}.md").read_text("utf-8")
    assert own[-1] in frozen
    build = notice(project, "build")
    assert build.returncode == 0, build.stderr
    page = (project / f"site/privacy/versions/{effective}/index.html").read_text("utf-8")
    direction = 'dir="rtl"' if source == "ar" else 'dir="ltr"'
    assert f'<html lang="{source}"' in page
    assert direction in page
    for heading, text in zip(headings, own, strict=True):
        assert heading in page
        assert text in page
    assert "guidance" not in page

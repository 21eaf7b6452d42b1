"""``notice new``: a new project that builds and checks at once; the README's "Start
your own" commands, run as written; the GitHub Pages workflow, parsed."""

from __future__ import annotations

import datetime
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from notice.commands.new import WORKFLOW
from notice.project.shipped import theme_files
from notice.site.pdf import SYSTEM_PACKAGES
from tests.conftest import REPO, run_notice, snapshot

notice = run_notice


def test_a_new_project_builds_and_checks_at_once(tmp_path: Path) -> None:
    created = notice(tmp_path, "new", "mine", "--source", "nb", "--languages", "en,sv,de")
    assert created.returncode == 0, created.stderr
    project = tmp_path / "mine"
    for part in (
        "mkdocs.yml",
        "docs/privacy/draft.md",
        "docs/index.md",
        "overrides/main.html",
        "locales/privacy.pot",
        "locales/site.pot",
        "locales/sv/LC_MESSAGES/privacy.po",
        "locales/de/LC_MESSAGES/site.po",
        ".gitattributes",
        ".github/workflows/publish.yml",
        "requirements.txt",
    ):
        assert (project / part).is_file(), part
    # Every template the package ships, byte for byte.
    theme = REPO / "overrides"
    for path in theme.rglob("*"):
        if path.is_file():
            relative = path.relative_to(theme)
            assert (project / "overrides" / relative).read_bytes() == path.read_bytes()
    draft = (project / "docs/privacy/draft.md").read_text(encoding="utf-8")
    assert draft.startswith('---\ntitle: "Personvernerklæring"\n')
    assert "## Dine rettigheter" in draft

    assert "      disclosures: gdpr-13" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "disclosures:\n  controller: hvem-vi-er\n  dpo: hvem-vi-er\n" in draft

    check = notice(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 errors" in check.stderr
    assert "no section is mapped" not in check.stdout, "the skeleton's map is complete"
    strict = notice(project, "check", "--strict")
    assert "disclosures" not in strict.stdout
    before = snapshot(project)
    update = notice(project, "update")
    assert update.returncode == 0
    assert snapshot(project) == before  # notice new wrote what notice update would

    build = notice(project, "build")
    assert build.returncode == 0, build.stderr
    site = project / "site"
    for page in ("index.html", "404.html", "en/index.html", "en/404.html", "_redirects"):
        assert (site / page).is_file(), page
    english = (site / "en/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english
    # The site's own strings arrive translated: the shipped site.po of each language.
    german = (site / "de/404.html").read_text(encoding="utf-8")
    assert "Seite nicht gefunden" in german


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_gitignore_ignores_what_a_build_makes_folder_or_link(tmp_path: Path) -> None:
    """``site`` and ``.cache`` at the root, folders or symbolic links (``site/`` would not
    ignore a link); ``docs/site`` is a notice's folder, not ignored."""
    from notice.commands.new import create_project

    project = tmp_path / "mine"
    create_project(project, "nb", ["en"])
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".cache").mkdir()
    os.symlink("elsewhere", project / "site")
    (project / "docs" / "site").mkdir()

    def ignored(path: str) -> bool:
        check = subprocess.run(["git", "check-ignore", "-q", path], cwd=project, check=False)
        return check.returncode == 0

    assert ignored("site")
    assert ignored(".cache/notice/ab.json")
    assert not ignored("docs/site/draft.md")
    (project / "site").unlink()
    (project / "site").mkdir()
    assert ignored("site/index.html")


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = notice(tmp_path, "new", "mine", "--source", "nb", "--languages", "en")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: mine is not empty (give a new folder, or an empty one, for the project)"
    ]
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--source", "nb", "--languages", "en,xx-nope"],
            "error: 'xx-nope' is not a known language code "
            "(use a code such as nb, en, de, ar, ja, zh-Hant, pt-BR or sr-Latn)",
        ),
        (
            ["--source", "norsk", "--languages", "en"],
            "error: 'norsk' is not a known language code "
            "(use a code such as nb, en, de, ar, ja, zh-Hant, pt-BR or sr-Latn)",
        ),
        (
            ["--source", "en", "--languages", "fil"],
            "error: 'fil' is not a code the i18n plugin can build (mkdocs-static-i18n builds "
            "only two-letter language codes, with an optional script and region (zh-Hant, "
            "pt-BR))",
        ),
        (
            ["--source", "nb", "--languages", "en", "--notice", "Privacy Notice"],
            "error: 'Privacy Notice' is not a notice id (use lower-case letters, digits and "
            "hyphens, such as privacy or cookies)",
        ),
    ],
)
def test_new_refuses_bad_arguments_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = notice(tmp_path, "new", "mine", *args)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [message]
    assert not (tmp_path / "mine").exists()


def test_codes_as_people_write_them_map_one_way(tmp_path: Path) -> None:
    """zh_TW, zh-hant, pt_BR and sr-Latn: canonical in mkdocs.yml (the URL prefix), gettext's
    form for the folder under locales/, the nearest shipped site words (zh_TW takes the
    Traditional Chinese ones, never the Simplified; sr-Latn the Latin ones, never the
    Cyrillic), and a site that builds: Serbian in Latin script takes the theme's
    Serbo-Croatian words (``sh``)."""
    result = notice(
        tmp_path, "new", "mine", "--source", "en", "--languages", "zh_TW,zh-hant,pt_BR,sr-Latn"
    )
    assert result.returncode == 0, result.stderr
    project = tmp_path / "mine"
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for tag in ("zh-TW", "zh-Hant", "pt-BR", "sr-Latn"):
        assert f"- locale: {tag}\n" in config
    for folder, words in (
        ("zh_TW", "變更"),
        ("zh_Hant", "變更"),
        ("pt_BR", "Alterações"),
        ("sr_Latn", "Izmenjeni odeljci"),
    ):
        text = (project / "locales" / folder / "LC_MESSAGES" / "site.po").read_text("utf-8")
        assert f'"Language: {folder}\\n"' in text
        assert words in text
    traditional = (project / "locales/zh_TW/LC_MESSAGES/site.po").read_text(encoding="utf-8")
    assert "变更" not in traditional
    latin = (project / "locales/sr_Latn/LC_MESSAGES/site.po").read_text(encoding="utf-8")
    assert "Измењени" not in latin  # never the Cyrillic catalog for a Latin-script reader
    build = notice(project, "build")
    assert build.returncode == 0, build.stderr
    for tag in ("zh-TW", "zh-Hant", "pt-BR", "sr-Latn"):
        page = (project / "site" / tag / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{tag}" class="no-js">' in page
    check = notice(project, "check")
    assert "falls back to English" not in check.stdout


def test_a_source_language_without_a_skeleton_gets_the_english_one(tmp_path: Path) -> None:
    """Greenlandic: no site words shipped, so no skeleton either (``tests/unit/test_skeleton``
    has every language that ships one)."""
    result = notice(tmp_path, "new", "mine", "--source", "kl", "--languages", "nb")
    assert result.returncode == 0, result.stderr
    assert (
        "note: no skeleton ships in 'kl': mkdocs.yml's site_name, docs/index.md and "
        "docs/privacy/draft.md are in English; write them in 'kl'" in result.stderr
    )
    draft = (tmp_path / "mine/docs/privacy/draft.md").read_text(encoding="utf-8")
    assert "## Your rights" in draft
    assert notice(tmp_path / "mine", "build").returncode == 0


def _readme_block(heading: str, language: str) -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(rf"```{language}\n(.*?)```", section, re.S)
    assert match is not None, f"no {language} block under {heading}"
    return match.group(1)


def test_the_readmes_start_your_own_commands_work_as_written(tmp_path: Path) -> None:
    """Every command after ``pip install`` (the suite runs in an environment that has
    installed it), with the effective date moved to 30 days from today; the comment line
    between them done as it says: the guidance in the draft replaced with text."""
    lines = [line for line in _readme_block("Start your own", "sh").splitlines() if line]
    assert lines[0].startswith("pip install ")
    assert len([line for line in lines if not line.startswith("#")]) == 5
    folder = tmp_path
    effective = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    for line in lines[1:]:
        if line.startswith("#"):
            assert "guidance" in line, line
            draft = folder / "docs/privacy/draft.md"
            text = draft.read_text(encoding="utf-8")
            text = re.sub(r'!!! guidance ""\n    ', "", text)
            draft.write_text(text, encoding="utf-8")
            continue
        command = line.split("#", 1)[0].strip()
        for part in command.split(" && "):
            words = shlex.split(part)
            if words[0] == "cd":
                folder = folder / words[1]
                continue
            assert words[0] == "notice", line
            words = [re.sub(r"^\d{4}-\d{2}-\d{2}$", effective, w) for w in words[1:]]
            result = notice(folder, *words)
            assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
    assert (folder / "site/privacy/index.html").is_file()
    assert (folder / f"site/privacy/versions/{effective}/index.html").is_file()


#: Actions the workflow may use, each pinned to the commit its release tag points to
#: (``git rev-parse 'v7.0.1^{commit}'`` in a clone of github.com/actions/checkout, …).
PINNED_ACTIONS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/cache": ("27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}
#: ``uses: owner/name@<commit>   # <tag>``: a tag can be moved, a commit cannot.
_PINNED_USE = re.compile(r"uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) +# (v\d+\.\d+\.\d+)")


def test_the_github_pages_workflow_parses_and_names_real_actions() -> None:
    assert _readme_block("Publishing", "yaml").strip() == WORKFLOW.strip()
    workflow = yaml.safe_load(WORKFLOW)
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"]
    cron = on["schedule"][0]["cron"].split()
    assert len(cron) == 5  # minute hour day month weekday: daily
    assert cron[2:] == ["*", "*", "*"]
    jobs = workflow["jobs"]
    steps = [s for job in jobs.values() for s in job["steps"]]
    uses = [line.strip() for line in WORKFLOW.splitlines() if "uses:" in line]
    assert len(uses) == sum(1 for step in steps if "uses" in step) == len(PINNED_ACTIONS)
    for line in uses:
        match = _PINNED_USE.search(line)
        assert match is not None, f"not pinned to a commit with its tag: {line}"
        name, commit, tag = match.groups()
        assert PINNED_ACTIONS[name] == (commit, tag), line
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == [
        f"sudo apt-get update && sudo apt-get install -y --no-install-recommends {SYSTEM_PACKAGES}",
        "pip install -r requirements.txt",
        "notice check",
        "notice build",
    ]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"


def test_each_job_of_the_workflow_has_only_the_permissions_it_needs() -> None:
    """Nothing by default; the build reads the repository and keeps no credentials in
    its checkout (the steps after it run the tool and what pip installs); only the
    deployment may publish."""
    workflow = yaml.safe_load(WORKFLOW)
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert set(workflow["jobs"]) == {"build", "deploy"}
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False
    # what needs the Pages permission runs where it is granted
    deploying = [s["uses"].split("@")[0] for s in deploy["steps"]]
    assert deploying == ["actions/configure-pages", "actions/deploy-pages"]


def test_the_requirement_is_a_pinned_source_or_none(tmp_path: Path) -> None:
    """The suite runs from a folder (``pip install -e .``), which the workflow cannot
    reach: no active requirement (never ``notice==…``, a bare name an index may hold for
    another package), the line to write, and a warning from ``new`` and ``check``."""
    created = notice(tmp_path, "new", "mine", "--source", "nb", "--languages", "en")
    assert created.returncode == 0, created.stderr
    text = (tmp_path / "mine/requirements.txt").read_text(encoding="utf-8")
    active = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert active == []
    assert "# notice @ git+https://github.com/<owner>/<repository>@<commit>\n" in text
    warning = (
        "requirements.txt: warning: names no source of notice, so the publishing workflow "
        "cannot install it (write the line notice @ git+https://github.com/<owner>/"
        "<repository>@<commit>, with the commit you build with)"
    )
    assert created.stderr.splitlines() == [f"mine/{warning}"]
    check = notice(tmp_path / "mine", "check")
    assert check.returncode == 0
    assert warning in check.stdout.splitlines()
    (tmp_path / "mine/requirements.txt").write_text(
        f"notice @ git+https://github.com/fjordkontor/notice@{'0' * 40}\n", encoding="utf-8"
    )
    assert "requirements.txt" not in notice(tmp_path / "mine", "check").stdout


def test_the_package_ships_every_template() -> None:
    """The package data patterns in pyproject.toml cover every file of overrides/ (an
    installed package copies them from there into a new project)."""
    import fnmatch

    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^"notice\.theme" = (\[.*\])$', text, re.M)
    assert match is not None
    patterns = yaml.safe_load(match.group(1))
    for path in (REPO / "overrides").rglob("*"):
        if path.is_file():
            relative = path.relative_to(REPO / "overrides").as_posix()
            assert any(
                fnmatch.fnmatch(relative, p) and relative.count("/") == p.count("/")
                for p in patterns
            ), relative
    assert Path(str(theme_files())).resolve() == (REPO / "overrides").resolve()


def test_a_failure_halfway_leaves_no_half_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import notice.commands.new

    def broken(*args: object) -> list[Path]:
        raise OSError("disk full")

    monkeypatch.setattr(notice.commands.new, "_catalogs", broken)
    with pytest.raises(OSError, match="disk full"):
        notice.commands.new.create_project(tmp_path / "mine", "nb", ["en"])
    assert list(tmp_path.iterdir()) == []

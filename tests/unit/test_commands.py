"""The commands layer in process, with no project: what the command line accepts and
refuses, the help its users read, and how an error, Ctrl-C or a misspelt option ends a
command."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from notice.commands import cli
from notice.commands.common import known_notice
from notice.commands.new import _languages
from notice.core.errors import NoticeError


def test_every_command_has_help_for_its_user_and_the_main_help_lists_them() -> None:
    commands = next(
        action for action in cli.parser()._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert sorted(commands.choices) == sorted(cli.ABOUT)
    for name, command in commands.choices.items():
        assert command.description == cli.ABOUT[name]
        assert "``" not in cli.ABOUT[name], name  # no docstring markup
    listed = cli.parser().format_help()
    for name in cli.ABOUT:
        assert f"    {name}" in listed, name


def test_a_command_s_help_starts_with_its_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["release", "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: notice release")
    assert "Freeze the draft of NOTICE" in out


def test_a_user_error_is_one_error_line_per_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fails(args: argparse.Namespace) -> int:
        raise NoticeError("docs/privacy/draft.md:3: a problem\nrun `notice check`")

    monkeypatch.setattr(cli, "cmd_extract", fails)
    assert cli.main(["extract"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: docs/privacy/draft.md:3: a problem",
        "error: run `notice check`",
    ]


def test_ctrl_c_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_update", interrupted)
    assert cli.main(["update"]) == cli.INTERRUPTED
    assert capsys.readouterr().err.strip() == "interrupted"


def test_an_unexpected_error_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the errors a user can fix become one line: a bug keeps its traceback."""

    def bug(args: argparse.Namespace) -> int:
        raise ZeroDivisionError

    monkeypatch.setattr(cli, "cmd_extract", bug)
    with pytest.raises(ZeroDivisionError):
        cli.main(["extract"])


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "--languuages", "en"],
        ["release", "privacy"],  # --effective is required
        ["build", "--jobs", "0"],
        ["frobnicate"],
    ],
)
def test_a_misspelt_or_missing_option_exits_2_with_usage(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: notice")
    assert "error:" in err


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", ""])
def test_a_count_must_be_a_whole_number_of_at_least_one(value: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="whole number"):
        cli._positive(value)


def test_languages_as_people_write_them_are_listed_once_source_first() -> None:
    assert _languages("nb", ["en", "zh_TW", "EN", "", "nb"]) == ["nb", "en", "zh-TW"]


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(NoticeError):
        _languages("nb", ["xx-notalanguage"])


def test_a_notice_the_project_lacks_is_refused_with_those_it_has(tmp_path: Path) -> None:
    class Project:
        def notices(self) -> list[str]:
            return ["privacy", "cookies"]

    assert known_notice(Project(), "cookies") == "cookies"
    with pytest.raises(NoticeError, match=r"no notice 'privcy' \(notices: privacy, cookies\)"):
        known_notice(Project(), "privcy")


def test_languages_left_out_are_taken_with_commas_or_one_by_one() -> None:
    args = cli.parser().parse_args(
        [
            "release",
            "privacy",
            "--material",
            "--effective",
            "2027-01-01",
            "--without",
            "en, de",
            "--without",
            "ar",
        ]
    )
    assert [code for codes in args.without for code in codes] == ["en", "de", "ar"]

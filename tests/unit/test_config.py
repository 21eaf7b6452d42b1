"""``mkdocs.yml`` read once: the notice plugin's options typed, ``INHERIT`` as MkDocs reads it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from notice.core.errors import ConfigError
from notice.engines.plugin import NoticeConfig
from notice.project.config import load_project
from notice.project.options import NoticeOptions, read_options
from notice.site.stage import Settings, Work


def test_the_options_are_read_once_typed_with_their_defaults(sample: Path) -> None:
    project = load_project(sample / "mkdocs.yml")
    assert project.options.contact == "personvern@fjordkontor.example"
    assert project.options.date_locales == {"en": "en_GB"}
    assert project.options.cache_dir == ".cache/notice"
    assert project.options.notice_period_days == 30
    settings = Settings.of(project, today="2027-01-01", draft=True)
    assert (settings.draft, settings.preview, settings.pdf) == (True, False, True)
    work = Work.of(project, jobs=3)
    assert (work.cache_dir, work.workers) == (sample / ".cache/notice", 3)
    assert Work.of(project, cache=False).cache_dir is None


def test_mkdocs_schema_is_made_from_the_options() -> None:
    schema = dict(NoticeConfig._schema)
    assert set(schema) == {option.name for option in dataclasses.fields(NoticeOptions)}
    defaults = NoticeOptions()
    assert schema["cache_dir"].default == defaults.cache_dir
    assert schema["notice_period_days"].default == defaults.notice_period_days


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"jobs": -1}, "jobs: -1 is not 0 (one per core) or a positive number"),
        ({"jobs": True}, "jobs: True is not 0 (one per core) or a positive number"),
        ({"pdf": "no"}, "pdf: 'no' is not true or false"),
        ({"date_locales": ["en"]}, "date_locales: ['en'] is not a mapping"),
        ({"notice_period_days": 1.5}, "notice_period_days: 1.5 is not a whole number of days"),
    ],
)
def test_an_option_of_the_wrong_kind_is_refused(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_options(raw, "mkdocs.yml")


def test_inherit_is_read_as_mkdocs_reads_it(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    (sample / "base").mkdir()
    (sample / "base" / "site.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    config.write_text(
        "INHERIT: base/site.yml\nsite_name: Another name\nmarkdown_extensions:\n  - abbr\n",
        encoding="utf-8",
    )
    project = load_project(config)
    assert project.site_name == "Another name"
    assert [language.code for language in project.languages][:2] == ["nb", "en"]
    assert project.options.contact == "personvern@fjordkontor.example"
    assert project.markdown_extensions[-1] == "abbr"
    assert "attr_list" not in project.markdown_extensions  # a list is replaced, as MkDocs does

    from mkdocs.config import load_config

    mkdocs = load_config(config_file=str(config))
    assert mkdocs.site_name == project.site_name
    assert [str(e) for e in mkdocs.markdown_extensions][-1] == "abbr"


def test_inherit_refuses_a_loop(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    (sample / "base.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"INHERIT: mkdocs\.yml inherits from itself"):
        load_project(config)

"""``mkdocs.yml`` read once: the notice plugin's options typed, ``INHERIT`` as MkDocs reads it."""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

import pytest

from notice.core.errors import ConfigError, NoticeErrors
from notice.engines.plugin import NoticeConfig
from notice.project.config import load_project
from notice.project.i18n import I18nLanguage, I18nOptions
from notice.project.options import NoticeOptions, read_options, yaml_forms
from notice.site.stage import Settings, Work
from notice.text.markdown import SITE_EXTENSIONS, with_site_extensions


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
        ({"date": "2027-13-01"}, "date: '2027-13-01' is not a date (YYYY-MM-DD)"),
        ({"disclosures": ["gdpr-13"]}, "disclosures: ['gdpr-13'] is not one of gdpr-13, gdpr-14"),
        ({"enabled": "yes"}, "enabled: 'yes' is not true or false"),
        ({"zzz": 1}, "zzz: not an option of the notice plugin (known: cache, cache_dir, "),
        ({"timestamp_url": "ftp://tsa"}, "timestamp_url: 'ftp://tsa' is not an http(s):// address"),
    ],
)
def test_an_option_of_the_wrong_kind_is_refused(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_options(raw, "mkdocs.yml")


def test_an_unknown_option_is_refused_with_the_nearest_name() -> None:
    with pytest.raises(ConfigError) as refused:
        read_options({"notice_period_day": 45}, "mkdocs.yml", lambda name: 21)
    assert str(refused.value) == (
        "mkdocs.yml:21: notice_period_day: not an option of the notice plugin "
        "(did you mean notice_period_days?)"
    )


def test_options_are_read_as_yaml_gives_them() -> None:
    options = read_options(
        {"date": datetime.date(2027, 1, 1), "disclosures": False, "enabled": True, "pdf": None},
        "mkdocs.yml",
    )
    assert (options.date, options.disclosures, options.pdf) == ("2027-01-01", {"*": "off"}, True)


def test_every_problem_of_the_configuration_is_reported_at_once(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in (
        ("  - notice:\n", "  - notice:\n      notice_period_day: 45\n"),
        ("reconfigure_material: true", "reconfigure_materail: true"),
        ("default: true", "default: ture"),
        ("name: English", "nmae: English"),
        ("- locale: sv\n", "- locale: 12\n"),
        ("- locale: de\n", "- locale: xx_nowhere\n"),
        ("  - i18n:\n", "  - i18n:\n      enabled: true\n"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    with pytest.raises(NoticeErrors) as refused:
        load_project(config)
    lines = text.splitlines()

    def line(needle: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if needle in line)

    assert str(refused.value).splitlines() == [
        f"mkdocs.yml:{line('notice_period_day:')}: notice_period_day: not an option of the "
        "notice plugin (did you mean notice_period_days?)",
        f"mkdocs.yml:{line('reconfigure_materail')}: reconfigure_materail: not an option of "
        "the i18n plugin (did you mean reconfigure_material?)",
        f"mkdocs.yml:{line('default: ture')}: language nb: default: 'ture' is not true or false",
        f"mkdocs.yml:{line('- locale: en')}: language en: name: missing (the language's "
        "name, as the language switcher shows it)",
        f"mkdocs.yml:{line('nmae:')}: language en: nmae: not an option of the i18n plugin's "
        "languages (did you mean name?)",
        f"mkdocs.yml:{line('- locale: 12')}: language 3: locale: 12 is not a language code "
        "such as en, pt-BR or zh-Hant",
        f"mkdocs.yml:{line('- locale: xx_nowhere')}: 'xx_nowhere' is not a known language "
        "code (use a code such as nb, en, de, ar, ja, zh-Hant, pt-BR or sr-Latn)",
    ]


def test_the_i18n_plugins_keys_are_those_it_accepts() -> None:
    """``I18nLanguage`` and ``I18nOptions`` against the installed mkdocs-static-i18n:
    the same keys, the same types, the same required ones."""
    from mkdocs.config import config_options as c
    from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage

    for ours, theirs in ((I18nLanguage, I18nPluginLanguage), (I18nOptions, I18nPluginConfig)):
        schema = dict(theirs._schema)
        fields = {field.name: field for field in dataclasses.fields(ours)}
        assert set(fields) == set(schema), theirs.__name__
        for name, option in schema.items():
            field = fields[name]
            optional = isinstance(option, c.Optional)
            inner = option.option if optional else option
            kind = getattr(inner, "_type", None)
            if kind is not None:
                assert yaml_forms(field, ours) == (kind,), name
            required = not optional and option.default is None
            assert (field.default is dataclasses.MISSING) == required, name


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
    # A list is replaced, as MkDocs does: the child's extensions (MkDocs's own first), then
    # those the site's pages need, which the plugin adds to MkDocs's too.
    given = ("toc", "tables", "fenced_code", "abbr")
    assert project.markdown_extensions == with_site_extensions(given)
    assert "attr_list" in SITE_EXTENSIONS

    from mkdocs.config import load_config

    mkdocs = load_config(config_file=str(config))
    assert mkdocs.site_name == project.site_name
    assert tuple(str(e) for e in mkdocs.markdown_extensions) == given


def test_the_renderer_has_the_extensions_the_pages_need_whatever_mkdocs_yml_says(
    sample: Path,
) -> None:
    """``check``, ``release`` and the build compare translations with the renderer the
    engines use: with ``md_in_html``, ``attr_list`` and the rest, though ``mkdocs.yml``
    names none of them (the plugin adds them to MkDocs's list, and Zensical's)."""
    config = sample / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.split("markdown_extensions:")[0], encoding="utf-8")
    project = load_project(config)
    assert project.markdown_extensions == with_site_extensions(("toc", "tables", "fenced_code"))
    assert set(SITE_EXTENSIONS) <= set(project.markdown_extensions)
    html = project.markdown_renderer()(
        '<details markdown="1">\n<summary>Folded</summary>\n\n## About { #about }\n\n'
        "We are **Example**: [write](mailto:a@example.org).\n\n</details>\n"
    )
    assert '<h2 id="about">About</h2>' in html
    assert "<strong>Example</strong>" in html
    assert '<a href="mailto:a@example.org">write</a>' in html
    # Each once, however it is named.
    assert with_site_extensions(["markdown.extensions.attr_list", "abbr"]) == (
        "markdown.extensions.attr_list",
        "abbr",
        *(name for name in SITE_EXTENSIONS if name != "attr_list"),
    )


def test_inherit_refuses_a_loop(sample: Path) -> None:
    config = sample / "mkdocs.yml"
    (sample / "base.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"INHERIT: mkdocs\.yml inherits from itself"):
        load_project(config)


def test_mkdocs_refuses_what_it_would_only_warn_about(
    sample: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``mkdocs build`` reads the options as ``notice`` does: an unknown option and a
    language's wrong value are errors with their lines, not a warning and a message
    without a line."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = sample / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - notice:\n", "  - notice:\n      notice_period_day: 45\n", 1)
    config.write_text(text.replace("default: true", "default: ture", 1), encoding="utf-8")
    with pytest.raises(Abort, match="Aborted with 2 configuration errors!"):
        load_config(config_file=str(config))
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        "notice: mkdocs.yml:20: notice_period_day: not an option of the notice plugin "
        "(did you mean notice_period_days?)",
        "notice: mkdocs.yml:34: language nb: default: 'ture' is not true or false",
    ]


def test_the_readme_lists_every_option() -> None:
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("| option | default | what it does |\n")[1].split("\n\n")[0]
    listed = {
        name for row in table.splitlines()[1:] for name in re.findall(r"`(\w+)`", row.split("|")[1])
    }
    assert listed == {option.name for option in dataclasses.fields(NoticeOptions)}

"""The project on disk: where notices, catalogs and templates are, and its languages.

The languages come from the i18n plugin's ``languages`` in ``mkdocs.yml``: one source
of truth for the site and the tooling.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from notice.core.errors import (
    ConfigError,
    NoticeError,
    printable,
    quoted,
    raise_all,
    read_utf8,
)
from notice.core.languages import LanguageTag, UnknownLanguage, language_tag, site_language
from notice.core.plaintext import is_one_line
from notice.core.yamltext import ConfigLoader, key_line, node_line
from notice.project.i18n import I18nLanguage, I18nOptions
from notice.project.options import NoticeOptions, read_declared
from notice.text.catalog import Origin
from notice.text.glyphs import FontCoverage, installed_coverage
from notice.text.markdown import Renderer, with_site_extensions

CONFIG_NAME = "mkdocs.yml"
DRAFT_NAME = "draft.md"
SITE_DOMAIN = "site"
#: A notice's id, its folder's name: a segment of every address of the notice, a file
#: name in every language's catalog folder, a calendar event's id.
NOTICE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
#: The message context of the site's name in ``site.pot``.
SITE_NAME_CONTEXT = "site_name"
#: Python-Markdown extensions MkDocs adds to the configured ones, whatever they are.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class Language:
    """One language of the site, as configured for the i18n plugin."""

    code: str
    name: str
    default: bool = False
    line: int | None = field(default=None, compare=False)
    """Where its entry starts in ``mkdocs.yml``."""

    def __post_init__(self) -> None:
        if not self.code:
            raise ValueError("'' is not a valid language code")

    @property
    def tag(self) -> LanguageTag:
        """Its code read once: Babel's locale, its folder under ``locales/``, its direction."""
        return language_tag(self.code)


@dataclass(frozen=True)
class Project:
    """Paths and languages of one project, read from its ``mkdocs.yml``."""

    root: Path
    config_file: Path
    docs_dir: Path
    languages: tuple[Language, ...]
    options: NoticeOptions = field(default_factory=NoticeOptions)
    """The notice plugin's options, read once."""
    markdown_extensions: tuple[str, ...] = ()
    """Python-Markdown extensions of the site, as every engine uses them: MkDocs's own, then
    ``markdown_extensions``, then those the pages need (``SITE_EXTENSIONS``)."""
    mdx_configs: dict[str, Any] = field(default_factory=dict)
    """Their options, per extension."""
    site_name: str = ""
    """The site's name (``site_name``), in the source language."""
    site_name_line: int | None = None
    site_url: str = ""
    languages_line: int | None = None
    """Where the i18n plugin's ``languages`` are in ``mkdocs.yml``."""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """``mkdocs.yml`` as read (what an engine other than MkDocs takes from it)."""

    @property
    def origin(self) -> Origin:
        """What catalog headers say about the project: its name and a contact address
        (the notice plugin's ``contact`` option)."""
        return Origin(project=self.site_name, contact=self.options.contact)

    @property
    def notice_period_days(self) -> int:
        """Days between the publication and the effect of a material change (the notice
        plugin's ``notice_period_days``)."""
        return self.options.notice_period_days

    @property
    def locales_dir(self) -> Path:
        """Where the templates and PO files live."""
        return self.root / "locales"

    @property
    def overrides_dir(self) -> Path:
        """The theme's ``custom_dir``: templates that hold the site's own strings."""
        return self.root / "overrides"

    @property
    def source_language(self) -> str:
        """The language legal editors write in: the i18n plugin's default."""
        return next(lang.code for lang in self.languages if lang.default)

    @property
    def translations(self) -> tuple[str, ...]:
        """Every configured language except the source language."""
        return tuple(lang.code for lang in self.languages if not lang.default)

    def language_code(self, given: str) -> str:
        """The configured code of a language given as people write it (``zh_TW`` for a
        site configured with ``zh-TW``); the given code itself when the site lacks it."""
        try:
            wanted = language_tag(given).tag
        except UnknownLanguage:
            return given
        return next((lang.code for lang in self.languages if lang.tag.tag == wanted), given)

    def notices(self) -> list[str]:
        """The notice ids: every folder of ``docs/`` that holds a ``draft.md``, each
        named as ``NOTICE_ID`` says (a folder named otherwise is refused, not skipped)."""
        found = sorted(p.parent.name for p in self.docs_dir.glob(f"*/{DRAFT_NAME}"))
        for name in found:
            if not NOTICE_ID.fullmatch(name):
                raise ConfigError(
                    f"the folder {quoted(name)}: a notice's folder is named with lower-case "
                    f"letters (a-z), digits and hyphens, at most 64 (its name is in every "
                    f"address of the notice)",
                    self.relative(self.docs_dir),
                    hint="rename it, such as privacy or cookies",
                )
        return found

    def draft(self, notice: str) -> Path:
        """The working text of a notice."""
        return self.docs_dir / notice / DRAFT_NAME

    def template(self, domain: str) -> Path:
        """The POT file of a notice, or of the site's own strings."""
        return self.locales_dir / f"{domain}.pot"

    def po_file(self, language: str, domain: str) -> Path:
        """The PO file of one language for a notice or the site."""
        return self.locales_dir / language_tag(language).folder / "LC_MESSAGES" / f"{domain}.po"

    def markdown_renderer(self) -> Renderer:
        """Markdown -> HTML as the site renders it: the one renderer that ``notice check``,
        ``notice release`` and the build compare translations with."""
        try:
            return Renderer(self.markdown_extensions, self.mdx_configs)
        except Exception as exc:  # Python-Markdown raises anything an extension raises
            raise ConfigError(
                f"markdown_extensions: {exc}",
                self.relative(self.config_file),
                hint="check the extension names and their options",
            ) from exc

    def font_coverage(self) -> FontCoverage | None:
        """What the installed fonts draw, where the project makes PDFs (the gate then
        refuses a text whose PDF would show an empty box); None where it makes none."""
        return installed_coverage() if self.options.pdf else None

    def relative(self, path: Path) -> str:
        """A path as the user sees it: relative to the project root, as written (a link
        is named, not what it points to)."""
        for given, root in ((path.absolute(), self.root), (path.resolve(), self.root.resolve())):
            if ".." not in given.parts:
                try:
                    return given.relative_to(root).as_posix()
                except ValueError:
                    pass
        return str(path)


def find_config(start: Path) -> Path:
    """The ``mkdocs.yml`` in ``start`` or the nearest folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"no {CONFIG_NAME} in {start} or any folder above it",
        hint="run notice from the project root",
    )


def load_project(config_file: Path) -> Project:
    """Read the project's paths, languages and notice options from ``mkdocs.yml``."""
    config_file = config_file.resolve()
    name = config_file.name
    text = read_utf8(config_file, name, ConfigError)
    node, data = _read_yaml(text, name)
    if "INHERIT" in data:
        data = _inherited(data, config_file, name, (config_file,))
    root = config_file.parent
    docs_dir = root / str(data.get("docs_dir", "docs"))
    i18n, i18n_node = _plugin(data, node, "i18n", name)
    if i18n is None:
        raise ConfigError(
            "the i18n plugin (mkdocs-static-i18n) is not configured",
            name,
            None,
            "add it under plugins, with docs_structure: folder",
        )
    # Every problem of both plugins' options at once, each with its line.
    problems: list[NoticeError] = []
    _, found = read_declared(
        I18nOptions,
        i18n,
        name,
        _lines(i18n_node, node_line(i18n_node)),
        "the i18n plugin",
    )
    problems.extend(found)
    languages, found = _languages(i18n, i18n_node, name)
    problems.extend(found)
    raw_options, options_node = _plugin(data, node, "notice", name)
    options, found = read_declared(
        NoticeOptions,
        raw_options or {},
        name,
        _lines(options_node),
        "the notice plugin",
    )
    problems.extend(found)
    raise_all(sorted(problems, key=lambda problem: problem.line or 0))
    assert options is not None
    extensions, configs = _markdown_extensions(data, node, name)
    site_name_line = None
    if isinstance(node, yaml.MappingNode):
        site_name_line = next(
            (k.start_mark.line + 1 for k, _ in node.value if k.value == "site_name"), None
        )
    site_name = str(data.get("site_name") or "")
    if not is_one_line(site_name):
        raise ConfigError(
            f"site_name: {quoted(site_name)} is not one line of text (it names every page, "
            f"feed and calendar)",
            name,
            site_name_line,
            "remove the line breaks and control characters",
        )
    return Project(
        root=root,
        config_file=config_file,
        docs_dir=docs_dir,
        languages=languages,
        options=options,
        markdown_extensions=extensions,
        mdx_configs=configs,
        site_name=site_name,
        site_name_line=site_name_line,
        languages_line=key_line(i18n_node, "languages"),
        site_url=str(data.get("site_url") or ""),
        raw=data,
    )


def _inherited(
    data: dict[str, Any], config_file: Path, name: str, seen: tuple[Path, ...]
) -> dict[str, Any]:
    """``data`` over the configuration its ``INHERIT`` names, as MkDocs reads it: the
    path is relative to the file that names it; mappings are merged key by key, any
    other value (a list of plugins too) replaced by the child's."""
    parent_file = (config_file.parent / str(data.pop("INHERIT"))).resolve()
    shown = os.path.relpath(parent_file, seen[0].parent)
    if parent_file in seen:
        raise ConfigError(f"INHERIT: {shown} inherits from itself", name)
    if not parent_file.is_file():
        raise ConfigError(f"INHERIT: {shown} does not exist", name)
    _, parent = _read_yaml(read_utf8(parent_file, shown, ConfigError), shown)
    if "INHERIT" in parent:
        parent = _inherited(parent, parent_file, shown, (*seen, parent_file))
    return _merged(parent, data)


def _read_yaml(text: str, shown: str) -> tuple[yaml.Node | None, dict[str, Any]]:
    """A configuration file's node tree (for lines) and its data, which must be a mapping."""
    try:
        node = yaml.compose(text, Loader=ConfigLoader)
        data = yaml.load(text, Loader=ConfigLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"invalid YAML: {printable(str(getattr(exc, 'problem', exc)), 200)}",
            shown,
            mark.line + 1 if mark else None,
        ) from exc
    if not isinstance(data, dict):
        raise ConfigError("the configuration must be a mapping", shown, 1)
    return node, data


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def _markdown_extensions(
    data: dict[str, Any], node: yaml.Node | None, path: str
) -> tuple[tuple[str, ...], dict[str, Any]]:
    """``markdown_extensions`` as a build uses them: MkDocs's built-in extensions first,
    then the configured ones (a list of names or one-item mappings, or one mapping), then
    those the site's pages need that ``mkdocs.yml`` lacks (``SITE_EXTENSIONS``), each once."""
    value = data.get("markdown_extensions") or []
    line = None
    if isinstance(node, yaml.MappingNode):
        line = next(
            (k.start_mark.line + 1 for k, _ in node.value if k.value == "markdown_extensions"),
            None,
        )
    items: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and len(item) == 1:
                items.extend(item.items())
            elif isinstance(item, str):
                items.append((item, None))
            else:
                raise ConfigError(f"invalid markdown_extensions entry: {quoted(item)}", path, line)
    else:
        raise ConfigError("markdown_extensions must be a list of extensions", path, line)
    names: list[str] = list(MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, Any] = {}
    for name, config in items:
        if not isinstance(name, str) or (config and not isinstance(config, dict)):
            raise ConfigError(f"invalid options for Markdown extension {quoted(name)}", path, line)
        if name not in names:
            names.append(name)
        if config:
            configs[name] = config
    return with_site_extensions(names), configs


def _plugin(
    data: dict[str, Any], node: yaml.Node | None, name: str, path: str
) -> tuple[dict[str, Any] | None, yaml.Node | None]:
    """The options of the plugin ``name`` (``None`` if it is not configured), and their node."""
    plugins = data.get("plugins") or []
    plugin_nodes: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "plugins" and isinstance(value, yaml.SequenceNode):
                plugin_nodes = list(value.value)
    for index, entry in enumerate(plugins):
        entry_node = plugin_nodes[index] if index < len(plugin_nodes) else None
        if entry == name:
            return {}, entry_node
        if isinstance(entry, dict) and name in entry:
            sub = None
            if isinstance(entry_node, yaml.MappingNode):
                sub = next((v for k, v in entry_node.value if k.value == name), None)
            if not isinstance(entry[name] or {}, dict):
                raise ConfigError(
                    f"the {name} plugin's options are not a mapping (name: value)",
                    path,
                    node_line(entry_node),
                )
            return dict(entry[name] or {}), sub
    return None, None


def _languages(
    i18n: dict[str, Any], node: yaml.Node | None, path: str
) -> tuple[tuple[Language, ...], list[ConfigError]]:
    """The i18n plugin's languages, and every problem of their entries (a key the plugin
    does not know, a value of the wrong type, a code it cannot build), with its line."""
    entries = i18n.get("languages")
    if not isinstance(entries, list):
        return (), []  # refused as an option of the i18n plugin
    nodes: list[yaml.Node] = []
    languages_line = key_line(node, "languages") or node_line(node)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "languages" and isinstance(value, yaml.SequenceNode):
                nodes = list(value.value)
    problems: list[ConfigError] = []
    languages: list[Language] = []
    for index, entry in enumerate(entries):
        entry_node = nodes[index] if index < len(nodes) else None
        line = node_line(entry_node)
        if not isinstance(entry, dict):
            problems.append(
                ConfigError(
                    f"language {index + 1}: {quoted(entry)} is not a language "
                    "(locale: ..., name: ...)",
                    path,
                    line,
                )
            )
            continue
        locale = entry.get("locale")
        named = printable(locale, 20) if isinstance(locale, str) and locale else index + 1
        read, found = read_declared(
            I18nLanguage,
            entry,
            path,
            _lines(entry_node, line),
            "the i18n plugin's languages",
            f"language {named}: ",
            plugin=False,
        )
        problems.extend(found)
        if isinstance(locale, str):
            try:
                site_language(locale)
            except UnknownLanguage as exc:
                problems.append(ConfigError(exc.message, path, line, exc.hint))
                continue
        if read is not None:
            languages.append(Language(read.locale, read.name, read.default, line))
    defaults = [lang for lang in languages if lang.default]
    if not problems and len(defaults) != 1:
        problems.append(
            ConfigError(
                "exactly one language must be the default (the source language)",
                path,
                languages_line,
            )
        )
    return tuple(languages), problems


def _lines(node: yaml.Node | None, fallback: int | None = None) -> Callable[[str], int | None]:
    """The line of each key of a mapping ``node``; ``fallback`` for a key it lacks."""
    return lambda key: key_line(node, key) or fallback

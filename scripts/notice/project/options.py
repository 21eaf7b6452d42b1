"""The notice plugin's options in ``mkdocs.yml``: declared once, here, and read once.

An option is one attribute of ``NoticeOptions``: its name, its type, its default and,
in the docstring under it, what it does (as MkDocs declares its own options).
``option()`` adds what a message says the value must be, a lower limit, or a reader of
its own; without it, all of that follows from the type. Everything else derives from
this declaration: ``read_options`` (what ``load_project``, so every command, reads)
checks each value against its type and refuses a name that is not an option, naming
the nearest one; MkDocs's schema of the plugin (``notice.engines.plugin``) is made from
the same fields. The same reader checks the i18n plugin's keys (``notice.project.i18n``).

What a build makes (its date, drafts, languages, PDFs) and how it computes it (the
cache, the number of processes) are kept apart by ``notice.site.stage``.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from notice.core.errors import ConfigError, quoted, raise_all
from notice.core.numbering import EXTENSION, ZEROS
from notice.core.plaintext import is_one_line
from notice.record.versions import NOTICE_PERIOD_DAYS
from notice.text.disclosures import LISTS

#: Where released texts' segments, redlines and PDFs are kept between builds.
DEFAULT_CACHE_DIR = ".cache/notice"

#: Keys MkDocs itself reads in every plugin's options (it removes them before the plugin
#: sees its options).
MKDOCS_PLUGIN_KEYS: dict[str, type] = {"enabled": bool}

#: The default of an option that must be given.
REQUIRED: Any = dataclasses.MISSING

T = TypeVar("T")


class WrongValue(ValueError):
    """A value an option's own reader refuses: ``shown`` is what the message quotes."""

    def __init__(self, shown: Any) -> None:
        super().__init__(repr(shown))
        self.shown = shown


@dataclass(frozen=True)
class Rule:
    """What an option's value must be, beyond its type."""

    wanted: str | None = None
    """What a message says it must be; else what its type is (``true or false``)."""
    minimum: int | None = None
    """The least number it may be."""
    read: Callable[[Any], Any] | None = None
    """Reads a value as YAML gives it into the option's value, or raises ``WrongValue``
    (for an option with more than one form); instead of the check by type."""
    forms: tuple[type, ...] = ()
    """What YAML may give for it, where ``read`` accepts more than its type."""


def option(
    default: Any,
    wanted: str | None = None,
    *,
    minimum: int | None = None,
    read: Callable[[Any], Any] | None = None,
    forms: tuple[type, ...] = (),
) -> Any:
    """An option's default and its ``Rule`` (``REQUIRED``: no default, it must be given)."""
    rule = {"rule": Rule(wanted, minimum, read, forms)}
    if isinstance(default, (dict, list)):
        return dataclasses.field(default_factory=lambda: type(default)(default), metadata=rule)
    return dataclasses.field(default=default, metadata=rule)


def _date(value: Any) -> str:
    """A date as ``YYYY-MM-DD`` (YAML reads an unquoted one as a date)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise WrongValue(value) from None


def _disclosures(value: Any) -> dict[str, str]:
    """One list for every notice (``gdpr-13``) or one per notice id; YAML 1.1 reads a
    bare ``off`` as false, which means the list ``off``."""
    value = _off(value)
    lists = {"*": value} if isinstance(value, str) else value
    if not isinstance(lists, dict):
        raise WrongValue(value)
    read = {str(notice): _off(given) for notice, given in lists.items()}
    for given in read.values():
        if given not in LISTS:
            raise WrongValue(given)
    return read


def _numbering(value: Any) -> dict[str, str]:
    """Per language, one of CLDR's numbering systems we know the digits of."""
    if not isinstance(value, dict):
        raise WrongValue(value)
    for given in value.values():
        if given not in ZEROS:
            raise WrongValue(given)
    return {str(language): str(system) for language, system in value.items()}


def _address(value: Any) -> str:
    """An http(s):// address, or none."""
    if not isinstance(value, str) or (value and not value.startswith(("http://", "https://"))):
        raise WrongValue(value)
    return value


def _off(value: Any) -> Any:
    return "off" if value is False else value


@dataclass(frozen=True)
class NoticeOptions:
    """The options of the ``notice`` plugin, with their defaults."""

    date: str | None = option(None, "a date (YYYY-MM-DD)", read=_date, forms=(str, datetime.date))
    """Build as of this date (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today."""
    draft: bool = False
    """Also build each notice's draft, with its changes (a preview; never for the public)."""
    preview: bool = False
    """Build a quick preview: the source language, drafts and current versions only
    (what ``notice serve`` builds on every change)."""
    date_locales: Mapping[str, str] = option({}, "a mapping of language to Babel locale")
    """Babel locale for dates per language, e.g. ``en: en_GB`` for "1 January 2027"."""
    numbering: Mapping[str, str] = option(
        {}, "a mapping of language to one of " + ", ".join(ZEROS), read=_numbering, forms=(dict,)
    )
    """The digits of the dates and numbers the site writes, per language, by CLDR's name
    of the numbering system (``notice.core.numbering``): ``{ar: arab}`` for ``١٥ يناير
    ٢٠٢٧``, ``{fa: arabext}``. Latin digits (``latn``) where none is given."""
    required_languages: tuple[str, ...] = option((), "a list of language codes")
    """Languages whose translation of a draft must be complete (an error otherwise)."""
    cache: bool = True
    """Keep what released texts make (segments, redlines, PDFs) between builds."""
    cache_dir: str = option(DEFAULT_CACHE_DIR, "a folder")
    """Where, relative to ``mkdocs.yml``."""
    jobs: int = option(0, "0 (one per core) or a positive number", minimum=0)
    """Processes that build the site (0: one per core)."""
    contact: str = option("", "an email address or a URL")
    """Where translators report a problem in a source text: the PO files'
    ``Report-Msgid-Bugs-To`` (an email address or a URL); the sender of announcements."""
    notice_period_days: int = option(
        NOTICE_PERIOD_DAYS, "a whole number of days (0 or more)", minimum=0
    )
    """Days a material change is announced before it takes effect (``notice release``)."""
    pdf: bool = True
    """Publish every released text as a PDF too (WeasyPrint, which needs Pango)."""
    disclosures: Mapping[str, str] = option(
        {"*": "off"},
        "one of " + ", ".join(LISTS),
        read=_disclosures,
        forms=(str, dict, bool),
    )
    """Which GDPR list each notice's map of disclosures is checked against
    (``notice.text.disclosures``): ``gdpr-13``, ``gdpr-14``, ``gdpr-13-14`` or ``off``,
    for every notice (``disclosures: gdpr-13``) or per notice id (``disclosures:
    {privacy: gdpr-13, cookies: off}``). ``off`` by default, so a project that predates
    the maps checks as it did."""
    timestamp_url: str = option("", "an http(s):// address", read=_address, forms=(str,))
    """The address of an RFC 3161 time-stamping authority: ``notice release`` has it stamp
    each new chain head (``notice timestamp`` stamps the current one). None by default."""

    def disclosures_list(self, notice: str) -> str:
        """The list ``notice``'s map is checked against."""
        return disclosures_list(self.disclosures, notice)

    def formatting_locales(self) -> dict[str, str]:
        """Per language, the locale its dates, numbers and lists are formatted in:
        ``date_locales`` with the ``numbering`` choice as a Unicode extension
        (``ar-u-nu-arab``), which ``notice.site.words.Words`` reads."""
        locales = dict(self.date_locales)
        for language, system in self.numbering.items():
            if system != "latn":
                locales[language] = f"{locales.get(language, language)}{EXTENSION}{system}"
        return locales


def disclosures_list(lists: Mapping[str, str], notice: str) -> str:
    """The list of ``notice`` in a ``disclosures`` option (per notice id, ``*`` for every
    notice): ``off`` where none is given."""
    return lists.get(notice, lists.get("*", "off"))


def read_options(
    raw: Mapping[str, Any], path: str, line_of: Callable[[str], int | None] | None = None
) -> NoticeOptions:
    """The notice plugin's options as ``mkdocs.yml`` gives them (``raw``), checked: an
    unknown name or a value of the wrong kind is an error naming ``path`` and its line
    (``line_of(name)``); every problem is raised at once."""
    options, problems = read_declared(NoticeOptions, raw, path, line_of, "the notice plugin")
    raise_all(problems)
    assert options is not None
    return options


def read_declared(
    declared: type[T],
    raw: Mapping[str, Any],
    path: str,
    line_of: Callable[[str], int | None] | None,
    owner: str,
    context: str = "",
    *,
    plugin: bool = True,
) -> tuple[T | None, list[ConfigError]]:
    """``raw`` read into the dataclass ``declared`` (one field per key), and every
    problem found: a name it does not declare (with the nearest one it does), a value
    of the wrong kind, a required one missing. ``owner`` names what the keys belong to,
    ``context`` starts each message (``language sv: ``). The options of a ``plugin``
    may have the keys MkDocs reads in every plugin's (``enabled``)."""
    fields = {field.name: field for field in dataclasses.fields(declared)}  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    problems: list[ConfigError] = []

    def problem(message: str, name: str, hint: str | None = None) -> None:
        line = line_of(name) if line_of else None
        problems.append(ConfigError(context + message, path, line, hint))

    for key, value in raw.items():
        name = str(key)
        if plugin and name in MKDOCS_PLUGIN_KEYS and name not in fields:
            if not isinstance(value, MKDOCS_PLUGIN_KEYS[name]):
                problem(f"{name}: {quoted(value)} is not true or false", name)
            continue
        if name not in fields:
            problem(f"{name}: not an option of {owner}", name, _nearest(name, fields))
            continue
        if value is None:
            continue  # as MkDocs reads it: the default
        try:
            values[name] = _read(fields[name], value, declared)
        except WrongValue as exc:
            problem(f"{name}: {quoted(exc.shown)} is not {wanted(fields[name], declared)}", name)
    for name, field in fields.items():
        required = field.default is REQUIRED and field.default_factory is REQUIRED
        if required and raw.get(name) is None:
            problem(f"{name}: missing ({wanted(field, declared)})", name)
    if problems:
        return None, problems
    return declared(**values), []


def _nearest(name: str, known: Iterable[str]) -> str:
    """The hint for a misspelt name: the nearest known one, else every known one."""
    names = sorted(known)
    close = difflib.get_close_matches(name, names, n=1)
    return f"did you mean {close[0]}?" if close else "known: " + ", ".join(names)


def rule(field: dataclasses.Field[Any]) -> Rule:
    """An option's rule (a plain attribute has the default one)."""
    found = field.metadata.get("rule")
    return found if isinstance(found, Rule) else Rule()


def wanted(field: dataclasses.Field[Any], declared: type) -> str:
    """What a message says an option's value must be."""
    return rule(field).wanted or _kind(_hints(declared)[field.name])[1]


def yaml_forms(field: dataclasses.Field[Any], declared: type) -> tuple[type, ...]:
    """What YAML may give for an option (its MkDocs schema's types)."""
    return rule(field).forms or _kind(_hints(declared)[field.name])[0]


@functools.cache
def _hints(declared: type) -> dict[str, Any]:
    return typing.get_type_hints(declared)


def _kind(hint: Any) -> tuple[tuple[type, ...], str]:
    """What YAML gives for a value of the type ``hint``, and what a message calls it."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _kind(inner)
    if origin in (tuple, list):
        return (list,), "a list"
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        return (dict,), "a mapping"
    plain = {bool: "true or false", int: "a whole number", str: "text"}
    if hint in plain:
        return (hint,), plain[hint]
    return (object,), "a value"


def _read(field: dataclasses.Field[Any], value: Any, declared: type) -> Any:
    """One value as YAML gives it, as the option's type; ``WrongValue`` if it is not one."""
    found = rule(field)
    if found.read is not None:
        return found.read(value)
    hint = _hints(declared)[field.name]
    forms, _ = _kind(hint)
    if not isinstance(value, forms) or (isinstance(value, bool) and bool not in forms):
        raise WrongValue(value)
    if found.minimum is not None and isinstance(value, int) and value < found.minimum:
        raise WrongValue(value)
    if not all(is_one_line(item) for item in _texts(value)):
        raise WrongValue(value)  # a value reaches a page's head, a header, a calendar line
    items = _arguments(hint)
    if isinstance(value, list):
        return tuple(str(item) if items[:1] == (str,) else item for item in value)
    if isinstance(value, dict):
        text = items[1:2] == (str,)
        return {str(key): str(item) if text else item for key, item in value.items()}
    return value


def _texts(value: Any) -> list[str]:
    """The text in a value: itself, or its items, or its keys and values."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    if isinstance(value, dict):
        return [str(item) for pair in value.items() for item in pair if isinstance(item, str)]
    return []


def _arguments(hint: Any) -> tuple[Any, ...]:
    """The type arguments of a container's type (``tuple[str, ...]``: ``str, ...``),
    optional or not."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return typing.get_args(hint)

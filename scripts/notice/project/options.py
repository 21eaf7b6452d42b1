"""The notice plugin's options in ``mkdocs.yml``, read once, typed and checked.

``NoticeOptions`` is the one view of them: ``load_project`` reads it, the commands,
the build and the MkDocs plugin take it from ``Project.options`` (the plugin's MkDocs
schema, ``notice.engines.plugin.NoticeConfig``, is made from its fields). What a build
makes (its date, drafts, languages, PDFs) and how it computes it (the cache, the
number of processes) are kept apart by ``notice.site.stage``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from notice.core.errors import ConfigError
from notice.record.versions import NOTICE_PERIOD_DAYS
from notice.text.disclosures import LISTS

#: Where released texts' segments, redlines and PDFs are kept between builds.
DEFAULT_CACHE_DIR = ".cache/notice"


@dataclass(frozen=True)
class NoticeOptions:
    """The options of the ``notice`` plugin, with their defaults."""

    date: str | None = None
    """Build as of this date (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today."""
    draft: bool = False
    """Also build each notice's draft, with its changes (a preview; never for the public)."""
    preview: bool = False
    """Build a quick preview: the source language, drafts and current versions only
    (what ``notice serve`` builds on every change)."""
    date_locales: Mapping[str, str] = field(default_factory=dict)
    """Babel locale for dates per language, e.g. ``en: en_GB`` for "1 January 2027"."""
    required_languages: tuple[str, ...] = ()
    """Languages whose translation of a draft must be complete (an error otherwise)."""
    cache: bool = True
    """Keep what released texts make (segments, redlines, PDFs) between builds."""
    cache_dir: str = DEFAULT_CACHE_DIR
    """Where, relative to ``mkdocs.yml``."""
    jobs: int = 0
    """Processes that build the site (0: one per core)."""
    contact: str = ""
    """Where translators report a problem in a source text: the PO files'
    ``Report-Msgid-Bugs-To`` (an email address or a URL); the sender of announcements."""
    notice_period_days: int = NOTICE_PERIOD_DAYS
    """Days a material change is announced before it takes effect (``notice release``)."""
    pdf: bool = True
    """Publish every released text as a PDF too (WeasyPrint, which needs Pango)."""
    disclosures: Mapping[str, str] = field(
        default_factory=lambda: {"*": "off"}, metadata={"yaml": (str, dict, bool)}
    )
    """Which GDPR list each notice's map of disclosures is checked against
    (``notice.text.disclosures``): ``gdpr-13``, ``gdpr-14``, ``gdpr-13-14`` or ``off``,
    for every notice (``disclosures: gdpr-13``) or per notice id (``disclosures:
    {privacy: gdpr-13, cookies: off}``). ``off`` by default, so a project that predates
    the maps checks as it did."""
    timestamp_url: str = ""
    """The address of an RFC 3161 time-stamping authority: ``notice release`` has it stamp
    each new chain head (``notice timestamp`` stamps the current one). None by default."""

    def disclosures_list(self, notice: str) -> str:
        """The list ``notice``'s map is checked against."""
        return disclosures_list(self.disclosures, notice)


def disclosures_list(lists: Mapping[str, str], notice: str) -> str:
    """The list of ``notice`` in a ``disclosures`` option (per notice id, ``*`` for every
    notice): ``off`` where none is given."""
    return lists.get(notice, lists.get("*", "off"))


#: What each option must be, as YAML gives it (and what the message calls it).
_KINDS: dict[str, tuple[tuple[type, ...], str]] = {
    "date": ((str,), "a date (YYYY-MM-DD)"),
    "draft": ((bool,), "true or false"),
    "preview": ((bool,), "true or false"),
    "date_locales": ((dict,), "a mapping of language to Babel locale"),
    "required_languages": ((list,), "a list of language codes"),
    "cache": ((bool,), "true or false"),
    "cache_dir": ((str,), "a folder"),
    "jobs": ((int,), "0 (one per core) or a positive number"),
    "contact": ((str,), "an email address or a URL"),
    "notice_period_days": ((int,), "a whole number of days (0 or more)"),
    "pdf": ((bool,), "true or false"),
    "disclosures": ((str, dict), "one of " + ", ".join(LISTS)),
    "timestamp_url": ((str,), "an http(s):// address"),
}


def read_options(raw: Mapping[str, Any], path: str, line_of: Any = None) -> NoticeOptions:
    """The plugin's options as ``mkdocs.yml`` gives them (``raw``), checked: a value of
    the wrong kind is an error naming ``path`` and its line (``line_of(name)``)."""
    values: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(NoticeOptions)}
    for name, value in raw.items():
        if name not in names or value is None:
            continue  # MkDocs's own schema refuses unknown options (NoticeConfig)
        if name == "disclosures":
            value = _off(value)
        kinds, wanted = _KINDS[name]
        wrong = not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
        if not wrong and name in ("jobs", "notice_period_days") and value < 0:
            wrong = True
        if not wrong and name == "disclosures":
            value = {"*": value} if isinstance(value, str) else value
            value = {key: _off(given) for key, given in value.items()}
            bad = [v for v in value.values() if v not in LISTS]
            if bad:
                raise ConfigError(
                    f"disclosures: {bad[0]!r} is not {_KINDS[name][1]}",
                    path,
                    line_of(name) if line_of else None,
                )
            value = {str(k): str(v) for k, v in value.items()}
        if wrong:
            raise ConfigError(
                f"{name}: {value!r} is not {wanted}", path, line_of(name) if line_of else None
            )
        if name == "date_locales":
            value = {str(k): str(v) for k, v in value.items()}
        elif name == "required_languages":
            value = tuple(str(v) for v in value)
        values[name] = value
    return NoticeOptions(**values)


def _off(value: Any) -> Any:
    """YAML 1.1 reads a bare ``off`` as false: it means the list ``off``."""
    return "off" if value is False else value

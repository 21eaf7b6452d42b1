"""The site's own strings (banners, labels): from the ``overrides/`` templates and the
page builders' code."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

import notice
from notice.core.cache import Cache
from notice.project.config import SITE_DOMAIN, SITE_NAME_CONTEXT, Project
from notice.text.catalog import empty_template, without_false_flags

_TEMPLATES = [("**.html", "jinja2.ext:babel_extract"), ("**.xml", "jinja2.ext:babel_extract")]
_TEMPLATE_OPTIONS = {pattern: {"trimmed": "true"} for pattern, _ in _TEMPLATES}
#: The rule: every string of the package's code marked by one of ``_KEYWORDS`` is a site
#: word, wherever it is. Only the layers that write for readers (``notice.site``,
#: ``notice.usecases``) mark any (``tests/test_quality.py`` checks it).
_KEYWORDS = {
    "_": None,
    "_html": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "fragments": None,
}


def site_template(project: Project, cache: Cache | None = None) -> Catalog:
    """The template of the site's strings: every ``_()`` in the overrides and the code.
    With a ``cache``, what Babel extracts is kept until a template or the code changes."""
    catalog = empty_template(
        SITE_DOMAIN,
        "# Template of the site's own strings, written by `notice extract`.",
        project.origin,
    )
    if project.site_name:
        catalog.add(
            project.site_name,
            context=SITE_NAME_CONTEXT,
            locations=[(project.relative(project.config_file), project.site_name_line or 1)],
            auto_comments=[
                "The site's name (site_name in mkdocs.yml, in the source language): "
                "the page header, browser tabs and feeds show it."
            ],
        )
    kind, parts = _extraction_entry(project)
    found = (cache or Cache(None)).get(kind, parts, lambda: _extract_once(project, tuple(parts)))
    for location, line, message, comments in found:
        message = tuple(message) if isinstance(message, list) else message  # plural
        catalog.add(message, locations=[(location, line)], auto_comments=comments)
    return without_false_flags(catalog)


def _extraction_entry(project: Project) -> tuple[str, list[str]]:
    """The cache entry of the extraction: every template's path and text (the code is
    in every key)."""
    folder = project.overrides_dir
    parts = [project.relative(folder)]
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts += [
                path.relative_to(folder).as_posix(),
                hashlib.sha256(path.read_bytes()).hexdigest(),
            ]
    return "site-strings", parts


def _extract_once(project: Project, entry: tuple[str, ...]) -> list[list[Any]]:
    """``_extract``, done once per process for templates with the same names and bytes
    (``entry``: what the extraction comes from, the code aside)."""
    if entry not in _EXTRACTED:
        if len(_EXTRACTED) >= 16:
            _EXTRACTED.pop(next(iter(_EXTRACTED)))
        _EXTRACTED[entry] = _extract(project)
    return _EXTRACTED[entry]


_EXTRACTED: dict[tuple[str, ...], list[list[Any]]] = {}


def _extract(project: Project) -> list[list[Any]]:
    """``[location, line, message, comments]`` of every site string, in order, as JSON
    data (a plural message as a list)."""
    found: list[list[Any]] = []
    folder = project.overrides_dir
    if folder.is_dir():
        for name, line, message, comments, _context in extract_from_dir(
            str(folder),
            method_map=_TEMPLATES,
            options_map=_TEMPLATE_OPTIONS,
            keywords=_KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        ):
            found.append([f"{project.relative(folder)}/{name}", line, _plain(message), comments])
    found.extend(
        [location, line, _plain(message), list(comments)]
        for location, line, message, comments in _code_strings()
    )
    return found


#: Where Babel may start a call of one of ``_KEYWORDS``: the name (even as a method,
#: ``self._``) then ``(`` or ``[``. A module without one gives Babel nothing to extract.
_CALL = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, _KEYWORDS)) + r")[\s\\]*[(\[]")


@functools.cache
def _code_strings() -> tuple[tuple[str, int, str | tuple[str, ...], tuple[str, ...]], ...]:
    """The site strings of the package's code, in Babel's order: read once per process
    (the code does not change while it runs), and by Babel only in the modules that call
    a keyword (the same strings as every module, tested)."""
    package = Path(notice.__file__).parent  # every layer's modules
    marked = [
        (path.relative_to(package).as_posix(), "python")
        for path in sorted(package.rglob("*.py"))
        if _CALL.search(path.read_text(encoding="utf-8"))
    ]
    return tuple(
        (f"notice/{name}", line, message, tuple(comments))
        for name, line, message, comments, _context in extract_from_dir(
            str(package),
            method_map=marked,
            keywords=_KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        )
    )


def _plain(message: str | tuple[str, ...]) -> str | list[str]:
    return list(message) if isinstance(message, tuple) else message

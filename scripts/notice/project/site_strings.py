"""The site's own strings (banners, labels): from the ``overrides/`` templates and the
page builders' code."""

from __future__ import annotations

import hashlib
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
_CODE = [("**.py", "python")]
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
    found = (cache or Cache(None)).get(*_extraction_entry(project), lambda: _extract(project))
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
    package = Path(notice.__file__).parent  # every layer's modules
    for name, line, message, comments, _context in extract_from_dir(
        str(package),
        method_map=_CODE,
        keywords=_KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        found.append([f"notice/{name}", line, _plain(message), comments])
    return found


def _plain(message: str | tuple[str, ...]) -> str | list[str]:
    return list(message) if isinstance(message, tuple) else message

"""The site's own strings (banners, labels): from the ``overrides/`` templates and the
page builders' code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

import notice
from notice.project.config import SITE_DOMAIN, SITE_NAME_CONTEXT, Project
from notice.text.catalog import empty_template, without_false_flags

_TEMPLATES = [("**.html", "jinja2.ext:babel_extract"), ("**.xml", "jinja2.ext:babel_extract")]
_TEMPLATE_OPTIONS = {pattern: {"trimmed": "true"} for pattern, _ in _TEMPLATES}
_CODE = [
    ("site/builders.py", "python"),
    ("site/words.py", "python"),
    ("site/files.py", "python"),
    ("site/compare.py", "python"),
    ("site/announce.py", "python"),
    ("**.py", "ignore"),
]
_KEYWORDS = {
    "_": None,
    "_html": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "fragments": None,
}


def site_template(project: Project) -> Catalog:
    """The template of the site's strings: every ``_()`` in the overrides and the code."""
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
    found: list[tuple[str, int, Any, list[str]]] = []
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
            found.append((f"{project.relative(folder)}/{name}", line, message, comments))
    package = Path(notice.__file__).parent  # every layer's modules
    for name, line, message, comments, _context in extract_from_dir(
        str(package),
        method_map=_CODE,
        keywords=_KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        found.append((f"notice/{name}", line, message, comments))
    for location, line, message, comments in found:
        catalog.add(message, locations=[(location, line)], auto_comments=comments)
    return without_false_flags(catalog)

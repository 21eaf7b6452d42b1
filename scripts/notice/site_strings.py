"""The site's own strings (banners, labels): extracted from the ``overrides/`` templates."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from notice.catalog import PROJECT, _clean
from notice.project import SITE_DOMAIN, Project

_METHODS = [("**.html", "jinja2.ext:babel_extract"), ("**.xml", "jinja2.ext:babel_extract")]
_OPTIONS = {pattern: {"trimmed": "true"} for pattern, _ in _METHODS}


def site_template(project: Project) -> Catalog:
    """The template of the site's strings: every ``_()`` in the theme overrides."""
    catalog = Catalog(domain=SITE_DOMAIN, project=PROJECT, fuzzy=False, charset="utf-8")
    folder = project.overrides_dir
    if not folder.is_dir():
        return catalog
    found = extract_from_dir(
        str(folder),
        method_map=_METHODS,
        options_map=_OPTIONS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in sorted(found, key=lambda f: (f[0], f[1])):
        location = (f"{project.relative(folder)}/{filename}", lineno)
        if isinstance(message, tuple):
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
        else:
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
    return _clean(catalog)

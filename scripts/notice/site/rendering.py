"""How the site renders Markdown, published so that anyone can render a frozen text again.

The build writes the site's Python-Markdown extensions and their options into
``versions.json`` (``markdown``); ``notice verify`` renders every frozen text with them,
through the same page body (``render_page``) and sanitiser (``sanitize``) the build uses,
and compares the text that gives (``notice.text.shown``) with what each page shows.

The settings come from the site being checked, so ``verify`` loads only extensions that
read nothing but the text: Python-Markdown's own and PyMdown's, less those that read files
(``pymdownx.snippets``, ``pymdownx.b64``). A site rendered with any other says so in the
summary, and its pages' text is not compared.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable

from notice.site.schema import MarkdownSettings
from notice.text.compose import render_page
from notice.text.markdown import Renderer, sanitize
from notice.text.segment import segment_markdown
from notice.text.shown import shown_text

#: The extensions Python-Markdown ships (``markdown.extensions``).
_PYTHON_MARKDOWN = frozenset(
    {
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code",
        "footnotes", "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists",
        "smarty", "tables", "toc", "wikilinks",
    }
)  # fmt: skip

#: PyMdown extensions that read files besides the text.
_READS_FILES = frozenset({"pymdownx.snippets", "pymdownx.b64"})


def markdown_settings(renderer: Renderer) -> MarkdownSettings | None:
    """The settings a renderer was made with, for ``versions.json``; None when an option is
    not plain data (a Python object named in ``mkdocs.yml``), which JSON cannot carry."""
    try:
        configs = json.loads(json.dumps(renderer.configs, sort_keys=True))
    except (TypeError, ValueError):
        return None
    return {"extensions": list(renderer.extensions), "configs": configs}


def loadable(name: str) -> bool:
    """Whether ``verify`` loads an extension a site names (see the module's docstring)."""
    short = name.removeprefix("markdown.extensions.")
    if short in _PYTHON_MARKDOWN:
        return True
    return name.startswith("pymdownx.") and name not in _READS_FILES and name.count(".") == 1


def frozen_renderer(settings: MarkdownSettings | None) -> Callable[[str], str] | str:
    """What gives the text a page shows of a frozen Markdown text (``notice.text.shown``'s
    normal form), rendered as the site renders it; or why it cannot be had."""
    if settings is None:
        return "versions.json states no Markdown settings (an extension's options are not data)"
    refused = [name for name in settings["extensions"] if not loadable(name)]
    if refused:
        return f"the site renders Markdown with {refused[0]}, which verify does not load"
    try:
        renderer = Renderer(settings["extensions"], settings["configs"])
    except Exception as exc:  # Python-Markdown raises anything an extension raises
        return f"the site's Markdown settings do not load ({exc!r})"

    try:
        said: str | None = json.dumps(settings, sort_keys=True)
    except (TypeError, ValueError, RecursionError):  # not kept, then: rendered each time
        said = None

    def rendered(markdown: str) -> str:
        body = render_page(segment_markdown(markdown), {}, anchors=True)[1]
        return shown_text(sanitize(renderer(body)))

    def text_shown(markdown: str) -> str:
        if said is None:
            return rendered(markdown)
        key = (said, markdown)
        if key not in _SHOWN:
            _SHOWN[key] = rendered(markdown)
            if len(_SHOWN) > 256:
                _SHOWN.popitem(last=False)
        _SHOWN.move_to_end(key)
        return _SHOWN[key]

    return text_shown


#: What a text shows, by the settings it was rendered with and its Markdown: a text
#: verified again in this process (another site with the same record) is not rendered
#: again. The most recent 256.
_SHOWN: OrderedDict[tuple[str, str], str] = OrderedDict()

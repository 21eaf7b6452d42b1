"""Markdown as the site renders it: the one renderer (Python-Markdown with the project's
extensions, as ``mkdocs.yml`` configures them), the sanitiser every page goes through, and
the structure check that compares a translation's rendered blocks with its source's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from html.parser import HTMLParser

from babel.messages.catalog import Catalog

from notice.core.errors import StructureError
from notice.text.compose import render_page
from notice.text.segment import Document, Segment

# Block-level elements whose nesting is the page's structure.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "dd", "dt",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol",
        "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul",
    }
)  # fmt: skip


#: The Python-Markdown extensions the pages we write rely on, whatever ``mkdocs.yml`` says:
#: a heading's anchor (``{ #id }``, ``attr_list``; ``toc`` gives the others), the compare
#: page's folded sections (``<details markdown="1">``, ``md_in_html``), boxes
#: (``admonition``), tables, footnotes and definition lists. Without one, a page would
#: show its Markdown as text. Every engine adds them, and so does the renderer that
#: ``check``, ``release`` and the build compare translations with.
SITE_EXTENSIONS = (
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
)


def with_site_extensions(extensions: Sequence[str]) -> tuple[str, ...]:
    """``extensions`` and, after them, each of ``SITE_EXTENSIONS`` they lack (once)."""
    named = {name.removeprefix("markdown.extensions.") for name in extensions}
    return (*extensions, *(name for name in SITE_EXTENSIONS if name not in named))


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


class _Skeleton(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            classes = dict(attrs).get("class") or ""
            kind = "admonition" if "admonition" in classes.split() else ""
            self.tags.append(f"<{tag}{'.' + kind if kind else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.tags.append(f"</{tag}>")


def block_skeleton(html: str) -> list[str]:
    """The sequence of block-level opening and closing tags of an HTML fragment."""
    parser = _Skeleton()
    parser.feed(html)
    parser.close()
    return parser.tags


def structure_breaker(
    document: Document,
    translations: Mapping[str, str],
    to_html: Callable[[str], str],
) -> Segment | None:
    """The first segment whose translation changes the page's block structure, if any.

    The whole page is compared first (one rendering); only when it differs is each
    translated segment tried on its own, to name the one at fault.
    """
    for segment in document.segments:
        translated = translations.get(segment.text)
        if (
            translated
            and segment.kind.startswith("table")
            and _UNESCAPED_PIPE.search(translated.replace("\n", "|"))
        ):
            return segment  # a pipe or line break would split the cell or the row
    source = block_skeleton(to_html(render_page(document, {}, anchors=False)[1]))
    translated_page = render_page(document, translations, anchors=False)[1]
    if block_skeleton(to_html(translated_page)) == source:
        return None
    for segment in document.segments:
        translated = translations.get(segment.text)
        if segment.field is not None or not translated or translated == segment.text:
            continue
        alone = render_page(document, {segment.text: translated}, anchors=False)[1]
        if block_skeleton(to_html(alone)) != source:
            return segment
    # The segments only break the structure together; blame the first translated one.
    return next((s for s in document.segments if translations.get(s.text, s.text) != s.text), None)


def structure_error(
    document: Document,
    translations: Mapping[str, str],
    to_html: Callable[[str], str],
    po_path: str | None,
    catalog: Catalog | None = None,
) -> StructureError | None:
    """The one structure check of check, release and build: the error naming the PO file
    and line of the first translation that changes the page's block structure, if any."""
    broken = structure_breaker(document, translations, to_html)
    if broken is None:
        return None
    message = None
    if catalog is not None:
        message = catalog.get(broken.text) or catalog.obsolete.get(broken.text)
    return StructureError(
        f"this translation changes the page's block structure "
        f"(the {broken.kind} on {document.path}:{broken.line})",
        po_path,
        getattr(message, "lineno", None) or None,
        "keep the translation to one block, with the source's markup",
    )


class Renderer:
    """Markdown -> HTML as the site renders it (Python-Markdown with its extensions).

    ``key`` says how it is configured (its extensions and their options): what a PDF's
    cache key holds besides the text."""

    def __init__(
        self, extensions: Sequence[str], configs: Mapping[str, Mapping[str, object]] | None = None
    ) -> None:
        import markdown

        from notice.text.brackets import use_quicker_brackets

        use_quicker_brackets()
        self.extensions = tuple(extensions)
        """The Python-Markdown extensions, by name (what ``versions.json`` publishes)."""
        self.configs = dict(configs or {})
        """Their options, per extension."""
        self.key = json.dumps([list(extensions), dict(configs or {})], sort_keys=True, default=repr)
        self._engine = markdown.Markdown(
            extensions=list(extensions), extension_configs=dict(configs or {})
        )

    def __call__(self, text: str) -> str:
        self._engine.reset()
        return str(self._engine.convert(text))


def markdown_renderer(
    extensions: Sequence[str], configs: Mapping[str, Mapping[str, object]] | None = None
) -> Renderer:
    """Markdown -> HTML as the site renders it (Python-Markdown with its extensions)."""
    return Renderer(extensions, configs)


# What Markdown, its extensions and a redline produce; everything else is removed.
_SAFE_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details",
        "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "section",
        "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip


_SAFE_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "details": {"open"},
}


#: The classes of the elements that ``notice verify`` reads a page's record from (the
#: text, its hash): the templates write them, text may not.
VERIFIED_CLASSES = frozenset({"notice-text", "notice-sha256", "notice-record"})


def sanitize(html: str) -> str:
    """HTML with only safe elements, attributes and URL schemes left (nh3); no id of the
    theme's (``__config``: its script's settings) nor a class ``notice verify`` reads
    (``VERIFIED_CLASSES``), whatever the text says."""
    import nh3

    return nh3.clean(
        html,
        tags=set(_SAFE_TAGS),
        attributes={k: set(v) for k, v in _SAFE_ATTRIBUTES.items()},
        attribute_filter=_unreserved,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def _unreserved(element: str, attribute: str, value: str) -> str | None:
    """An attribute as text may set it: an id of the theme's dropped, the classes of the
    record taken out."""
    if attribute == "id" and value.startswith("__"):
        return None
    if attribute == "class":
        kept = [name for name in value.split() if name not in VERIFIED_CLASSES]
        return " ".join(kept) if kept else None
    return value

"""The pages of a build: for every language, every notice and page as Markdown (pure).

The result is a mapping from a path in the staging tree (``en/privacy/index.md``) to
its Markdown text, front matter included. The MkDocs plugin writes it out; nothing
here knows MkDocs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from babel import Locale

from notice.catalog import coverage, translations
from notice.checks import structure_breaker
from notice.errors import NoticeErrors, StructureError
from notice.segment import render_page
from notice.sources import Sources

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


@dataclass(frozen=True)
class Page:
    """One page of one language, ready to be written into the staging tree."""

    path: str
    meta: dict[str, Any]
    body: str

    @property
    def text(self) -> str:
        """The page as Markdown with YAML front matter."""
        front = yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=True, width=1000)
        return f"---\n{front}---\n\n{self.body}"


def language_name(code: str, in_language: str) -> str:
    """The name of a language, in another language, from Babel's locale data."""
    name = Locale.parse(code).get_display_name(Locale.parse(in_language)) or code
    return name


def build_pages(sources: Sources, to_html: Callable[[str], str]) -> list[Page]:
    """Every page of the site, in every language; refuses translations that break a page."""
    pages: list[Page] = []
    problems: list[StructureError] = []
    titles: dict[tuple[str, str], tuple[str, str, bool]] = {}
    for domain, document in sources.documents.items():
        template = sources.template(domain)
        for language in sources.languages:
            catalog = sources.catalogs.get((domain, language))
            is_source = language == sources.source_language
            complete = is_source or coverage(template, catalog, language).complete
            texts = translations(catalog) if complete and not is_source else {}
            if texts:
                broken = structure_breaker(document, texts, to_html)
                if broken is not None:
                    message = catalog.get(broken.text) if catalog is not None else None
                    problems.append(
                        StructureError(
                            f"this translation changes the page's block structure "
                            f"(the {broken.kind} on {document.path}:{broken.line})",
                            sources.po_paths[(domain, language)],
                            getattr(message, "lineno", None),
                            "keep the translation to one block, with the source's markup",
                        )
                    )
                    continue
            front, body = render_page(document, texts, anchors=True)
            content_language = language if complete else sources.source_language
            meta = {
                "title": str(front.get("title") or domain),
                "notice_id": domain,
                "notice_content_lang": content_language,
                "notice_fallback": not complete,
                "notice_source_name": language_name(sources.source_language, language),
            }
            if front.get("description"):
                meta["description"] = str(front["description"])
            titles[(domain, language)] = (
                str(meta["title"]),
                str(meta.get("description", "")),
                complete,
            )
            pages.append(Page(_page_path(domain, language, sources), meta, body))
    if problems:
        raise problems[0] if len(problems) == 1 else NoticeErrors(list(problems))
    return [_with_notice_list(p, sources, titles) for p in pages]


def _page_path(domain: str, language: str, sources: Sources) -> str:
    if domain in sources.notices:
        return f"{language}/{domain}/index.md"
    return f"{language}/{domain}.md"


def _with_notice_list(
    page: Page, sources: Sources, titles: dict[tuple[str, str], tuple[str, str, bool]]
) -> Page:
    """The landing page lists every notice, with its title in the reader's language."""
    if page.meta["notice_id"] != "index":
        return page
    language = page.path.split("/", 1)[0]
    lines = []
    for notice in sources.notices:
        title, description, _ = titles[(notice, language)]
        entry = f"- [{_escape(title)}]({notice}/index.md)"
        if description:
            entry += f": {_escape(description)}"
        lines.append(entry)
    body = page.body.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    return Page(page.path, page.meta, body)


def _escape(text: str) -> str:
    """Text from a catalog, made inert as Markdown and HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))

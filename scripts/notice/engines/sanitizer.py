"""A Python-Markdown extension that sanitises every page it renders (``notice.engines.sanitizer``).

For engines that run no MkDocs plugin (Zensical): the same cleaning the MkDocs plugin
applies to each page's HTML, as the last step of Markdown rendering.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from notice.text.markdown import sanitize


class _Sanitize(Postprocessor):
    def run(self, text: str) -> str:
        return sanitize(text)


class SanitizeExtension(Extension):
    """Text from a notice or a PO file cannot inject markup."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_Sanitize(md), "notice-sanitize", 0)


def makeExtension(**kwargs: Any) -> SanitizeExtension:
    return SanitizeExtension(**kwargs)

"""The redlines of a build's compare pages: asked for while the pages are made, then
read from the cache or, for those it lacks, computed all at once on every core."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass
from functools import partial
from typing import TypedDict

from notice.core.cache import MISSING, Cache, cache_key
from notice.core.parallel import run_all
from notice.site.meta import Comparison, Page, PageMeta
from notice.text.diff import diff_documents, plain_title
from notice.text.redline import Folding, RedlineLabels, redline_markdown
from notice.text.segment import Document


@dataclass(frozen=True)
class Pending:
    """A compare page until the redlines are computed: its path, its metadata, and what
    gives its body and what it says of the redline (``Redlines.complete``)."""

    path: str
    meta: PageMeta
    fill: Callable[[], tuple[str, Comparison]]


class Redline(TypedDict):
    """What a compare page shows of two texts (JSON data, as the cache keeps it)."""

    body: str
    """The marked text, as Markdown."""
    changed: bool
    sections: list[list[str | None]]
    """Per section with an anchor: its status, anchor, title and former title (or null);
    lists, as JSON keeps them."""


class Redlines:
    """Schedules the redlines of one build: each asked for once per page that shows it,
    computed once, and held only until the last of those pages has taken it."""

    def __init__(
        self, cache: Cache, workers: int, made: Callable[[str], bool] = lambda code: True
    ) -> None:
        self.cache = cache
        self.workers = workers
        self.made = made
        """Whether the pages of a language are made (in a part, its languages only): the
        redlines of the others are never computed nor read."""
        self._values: dict[str, Redline] = {}
        self._jobs: dict[str, Callable[[], Redline]] = {}
        self._language: dict[str, str] = {}
        self._uses: dict[str, int] = {}

    def ask(
        self, a: Document, b: Document, labels: RedlineLabels, folding: Folding, code: str
    ) -> str:
        """The key of the redline from ``a`` to ``b`` with a reader's ``labels`` and
        ``folding`` words; ``code`` is their language."""
        words = (*astuple(labels), *folding.words())
        key = cache_key("redline", (a.text, b.text, *words))
        if not self.made(code):
            return key
        self._uses[key] = self._uses.get(key, 0) + 1
        if key not in self._values and key not in self._jobs:
            value = self.cache.load(key)
            if value is MISSING:
                self._jobs[key] = partial(redline, a, b, labels, folding)
                self._language[key] = code
            else:
                self._values[key] = value
        return key

    def start(self, order: tuple[str, ...]) -> None:
        """Compute every redline asked for that the cache lacks, on every core, the
        languages in ``order``."""
        keys = sorted(self._jobs, key=lambda k: order.index(self._language[k]))
        jobs = [partial(self.cache.compute, key, self._jobs[key]) for key in keys]
        self._jobs.clear()
        self._values.update(zip(keys, run_all(jobs, self.workers), strict=True))

    @staticmethod
    def complete(page: Page | Pending) -> Page:
        """A compare page with its redline (its body and what it says of it); any other
        page as it is."""
        if isinstance(page, Page):
            return page
        body, comparison = page.fill()
        return Page(page.path, page.meta.compared(comparison), body)

    def take(self, key: str) -> Redline:
        """A redline, for one of the pages that asked for it (then forgotten: a build
        holds each redline only until its page has it)."""
        self._uses[key] -= 1
        return self._values[key] if self._uses[key] else self._values.pop(key)


def redline(a: Document, b: Document, labels: RedlineLabels, folding: Folding) -> Redline:
    """What a compare page shows of two texts: the marked text and its sections, as
    JSON data."""
    result = diff_documents(a, b)
    body = redline_markdown(a, b, result, labels, folding)
    sections: list[list[str | None]] = [
        [
            section.status,
            section.anchor,
            plain_title(section.title),
            plain_title(section.old_title) if section.old_title else None,
        ]
        for section in result.sections
        if section.anchor
    ]
    return {"body": body, "changed": result.changed, "sections": sections}

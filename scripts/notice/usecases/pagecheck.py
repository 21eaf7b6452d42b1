"""What ``notice verify`` reads of a version page: the dates and the hash its record states
(``<time data-notice-date>``, ``<code class="notice-sha256">``) and the notice text it
shows (``notice.text.shown``), each against the record."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from notice.core.errors import printable
from notice.text.shown import NOTICE_TEXT_CLASS, first_difference, page_notice_texts
from notice.usecases.reader import Discrepancy, PublishedSite

#: The deepest a page may nest its elements (the site's pages nest about 20): parsing
#: deeper ones takes a time that grows with the square of their depth.
MAX_DEPTH = 500
#: Elements that have no end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr", "param", "keygen"}
)


@dataclass(frozen=True)
class Shown:
    """What a page must show: a version's entry in the registry and, where it can be
    rendered, the text of its frozen Markdown."""

    effective: str
    published: str
    sha256: str
    """Of the frozen text the page shows (the source language's on a page of a language
    the version has no text in)."""
    text: str | None
    """That text rendered, in ``notice.text.shown``'s normal form (None: not compared)."""
    source: str
    """Where that frozen text is published (named when the page's text differs)."""


class _Record(HTMLParser):
    """The ``<time data-notice-date>`` elements and the hash of a version page."""

    def __init__(self) -> None:
        super().__init__()
        self.dates: dict[str, str] = {}
        self.hash = ""
        self._in_hash = False
        self.depth = 0
        self.deepest = 0
        """How many elements it opened and had not closed, at most (a bound of its depth)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
        found = dict(attrs)
        if tag == "time" and found.get("data-notice-date"):
            self.dates[str(found["data-notice-date"])] = str(found.get("datetime") or "")
        self._in_hash = tag == "code" and "notice-sha256" in str(found.get("class") or "")

    def handle_data(self, data: str) -> None:
        if self._in_hash:
            self.hash += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)
        if tag == "code":
            self._in_hash = False


def check_page(site: PublishedSite, url: str, shown: Shown) -> bool:
    """A version page states its registry entry's dates and its text's hash, and shows its
    frozen text; whether that text was compared."""
    body, where = site.read(url)
    page = body.decode("utf-8", "replace")
    found = _Record()
    found.feed(page)
    if found.deepest > MAX_DEPTH:
        raise Discrepancy(
            f"the page nests more than {MAX_DEPTH} elements in one another: it is not read", where
        )
    for field, value in (("effective", shown.effective), ("published", shown.published)):
        stated = found.dates.get(field)
        if stated != value:
            raise Discrepancy(
                f"the page states the {field} date {printable(stated or 'nowhere')}, the "
                f"registry {value}",
                where,
            )
    if found.hash != shown.sha256:
        raise Discrepancy(
            f"the page states the SHA-256 {printable(found.hash or 'nowhere')}, the registry "
            f"{shown.sha256}",
            where,
        )
    if shown.text is None:
        return False
    try:
        texts = page_notice_texts(page)
    except RecursionError:  # a tree deeper than the elements the parser was shown
        raise Discrepancy("the page nests its elements too deeply to be read", where) from None
    if len(texts) != 1:
        raise Discrepancy(
            f"the page shows {len(texts) or 'no'} notice texts (elements of class "
            f"{NOTICE_TEXT_CLASS}), not one",
            where,
        )
    if texts[0] != shown.text:
        page_words, frozen_words = first_difference(texts[0], shown.text)
        raise Discrepancy(
            f"the page does not show its frozen text {shown.source}: the page says "
            f'"{printable(page_words, 200)}", the frozen text "{printable(frozen_words, 200)}"',
            where,
        )
    return True

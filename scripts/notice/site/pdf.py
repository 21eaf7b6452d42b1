"""Every released text as a PDF: the text, its dates, its permanent address and the
SHA-256 of the file as released, printed in it (WeasyPrint, PDF/A-2a and PDF/UA-1: archival
and tagged, so that a screen reader reads it in its language, headings, lists and tables).

A PDF is made from the frozen text alone, with nothing fetched: every font comes from
the system (fontconfig) and is embedded, and a document that asks for anything else
(an image, a style sheet) gets nothing. The same text, dates and labels give the same
bytes, so PDFs are kept in the build cache like redlines.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import metadata
from typing import Any
from urllib.parse import urljoin

from notice.core.errors import NoticeError
from notice.core.htmledit import Tag, edit_attributes, edit_html
from notice.core.languages import Direction, language_tag
from notice.site.fonts import MONOSPACE, check_glyphs, font_families

#: The Debian packages the PDFs need: Pango (WeasyPrint draws with it) and the fonts of
#: every script (see ``notice.site.fonts``).
SYSTEM_PACKAGES = (
    "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core fonts-noto-cjk"
)

#: PDF/A-2a: archival, with every glyph mapped to Unicode (its text can be searched and
#: extracted) and tagged: a structure tree (headings, paragraphs, lists, tables, links),
#: the document's language (``/Lang``, from ``<html lang>``) and title (``<title>``, shown
#: by the reader's title bar). PDFs frozen before (PDF/A-2u, untagged) stay as released.
VARIANT = "pdf/a-2a"

#: The XMP description that declares PDF/UA-1 beside PDF/A-2a. WeasyPrint writes the
#: identification of one variant only; what PDF/UA-1 asks of the file besides (tags,
#: ``/Lang``, ``/MarkInfo``, ``/DisplayDocTitle``, a ``dc:title``) its tagging writes for
#: PDF/A-2a as for ``pdf/ua-1``.
ACCESSIBLE = (
    b'<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" '
    b'pdfuaid:part="1" />'
    # PDF/A allows in XMP only the predefined schemas and those the file describes (an
    # extension schema): pdfuaid is not predefined, so the file describes it.
    b'<rdf:Description rdf:about="" '
    b'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
    b'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
    b'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    b'<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    b"<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>"
    b"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    b'<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    b"<pdfaProperty:name>part</pdfaProperty:name>"
    b"<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    b"<pdfaProperty:category>internal</pdfaProperty:category>"
    b"<pdfaProperty:description>The part of ISO 14289 the file follows</pdfaProperty:description>"
    b"</rdf:li></rdf:Seq></pdfaSchema:property>"
    b"</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
)

STYLE = """
@page {
  size: A4;
  margin: 22mm 20mm 24mm 20mm;
  @bottom-left {
    content: string(address); font-size: 7.5pt; color: #555; direction: ltr; text-align: left;
  }
  @bottom-right {
    content: counter(page) " / " counter(pages); font-size: 7.5pt; color: #555;
    direction: ltr; text-align: right;
  }
}
html { font-size: 10pt; line-height: 1.45; color: #111; }
h1 { font-size: 18pt; margin: 0 0 4mm; line-height: 1.2; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; break-after: avoid; }
h3, h4 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
a { color: inherit; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9pt; }
th, td { border: 0.5pt solid #888; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
.admonition { border-left: 2pt solid #888; padding: 1mm 0 1mm 4mm; margin: 3mm 0; }
[dir=rtl] th, [dir=rtl] td { text-align: right; }
[dir=rtl] .admonition { border-left: none; border-right: 2pt solid #888; padding: 1mm 4mm 1mm 0; }
.admonition-title { font-weight: bold; margin: 0; }
.record { border: 0.5pt solid #888; padding: 3mm 4mm; margin: 0 0 6mm; font-size: 8.5pt; }
.record dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 1mm 4mm; }
.record dt { font-weight: bold; }
.record dd { margin: 0; }
.record .address { string-set: address content(); }
.record code { font-family: %(monospace)s; font-size: 7.5pt; }
.record code { word-break: break-all; }
.binding { font-style: italic; margin: 0 0 4mm; }
.headerlink { display: none; }
.summary { margin: 0 0 8mm; padding: 3mm 4mm; border: 0.4pt solid #999; font-size: 9pt; }
.summary h2 { margin: 0 0 2mm; font-size: 10.5pt; }
.summary dl { display: block; margin: 0; }
.summary dt { font-weight: bold; margin-top: 1.5mm; }
.summary dd { margin: 0; }
.summary .article { font-weight: normal; color: #555; }
"""


@dataclass(frozen=True)
class Sheet:
    """What a PDF prints about its text, each line labelled in the text's language."""

    lang: str
    """The text's language, a BCP 47 tag (``<html lang>``: hyphenation, fonts)."""
    title: str
    site_name: str
    effective: str
    """ISO date: what the document's metadata says it was created (its publication is
    in the registry, its effect is what matters to a reader)."""
    lines: tuple[tuple[str, str], ...]
    """(label, value): the dates, the address and the SHA-256, already formatted."""
    address: str
    """The permanent address of the version's page (absolute when the site's URL is
    known)."""
    binding: str | None = None
    dir: Direction = "ltr"
    """The text's direction (``<html dir>``): WeasyPrint sets a right-to-left text right
    to left only when told."""
    first_title: str | None = None
    first: tuple[tuple[str, tuple[str, ...], str | None], ...] = ()
    """The first layer, from the text's facts: per line, its label, what it says and an
    e-mail address (the controller's)."""
    summary_title: str | None = None
    summary: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...] = ()
    """What the text says under the GDPR (its first layer and the rest, unfolded on
    paper): per item, its label, its article and its sections (the separator before it in
    the list, heading, ``#anchor``)."""


def style(lang: str) -> str:
    """The PDF's style sheet, with the fonts of ``lang``'s script."""
    families = font_families(language_tag(lang))
    return f"html {{ font-family: {families}; }}\n" + STYLE.replace("%(monospace)s", MONOSPACE)


def document_html(record: Sheet, body_html: str) -> str:
    """The HTML a PDF is made from: the record, then the text. Links are made absolute
    (against the version's address) or, where they cannot be, left as text."""

    def absolute(value: str) -> str:
        href = re.sub(r"(^|/)index\.md(?=#|$)", r"\1", html.unescape(value))
        target = urljoin(record.address, href) if "://" in record.address else href
        return html.escape(target)

    def tag(found: Tag) -> str:
        return edit_attributes(found.text, frozenset({"href"}), absolute)

    # Each value isolated: an address or a hash reads left to right, a date in the
    # direction of its words, inside a right-to-left record.
    lines = "".join(
        f"<dt>{html.escape(label)}</dt><dd{' class=address' if value == record.address else ''}>"
        f"{_value(value, value == record.address)}</dd>"
        for label, value in record.lines
    )
    binding = f'<p class="binding">{html.escape(record.binding)}</p>' if record.binding else ""
    summary = _first_layer(record) + _summary(record, tag)
    dir_attribute = ' dir="rtl"' if record.dir == "rtl" else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(record.lang)}"{dir_attribute}><head><meta charset="utf-8">'
        f"<title>{html.escape(record.title)}</title>"
        f'<meta name="author" content="{html.escape(record.site_name)}">'
        f'<meta name="dcterms.created" content="{record.effective}">'
        f'<meta name="generator" content="notice">'
        f"<style>{style(record.lang)}</style></head><body>"
        f"<h1>{html.escape(record.title)}</h1>"
        f'<div class="record"><dl>{lines}</dl></div>{binding}{summary}'
        f"{edit_html(body_html, tag)}</body></html>\n"
    )


def _first_layer(record: Sheet) -> str:
    """The first layer, a label and what it says per line."""
    if not record.first:
        return ""
    said = "".join(
        f"<dt>{html.escape(label)}</dt><dd>"
        + "<br>".join(html.escape(line) for line in lines)
        + (f" <bdi>{html.escape(email)}</bdi>" if email else "")
        + "</dd>"
        for label, lines, email in record.first
    )
    return (
        f'<div class="summary"><h2>{html.escape(record.first_title or "")}</h2>'
        f"<dl>{said}</dl></div>"
    )


def _summary(record: Sheet, tag: Callable[[Tag], str]) -> str:
    """What the text says under the GDPR, each item with links to its sections (``tag``
    makes them absolute)."""
    if not record.summary:
        return ""
    items = "".join(
        _named_once(links[0][1], article, links[0][2])
        if len(links) == 1 and links[0][1].lower() == label.lower()
        else f"<dt>{html.escape(label)} <span class=article>{html.escape(article)}</span></dt>"
        "<dd>"
        + "".join(
            f'{html.escape(before)}<a href="{html.escape(url)}">{html.escape(t)}</a>'
            for before, t, url in links
        )
        + "</dd>"
        for label, article, links in record.summary
    )
    return (
        f'<div class="summary"><h2>{html.escape(record.summary_title or "")}</h2>'
        f"<dl>{edit_html(items, tag)}</dl></div>"
    )


def _named_once(title: str, article: str, url: str) -> str:
    """An item said in the one section headed with its own words: that section's link,
    then its article (as the site's list of disclosures names it)."""
    return (
        f'<dt><a href="{html.escape(url)}">{html.escape(title)}</a></dt>'
        f"<dd class=article>{html.escape(article)}</dd>"
    )


def _value(value: str, address: bool) -> str:
    if re.fullmatch(r"[0-9a-f]{64}", value):
        return f'<bdi dir="ltr"><code>{value}</code></bdi>'
    if address:
        return f'<bdi dir="ltr">{html.escape(value)}</bdi>'
    return f"<bdi>{html.escape(value)}</bdi>"


def renderer_version() -> str:
    """What, besides its text and sheet, decides a PDF's bytes (part of its cache key):
    WeasyPrint's version, the variant, the metadata added to it and the style sheet."""
    styled = hashlib.sha256(STYLE.encode("utf-8") + ACCESSIBLE).hexdigest()[:16]
    try:
        return f"weasyprint={metadata.version('weasyprint')}\0{VARIANT}+ua-1\0{styled}"
    except metadata.PackageNotFoundError:
        return f"weasyprint=none\0{VARIANT}+ua-1\0{styled}"


class _Text(HTMLParser):
    """The text a document prints (what its fonts must draw)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script", "head")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script", "head") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def printed_text(document: str) -> str:
    """The text of ``document`` (HTML) that a PDF of it prints."""
    parser = _Text()
    parser.feed(document)
    parser.close()
    return "".join(parser.parts)


def render(document: str, lang: str = "", what: str = "a PDF") -> str:
    """A PDF of ``document`` (HTML), base64-encoded (JSON data, for the cache), once
    the installed fonts are known to draw every character of it (``what`` names it in
    the error otherwise)."""
    check_glyphs(printed_text(document), lang, what)
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:
        raise NoticeError(
            f"PDFs cannot be made here: {exc}",
            hint=f"install Pango (Debian: apt-get install {SYSTEM_PACKAGES}) and WeasyPrint "
            "(pip install -e .), or set `pdf: false` in "
            "the notice plugin's options in mkdocs.yml",
        ) from exc
    nothing = URLFetcher(allowed_protocols=frozenset())  # no protocol: no fetch at all
    pdf = HTML(string=document, url_fetcher=nothing, base_url=None).write_pdf(
        pdf_variant=VARIANT, finisher=_declare_accessible
    )
    return base64.b64encode(pdf).decode("ascii")


def _declare_accessible(document: object, pdf: Any) -> None:
    """Add the PDF/UA-1 identification to the XMP metadata WeasyPrint wrote for PDF/A-2a
    (its one ``rdf:RDF``), before the file is written (a WeasyPrint ``finisher``)."""
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]  # b"153 0 R"
    packet = b"\n".join(
        part if isinstance(part, bytes) else part.encode() for part in stream.stream
    )
    assert packet.count(b"</rdf:RDF>") == 1, "WeasyPrint writes one RDF description"
    stream.stream = [packet.replace(b"</rdf:RDF>", ACCESSIBLE + b"</rdf:RDF>")]

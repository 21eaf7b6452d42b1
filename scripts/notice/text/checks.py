"""Checks of a translation against its source (links, code, footnotes, numbers, inline
HTML, punctuation, hidden characters): they report problems, never raise.

A difference in what a reader is told is an error, one of style a warning; ``gate.py``
runs these checks over a catalog for check and release alike."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape as html_escape
from html import unescape as html_unescape
from typing import Any, Literal

from markdown_it import MarkdownIt

from notice.text.addresses import find_emails, find_urls
from notice.text.catalog import MARKER_PREFIX
from notice.text.direction import describe, reordered_numbers
from notice.text.hidden import control_characters, hidden_characters
from notice.text.numbers import differing_numbers

Severity = Literal["error", "warning"]
"""An error stops a build and a release; a warning is reported (``--strict``: an error)."""


@dataclass(frozen=True)
class Problem:
    """One finding: where it is, what is wrong, and how bad it is."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


# --- translations against their source ---------------------------------------------------

#: What a translator may mark as deliberately different, each with its marker: a translator
#: comment above the entry, ``# notice: ignore-numbers`` (``catalog.markers`` reads it). A
#: difference of meaning (what a reader is told: numbers, link targets, e-mail addresses,
#: code, footnote markers) is an error that stops a release unless it is marked; one of
#: style (end punctuation, emphasis, inline HTML, Markdown shown as typed) is a warning.
IGNORE_FLAGS = {
    "numbers": "ignore-numbers",
    "links": "ignore-links",
    "emails": "ignore-emails",
    "code": "ignore-code",
    "footnotes": "ignore-footnotes",
    "punctuation": "ignore-punctuation",
    "emphasis": "ignore-emphasis",
    "html": "ignore-html",
    "markdown": "ignore-markdown",
}
#: Markers of earlier versions, still read as the ones that replace them.
RENAMED_FLAGS = {"ignore-urls": ("ignore-links", "ignore-emails")}
# Markup characters that show as typed when they do not pair up.
_MARKUP = "*_`[]"
_UNSAFE_TAG = re.compile(
    r"<\s*/?\s*(script|style|iframe|object|embed|form|input|link|meta|base)\b", re.I
)
_EVENT = re.compile(r"<[^>]*\son\w+\s*=", re.I)
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][\w-]*)")


@dataclass(frozen=True)
class Inline:
    """What a check compares in a piece of inline Markdown, found by markdown-it."""

    links: tuple[str, ...]
    footnotes: tuple[str, ...]
    code: tuple[str, ...]
    html: tuple[str, ...]
    emphasis: tuple[tuple[str, int], ...]
    text: str
    literal: dict[str, int]
    """Markup characters left as text (unpaired, unescaped): they show as typed."""


def inline_features(markdown: str, references: dict[str, Any] | None = None) -> Inline:
    """Links (reference links resolved), footnote markers, code, HTML, emphasis, and
    markup characters that did not pair up."""
    env: dict[str, Any] = {"references": dict(references or {})}
    links: list[str] = []
    code: list[str] = []
    tags: list[str] = []
    emphasis: dict[str, int] = {}
    runs: list[list[str]] = []  # the text between two pieces of markup
    literal = dict.fromkeys(_MARKUP, 0)
    for token in _inline_parser().parseInline(markdown, env):
        after_markup = True
        for child in token.children or []:
            if child.type in ("text", "text_special"):
                if after_markup:
                    runs.append([])
                    after_markup = False
                runs[-1].append(child.content)
                if child.type == "text":  # an escape (``\*``) or entity is text_special
                    for char in _MARKUP:
                        literal[char] += child.content.count(char)
                continue
            after_markup = True
            if child.type == "link_open":
                links.append(str(child.attrGet("href") or ""))
            elif child.type == "image":
                links.append(str(child.attrGet("src") or ""))
            elif child.type == "code_inline":
                code.append(child.content)
            elif child.type == "html_inline":
                tags.append(child.content)
            elif child.type in ("strong_open", "em_open", "s_open"):
                emphasis[child.type] = emphasis.get(child.type, 0) + 1
    footnotes = _FOOTNOTE.findall(markdown)
    plain = _FOOTNOTE.sub(" ", " ".join("".join(run) for run in runs))
    return Inline(
        tuple(sorted(links)),
        tuple(sorted(footnotes)),
        tuple(sorted(code)),
        tuple(sorted(tags)),
        tuple(sorted(emphasis.items())),
        plain,
        literal,
    )


@functools.cache
def _inline_parser() -> MarkdownIt:
    """The sources' parser, with escaped characters kept apart from the text around them
    (``text_join`` would merge them)."""
    from notice.text.segment import markdown_parser

    return markdown_parser().disable("text_join")


def _difference(source: tuple[str, ...], translation: tuple[str, ...]) -> str:
    """What the translation lacks and what it adds, each as often as it does."""
    missing = Counter(source) - Counter(translation)
    extra = Counter(translation) - Counter(source)
    parts = []
    if missing:
        parts.append("missing " + ", ".join(f"'{m}'" for m in missing.elements()))
    if extra:
        parts.append("extra " + ", ".join(f"'{e}'" for e in extra.elements()))
    return "; ".join(parts)


def unsafe_html(markdown: str) -> str | None:
    """Why a piece of Markdown is unsafe to publish (script, handlers, script URLs)."""
    tag = _UNSAFE_TAG.search(markdown)
    if tag:
        return f"it contains a <{tag.group(1).lower()}> tag"
    if _EVENT.search(markdown):
        return "it contains an event handler attribute (on...=)"
    # markdown-it refuses some of these links (and renders them as text), Python-Markdown
    # does not: look at the source.
    for match in _LINK_SCHEME.finditer(html_unescape(markdown).replace("\t", "")):
        scheme = (match.group(1) or match.group(2)).lower()
        if scheme in _SCRIPT_SCHEMES:
            return f"it links to a script URL ({scheme}:)"
        if scheme not in LINK_SCHEMES:
            return (
                f"it links to a {scheme}: address, which a reader's browser or PDF viewer "
                f"would open outside the site; a link is to the web (http:, https:), to an "
                f"e-mail address (mailto:) or within the site"
            )
    return None


#: The schemes a published link may have (a link within the site has none).
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# A link's destination, a reference definition, an href or src attribute, an autolink
# (CommonMark: a scheme of 2 to 32 characters), each with the scheme it starts with.
_LINK_SCHEME = re.compile(
    r"""(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|(?:href|src)\s*=\s*["']?\s*)"""
    r"""([A-Za-z][A-Za-z0-9+.-]*)\s*:|<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*>""",
    re.M,
)
# An attribute list as Python-Markdown's attr_list reads one (``{: #id .class key=v }``,
# the colon optional) after a block, a heading or an inline element; not ``\{``.
_ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{:?[ \t]*([^}\s][^}\n]*?)[ \t]*\}")


def attribute_lists(markdown: str) -> list[str]:
    """The attribute lists of a piece of Markdown, as written."""
    return [match.group(0) for match in _ATTRIBUTE_LIST.finditer(markdown)]


_HTML_NAMING = re.compile(r"""<[^>]*?\b(id|class)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def reserved_names(markdown: str) -> list[str]:
    """Why each id or class that the pages' own markup uses (the theme's ids ``__…``, our
    ``notice-…``), set by an attribute list or an HTML tag of a text, is refused: the
    theme's script and ``notice verify`` would read the text as the page's own."""
    named: list[tuple[str, str]] = []
    for shown in attribute_lists(markdown):
        for token in shown.strip("{}: \t").split():
            if token.startswith("#"):
                named.append(("id", token[1:]))
            elif token.startswith("."):
                named.append(("class", token[1:]))
            elif token.lower().startswith(("id=", "class=")):
                key, _, value = token.partition("=")
                named += [(key.lower(), v) for v in value.strip("\"'").split()]
    for match in _HTML_NAMING.finditer(markdown):
        value = next(v for v in match.groups()[1:] if v is not None)
        named += [(match.group(1).lower(), v) for v in value.split()]
    return [
        f"the {kind} '{name}' is the page's own (the theme's script and notice verify read "
        f"it); text may not set it: remove it, or name yours otherwise"
        for kind, name in dict.fromkeys(named)
        if name.startswith("notice-") or (kind == "id" and name.startswith("__"))
    ]


def added_attributes(source: str, translation: str) -> list[str]:
    """Why each attribute list of a translation that its source does not have is refused:
    it would set an id, a class or an attribute of the page (the theme's and
    ``notice verify``'s among them), which text may not."""
    extra = Counter(attribute_lists(translation)) - Counter(attribute_lists(source))
    return [
        f"an attribute list '{shown}' that the source does not have: it would set ids, "
        f"classes or attributes of the page, which a translation may not; remove it (write "
        f"\\{{ for a brace shown as typed)"
        for shown in sorted(extra)
    ]


#: Marks that end a sentence or a clause, as ``.`` ``:`` ``;`` ``!`` ``?`` do: Unicode's
#: Terminal_Punctuation in the scripts of the languages a notice is translated into, and the
#: ellipsis. Commas count: where the source ends a list item with ",", Arabic ends it with "،".
_END_MARKS = frozenset(
    ".,:;!?…‼⁇⁈⁉"
    "\u037e\u0387\u00b7"  # Greek question mark and ano teleia (U+00B7 once normalised)
    "։"  # Armenian full stop
    "،؛؟۔"  # Arabic script: comma, semicolon, question mark, full stop (Urdu)
    "।॥"  # danda, double danda: Devanagari, Bengali, Gurmukhi, Odia and others share them
    "๚๛"  # Thai angkhankhu, khomut (not ฯ, which abbreviates a word, nor ๆ, which repeats one)
    "།༎"  # Tibetan shad, nyis shad
    "၊။"  # Myanmar little section, section
    "።፣፤፥፦፧፨"  # Ethiopic full stop, comma, semicolon, colon, preface colon, question, paragraph
    "។៕៖"  # Khmer khan, bariyoosan, camnuc pii kuuh
    "᠂᠃"  # Mongolian comma, full stop
    "、。，．：；！？｡､"  # CJK, full width and half width
)
#: Scripts whose sentences end with a space, not a mark: Thai and Lao (Thai's ๚ and ๛ close
#: sections of old and formal texts only). A translation in them may end without a mark
#: where the source has one. Khmer (។), Myanmar (။) and Tibetan (།) do mark a sentence's
#: end, so their translations are checked as all others.
_UNMARKED_SCRIPTS = frozenset({"THAI", "LAO"})


#: Marks that end a question or an exclamation, in every script that has its own.
_QUESTIONS = frozenset("?!‼⁇⁈⁉\u037e;؟፧？！")
#: Blocks that are titles: a title may be a question in one language and a phrase in
#: another ("Welche Daten erheben wir?" for "Hvilke opplysninger vi samler inn").
TITLES = frozenset({"heading", "admonition title", "table header", "term", "front matter: title"})
#: Blocks whose text is one line: it names a page, a feed entry, a calendar event, an
#: e-mail's subject.
ONE_LINE = TITLES | {"front matter: description"}


def one_line(kind: str | None) -> bool:
    """Whether a segment of ``kind`` is one line: a title, a description, or the words of
    a fact (they reach feeds, e-mails and the JSON-LD)."""
    return kind is not None and (kind in ONE_LINE or kind.startswith("fact: "))


def _end_mark(text: str) -> str | None:
    """The mark a text ends with, also when a closing quote or bracket, a space, an
    invisible mark (RLM, an isolate) or a footnote marker follows it: ``。」``, ``."`` and
    ``.[^1]`` end with one."""
    text = _FOOTNOTE.sub("", text)
    end = len(text)
    while end and (
        text[end - 1].isspace()
        or text[end - 1] in "\"'"
        or unicodedata.category(text[end - 1]) in ("Pe", "Pf", "Pi", "Cf")
    ):
        end -= 1
    return text[end - 1] if end and text[end - 1] in _END_MARKS else None


def _script(text: str) -> str | None:
    """The script most of a text's letters are written in, as Unicode names it (``THAI``,
    ``LATIN``, ``CJK``), if it has letters."""
    counts: dict[str, int] = {}
    for char in text:
        if unicodedata.category(char)[0] in "LM":
            script = unicodedata.name(char, "?").split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def check_translation(
    source: str,
    translation: str,
    flags: set[str] | frozenset[str] = frozenset(),
    references: dict[str, Any] | None = None,
    *,
    source_language: str | None = None,
    language: str | None = None,
    kind: str | None = None,
) -> list[tuple[Severity, str]]:
    """Compare one translation with its source; ``(severity, message)`` pairs.

    ``flags`` are the translator's markers; numbers are read in the notation of each
    text's language (``numbers.py``); ``kind`` is the block's (a title may end otherwise)."""
    marked = set(flags) | {new for old in flags for new in RENAMED_FLAGS.get(old, ())}
    found: list[tuple[Severity, str]] = [
        ("error", hidden) for hidden in hidden_characters(source, translation)
    ]  # no marker silences these
    found += [
        ("error", control)
        for control in control_characters(translation, one_line=one_line(kind), source=source)
    ]
    danger = unsafe_html(translation)
    if danger:
        found.append(("error", f"unsafe HTML: {danger}; it is never published"))
    found += [("error", added) for added in added_attributes(source, translation)]
    found += [
        ("error", reserved)
        for reserved in reserved_names(translation)
        if reserved not in reserved_names(source)
    ]
    a = inline_features(source, references)
    b = inline_features(translation, references)
    differences = [
        ("links", "link targets differ", _difference(_web(a.links), _web(b.links))),
        ("emails", "link targets differ", _difference(_mail(a.links), _mail(b.links))),
        ("footnotes", "footnote markers differ", _difference(a.footnotes, b.footnotes)),
        ("code", "code differs", _difference(a.code, b.code)),
        ("numbers", "numbers differ", _numbers(a.text, b.text, source_language, language)),
    ]
    for name, what, find in (
        ("emails", "e-mail addresses", find_emails),
        ("links", "URLs", find_urls),
    ):
        in_a = tuple(sorted(find(a.text)))
        in_b = tuple(sorted(find(b.text)))
        differences.append((name, f"{what} differ", _difference(in_a, in_b)))
    for name, what, difference in differences:
        if difference and IGNORE_FLAGS[name] not in marked:
            found.append(("error", _meaning(name, f"{what} from the source: {difference}")))
    if IGNORE_FLAGS["numbers"] not in marked:
        found += [("warning", describe(number)) for number in reordered_numbers(b.text, language)]
    found.extend(_style(source, translation, a, b, marked, kind))
    return found


def _web(links: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(link for link in links if not link.lower().startswith("mailto:"))


def _mail(links: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(link for link in links if link.lower().startswith("mailto:"))


def _meaning(name: str, message: str) -> str:
    """A finding of meaning, with what to do about it."""
    return (
        f"{message} (correct the translation, or, if the difference is deliberate, add "
        f"the translator comment '# {MARKER_PREFIX} {IGNORE_FLAGS[name]}' above the entry)"
    )


def _numbers(
    source: str, translation: str, source_language: str | None, language: str | None
) -> str:
    """How the numbers differ, if they do; a number written alike in both is read as
    another value in the translation's language ("1,000" in English and in German)."""
    missing, extra = differing_numbers(source, translation, source_language, language)
    difference = "; ".join(
        f"{label} " + ", ".join(f"'{number}'" for number in numbers)
        for label, numbers in (("missing", missing), ("extra", extra))
        if numbers
    )
    alike = sorted(set(missing) & set(extra))
    if alike and source_language and language:
        listed = ", ".join(f"'{number}'" for number in alike)
        difference += (
            f"; {listed} is another number in {language} than in {source_language}: "
            f"write it as {language} does"
        )
    return difference


def _style(
    source: str,
    translation: str,
    a: Inline,
    b: Inline,
    marked: set[str],
    kind: str | None,
) -> list[tuple[Severity, str]]:
    """Findings of style: warnings, which never stop a correct translation."""
    found: list[tuple[Severity, str]] = []
    if IGNORE_FLAGS["html"] not in marked:
        names_a = tuple(sorted("".join(m) for m in _TAG_NAME.findall(" ".join(a.html))))
        names_b = tuple(sorted("".join(m) for m in _TAG_NAME.findall(" ".join(b.html))))
        if names_a != names_b:
            found.append(
                ("warning", f"inline HTML differs from the source: {_difference(names_a, names_b)}")
            )
    if IGNORE_FLAGS["emphasis"] not in marked and a.emphasis != b.emphasis:
        names = {"strong_open": "bold", "em_open": "italic", "s_open": "strike-through"}

        def describe(counts: tuple[tuple[str, int], ...]) -> str:
            return ", ".join(f"{n} {names[k]}" for k, n in counts) or "none"

        found.append(
            (
                "warning",
                f"emphasis differs from the source ({describe(a.emphasis)} "
                f"in the source, {describe(b.emphasis)} here)",
            )
        )
    if IGNORE_FLAGS["markdown"] not in marked:
        unpaired = [
            f"{b.literal[char]} unpaired '{char}' (the source has {a.literal[char]})"
            for char in _MARKUP
            if b.literal[char] > a.literal[char]
        ]
        if unpaired:
            found.append(
                (
                    "warning",
                    f"unbalanced Markdown: {', '.join(unpaired)} would be shown as typed; "
                    "pair them as the source does, or escape each with \\",
                )
            )
    if IGNORE_FLAGS["punctuation"] not in marked:
        end_a = _end_mark(source)
        end_b = _end_mark(translation)
        unmarked = end_a and not end_b and _script(b.text) in _UNMARKED_SCRIPTS
        question = kind in TITLES and (end_a or end_b) in _QUESTIONS
        if bool(end_a) != bool(end_b) and not unmarked and not question:
            found.append(
                (
                    "warning",
                    "the source ends with punctuation and the translation does not"
                    if end_a
                    else "the translation ends with punctuation and the source does not",
                )
            )
    return found


def inert_markup(source: str, translation: str) -> str:
    """A translation whose HTML tags the source does not have, made text (``&lt;``).

    A translator may keep the source's inline HTML, never add to it: whatever a PO file
    says, it cannot put new markup on the page.
    """
    from notice.text.segment import PARSER

    allowed = [t.content for t in _inline_html(PARSER.parseInline(source, {}))]
    out = translation
    for tag in _inline_html(PARSER.parseInline(translation, {})):
        if tag.content in allowed:
            allowed.remove(tag.content)
            continue
        out = out.replace(tag.content, html_escape(tag.content), 1)
    return out


def _inline_html(tokens: list[Any]) -> list[Any]:
    return [c for t in tokens for c in (t.children or []) if c.type == "html_inline"]


def inert_translations(document_texts: Iterable[str], table: Mapping[str, str]) -> dict[str, str]:
    """Every translation of a document made inert (see ``inert_markup``)."""
    wanted = set(document_texts)
    return {k: inert_markup(k, v) if k in wanted and "<" in v else v for k, v in table.items()}

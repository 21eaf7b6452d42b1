"""The gate: whether a language's translation of a text may be published.

``review_translation`` is the one function that decides it. ``notice check`` reports
what it finds, ``notice release`` and ``notice release --add-language`` refuse to
freeze a translation it finds an error in (``refusals``), and a build runs the check:
nothing frozen can hold what check refuses. An error is a difference of meaning (a
number, a link target, an e-mail address, code, a footnote marker), unless the
translator marked it as deliberate (``# notice: ignore-numbers``), or what no marker
allows (invisible characters that reorder the text, unsafe HTML, a changed block
structure). A warning is a difference of style; ``notice check --strict`` fails on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from babel.messages.catalog import Catalog, Message

from notice.core.errors import NoticeError
from notice.text.catalog import MARKER_PREFIX, marker_flags, markers
from notice.text.checks import (
    IGNORE_FLAGS,
    RENAMED_FLAGS,
    Problem,
    Severity,
    check_translation,
    inert_translations,
    one_line,
    reserved_names,
    unsafe_html,
)
from notice.text.glyphs import FontCoverage, missing_glyphs, missing_message
from notice.text.hidden import control_characters, hidden_characters
from notice.text.markdown import structure_error
from notice.text.segment import PARSER, Document, Segment, plain_text

#: The admonition type of the guidance a new project's skeleton holds (``!!! guidance ""``
#: with the guidance indented under it): what the legal editors replace with their text.
GUIDANCE = "guidance"


def review_translation(
    document: Document,
    catalog: Catalog | None,
    po_path: str,
    *,
    source_language: str | None,
    language: str | None,
    to_html: Callable[[str], str],
    obsolete: bool = False,
    coverage: FontCoverage | None = None,
) -> list[Problem]:
    """Every finding on the translations ``catalog`` gives the blocks of ``document``
    (its messages not fuzzy; with ``obsolete``, also its ``#~`` ones, as a released
    version's older text needs), each at its PO file's line; with the fonts'
    ``coverage`` (where PDFs are made), a character no installed font draws too."""
    if catalog is None:
        return []
    references = document_references(document)
    kinds: dict[str, set[str]] = {}
    for segment in document.segments:
        kinds.setdefault(segment.text, set()).add(segment.kind)
    table: dict[str, str] = {}
    problems: list[Problem] = []
    for message in _published(catalog, obsolete):
        source = str(message.id)
        if source not in kinds or source in table:
            continue
        table[source] = str(message.string)
        line = message.lineno or None
        found = markers(message)
        for severity, text in check_translation(
            source,
            table[source],
            found,
            references,
            source_language=source_language,
            language=language,
            kind=min((k for k in kinds[source] if one_line(k)), default=None),
        ):
            problems.append(Problem(po_path, line, text, severity))
        problems.extend(_marker_problems(message, found, po_path, line))
        problems.extend(_glyph_problems(table[source], language or "", coverage, po_path, line))
    inert = inert_translations(kinds.keys(), table)
    broken = structure_error(document, inert, to_html, po_path, catalog)
    if broken is not None:
        problems.append(Problem(po_path, broken.line, _with_hint(broken), "error"))
    return problems


def review_source(
    document: Document,
    language: str = "",
    coverage: FontCoverage | None = None,
    *,
    releasing: bool = False,
) -> list[Problem]:
    """What the source text may not hold, whoever wrote it: what a translation may not
    add (controls, line breaks in one-line fields, invisible characters that reorder the
    text, unsafe HTML and link schemes, the ids and classes of the page's own; with the
    fonts' ``coverage``, a character no installed font draws), and guidance left from
    the skeleton, each at its line. ``notice check`` reports these, ``notice release``
    (``releasing``) refuses them: guidance is a warning in a draft (never public, and a
    new project checks and builds at once) and an error in what is released."""
    problems = _guidance(document, "error" if releasing else "warning")
    for segment in document.segments:
        missing = missing_glyphs(segment.text, coverage) if coverage is not None else []
        if missing:
            message, hint = missing_message(missing, language)
            line = _line_of(document, segment, missing[0])
            problems.append(Problem(document.path, line, f"{message} ({hint})"))
        for found in control_characters(segment.text, one_line=one_line(segment.kind)) + (
            hidden_characters("", segment.text)
        ):
            line = _line_of(document, segment, chr(int(found[2:].split()[0], 16)))
            problems.append(Problem(document.path, line, found))
        danger = unsafe_html(segment.text)
        if danger:
            problems.append(
                Problem(
                    document.path, segment.line, f"unsafe HTML: {danger}; it is never published"
                )
            )
    for number, text in enumerate(document.text.splitlines(), start=1):
        problems += [Problem(document.path, number, found) for found in reserved_names(text)]
    return problems


def _guidance(document: Document, severity: Severity) -> list[Problem]:
    """Each ``!!! guidance`` box left in the text, at its line, with the section it is in."""
    headings = [s for s in document.segments if s.kind == "heading"]
    problems: list[Problem] = []
    for token in PARSER.parse(document.text):
        tag = str(token.meta.get("tag", "")) if token.meta else ""
        if token.type != "admonition_open" or tag.lower() != GUIDANCE or not token.map:
            continue
        line = token.map[0] + 1
        above = [h for h in headings if h.line < line]
        where = f"the section '{plain_text(above[-1].text)}'" if above else "the opening text"
        problems.append(
            Problem(
                document.path,
                line,
                f"guidance left in {where}: a release refuses it (replace the "
                f"'!!! {GUIDANCE}' box with the notice's own text)",
                severity,
            )
        )
    return problems


def review_glyphs(
    catalog: Catalog | None, po_path: str, language: str, coverage: FontCoverage | None
) -> list[Problem]:
    """The translations of ``catalog`` (every form, not fuzzy) with a character no
    installed font draws, where PDFs are made (``coverage``): the site's words are
    printed in every PDF, so ``notice check`` reports these and a release refuses them."""
    if catalog is None or coverage is None:
        return []
    problems: list[Problem] = []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        text = "".join(str(form) for form in forms)
        problems.extend(_glyph_problems(text, language, coverage, po_path, message.lineno))
    return problems


def _glyph_problems(
    text: str, language: str, coverage: FontCoverage | None, path: str, line: int | None
) -> list[Problem]:
    """A translation with a character no installed font draws: its PDF cannot be made."""
    found = missing_glyphs(text, coverage) if coverage is not None else []
    if not found:
        return []
    message, hint = missing_message(found, language)
    return [Problem(path, line, f"{message} ({hint})")]


def _line_of(document: Document, segment: Segment, char: str) -> int:
    """The line of the source where ``char`` first is in ``segment``."""
    for start, end in segment.spans:
        at = document.text.find(char, start, end)
        if at >= 0:
            return document.text.count("\n", 0, at) + 1
    return segment.line


def refusals(problems: list[Problem]) -> list[NoticeError]:
    """The errors among the findings: what stops a release."""
    return [NoticeError(p.message, p.path, p.line) for p in problems if p.severity == "error"]


def document_references(document: Document) -> dict[str, Any]:
    """The document's link reference definitions, to resolve ``[text][label]`` links."""
    env: dict[str, Any] = {}
    PARSER.parse(document.text, env)
    return dict(env.get("references", {}))


def _published(catalog: Catalog, obsolete: bool) -> Iterator[Message]:
    """The messages whose translations would be published: translated, not fuzzy."""
    messages = list(catalog) + (list(catalog.obsolete.values()) if obsolete else [])
    for message in messages:
        if message.id and message.string and not message.fuzzy and message.context is None:
            yield message


def _with_hint(error: NoticeError) -> str:
    return error.message + (f" ({error.hint})" if error.hint else "")


def _marker_problems(
    message: Message, found: frozenset[str], path: str, line: int | None
) -> list[Problem]:
    """A marker in the old ``#,`` form (gettext tools drop it), one renamed, or one we
    do not know."""
    problems: list[Problem] = []
    for flag in sorted(marker_flags(message)):
        problems.append(
            Problem(
                path,
                line,
                f"the flag '#, {flag}' is dropped when gettext tools (msgcat, msgmerge, "
                f"Poedit, Lokalize) save this file; write it as the translator comment "
                f"'# {MARKER_PREFIX} {flag}' (`notice update` moves it)",
                "warning",
            )
        )
    known = set(IGNORE_FLAGS.values())
    for marker in sorted(found & set(RENAMED_FLAGS)):
        problems.append(
            Problem(
                path,
                line,
                f"the marker '{marker}' is now "
                + " and ".join(f"'{new}'" for new in RENAMED_FLAGS[marker])
                + "; write the one this entry needs",
                "warning",
            )
        )
    for marker in sorted(found - known - set(RENAMED_FLAGS)):
        problems.append(
            Problem(
                path,
                line,
                f"unknown marker '{marker}'; the markers are {', '.join(sorted(known))}",
                "warning",
            )
        )
    return problems

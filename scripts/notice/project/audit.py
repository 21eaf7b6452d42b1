"""``notice check``: every checker run over a project, every problem collected.

The checkers themselves (``checks.py``) are pure; this module reads the project and
turns what they find into ``Problem``s with a file and a line.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog

from notice.core.cache import Cache
from notice.core.errors import NoticeError, quoted, read_utf8
from notice.core.paths import inside_project
from notice.project.config import SITE_DOMAIN, SITE_NAME_CONTEXT, Project
from notice.project.language_changes import check_language_changes
from notice.project.links import notice_link
from notice.project.requirement import REQUIREMENTS, check_requirements
from notice.project.site_strings import site_template
from notice.project.sources import Sources, load_sources, read_project_catalog
from notice.text.catalog import coverage
from notice.text.checks import Problem, Severity, inline_features, unsafe_html
from notice.text.disclosures import Finding, check_disclosures, check_facts, read_disclosures
from notice.text.gate import (
    document_references,
    review_glyphs,
    review_source,
    review_translation,
)
from notice.text.glyphs import FontCoverage
from notice.text.hidden import control_characters, hidden_characters
from notice.text.segment import Document

REQUIRED: dict[str, Severity] = {"title": "error", "description": "warning", "changes": "warning"}


def audit(
    project: Project,
    to_html: Callable[[str], str],
    *,
    strict: bool = False,
    required_languages: Iterable[str] = (),
    sources: Sources | None = None,
    cache: Cache | None = None,
    glyphs: bool = True,
    translated: Collection[str] | None = None,
) -> list[Problem]:
    """Every problem in the project, errors and warnings, in file and line order (with
    a ``cache``, the site's strings are extracted again only when their files change).
    ``glyphs``: whether a character no installed font draws is a problem (for check and
    release, which make the PDFs; a build publishes the frozen ones and makes a PDF only
    where none is frozen, which stops on its own at a character it cannot draw).
    ``translated``: the languages whose translations are reviewed (all by default; a
    part of the site reviews those it makes, as every part is built before the site is
    assembled)."""
    loading: list[NoticeError] = []
    if sources is None:
        sources = load_sources(project, loading)
    problems = [_problem(e, project.relative(project.config_file)) for e in loading]
    problems.extend(check_language_changes(project, sources))
    fonts, unusable = _fonts(project) if glyphs else (None, [])
    problems.extend(unusable)

    def reviewed(codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(code for code in codes if translated is None or code in translated)

    problems.extend(
        _check_documents(project, sources, to_html, fonts, reviewed(project.translations))
    )
    required = set(required_languages)
    problems.extend(_check_coverage(project, sources, {e.path for e in loading}, strict, required))
    templates = {domain: sources.template(domain) for domain in sources.documents}
    templates[SITE_DOMAIN] = site_template(project, cache)
    problems.extend(site_coverage(sources, templates[SITE_DOMAIN], project))
    site_languages = reviewed(language.code for language in project.languages)
    problems.extend(review_site_strings(sources, project, site_languages, fonts=fonts))
    problems.extend(_check_templates(project, templates))
    problems.extend(_check_requirements(project))
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.severity, p.message))


def _fonts(project: Project) -> tuple[FontCoverage | None, list[Problem]]:
    """What the installed fonts draw, or why that is not known (a release, which makes
    the PDFs, stops on it)."""
    try:
        return project.font_coverage(), []
    except NoticeError as exc:
        return None, [Problem(project.relative(project.config_file), None, str(exc), "warning")]


def _check_documents(
    project: Project,
    sources: Sources,
    to_html: Callable[[str], str],
    fonts: FontCoverage | None,
    translated: Sequence[str],
) -> Iterator[Problem]:
    """Each working text, its map of disclosures and its catalogs in ``translated``."""
    anchors = {domain: _anchors(doc) for domain, doc in sources.documents.items()}
    known = set(project.notices())
    for domain, document in sources.documents.items():
        references = document_references(document)
        yield from _check_document(domain, document, sources, anchors, known, references)
        yield from review_source(document, project.source_language, fonts)
        if domain in sources.notices:
            listed = project.options.disclosures_list(domain)
            yield from _check_disclosures(document, listed, project.source_language)
            if "facts" in document.front_matter and not project.site_url.startswith("https://"):
                yield Problem(
                    project.relative(project.config_file),
                    None,
                    "site_url is not an https address: the versions of "
                    f"'{domain}' state facts but get no JSON-LD index, and a PDF frozen "
                    "now prints no permanent address (set site_url: https://…)",
                    "warning",
                )
        yield from _check_catalogs(domain, document, sources, to_html, project, fonts, translated)


def _check_coverage(
    project: Project,
    sources: Sources,
    unreadable: set[str | None],
    strict: bool,
    required: set[str],
) -> Iterator[Problem]:
    """Each translation that is not complete: an error where it is required (or with
    ``strict``), else a warning."""
    for domain in sources.documents:
        template = sources.template(domain)
        for language in project.translations:
            if (domain, language) not in sources.po_paths:
                continue  # not read: a part without drafts leaves it to its language's part
            if sources.po_paths[(domain, language)] in unreadable:
                continue
            result = coverage(template, sources.catalogs.get((domain, language)), language)
            if result.complete:
                continue
            severity: Severity = "error" if strict or language in required else "warning"
            yield Problem(
                sources.po_paths[(domain, language)],
                None,
                f"{result.untranslated} of {result.total} messages untranslated and "
                f"{result.fuzzy} fuzzy in the draft ({result.percent:.1f}% translated); "
                "fuzzy and untranslated text is never published",
                severity,
            )


def _check_templates(project: Project, templates: Mapping[str, Catalog]) -> Iterator[Problem]:
    """Each template missing, unreadable, or out of date with its source."""
    for domain, template in templates.items():
        path = project.template(domain)
        shown = project.relative(path)
        try:
            existing = read_project_catalog(project, path, None)
        except NoticeError as exc:
            yield _problem(exc, shown)
            continue
        if existing is None:
            yield Problem(shown, None, "the template is missing (run `notice update`)", "warning")
        elif [m.id for m in existing if m.id] != [m.id for m in template if m.id]:
            yield Problem(
                shown,
                None,
                "the template is out of date with its source (run `notice update`)",
                "warning",
            )


def _check_requirements(project: Project) -> list[Problem]:
    """Whether ``requirements.txt``, if the project has one, pins notice to one source
    (the publishing workflow installs what it names; ``notice.project.requirement``)."""
    path = project.root / REQUIREMENTS
    try:
        if not inside_project(path, project.root).is_file():
            return []
        text = read_utf8(path, REQUIREMENTS)
    except NoticeError as exc:
        return [_problem(exc, REQUIREMENTS)]
    return check_requirements(text, REQUIREMENTS)


def _problem(error: NoticeError, default_path: str = "") -> Problem:
    """An error that stops a command, as a finding of ``notice check``."""
    message = error.message + (f" ({error.hint})" if error.hint else "")
    return Problem(error.path or default_path, error.line, message, "error")


def _anchors(document: Document) -> set[str]:
    return {s.anchor for s in document.segments if s.anchor}


def _check_document(
    domain: str,
    document: Document,
    sources: Sources,
    anchors: dict[str, set[str]],
    known: set[str],
    references: dict[str, Any],
) -> list[Problem]:
    problems: list[Problem] = []
    if domain in sources.notices:
        for name, severity in REQUIRED.items():
            value = document.front_matter.get(name)
            if not isinstance(value, str) or not value.strip():
                problems.append(
                    Problem(document.path, 1, f"the front matter has no '{name}'", severity)
                )
    seen: dict[str, int] = {}
    for segment in document.segments:
        if segment.kind == "heading" and segment.explicit_anchor and segment.anchor:
            if segment.anchor in seen:
                problems.append(
                    Problem(
                        document.path,
                        segment.line,
                        f"duplicate anchor '#{segment.anchor}' "
                        f"(also on line {seen[segment.anchor]})",
                    )
                )
            seen.setdefault(segment.anchor, segment.line)
    for segment in document.segments:
        if segment.field is not None:
            continue
        for href in inline_features(segment.text, references).links:
            message = _broken_link(href, domain, known, anchors)
            if message:
                problems.append(Problem(document.path, segment.line, message))
    return problems


def _check_disclosures(document: Document, listed: str, language: str) -> list[Problem]:
    """The notice's map of GDPR disclosures against the list the project requires: an
    item not mapped is a warning, an anchor no section has an error; with facts, what
    they make necessary (``notice.text.disclosures.check_facts``). A text that switches
    the check off for a notice the project checks is an error."""
    return [
        Problem(document.path, found.line, found.message, found.severity)
        for found in disclosure_findings(document, listed, language)
    ]


def disclosure_findings(document: Document, listed: str, language: str) -> list[Finding]:
    """What ``notice check`` and ``notice release`` find in a notice's facts or map."""
    try:
        disclosures = read_disclosures(document)
    except NoticeError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        return [Finding("error", exc.message + hint, exc.line)]
    if disclosures is not None and disclosures.off and listed != "off":
        return [
            Finding(
                "error",
                f"disclosures: off, but the project checks this notice as {listed}",
                disclosures.line(),
            )
        ]
    if disclosures is not None and disclosures.facts is not None and listed != "off":
        try:
            names = dict(Locale.parse(language).territories)
        except (ValueError, UnknownLocaleError):
            names = {}
        return check_facts(disclosures, document, listed, names)
    return check_disclosures(disclosures, document, listed)


def _broken_link(
    href: str, domain: str, notices: set[str], anchors: dict[str, set[str]]
) -> str | None:
    """Why a link between or within notices leads nowhere, if it does."""
    if href.startswith("#"):
        anchor = href[1:]
        if anchor and anchor not in anchors.get(domain, set()):
            return f"link to {quoted('#' + anchor)}, an anchor this page does not have"
        return None
    link = notice_link(href, domain, notices)
    if link is None:
        return None
    name, anchor = link
    if name not in notices:
        return f"link to {quoted(href)}: there is no notice {quoted(name)}"
    if anchor and name in anchors and anchor not in anchors[name]:
        return f"link to {quoted(href)}: notice {quoted(name)} has no anchor {quoted('#' + anchor)}"
    return None


def _check_catalogs(
    domain: str,
    document: Document,
    sources: Sources,
    to_html: Callable[[str], str],
    project: Project,
    fonts: FontCoverage | None,
    translated: Sequence[str],
) -> list[Problem]:
    """The translations of a document into ``translated``, through the gate release
    uses."""
    problems: list[Problem] = []
    for language in translated:
        catalog = sources.catalogs.get((domain, language))
        if catalog is None:
            continue
        problems.extend(
            review_translation(
                document,
                catalog,
                sources.po_paths[(domain, language)],
                source_language=project.source_language,
                language=language,
                to_html=to_html,
                coverage=fonts,
            )
        )
    return problems


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def review_site_strings(
    sources: Sources,
    project: Project,
    languages: Iterable[str] | None = None,
    fonts: FontCoverage | None = None,
) -> list[Problem]:
    """The site's words in ``languages`` (all by default): the same placeholders as the
    source, no markup, no controls, and (where PDFs are made, which print them) nothing
    the installed fonts cannot draw. ``notice check`` reports these; a release refuses
    the errors in the languages it freezes a PDF of."""
    problems = []
    codes = [lang.code for lang in project.languages] if languages is None else languages
    for language in codes:
        catalog = sources.catalogs.get((SITE_DOMAIN, language))
        if catalog is None:
            continue
        path = sources.po_paths[(SITE_DOMAIN, language)]
        problems.extend(review_glyphs(catalog, path, language, fonts))
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            plural = isinstance(message.id, (list, tuple))
            ids = [str(i) for i in message.id] if plural else [str(message.id)]
            string = message.string
            forms = (
                [str(f) for f in string] if isinstance(string, (list, tuple)) else [string or ""]
            )
            for form in forms:
                if form:
                    problems.extend(_site_string(path, message.lineno, ids, form, plural))
    return problems


def _site_string(
    path: str, line: int | None, ids: list[str], form: str, plural: bool
) -> list[Problem]:
    """One translation of a site string (one plural form): placeholders and markup."""
    problems = []
    want = sorted({p for i in ids for p in _PLACEHOLDER.findall(i)})
    have = sorted(set(_PLACEHOLDER.findall(form)))
    if plural:  # a form may leave out the number ("One day remains.", the Arabic dual
        # "يومان"), nothing else; the folded sections' sentence calls its number count
        missing = set(want) - set(have) - {"num", "count"}
        wrong = bool(missing or set(have) - set(want))
    else:
        want, have = sorted(_PLACEHOLDER.findall(ids[0])), sorted(_PLACEHOLDER.findall(form))
        wrong = want != have
    if wrong:
        problems.append(
            Problem(
                path,
                line or None,
                f"placeholders differ from the source: expected "
                f"{', '.join(f'%({w})s' for w in want) or 'none'}, found "
                f"{', '.join(f'%({h})s' for h in have) or 'none'}",
            )
        )
    one_line = not any("\n" in i for i in ids)
    for refused in control_characters(form, one_line=one_line, source="".join(ids)) + (
        hidden_characters("".join(ids), form)
    ):
        problems.append(Problem(path, line or None, refused))
    stripped = _PLACEHOLDER.sub("", form)
    if "%" in stripped.replace("%%", ""):
        problems.append(Problem(path, line or None, "a lone '%' (write '%%' for a percent sign)"))
    danger = unsafe_html(form)
    if danger or "<" in form:
        problems.append(
            Problem(
                path,
                line or None,
                "site strings are text: markup is shown as typed",
                "warning" if not danger else "error",
            )
        )
    return problems


def site_coverage(sources: Sources, template: Catalog, project: Project) -> list[Problem]:
    """The site's own strings, in every language."""
    problems = []
    # The site's name is the project's own, not words of ours: untranslated, a language
    # shows the name as the source language writes it, not English.
    words = copy.deepcopy(template)
    for message in list(words):
        if message.id and message.context == SITE_NAME_CONTEXT:
            words.delete(message.id, message.context)
    for language in (lang.code for lang in project.languages):
        result = coverage(words, sources.catalogs.get((SITE_DOMAIN, language)), language)
        if not result.complete:
            problems.append(
                Problem(
                    sources.po_paths[(SITE_DOMAIN, language)],
                    None,
                    f"{result.untranslated + result.fuzzy} of {result.total} site strings are not "
                    f"translated: '{language}' falls back to English for them (English words, "
                    "English plural rule); translate them in this file",
                    "warning",
                )
            )
    return problems

"""A notice's facts (``notice.text.facts``) said to its readers, in their words.

The legal bases, rights, safeguards and countries are the site's words (its catalog and
CLDR's names); the names of purposes, data and recipients are the notice's own, from
the facts of the text in the reader's language (translated with the text). Citations
of the GDPR are written as the reader's language's text of the Regulation writes them
(``cite``): "Art. 13(2)(a) GDPR", "Art. 13 Abs. 2 Buchst. a DSGVO", "13. cikk (2)
bekezdés a) pont", the point's letter in the script's own form where it has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from babel import Locale
from babel.units import format_unit

from notice.core.errors import NoticeError
from notice.project.sources import Sources
from notice.record.versions import Version
from notice.site.words import Words
from notice.text.facts import (
    Citation,
    FactChange,
    Facts,
    Period,
    Purpose,
    at,
    fact_changes,
    read_facts,
)
from notice.text.segment import Document

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def basis_label(language: Words, basis: str) -> str:
    """A legal basis of Art. 6(1), in a few of the reader's words."""
    _ = language._
    labels = {
        # Translators: a legal basis of the GDPR (Art. 6(1)), in a few words, lower case
        # where your language allows, as in "Bookings (contract)".
        "consent": _("consent"),
        "contract": _("contract"),
        "legal-obligation": _("legal obligation"),
        "vital-interests": _("vital interests"),
        "public-task": _("public task"),
        "legitimate-interests": _("legitimate interests"),
    }
    return labels[basis]


def safeguard_label(language: Words, safeguard: str) -> str:
    """What allows a transfer outside the EEA, in the reader's words."""
    _ = language._
    labels = {
        "adequacy": _("an adequacy decision"),
        "binding-rules": _("binding corporate rules"),
        "standard-clauses": _("standard contractual clauses"),
        "code-of-conduct": _("an approved code of conduct"),
        "certification": _("an approved certification"),
        "derogation": _("a derogation for a specific situation"),
    }
    return labels[safeguard]


def right_labels(language: Words, facts: Facts) -> tuple[str, ...]:
    """The rights that follow from the facts, each in a few of the reader's words."""
    _ = language._
    labels = {
        "A15": _("access"),
        "A16": _("rectification"),
        "A17": _("erasure"),
        "A18": _("restriction"),
        "A20": _("data portability"),
        "A21": _("objection"),
        "A22": _("a person's review of automated decisions"),
        "A7-3": _("withdrawing consent"),
        "A77": _("complaining to a supervisory authority"),
    }
    return tuple(labels[term] for term in facts.rights())


def country(language: Words, code: str) -> str:
    """A country's name in the reader's language (CLDR), or its code."""
    try:
        return str(Locale.parse(language.date_locale).territories.get(code, code))
    except ValueError:
        return code


def period(language: Words, given: Period) -> str:
    """A retention period in the reader's words: "3 years", "٣ سنوات"."""
    try:
        return str(
            format_unit(
                given.amount, f"duration-{given.unit}", length="long", locale=language.date_locale
            )
        )
    except (ValueError, KeyError):
        return f"{given.amount} {given.unit}"


def bases(language: Words, purpose: Purpose) -> str:
    return language.listed([basis_label(language, b) for b in purpose.bases])


def purpose_line(language: Words, purpose: Purpose) -> str:
    """ "Bookings and membership (contract)"."""
    return language.titled(purpose.name, bases(language, purpose))


def noted_line(language: Words, purpose: Purpose) -> str:
    """A purpose the editor marks as most important, with its data and how long they
    are kept: "Camera surveillance (legitimate interests): Video recordings (kept 7 days)"."""
    line = purpose_line(language, purpose)
    retention = purpose.retention
    kept = None
    if retention is not None and retention.period is not None:
        kept = language._("kept %(period)s", period=period(language, retention.period))
    elif retention is not None and retention.criterion:
        kept = retention.criterion
    if purpose.data:
        details = language.listed(list(purpose.data))
        # Translators: a purpose, then what it uses, as in "Camera surveillance
        # (legitimate interests): video recordings".
        line = language._("%(purpose)s: %(details)s", purpose=line, details=details)
    return language.titled(line, kept) if kept else line


def cite(language: Words, citations: Sequence[Citation]) -> str:
    """Citations of the GDPR as the reader's language's text of it writes them, two or more
    joined as the language lists them, with the Regulation's name."""
    # Translators: the letters that number the points of an article in your language's
    # official text of the GDPR, in order, separated by spaces (Greek "α β γ δ ε στ ζ η θ
    # ι ια", Bulgarian "а б в г д е ж з и й к"; Latin letters where the text uses them).
    letters = language._("a b c d e f g h i j k").split()
    one = []
    for citation in citations:
        values = {"article": language.number(citation.article)}
        if citation.paragraph is not None:
            values["paragraph"] = language.number(citation.paragraph)
        if citation.point is not None:
            index = _LETTERS.index(citation.point)
            values["point"] = letters[index] if index < len(letters) else citation.point
        if citation.point is not None:
            # Translators: a citation of an article's paragraph and point, as your
            # language's official text of the GDPR cites it: "Art. 13(2)(a)", "Art. 13 Abs.
            # 2 Buchst. a", "article 13, paragraphe 2, point a)". The point is a letter.
            text = language.translations.gettext("Art. %(article)s(%(paragraph)s)(%(point)s)")
        elif citation.paragraph is not None:
            # Translators: a citation of an article's paragraph: "Art. 21(4)", "Art. 21 Abs. 4".
            text = language.translations.gettext("Art. %(article)s(%(paragraph)s)")
        else:
            # Translators: a citation of an article: "Art. 22".
            text = language.translations.gettext("Art. %(article)s")
        one.append(text % values)
    # Translators: citations of the GDPR followed (or preceded) by the Regulation's short
    # name in your language: "Art. 13(2)(a) GDPR", "Art. 13 Abs. 2 Buchst. a DSGVO".
    return language._("%(citations)s GDPR", citations=language.listed(one))


def read_or_none(document: Document | None) -> Facts | None:
    """A text's facts, or None where it states none (or none that can be read: a released
    text's facts were checked when it was released, a draft's by ``notice check``)."""
    if document is None:
        return None
    try:
        return read_facts(document.front_matter, document.text, document.path)
    except NoticeError:
        return None


def change_lines(
    language: Words, changes: Sequence[FactChange], old: Facts, new: Facts
) -> tuple[str, ...]:
    """Each fact that changed, said in a line in the reader's words (``old`` and ``new``
    in the reader's language, or the source's where the reader's has no text)."""
    return tuple(line for change in changes if (line := _line(language, change, old, new)))


def _line(language: Words, change: FactChange, old: Facts, new: Facts) -> str | None:
    _ = language._
    before: Any = at(old, change.old) if change.old else None
    after: Any = at(new, change.new) if change.new else None
    kind, how = change.kind, change.how
    if kind == "purpose":
        if how == "added":
            return _("New purpose: %(purpose)s", purpose=purpose_line(language, after))
        return _("No longer a purpose: %(purpose)s", purpose=before.name)
    if kind == "basis":
        return _(
            "%(purpose)s: now on the basis of %(new)s instead of %(old)s",
            purpose=after.name,
            new=bases(language, after),
            old=bases(language, before),
        )
    if kind == "data":
        if how == "added":
            return _("New kind of data: %(data)s", data=str(after))
        return _("No longer used: %(data)s", data=str(before))
    if kind == "source":
        if how == "added":
            return _("New source of data: %(source)s", source=after.name)
        return _("No longer a source of data: %(source)s", source=before.name)
    if kind == "recipient":
        if how == "added":
            return _("New recipients: %(recipients)s", recipients=after.name)
        return _("No longer recipients: %(recipients)s", recipients=before.name)
    if kind == "transfer":
        return _transfer_line(language, how, before, after)
    if kind == "retention":
        return _retention_line(language, how, before, after)
    if kind == "automated-decisions":
        if how == "added":
            return _("Decisions are now made about you by automated means")
        return _("Decisions are no longer made about you by automated means")
    labels = {
        "controller": _("The controller's name or contact details have changed"),
        "representative": _("The representative's name or contact details have changed"),
        "dpo": _("The data protection officer's contact details have changed"),
    }
    return labels.get(kind)


def _transfer_line(language: Words, how: str, before: Any, after: Any) -> str:
    _ = language._
    if how == "added":
        return _(
            "New transfer to %(country)s, under %(safeguard)s",
            country=country(language, after.country),
            safeguard=safeguard_label(language, after.safeguard),
        )
    if how == "removed":
        return _("No more transfers to %(country)s", country=country(language, before.country))
    return _(
        "Transfers to %(country)s: now under %(new)s instead of %(old)s",
        country=country(language, after.country),
        new=safeguard_label(language, after.safeguard),
        old=safeguard_label(language, before.safeguard),
    )


def _retention_line(language: Words, how: str, before: Purpose, after: Purpose) -> str:
    _ = language._
    a, b = before.retention, after.retention
    if a is not None and b is not None and a.period is not None and b.period is not None:
        return _(
            "%(purpose)s: kept %(new)s instead of %(old)s",
            purpose=after.name,
            new=period(language, b.period),
            old=period(language, a.period),
        )
    return _("%(purpose)s: how long the data are kept has changed", purpose=after.name)


def facts_between(
    sources: Sources, notice: str, older: Version, newer: Version | Document
) -> tuple[FactChange, ...]:
    """What changed in the facts from ``older`` to ``newer`` (a version, or the draft's
    source text), judged in the source language."""
    source = sources.source_language
    old = read_or_none(sources.frozen_text(notice, older, source))
    new_text = newer if isinstance(newer, Document) else sources.frozen_text(notice, newer, source)
    new = read_or_none(new_text)
    if old is None or new is None:
        return ()
    return tuple(fact_changes(old, new))


def said_changes(
    language: Words, sources: Sources, notice: str, older: Version, newer: Version | Document
) -> tuple[str, ...]:
    """The lines that say which facts changed from ``older`` to ``newer``, in
    ``language``'s words (names from its own texts where it has them)."""
    changes = facts_between(sources, notice, older, newer)
    if not changes:
        return ()
    source = sources.source_language

    def facts_of(version: Version | Document) -> Facts | None:
        if isinstance(version, Document):
            return read_or_none(version)
        return read_or_none(
            sources.frozen_text(notice, version, language.code)
            or sources.frozen_text(notice, version, source)
        )

    old, new = facts_of(older), facts_of(newer)
    if old is None or new is None:
        return ()
    try:
        return change_lines(language, changes, old, new)
    except (IndexError, AttributeError):  # a translation whose facts do not line up
        return ()

"""Segments <-> Babel catalogs: the only module that reads or writes PO files.

Reading is strict (every problem is an error with its 1-based line), writing keeps
the layout stable and skips files whose content would not change, and merging a new
template into a translation never loses a translation.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.support import Translations

from notice.core.clock import now
from notice.core.errors import CatalogError
from notice.core.languages import UnknownLanguage, language_tag
from notice.text.matching import SequenceMatcher
from notice.text.segment import Document

PROJECT = "notice"
FUZZY = "fuzzy"
# Babel guesses these from `%` and `{...}` in the text; Markdown is not a format string.
FALSE_FLAGS = frozenset({"python-format", "python-brace-format"})


@dataclass(frozen=True)
class Coverage:
    """How much of a template one catalog translates (fuzzy counts as untranslated)."""

    domain: str
    language: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        """The number of messages in the template."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Translated share of all messages, 0 to 100."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        """Every message translated and none fuzzy."""
        return self.translated == self.total


def parse_locale(code: str) -> Locale:
    """A Babel locale for a language code as people write it (``nb``, ``pt_BR``,
    ``zh-Hant``): ``notice.core.languages`` reads it."""
    try:
        return language_tag(code).locale
    except UnknownLanguage as exc:
        raise CatalogError(f"'{code}' is not a known language code") from exc


@dataclass(frozen=True)
class Origin:
    """Where a catalog comes from, for its header: values from ``mkdocs.yml``."""

    project: str = ""
    """The project's name (``site_name``)."""
    contact: str = ""
    """Where translators report a problem in a source text (``Report-Msgid-Bugs-To``)."""

    def label(self, domain: str) -> str:
        """``Project-Id-Version``: the project and the notice (or ``site``)."""
        return f"{self.project}: {domain}" if self.project else domain


def empty_template(domain: str, comment: str, origin: Origin = Origin()) -> Catalog:
    """A template with our header and no messages yet."""
    return Catalog(
        domain=domain,
        project=origin.label(domain),
        version="",
        msgid_bugs_address=origin.contact,
        fuzzy=False,
        charset="utf-8",
        creation_date=now(),
        header_comment=comment,
    )


def template_catalog(
    domain: str, documents: Iterable[Document], origin: Origin = Origin()
) -> Catalog:
    """A template (POT) with one message per distinct segment, in document order."""
    catalog = empty_template(
        domain, f"# Template of '{domain}', written by `notice extract`. Do not edit.", origin
    )
    for document in documents:
        for segment in document.segments:
            catalog.add(
                segment.text,
                locations=[(document.path, segment.line)],
                auto_comments=[segment.kind],
            )
    return without_false_flags(catalog)


def new_catalog(template: Catalog, language: str) -> Catalog:
    """An empty translation of ``template`` with a correct header for ``language``."""
    locale = parse_locale(language)
    catalog = Catalog(
        # Given as a string, Babel keeps it as the header's Language (gettext's zh_TW,
        # not Babel's zh_Hant_TW).
        locale=language_tag(language).folder,
        domain=template.domain,
        header_comment=f"# {locale.english_name} translation of '{template.domain}'.\n"
        "# Kept up to date with `notice update`; see the README for translators.",
        project=str(template.project),
        version="",
        msgid_bugs_address=str(template.msgid_bugs_address),
        fuzzy=False,
        charset="utf-8",
        language_team=str(locale.english_name),
        last_translator=f"{locale.english_name} translators",
        creation_date=template.creation_date,
        revision_date=template.creation_date,
    )
    return catalog


# --- translators' markers ------------------------------------------------------------

#: A translator comment that carries markers: ``# notice: ignore-numbers``. GNU gettext
#: tools (msgcat, msgmerge, and Poedit and Lokalize through them) keep translator
#: comments, but drop ``#,`` flags they do not know.
MARKER_PREFIX = "notice:"
#: The old form, still read: a ``#,`` flag whose name starts with this.
_MARKER_FLAG = "ignore-"


def markers(message: Message) -> frozenset[str]:
    """The markers a translator set on an entry, in either form."""
    found = {flag for flag in message.flags if flag.startswith(_MARKER_FLAG)}
    for comment in message.user_comments:
        found.update(_comment_markers(comment))
    return frozenset(found)


def marker_flags(message: Message) -> frozenset[str]:
    """The markers written in the old form (``#,`` flags that gettext tools drop)."""
    return frozenset(flag for flag in message.flags if flag.startswith(_MARKER_FLAG))


def _comment_markers(comment: str) -> list[str]:
    head, colon, rest = comment.partition(":")
    if not colon or f"{head.strip()}:" != MARKER_PREFIX:
        return []
    return [word for word in re.split(r"[\s,]+", rest) if word]


def _as_comments(flags: set[str], comments: list[str]) -> tuple[set[str], list[str]]:
    """Markers moved from ``#,`` flags into translator comments, one per line."""
    moved = sorted(flag for flag in flags if flag.startswith(_MARKER_FLAG))
    have = {marker for comment in comments for marker in _comment_markers(comment)}
    comments = comments + [f"{MARKER_PREFIX} {flag}" for flag in moved if flag not in have]
    return flags - set(moved), comments


def _forms(string: Any, plural: bool, count: int) -> Any:
    """A translation in the shape its message needs: one string, or ``count`` plural
    forms (a message that became plural keeps its translation as the first form)."""
    if plural:
        forms = [str(f) for f in string] if isinstance(string, (list, tuple)) else [str(string)]
        return tuple((forms + [""] * count)[:count])
    if isinstance(string, (list, tuple)):
        return str(string[0]) if string else ""
    return str(string or "")


def merge_catalog(template: Catalog, old: Catalog | None, language: str) -> Catalog:
    """Bring a translation up to date with its template, losing no translation and
    inventing none.

    An unchanged message keeps its translation, as it was (fuzzy stays fuzzy). A changed
    one gets the translation of the same block as a fuzzy suggestion (with its previous
    msgid), the block being found by its position in the document, not by a global
    similarity search. A removed message becomes obsolete under its own msgid and
    context, and comes back only for exactly that message: a translation is filed only
    under the message it translates, or as a fuzzy suggestion naming that message.
    """
    merged = new_catalog(template, language)
    if old is not None:
        _copy_header(old, merged)
    active = {_key(m): m for m in old if m.id} if old is not None else {}
    obsolete = {_key(m): m for m in old.obsolete.values()} if old is not None else {}
    wanted = [m for m in template if m.id]
    suggestions = _pair_by_position(list(active.values()), wanted)
    for message in wanted:
        previous = active.get(_key(message)) or obsolete.get(_key(message))
        string: Any = ""
        flags: set[str] = set()
        previous_id: list[str] = []
        comments: list[str] = []
        if previous is not None and previous.string:
            string = previous.string
            # A translator's flags and comments stay; markers move into comments.
            flags, comments = _as_comments(
                set(previous.flags) - FALSE_FLAGS, list(previous.user_comments)
            )
            if previous.fuzzy:
                previous_id = list(previous.previous_id)
        elif _key(message) in suggestions:
            source = suggestions[_key(message)]
            string = source.string
            flags.add(FUZZY)
            previous_id = [str(source.id)]
            _, comments = _as_comments(set(source.flags), list(source.user_comments))
        merged.add(
            message.id,
            _forms(string, message.pluralizable, merged.num_plurals),
            locations=list(message.locations),
            auto_comments=list(message.auto_comments),
            user_comments=comments,
            flags=flags,
            previous_id=previous_id,
            context=message.context,
        )
    for key, message in list(active.items()) + list(obsolete.items()):
        # Keyed as Babel's reader keys obsolete messages: the id, or (id, context).
        stored: Any = key[0] if key[1] is None else key
        if merged.get(*key) is not None or stored in merged.obsolete or not message.string:
            continue
        flags, comments = _as_comments(set(message.flags), list(message.user_comments))
        merged.obsolete[stored] = Message(
            message.id,
            message.string,
            flags=flags & {FUZZY},
            user_comments=comments,
            previous_id=list(message.previous_id),
            context=message.context,
        )
    return without_false_flags(merged)


def _key(message: Message) -> tuple[Any, str | None]:
    return (message.id, message.context)


def _pair_by_position(
    old: list[Message], new: list[Message]
) -> dict[tuple[Any, str | None], Message]:
    """For each new message, the translated (not fuzzy) old message that stood in its
    place."""
    old_ids = [_key(m) for m in old]
    new_ids = [_key(m) for m in new]
    matcher = SequenceMatcher(None, old_ids, new_ids, autojunk=False)
    pairs: dict[tuple[Any, str | None], Message] = {}
    known = set(old_ids)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        for before, after in zip(old[i1:i2], new[j1:j2], strict=False):
            if _key(after) in known or _key(after) in pairs or not before.string:
                continue
            if before.fuzzy:  # a suggestion itself, not a translation of ``before``
                continue
            if list(before.auto_comments) != list(after.auto_comments):
                continue
            pairs[_key(after)] = before
    return pairs


def _copy_header(source: Catalog, target: Catalog) -> None:
    """Keep what translators own in the header. The project, the contact and the
    template's date come from the template, as ``msgmerge`` does."""
    for name in ("last_translator", "language_team", "revision_date", "header_comment"):
        setattr(target, name, getattr(source, name))


def without_false_flags(catalog: Catalog) -> Catalog:
    """``catalog`` without the flags Babel adds on its own (``python-format`` guessed
    from a ``%``): gettext's tools would then check what is not a format string."""
    for message in list(catalog) + list(catalog.obsolete.values()):
        message.flags -= FALSE_FLAGS
    return catalog


def translations(catalog: Catalog | None) -> dict[str, str]:
    """The published translations: non-empty and not fuzzy."""
    if catalog is None:
        return {}
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy and m.context is None
    }


def is_translated(string: object) -> bool:
    """Whether a translation is there: a string, or every plural form of one."""
    if isinstance(string, (list, tuple)):
        return bool(string) and all(string)
    return bool(string)


def coverage(template: Catalog, catalog: Catalog | None, language: str) -> Coverage:
    """Translated, fuzzy and untranslated messages of ``template`` in ``catalog``."""
    translated = fuzzy = untranslated = 0
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context) if catalog is not None else None
        if found is None or not is_translated(found.string):
            untranslated += 1
        elif found.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return Coverage(str(template.domain), language, translated, fuzzy, untranslated)


def gettext_translations(
    catalog: Catalog | None, fallback: Catalog | Translations | None = None
) -> Translations:
    """A ``gettext``-style object for templates, from the messages ``catalog`` translates
    completely (every plural form, not fuzzy). A message it lacks comes from ``fallback``
    (another language's catalog, translated the same way), in the fallback's words and
    with the fallback's plural rule, never with a plural rule of one language applied to
    the words of another ("2 unchanged section" in Japanese); lacking there too, the
    message itself, with English's rule. A fallback given ``compiled`` is used as it is
    (a build compiles its fallback once for every language)."""
    found = compiled(catalog)
    if fallback is not None:
        found.add_fallback(fallback if isinstance(fallback, Translations) else compiled(fallback))
    return found


def compiled(catalog: Catalog | None) -> Translations:
    """The messages ``catalog`` translates completely, compiled for ``gettext``."""
    if catalog is None:
        return Translations()
    complete = copy.deepcopy(catalog)
    for message in list(complete):
        if message.id and (message.fuzzy or not is_translated(message.string)):
            complete.delete(message.id, message.context)
    buffer = io.BytesIO()
    write_mo(buffer, complete, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=catalog.domain)


# --- reading -------------------------------------------------------------------------


# --- writing -------------------------------------------------------------------------

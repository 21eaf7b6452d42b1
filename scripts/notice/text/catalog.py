"""Segments <-> Babel catalogs: the only module that reads or writes PO files.

Reading is strict (every problem is an error with its 1-based line), writing keeps
the layout stable and skips files whose content would not change, and merging a new
template into a translation never loses a translation.
"""

from __future__ import annotations

import copy
import difflib
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import (
    PoFileError,
    escape,
    generate_po,
    normalize,
    read_po,
    unescape,
)
from babel.support import Translations

from notice import __version__
from notice.core.errors import CatalogError, NoticeError, decode_utf8, read_utf8
from notice.core.languages import UnknownLanguage, language_tag
from notice.text.segment import Document

PROJECT = "notice"
FUZZY = "fuzzy"
# Babel guesses these from `%` and `{...}` in the text; Markdown is not a format string.
_FALSE_FLAGS = frozenset({"python-format", "python-brace-format"})


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
        creation_date=_now(),
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
    """Bring a translation up to date with its template, losing no translation.

    An unchanged message keeps its translation. A changed one gets the translation of
    the same block as a fuzzy suggestion (with its previous msgid), the block being
    found by its position in the document, not by a global similarity search. A
    removed message becomes obsolete.
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
                set(previous.flags) - _FALSE_FLAGS, list(previous.user_comments)
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
    """For each new message, the translated old message that stood in its place."""
    old_ids = [_key(m) for m in old]
    new_ids = [_key(m) for m in new]
    matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
    pairs: dict[tuple[Any, str | None], Message] = {}
    known = set(old_ids)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        for before, after in zip(old[i1:i2], new[j1:j2], strict=False):
            if _key(after) in known or _key(after) in pairs or not before.string:
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
        message.flags -= _FALSE_FLAGS
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


def gettext_translations(catalog: Catalog | None, fallback: Catalog | None = None) -> Translations:
    """A ``gettext``-style object for templates, from the messages ``catalog`` translates
    completely (every plural form, not fuzzy). A message it lacks comes from ``fallback``
    (another language's catalog, translated the same way), in the fallback's words and
    with the fallback's plural rule, never with a plural rule of one language applied to
    the words of another ("2 unchanged section" in Japanese); lacking there too, the
    message itself, with English's rule."""
    found = _translations(catalog)
    if fallback is not None:
        found.add_fallback(_translations(fallback))
    return found


def _translations(catalog: Catalog | None) -> Translations:
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

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:\s+|(?=\"))(.*)")
_KEYWORD_HINT = (
    "a line of an entry starts with msgctxt, msgid, msgid_plural, msgstr or a quoted string"
)


@dataclass
class _Scanned:
    """What the strict pass learns from a PO file that Babel's reader does not keep."""

    lines: dict[tuple[str | None, str], int] = field(default_factory=dict)
    """The line of every active entry, by (context, msgid)."""
    previous: dict[tuple[bool, str | None, str], list[str]] = field(default_factory=dict)
    """``#| msgid`` of an entry, by (obsolete, context, msgid)."""
    header: dict[str, str] = field(default_factory=dict)
    header_line: int = 0
    text: str = ""
    """The file without its ``#|`` lines (Babel reads them as comments or errors)."""


def _scan(text: str, path: str) -> _Scanned:
    """A strict pass over a PO file, as ``msgfmt --check`` reads it: every problem is an
    error with its 1-based line. Babel's reader warns and goes on, or numbers lines from 0.
    """
    scanned = _Scanned()
    kept: list[str] = []
    entry: dict[str, list[str]] = {}
    entry_line = 0
    entry_obsolete = False
    keyword = ""
    previous: list[str] = []
    pending_previous: list[str] = []

    def finish() -> None:
        nonlocal entry, keyword, pending_previous
        if not entry:
            return
        if "msgid" not in entry:
            raise CatalogError("msgstr without a msgid before it", path, entry_line)
        msgid = "".join(entry["msgid"])
        if not any(k.startswith("msgstr") for k in entry):
            raise CatalogError(f"missing msgstr for msgid {msgid!r}", path, entry_line)
        context = "".join(entry["msgctxt"]) if "msgctxt" in entry else None
        if not entry_obsolete:
            key = (context, msgid)
            if msgid == "" and context is None:
                scanned.header_line = entry_line
                raw = "".join(entry.get("msgstr", []))
                for line in raw.splitlines():
                    name, colon, value = line.partition(":")
                    if colon and name.strip():
                        scanned.header[name.strip()] = value.strip()
            elif key in scanned.lines:
                raise CatalogError(
                    f"duplicate message definition (first defined on line {scanned.lines[key]})",
                    path,
                    entry_line,
                    "merge the two entries into one",
                )
            scanned.lines[key] = entry_line
        if pending_previous:
            scanned.previous[(entry_obsolete, context, msgid)] = pending_previous
        entry, keyword, pending_previous = {}, "", []

    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        body = line[2:].lstrip() if obsolete else line
        if body.startswith("#|") or (obsolete and body.startswith("|")):
            # A previous msgid (``#|`` or ``#~|``), written by msgmerge --previous.
            kept.append("")
            rest = body.lstrip("#").lstrip("|").strip()
            if entry and any(k.startswith("msgstr") for k in entry):
                finish()
            name, _, argument = rest.partition(" ")
            if name == "msgid":
                previous.append(_string(argument, path, number))
            elif rest.startswith('"') and previous:
                previous[-1] += _string(rest, path, number)
            elif name not in ("msgctxt", "msgid_plural") and not rest.startswith('"'):
                raise CatalogError(f"unknown keyword {name!r} in a #| line", path, number)
            continue
        kept.append(raw)
        if not body or (body.startswith("#") and not obsolete):
            if body and entry and any(k.startswith("msgstr") for k in entry):
                finish()
            continue
        if obsolete and body.startswith("#"):
            continue
        if body.startswith('"'):
            if not keyword:
                raise CatalogError(
                    "a string outside any entry", path, number, "it must follow msgid or msgstr"
                )
            entry[keyword].append(_string(body, path, number))
            continue
        match = _KEYWORD.fullmatch(body)
        if match is None:
            word = body.split()[0] if body.split() else body
            raise CatalogError(f"unknown keyword {word!r}", path, number, _KEYWORD_HINT)
        name, argument = match.group(1), match.group(2)
        base = "msgstr" if name.startswith("msgstr") else name
        starts_entry = (base == "msgctxt" and bool(entry)) or (base == "msgid" and "msgid" in entry)
        starts_entry = starts_entry or (
            base == "msgid" and any(k.startswith("msgstr") for k in entry)
        )
        if starts_entry:
            finish()
        if name in entry:
            raise CatalogError(f"a second {name} in one entry", path, number, _KEYWORD_HINT)
        if not entry:
            entry_line, entry_obsolete = number, obsolete
            pending_previous, previous = previous, []
        entry[name] = [_string(argument, path, number)]
        keyword = name
    finish()
    scanned.text = "\n".join(kept)
    return scanned


def _string(quoted: str, path: str, line: int) -> str:
    """The text of one quoted PO string, which must end with an unescaped quote."""
    quoted = quoted.strip()
    if not _is_terminated(quoted):
        raise CatalogError(
            "unterminated string", path, line, 'a string must end with an unescaped "'
        )
    return unescape(quoted)


def _is_terminated(quoted: str) -> bool:
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        return False
    backslashes = len(quoted[:-1]) - len(quoted[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def read_catalog(path: Path, language: str | None = None, display: str | None = None) -> Catalog:
    """Read a PO or POT file strictly; errors name the file and the 1-based line.

    A strict pass of our own finds every syntax error first, with its line; Babel's
    public reader then builds the catalog. With ``language``, the header must declare
    that language, a UTF-8 charset and plural forms.
    """
    name = display or str(path)
    text = read_utf8(path, name, CatalogError)
    scanned = _scan(text, name)
    if language is not None:
        _check_header(scanned.header, language, name, scanned.header_line)
    locale = parse_locale(language) if language else None
    try:
        catalog = read_po(io.StringIO(scanned.text), locale=locale, abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise CatalogError(str(exc), name, line + 1 if line is not None else None) from exc
    if language is not None:
        # The folder's language, checked against the header above, as gettext writes it.
        catalog.locale = language_tag(language).folder
    for message in catalog:
        if message.id:
            key = (message.context, _singular(message.id))
            message.lineno = scanned.lines.get(key, 0)
            message.previous_id = scanned.previous.get((False, *key), [])
    for message in catalog.obsolete.values():
        key = (message.context, _singular(message.id))
        message.previous_id = scanned.previous.get((True, *key), [])
    return without_false_flags(catalog)


def _tag(code: str) -> object:
    """A language code as Babel's locale, to compare two spellings of one code
    (``zh_TW``, ``zh-TW``, ``zh_Hant_TW``)."""
    try:
        return language_tag(code).locale
    except UnknownLanguage:
        return code


def _singular(msgid: Any) -> str:
    return str(msgid[0] if isinstance(msgid, (list, tuple)) else msgid)


def _check_header(headers: dict[str, str], language: str, path: str, line: int) -> None:
    declared = headers.get("Language", "").strip()
    if not line:
        raise CatalogError(
            'no header entry (msgid "")', path, 1, "run `notice update` to write one"
        )
    if _tag(declared) != _tag(language):
        raise CatalogError(
            f"header declares Language '{declared}', "
            f"but the file is in the folder for '{language}'",
            path,
            line,
        )
    content_type = headers.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        raise CatalogError(
            f"header Content-Type must say charset=UTF-8, not {content_type!r}", path, line
        )
    if not headers.get("Plural-Forms"):
        raise CatalogError("header has no Plural-Forms", path, line)


# --- writing -------------------------------------------------------------------------

#: Header fields that change without any change a translator would see.
_VOLATILE_HEADERS = frozenset({"POT-Creation-Date", "PO-Revision-Date", "Generated-By"})


def header_fields(catalog: Catalog) -> list[tuple[str, str]]:
    """The header we write: real values only, never Babel's or xgettext's placeholders."""
    fields: list[tuple[str, str]] = []
    # Babel splits a read Project-Id-Version at its last space into project and version.
    name = " ".join(str(v) for v in (catalog.project, catalog.version) if v) or ""
    if name and name not in ("PROJECT VERSION", "PROJECT", "VERSION"):
        fields.append(("Project-Id-Version", name.removesuffix(" VERSION")))
    if catalog.msgid_bugs_address and "@ADDRESS" not in catalog.msgid_bugs_address:
        fields.append(("Report-Msgid-Bugs-To", str(catalog.msgid_bugs_address)))
    fields.append(("POT-Creation-Date", _format_date(catalog.creation_date)))
    if catalog.locale is not None:
        if isinstance(catalog.revision_date, datetime):
            fields.append(("PO-Revision-Date", _format_date(catalog.revision_date)))
        if catalog.last_translator and "EMAIL@ADDRESS" not in catalog.last_translator:
            fields.append(("Last-Translator", str(catalog.last_translator)))
        if catalog.language_team and "LANGUAGE" not in catalog.language_team:
            fields.append(("Language-Team", str(catalog.language_team)))
        fields.append(("Language", str(catalog.locale_identifier)))
        fields.append(("Plural-Forms", str(catalog.plural_forms)))
    fields += [
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),  # as GNU gettext writes it
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", f"notice {__version__}"),
    ]
    return fields


def _format_date(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M%z") if isinstance(value, datetime) else str(value)


def catalog_bytes(catalog: Catalog) -> bytes:
    """The PO text of a catalog, with previous msgids and without false format flags."""
    without_false_flags(catalog)
    return "".join(_po_lines(catalog)).encode("utf-8")


def _po_lines(catalog: Catalog, width: int = 76) -> Iterator[str]:
    """Our header, then Babel's PO lines with ``#| msgid`` written as GNU gettext does.

    Babel wraps a long previous msgid as one comment, which breaks its quoting; here
    each line of it gets its own ``#|`` prefix.
    """
    for line in (catalog.header_comment or "").splitlines():
        yield (line if line.startswith("#") else f"# {line}".rstrip()) + "\n"
    yield 'msgid ""\nmsgstr ""\n'
    for name, value in header_fields(catalog):
        yield escape(f"{name}: {value}\n") + "\n"
    yield "\n"
    messages = iter([m for m in catalog if m.id])
    pending_context = False
    for line in generate_po(
        catalog, width=width, include_previous=False, sort_by=None, omit_header=True
    ):
        starts = line.startswith("msgctxt ") or (line.startswith("msgid ") and not pending_context)
        if starts:
            message = next(messages)
            for previous in message.previous_id[:1] if message.fuzzy else []:
                yield f"#| msgid {normalize(previous, prefix='#| ', width=width)}\n"
        pending_context = line.startswith("msgctxt ")
        yield line


def _parse(data: bytes) -> tuple[_Scanned, Catalog] | None:
    """A PO file's strict pass and catalog, or None if it does not parse."""
    try:
        scanned = _scan(decode_utf8(data, "", CatalogError), "")
        return scanned, read_po(io.StringIO(scanned.text), abort_invalid=True)
    except (NoticeError, PoFileError, ValueError):
        return None


def _content(parsed: tuple[_Scanned, Catalog] | None) -> tuple[Any, ...] | None:
    """What a translator would call the content of a PO file: its messages, their
    translations, flags, comments and previous msgids, and the header's values (dates
    aside), however a tool wrapped, ordered or spaced them. None if it did not parse."""
    if parsed is None:
        return None
    scanned, catalog = parsed
    header = tuple(
        sorted(
            (k, v.lower() if k == "Content-Type" else v)
            for k, v in scanned.header.items()
            if k not in _VOLATILE_HEADERS and not k.startswith("X-")
        )
    )

    def words(comments: Iterable[str]) -> str:
        return " ".join(" ".join(comments).split())

    def entry(message: Message, obsolete: bool) -> tuple[Any, ...]:
        key = (obsolete, message.context, _singular(message.id))
        return (
            message.context,
            message.id,
            message.string,
            tuple(sorted(set(message.flags) - _FALSE_FLAGS)),
            words(message.user_comments),
            words(message.auto_comments),
            tuple(message.locations),
            tuple(scanned.previous.get(key, [])),
        )

    active = tuple(entry(m, False) for m in catalog if m.id)
    obsolete = tuple(sorted((entry(m, True) for m in catalog.obsolete.values()), key=repr))
    return header, active, obsolete


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog if its content changed; returns whether it wrote.

    A file whose content is the same (see ``_content``) is left as it is, however a
    translator's tool wrapped it; the catalog then takes that file's dates.
    """
    if catalog.creation_date is None or os.environ.get("SOURCE_DATE_EPOCH"):
        catalog.creation_date = _now()
    data = catalog_bytes(catalog)
    if path.exists():
        old = _parse(path.read_bytes())
        before = _content(old)
        if old is not None and before == _content(_parse(data)):
            for name in ("creation_date", "revision_date"):  # the dates of the file
                if isinstance(getattr(old[1], name), datetime):
                    setattr(catalog, name, getattr(old[1], name))
            return False
        if catalog.locale is not None:
            catalog.revision_date = _now()  # the date of the translation's last change
            data = catalog_bytes(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


def _now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)

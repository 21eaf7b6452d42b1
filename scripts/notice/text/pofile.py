"""PO files read and written: a strict reader (every syntax error an error with its 1-based line, as
``msgfmt --check`` reads a file, before Babel's reader builds the catalog) and a writer
that writes what gettext's tools write, and leaves a file whose content is unchanged as it is.
"""

from __future__ import annotations

import gettext
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import (
    PoFileError,
    escape,
    generate_po,
    normalize,
    read_po,
    unescape,
)

from notice import __version__
from notice.core.clock import now
from notice.core.errors import CatalogError, NoticeError, decode_utf8, quoted, read_utf8
from notice.core.languages import UnknownLanguage, language_tag
from notice.text.catalog import FALSE_FLAGS, parse_locale, without_false_flags

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
            raise CatalogError(f"missing msgstr for msgid {quoted(msgid)}", path, entry_line)
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
                raise CatalogError(f"unknown keyword {quoted(name)} in a #| line", path, number)
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
            raise CatalogError(f"unknown keyword {quoted(word)}", path, number, _KEYWORD_HINT)
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
            f"header declares Language {quoted(declared)}, "
            f"but the file is in the folder for '{language}'",
            path,
            line,
        )
    content_type = headers.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        raise CatalogError(
            f"header Content-Type must say charset=UTF-8, not {quoted(content_type)}", path, line
        )
    if not headers.get("Plural-Forms"):
        raise CatalogError("header has no Plural-Forms", path, line)
    _check_plural_forms(headers["Plural-Forms"], language, path, line)


_PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*")
#: The longest rule a language needs is Arabic's, about 100 characters.
_PLURAL_LENGTH = 300


def _check_plural_forms(value: str, language: str, path: str, line: int) -> None:
    """A Plural-Forms that gettext (the site's templates, ``msgfmt``) can use: a rule of
    at most ``_PLURAL_LENGTH`` characters that picks one of its ``nplurals`` forms for
    every number."""
    expected = _expected_plural_forms(language)
    hint = f"write the rule of {language}: 'Plural-Forms: {expected}'" if expected else None
    match = _PLURAL_FORMS.fullmatch(value)
    if match is None:
        raise CatalogError(
            f"header Plural-Forms {quoted(value)} is not 'nplurals=N; plural=EXPRESSION;'",
            path,
            line,
            hint,
        )
    count, rule = int(match.group(1)), match.group(2)
    if not 1 <= count <= 6 or len(rule) > _PLURAL_LENGTH:
        raise CatalogError(
            f"header Plural-Forms: {count} forms and a rule of {len(rule)} characters; "
            f"a language has 1 to 6 forms and its rule needs at most {_PLURAL_LENGTH}",
            path,
            line,
            hint,
        )
    try:
        pick = gettext.c2py(rule)
        wrong = next((n for n in range(1000) if not 0 <= pick(n) < count), None)
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError, TypeError) as exc:
        raise CatalogError(f"header Plural-Forms: {exc}", path, line, hint) from None
    if wrong is not None:
        raise CatalogError(
            f"header Plural-Forms: for {wrong} the rule picks form {pick(wrong)}, but there "
            f"are only {count} (0 to {count - 1})",
            path,
            line,
            hint,
        )


def _expected_plural_forms(language: str) -> str | None:
    """The Plural-Forms that Babel writes for ``language``."""
    try:
        found = get_plural(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    return f"nplurals={found.num_plurals}; plural={found.plural_expr};"


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
    each line of it gets its own ``#|`` prefix. Babel also writes an obsolete entry
    without its flags and previous msgid, so a fuzzy one would be read back as a
    finished translation (and restored as one); here it keeps both, as ``msgmerge``
    writes them (``#, fuzzy`` and ``#~| msgid`` before ``#~ msgid``).
    """
    for line in (catalog.header_comment or "").splitlines():
        yield (line if line.startswith("#") else f"# {line}".rstrip()) + "\n"
    yield 'msgid ""\nmsgstr ""\n'
    for name, value in header_fields(catalog):
        yield escape(f"{name}: {value}\n") + "\n"
    yield "\n"
    messages = iter([m for m in catalog if m.id] + list(catalog.obsolete.values()))
    pending_context = False
    for line in generate_po(
        catalog, width=width, include_previous=False, sort_by=None, omit_header=True
    ):
        prefix = "#~ " if line.startswith("#~ ") else ""
        body = line.removeprefix(prefix)
        if body.startswith("msgctxt ") or (body.startswith("msgid ") and not pending_context):
            message = next(messages)
            if prefix and message.flags:
                yield f"#, {', '.join(sorted(message.flags))}\n"
            for previous in message.previous_id[:1] if message.fuzzy else []:
                mark = "#~| " if prefix else "#| "
                yield f"{mark}msgid {normalize(previous, prefix=mark, width=width)}\n"
        pending_context = body.startswith("msgctxt ")
        yield line


def _parse(data: bytes) -> tuple[_Scanned, Catalog] | None:
    """A PO file's strict pass and catalog, or None if it does not parse."""
    try:
        scanned = _scan(decode_utf8(data, "", CatalogError), "")
        return scanned, read_po(io.StringIO(scanned.text), abort_invalid=True)
    except (NoticeError, PoFileError, ValueError):
        return None


def _dateless(data: bytes) -> bytes:
    """A PO file with the values of its header's dates and tool left out, each line where
    it was (only a whole, well-formed line ``"POT-Creation-Date: …\\n"``): two files equal
    so have the same ``_content`` if both parse (``write_catalog`` then need not compare
    the messages)."""
    header, blank, rest = data.partition(b"\n\n")
    return _VOLATILE_LINE.sub(rb'"\1: \\n"', header) + blank + rest


_VOLATILE_NAMES = b"|".join(re.escape(name.encode()) for name in sorted(_VOLATILE_HEADERS))
_VOLATILE_LINE = re.compile(rb'^"(' + _VOLATILE_NAMES + rb'): [^"\\\n]*\\n"$', re.MULTILINE)


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
            tuple(sorted(set(message.flags) - FALSE_FLAGS)),
            words(message.user_comments),
            words(message.auto_comments),
            tuple(message.locations),
            tuple(scanned.previous.get(key, [])),
        )

    active = tuple(entry(m, False) for m in catalog if m.id)
    obsolete = tuple(sorted((entry(m, True) for m in catalog.obsolete.values()), key=repr))
    return header, active, obsolete


_BOM = b"\xef\xbb\xbf"


def starts_with_bom(path: Path) -> bool:
    """Whether a PO file starts with a UTF-8 byte order mark: our reader skips it, as an
    editor would, but GNU ``msgfmt`` rejects the file (``write_catalog`` removes it)."""
    with path.open("rb") as file:
        return file.read(len(_BOM)) == _BOM


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog if its content changed; returns whether it wrote.

    A file whose content is the same (see ``_content``) is left as it is, however a
    translator's tool wrapped it; the catalog then takes that file's dates. A file that
    starts with a byte order mark is written again without it (``starts_with_bom``).
    """
    if catalog.creation_date is None or os.environ.get("SOURCE_DATE_EPOCH"):
        catalog.creation_date = now()
    data = catalog_bytes(catalog)
    if path.exists():
        found = path.read_bytes()
        same = _dateless(found) == _dateless(data)
        # A file that differs from ours only in its header's dates parses if its header
        # does (the rest is our own bytes): the header alone gives its dates.
        old = _parse(found.partition(b"\n\n")[0] + b"\n") if same else _parse(found)
        if old is not None and (same or _content(old) == _content(_parse(data))):
            for name in ("creation_date", "revision_date"):  # the dates of the file
                if isinstance(getattr(old[1], name), datetime):
                    setattr(catalog, name, getattr(old[1], name))
            if not found.startswith(_BOM):
                return False
            data = catalog_bytes(catalog)  # the same content and dates, without the mark
        elif catalog.locale is not None:
            catalog.revision_date = now()  # the date of the translation's last change
            data = catalog_bytes(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True

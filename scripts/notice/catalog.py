"""Segments <-> Babel catalogs: the only module that reads or writes PO files.

Reading is strict (every problem is an error with its 1-based line), writing keeps
the layout stable and skips files whose content would not change, and merging a new
template into a translation never loses a translation.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileParser, generate_po, normalize
from babel.support import Translations

from notice.errors import CatalogError, read_utf8
from notice.segment import Document

PROJECT = "notice"
FUZZY = "fuzzy"
# Babel guesses these from `%` and `{...}` in the text; Markdown is not a format string.
_FALSE_FLAGS = frozenset({"python-format", "python-brace-format"})
_DATE_HEADER = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"$', re.MULTILINE)


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
    """A Babel locale for a language code such as ``nb`` or ``pt_BR``."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise CatalogError(f"'{code}' is not a known language code") from exc


def empty_template(domain: str, comment: str) -> Catalog:
    """A template with our header and no messages yet."""
    return Catalog(
        domain=domain,
        project=domain,
        version="",
        msgid_bugs_address="",
        fuzzy=False,
        charset="utf-8",
        creation_date=_now(),
        header_comment=comment,
    )


def template_catalog(domain: str, documents: Iterable[Document]) -> Catalog:
    """A template (POT) with one message per distinct segment, in document order."""
    catalog = empty_template(
        domain, f"# Template of '{domain}', written by `notice extract`. Do not edit."
    )
    for document in documents:
        for segment in document.segments:
            catalog.add(
                segment.text,
                locations=[(document.path, segment.line)],
                auto_comments=[segment.kind],
            )
    return _clean(catalog)


def new_catalog(template: Catalog, language: str) -> Catalog:
    """An empty translation of ``template`` with a correct header for ``language``."""
    locale = parse_locale(language)
    catalog = Catalog(
        locale=locale,
        domain=template.domain,
        header_comment=f"# {locale.english_name} translation of '{template.domain}'.\n"
        "# Kept up to date with `notice update`; see the README for translators.",
        project=str(template.domain),
        version="",
        msgid_bugs_address="",
        fuzzy=False,
        charset="utf-8",
        language_team=str(locale.english_name),
        last_translator=f"{locale.english_name} translators",
        creation_date=template.creation_date,
        revision_date=template.creation_date,
    )
    return catalog


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
    active: dict[Any, Message] = {m.id: m for m in old if m.id} if old is not None else {}
    obsolete: dict[Any, Message] = dict(old.obsolete) if old is not None else {}
    wanted = [m for m in template if m.id]
    suggestions = _pair_by_position(list(active.values()), wanted)
    for message in wanted:
        previous = active.get(message.id) or obsolete.get(message.id)
        string: str = ""
        flags: set[str] = set()
        previous_id: list[str] = []
        comments: list[str] = []
        if previous is not None and previous.string:
            string = str(previous.string)
            comments = list(previous.user_comments)
            flags = set(previous.flags) - _FALSE_FLAGS  # a translator's flags stay
            if previous.fuzzy:
                previous_id = list(previous.previous_id)
        elif message.id in suggestions:
            source = suggestions[message.id]
            string = str(source.string)
            flags.add(FUZZY)
            previous_id = [str(source.id)]
            comments = list(source.user_comments)
        merged.add(
            message.id,
            string,
            locations=list(message.locations),
            auto_comments=list(message.auto_comments),
            user_comments=comments,
            flags=flags,
            previous_id=previous_id,
        )
    for key, message in list(active.items()) + list(obsolete.items()):
        if key in merged or key in merged.obsolete or not message.string:
            continue
        merged.obsolete[key] = Message(
            message.id,
            message.string,
            flags=set(message.flags) & {FUZZY},
            user_comments=list(message.user_comments),
            previous_id=list(message.previous_id),
        )
    return _clean(merged)


def _pair_by_position(old: list[Message], new: list[Message]) -> dict[str, Message]:
    """For each new message id, the translated old message that stood in its place."""
    old_ids = [str(m.id) for m in old]
    new_ids = [str(m.id) for m in new]
    matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
    pairs: dict[str, Message] = {}
    known = set(old_ids)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        for before, after in zip(old[i1:i2], new[j1:j2], strict=False):
            if after.id in known or after.id in pairs or not before.string:
                continue
            if list(before.auto_comments) != list(after.auto_comments):
                continue
            pairs[str(after.id)] = before
    return pairs


def _copy_header(source: Catalog, target: Catalog) -> None:
    for name in (
        "project",
        "version",
        "msgid_bugs_address",
        "last_translator",
        "language_team",
        "revision_date",
        "creation_date",
    ):
        setattr(target, name, getattr(source, name))
    target.header_comment = source.header_comment


def _clean(catalog: Catalog) -> Catalog:
    for message in list(catalog) + list(catalog.obsolete.values()):
        message.flags -= _FALSE_FLAGS
    return catalog


def translations(catalog: Catalog | None) -> dict[str, str]:
    """The published translations: non-empty and not fuzzy."""
    if catalog is None:
        return {}
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def coverage(template: Catalog, catalog: Catalog | None, language: str) -> Coverage:
    """Translated, fuzzy and untranslated messages of ``template`` in ``catalog``."""
    translated = fuzzy = untranslated = 0
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id) if catalog is not None else None
        if found is None or not found.string:
            untranslated += 1
        elif found.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return Coverage(str(template.domain), language, translated, fuzzy, untranslated)


def gettext_translations(catalog: Catalog | None) -> Translations:
    """A ``gettext``-style object for templates; fuzzy messages are left out."""
    if catalog is None:
        return Translations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=catalog.domain)


# --- reading -------------------------------------------------------------------------


class _StrictParser(PoFileParser):
    """Babel's PO parser, made strict: every problem is an error with its 1-based line.

    Babel warns and goes on where ``msgfmt`` stops: on an unterminated string, a
    duplicate message, a bad keyword. It also reads ``#|`` previous-msgid lines as
    translator comments; here they become the message's ``previous_id`` again.
    """

    def __init__(self, catalog: Catalog, path: str) -> None:
        super().__init__(catalog, abort_invalid=True)
        self.path = path
        self.header_line = 0
        self.header: dict[str, str] = {}
        self.lines: dict[object, int] = {}
        self._previous: list[str] = []
        self._previous_target: list[str] | None = None

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        raise CatalogError(msg[0].lower() + msg[1:], self.path, lineno + 1)

    def _process_message_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        if line:
            quoted = line if line[0] == '"' else line.partition(" ")[2].strip()
            if not _is_terminated(quoted):
                raise CatalogError(
                    "unterminated string",
                    self.path,
                    lineno + 1,
                    'a string must end with an unescaped "',
                )
        super()._process_message_line(lineno, line, obsolete)

    def _process_comment(self, line: str) -> None:
        if line.startswith("#|"):
            self._finish_current_message()
            rest = line[2:].strip()
            keyword, _, arg = rest.partition(" ")
            if keyword == "msgid":
                self._previous.append(_unquote(arg))
            elif rest.startswith('"') and self._previous:
                self._previous[-1] += _unquote(rest)
            return
        super()._process_comment(line)

    def _add_message(self) -> None:
        msgid = self.messages[0].denormalize() if self.messages else ""
        context = self.context.denormalize() if self.context else None
        key = self.catalog._key_for(msgid, context)
        lineno = self.offset + 1
        if not self.obsolete:
            if msgid == "":
                self.header_line = lineno
                raw = self.translations[0][1].denormalize() if self.translations else ""
                self.header = dict(
                    (k.strip(), v.strip())
                    for k, _, v in (line.partition(":") for line in raw.splitlines())
                    if k.strip()
                )
            elif key in self.catalog._messages:
                first = self.lines.get(key, 0)
                raise CatalogError(
                    f"duplicate message definition (first defined on line {first})",
                    self.path,
                    lineno,
                    "merge the two entries into one",
                )
            self.lines[key] = lineno
        previous = self._previous
        obsolete = self.obsolete
        super()._add_message()
        self._previous = []
        if previous:
            store = self.catalog.obsolete if obsolete else self.catalog._messages
            if key in store:
                store[key].previous_id = previous


def _is_terminated(quoted: str) -> bool:
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        return False
    backslashes = len(quoted[:-1]) - len(quoted[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _unquote(quoted: str) -> str:
    from babel.messages.pofile import unescape

    return unescape(quoted.strip())


def read_catalog(path: Path, language: str | None = None, display: str | None = None) -> Catalog:
    """Read a PO or POT file strictly; errors name the file and the 1-based line.

    With ``language``, the header must declare that language, a UTF-8 charset and
    plural forms.
    """
    name = display or str(path)
    text = read_utf8(path, name, CatalogError)
    locale = parse_locale(language) if language else None
    catalog = Catalog(locale=locale, charset="utf-8")
    parser = _StrictParser(catalog, name)
    parser.parse(text.splitlines())
    for message in catalog:
        if message.id:
            message.lineno = parser.lines.get(catalog._key_for(message.id, message.context), 0)
    _clean(catalog)
    if language is not None:
        _check_header(parser.header, language, name, parser.header_line)
    return catalog


def _check_header(headers: dict[str, str], language: str, path: str, line: int) -> None:
    declared = headers.get("Language", "").strip()
    if not line:
        raise CatalogError(
            'no header entry (msgid "")', path, 1, "run `notice update` to write one"
        )
    if declared.replace("-", "_") != language.replace("-", "_"):
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


def catalog_bytes(catalog: Catalog) -> bytes:
    """The PO text of a catalog, with previous msgids and without false format flags."""
    _clean(catalog)
    return "".join(_po_lines(catalog)).encode("utf-8")


def _po_lines(catalog: Catalog, width: int = 76) -> Iterator[str]:
    """Babel's PO lines, with ``#| msgid`` written as GNU gettext does.

    Babel wraps a long previous msgid as one comment, which breaks its quoting; here
    each line of it gets its own ``#|`` prefix.
    """
    messages = iter(list(catalog))
    pending_context = False
    for line in generate_po(catalog, width=width, include_previous=False, sort_by=None):
        starts = line.startswith("msgctxt ") or (line.startswith("msgid ") and not pending_context)
        if starts:
            message = next(messages)
            for previous in message.previous_id[:1] if message.fuzzy else []:
                yield f"#| msgid {normalize(previous, prefix='#| ', width=width)}\n"
        pending_context = line.startswith("msgctxt ")
        yield line


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog if its content changed (dates aside); returns whether it wrote."""
    if catalog.creation_date is None or os.environ.get("SOURCE_DATE_EPOCH"):
        catalog.creation_date = _now()
    data = catalog_bytes(catalog)
    if path.exists():
        old = path.read_bytes()
        if _DATE_HEADER.sub(b"", old) == _DATE_HEADER.sub(b"", data):
            return False
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

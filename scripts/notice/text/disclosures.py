"""What a notice must tell people under the GDPR, and where a notice says it (pure).

Articles 13 (data collected from the person) and 14 (data obtained otherwise) list
what a controller must give. Each item has a stable English name here (``ITEMS``);
a notice's front matter maps the items to the sections that give them, by anchor::

    disclosures:
      controller: who-we-are
      recipients: [sharing, transfers]

An item that does not apply is mapped to the section that says so. ``LISTS`` says
which items each list requires (the plugin's ``disclosures`` option); a notice that is
not a GDPR notice (a cookie notice) says ``disclosures: off``.

A change to a section counts for every item mapped to it or to a section around it
(``affected``); the items whose change must always be announced (WP260 rev.01 ¶29)
are ``MATERIAL``.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import yaml

from notice.core.errors import NoticeError
from notice.text.checks import Severity
from notice.text.diff import Redline
from notice.text.facts import (
    HOW,
    Facts,
    anchors_named,
    disclosures_of_facts,
    gaps,
    misplaced_exemptions,
    read_facts,
    unstated,
)
from notice.text.segment import Document, Segment


@dataclass(frozen=True)
class Item:
    """One thing the GDPR requires a notice to say."""

    name: str
    art13: str | None
    """Where Article 13 requires it (``13(2)(a)``), if it does."""
    art14: str | None
    plain: str
    """What it is, in plain English (``notice check``'s messages)."""


ITEMS: tuple[Item, ...] = (
    Item("controller", "13(1)(a)", "14(1)(a)", "who the controller is and how to reach them"),
    Item("representative", "13(1)(a)", "14(1)(a)",
         "the controller's representative in the Union"),
    Item("dpo", "13(1)(b)", "14(1)(b)", "how to reach the data protection officer"),
    Item("purposes", "13(1)(c)", "14(1)(c)", "what the data are used for"),
    Item("legal-basis", "13(1)(c)", "14(1)(c)", "the legal basis for each purpose"),
    Item("legitimate-interests", "13(1)(d)", "14(2)(b)", "the legitimate interests relied on"),
    Item("categories", None, "14(1)(d)", "which categories of data are used"),
    Item("recipients", "13(1)(e)", "14(1)(e)", "who receives the data"),
    Item("transfers", "13(1)(f)", "14(1)(f)", "transfers outside the EEA and their safeguards"),
    Item("retention", "13(2)(a)", "14(2)(a)", "how long the data are kept"),
    Item("rights", "13(2)(b)", "14(2)(c)", "the rights of access, rectification, erasure, "
         "restriction, objection and portability"),
    Item("objection", "21(4)", "21(4)", "the right to object, shown apart from other information"),
    Item("withdraw-consent", "13(2)(c)", "14(2)(d)", "withdrawing consent at any time"),
    Item("complaint", "13(2)(d)", "14(2)(e)", "complaining to a supervisory authority"),
    Item("source", None, "14(2)(f)", "where the data come from"),
    Item("requirement", "13(2)(e)", None,
         "whether the data are required, and what follows if they are not given"),
    Item("automated-decisions", "13(2)(f)", "14(2)(g)", "automated decisions, profiling included"),
    Item("further-processing", "13(3)", "14(4)", "processing for a further purpose"),
)  # fmt: skip
BY_NAME = {item.name: item for item in ITEMS}

#: Items the law requires only where they apply (a DPO where one is designated, the
#: interests where Art. 6(1)(f) is a basis, …): a notice with facts says when
#: (``notice.text.facts.needs``); a map without facts is not asked for them.
CONDITIONAL = (
    "representative", "dpo", "legitimate-interests", "transfers", "objection",
    "withdraw-consent", "automated-decisions", "further-processing",
)  # fmt: skip
#: The lists of the plugin's ``disclosures`` option: which items each always requires.
LISTS: dict[str, tuple[str, ...]] = {
    "gdpr-13": tuple(i.name for i in ITEMS if i.art13 and i.name not in CONDITIONAL),
    "gdpr-14": tuple(i.name for i in ITEMS if i.art14 and i.name not in CONDITIONAL),
    "gdpr-13-14": tuple(i.name for i in ITEMS if i.name not in CONDITIONAL),
    "off": (),
}
#: What a notice's first layer gives (WP260 rev.01 ¶35-36): who, why, and the rights.
FIRST_LAYER = ("controller", "purposes", "rights")
#: Items whose change must always be communicated (WP260 rev.01 ¶29-30): never editorial.
MATERIAL = (
    "controller", "representative", "purposes", "legal-basis", "legitimate-interests",
    "categories", "recipients", "transfers", "rights", "objection", "withdraw-consent",
    "complaint", "source", "automated-decisions",
)  # fmt: skip
#: The front matter's key.
FIELD = "disclosures"


def article(item: Item, listed: str) -> str:
    """Where the law requires ``item`` under the list ``listed`` (``13(2)(a)``, or both
    articles for ``gdpr-13-14``: ``13(2)(a), 14(2)(a)``)."""
    found = [a for a in (item.art13, item.art14) if a]
    if listed == "gdpr-13" and item.art13:
        found = [item.art13]
    elif listed == "gdpr-14" and item.art14:
        found = [item.art14]
    return ", ".join(found)


@dataclass(frozen=True)
class Disclosures:
    """A notice's map: each item to the anchors of the sections that give it."""

    items: Mapping[str, tuple[str, ...]]
    off: bool = False
    """``disclosures: off``: not a notice the GDPR lists apply to."""
    lines: Mapping[str, int] | None = None
    """Each item's line in the source (for messages), where known."""
    facts: Facts | None = None
    """The facts the map is derived from, where the text states them."""

    def anchors(self) -> set[str]:
        return {anchor for anchors in self.items.values() for anchor in anchors}

    def line(self, item: str | None = None) -> int | None:
        if not self.lines:
            return None
        return self.lines.get(item or FIELD) or self.lines.get(FIELD)


def read_disclosures(document: Document) -> Disclosures | None:
    """The map in a document's front matter; None where there is none. A map that is
    not one (an unknown item, an anchor that is not text) is an error naming the line."""
    value = document.front_matter.get(FIELD)
    stated = read_facts(document.front_matter, document.text, document.path)
    if stated is not None:
        if value is not None and value is not False and value != "off":
            raise NoticeError(
                f"{FIELD}: the map of disclosures is derived from the facts: remove it",
                document.path,
                _lines(document).get(FIELD),
                hint="each fact names its section (section: …)",
            )
        derived = disclosures_of_facts(stated)
        return Disclosures(
            derived,
            off=value is False or value == "off",
            lines={
                **{k: stated.line() or 1 for k in derived},
                FIELD: _lines(document).get(FIELD) or stated.line() or 1,
            },
            facts=stated,
        )
    if value is None:
        return None
    lines = _lines(document)
    where = lines.get(FIELD)
    if value is False or value == "off":
        return Disclosures({}, off=True, lines=lines)
    if not isinstance(value, dict):
        raise NoticeError(
            f"{FIELD}: expected a mapping of items to section anchors, or off",
            document.path,
            where,
        )
    items: dict[str, tuple[str, ...]] = {}
    for name, anchors in value.items():
        line = lines.get(str(name), where)
        if name not in BY_NAME:
            raise NoticeError(
                f"{FIELD}: '{name}' is not an item of the GDPR lists",
                document.path,
                line,
                hint="the items: " + ", ".join(BY_NAME),
            )
        given = anchors if isinstance(anchors, list) else [anchors]
        if not given or not all(isinstance(a, str) and a.strip() for a in given):
            raise NoticeError(
                f"{FIELD}: {name}: expected a section's anchor or a list of anchors",
                document.path,
                line,
            )
        items[str(name)] = tuple(a.strip().lstrip("#") for a in given)
    return Disclosures(items, lines=lines)


@dataclass(frozen=True)
class Finding:
    """A problem of a map: an ``error`` or a ``warning``."""

    severity: Severity
    message: str
    line: int | None


def check_disclosures(
    disclosures: Disclosures | None, document: Document, listed: str
) -> list[Finding]:
    """What the map of ``document`` lacks for the list ``listed`` (warnings), and the
    anchors it names that no section has (errors)."""
    if listed == "off" or (disclosures is not None and disclosures.off):
        return []
    anchors = {s.anchor for s in document.segments if s.anchor}
    found: list[Finding] = []
    given = disclosures.items if disclosures is not None else {}
    for name, names in given.items():
        for anchor in names:
            if anchor not in anchors:
                found.append(
                    Finding(
                        "error",
                        f"{FIELD}: {name}: no section has the anchor '{anchor}'",
                        disclosures.line(name) if disclosures else None,
                    )
                )
    for name in LISTS[listed]:
        if name not in given:
            item = BY_NAME[name]
            found.append(
                Finding(
                    "warning",
                    f"{article(item, listed)} {item.plain}: no section is mapped "
                    f"(add {name}: to {FIELD} in the front matter)",
                    disclosures.line() if disclosures else 1,
                )
            )
    return found


def check_facts(
    disclosures: Disclosures, document: Document, listed: str, country_names: Mapping[str, str]
) -> list[Finding]:
    """What a text's facts lack for what they make necessary (warnings naming the article,
    errors with ``--strict``), the sections they name that no heading has (errors), the
    top-level sections neither a fact names nor ``no-item`` lists (errors: a purpose could
    hide there), and the key values the prose does not state (warnings)."""
    stated = disclosures.facts
    assert stated is not None
    found: list[Finding] = []
    anchors = {s.anchor for s in document.segments if s.anchor}
    for path, anchor in anchors_named(stated):
        if anchor not in anchors:
            found.append(
                Finding("error", f"facts: {path}: no section has the anchor '{anchor}'",
                        stated.line(path))
            )  # fmt: skip
    for item, exemption in misplaced_exemptions(stated, listed):
        found.append(
            Finding(
                "error",
                f"facts: exempt: {item}: Art. {exemption.citation} does not exempt this item "
                f"(Art. 13(4) exempts Art. 13's items, 14(5) Art. 14's)",
                stated.line(f"exempt/{item}"),
            )
        )
    for need in gaps(stated, listed):
        known = BY_NAME[need.item]
        cited = ", ".join(str(c) for c in need.citations)
        why = f" ({need.why})" if need.why else ""
        path, named = _gap_at(stated, need.item)
        found.append(
            Finding(
                "warning",
                f"Art. {cited} {known.plain}{why}: the facts do not say it{named} "
                f"(add {HOW[need.item]}, or not-applicable: {{{need.item}: because …}})",
                stated.line(path),
            )
        )
    mapped = {anchor for _, anchor in anchors_named(stated)} | disclosures.anchors()
    top = _top_sections(document)
    for anchor, line in top:
        inside = {a for s, paths in _paths(document) if anchor in paths for a in paths}
        if not inside & mapped:
            found.append(
                Finding(
                    "error",
                    f"section '#{anchor}' gives no item of the facts and is not listed as "
                    "giving none (add it to a fact's section, or to no-item: [...])",
                    line,
                )
            )
    objection = stated.said.get("objection")
    if objection is not None:
        shared = [i for i, a in disclosures.items.items()
                  if objection.section in a and i != "objection"]  # fmt: skip
        if shared:
            found.append(
                Finding(
                    "warning",
                    f"Art. 21(4): the right to object must be shown apart from other "
                    f"information, but its section '#{objection.section}' also gives "
                    + ", ".join(shared),
                    stated.line("objection"),
                )
            )
    texts = section_texts(document)
    for missing in unstated(stated, texts, country_names):
        found.append(
            Finding(
                "warning",
                f"facts: {missing.path}: the section '#{missing.section}' does not state "
                f"'{missing.value}'",
                stated.line(missing.path),
            )
        )
    return found


def _gap_at(stated: Facts, item: str) -> tuple[str, str]:
    """Where a gap is (the purpose that lacks its interest, retention or data), and its
    name for the message."""
    lacking = {
        "legitimate-interests": lambda p: "legitimate-interests" in p.bases and not p.interest,
        "retention": lambda p: p.retention is None,
        "categories": lambda p: not p.data,
    }.get(item)
    if lacking is not None:
        for index, purpose in enumerate(stated.purposes):
            if lacking(purpose):
                return f"purposes/{index}", f" for {purpose.name}"
    return "", ""


def section_texts(document: Document) -> dict[str, str]:
    """Each section's plain text, its subsections' included, by anchor."""
    from notice.text.segment import plain_text

    found: dict[str, list[str]] = {}
    for segment, paths in _paths(document):
        for anchor in paths:
            found.setdefault(anchor, []).append(plain_text(segment.text))
    return {anchor: "\n".join(parts) for anchor, parts in found.items()}


def _top_sections(document: Document) -> list[tuple[str, int]]:
    """The anchors of the top-level sections (the highest level of heading in the
    body), with their lines."""
    headings = [
        (s, _level(document, s))
        for s in document.segments
        if s.field is None and s.kind == "heading" and s.anchor
    ]
    if not headings:
        return []
    top = min(level for _, level in headings)
    return [(s.anchor or "", s.line) for s, level in headings if level == top]


def affected(
    redline: Redline,
    old: Document,
    new: Document,
    old_map: Disclosures | None,
    new_map: Disclosures | None,
) -> dict[str, tuple[str, ...]]:
    """The items whose sections the change from ``old`` to ``new`` touches, in the order
    of ``ITEMS``, each with those sections' anchors: a block changed, added or removed in
    a mapped section or in a section inside one, as either map maps it (a section removed
    counts for the items it gave, and a map cannot unmap the text it changes)."""
    if not redline.changed:
        return {}
    old_paths = {_key(s): p for s, p in _paths(old)}
    new_paths = {_key(s): p for s, p in _paths(new)}
    # Both versions' maps judge both texts: a map cannot unmap the text it changes.
    both: dict[str, set[str]] = {}
    for disclosures in (old_map, new_map):
        if disclosures is not None and not disclosures.off:
            for name, anchors in disclosures.items.items():
                both.setdefault(name, set()).update(anchors)
    found: dict[str, set[str]] = {}
    for block in redline.blocks:
        if block.status == "equal":
            continue
        for segment, paths in ((block.old, old_paths), (block.new, new_paths)):
            if segment is None:
                continue
            touched = set(paths.get(_key(segment), ()))
            for name, given in both.items():
                found.setdefault(name, set()).update(touched & given)
    return {item.name: tuple(sorted(found[item.name])) for item in ITEMS if found.get(item.name)}


def _key(segment: Segment) -> tuple[int, ...]:
    return tuple(n for span in segment.spans for n in span)


def _paths(document: Document) -> Iterable[tuple[Segment, tuple[str, ...]]]:
    """Each body segment with the anchors of the sections around it (a heading is in
    its own section)."""
    stack: list[tuple[int, str]] = []
    for segment in document.segments:
        if segment.field is not None:
            continue
        if segment.kind == "heading" and segment.anchor:
            level = _level(document, segment)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, segment.anchor))
        yield segment, tuple(anchor for _, anchor in stack)


_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]|$)")


def _level(document: Document, heading: Segment) -> int:
    """A heading's level: its ``#``s, or 1 or 2 for an underlined one."""
    start = heading.spans[0][0]
    line_start = document.text.rfind("\n", 0, start) + 1
    line_end = document.text.find("\n", start)
    line = document.text[line_start : len(document.text) if line_end < 0 else line_end]
    match = _ATX.match(line)
    if match:
        return len(match.group(1))
    following = document.text[line_end + 1 :].lstrip(" ")
    return 1 if following.startswith("=") else 2


def _lines(document: Document) -> dict[str, int]:
    """The lines of the map's key and of each of its items in the source."""
    return dict(_lines_of(document.text))


@functools.lru_cache(maxsize=512)
def _lines_of(text: str) -> Mapping[str, int]:
    """``_lines`` of a document's text, read once however many checks ask."""
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    source = text[text.find("\n") + 1 : end if end > 0 else None]
    try:
        root = yaml.compose(source)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == FIELD:
                lines[FIELD] = key.start_mark.line + 2
                if isinstance(value, yaml.MappingNode):
                    for item, _ in value.value:
                        lines[str(item.value)] = item.start_mark.line + 2
    return types.MappingProxyType(lines)

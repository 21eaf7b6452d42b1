"""What a notice states, as data: its facts, written in the front matter beside the prose.

A legal editor writes the facts under ``facts:`` in the draft's front matter, and they
are frozen and hashed with the text of each version (they are part of it)::

    facts:
      controller: {name: Fjordkontor AS, email: personvern@fjordkontor.example,
                   country: "NO", section: who-we-are}
      dpo: none                      # or {email: …, section: …}
      purposes:
        - name: Bookings and membership
          basis: contract            # or a list: [contract, legal-obligation]
          data: [Contact details, Booking history]
          retention: {period: 3 years, section: retention}
          section: purposes
          first: true                # shown in the first layer (most impact, or a surprise)
      sources: [{name: You, person: true, section: data}]
      recipients: [{name: Payment providers, section: sharing}]
      transfers: [{country: US, safeguard: standard-clauses, section: transfers}]
      automated-decisions: none
      rights: {section: your-rights}
      complaint: {authority: Datatilsynet, section: your-rights}

The words in them (names, interests, criteria, reasons: ``TEXT_KEYS``) are translated
through the notice's PO catalog like any other text, in place, so every language's
frozen text carries its own facts at the same positions. Each fact names the section
that states it; the map of GDPR items (``notice.text.disclosures``) is derived from
them (``disclosures_of_facts``). ``required`` says what must be said given the facts
(consent → how to withdraw it; a basis in Art. 6(1)(e) or (f) → the right to object,
shown apart; …), ``check_facts`` names each gap with its article and each key value
the prose does not state, and ``fact_changes`` says what changed between two
versions' facts, and which changes are material (WP260 rev.01 ¶29-30).

The design follows TILT (Grünewald and Pallas, 2021) where it fits: the controller,
representative and DPO as parties with contacts; purposes each with their legal bases
and, for Art. 6(1)(f), the interest; data categories per purpose; retention per
purpose as a period or a criterion; recipients by category; transfers with country
and safeguard; automated decisions with their logic. TILT's per-category lists and
its many optional fields are left out: a notice states its facts once, in its own
words, and each fact is a claim the prose must make.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from notice.core.errors import NoticeError

#: The front matter's key.
FIELD = "facts"

#: The legal bases of Art. 6(1), by the name an editor writes, with their point.
BASES: dict[str, str] = {
    "consent": "a",
    "contract": "b",
    "legal-obligation": "c",
    "vital-interests": "d",
    "public-task": "e",
    "legitimate-interests": "f",
}
#: The conditions of Art. 9(2) for special categories of data, by the point's letter.
SPECIAL = tuple("abcdefghij")
#: Safeguards for a transfer outside the EEA, by the name an editor writes, with the
#: article that allows it (Art. 45(3), 46(2)(b)-(d), 49(1)).
SAFEGUARDS: dict[str, tuple[int, int | None, str | None]] = {
    "adequacy": (45, 3, None),
    "binding-rules": (46, 2, "b"),
    "standard-clauses": (46, 2, "c"),
    "code-of-conduct": (46, 2, "e"),
    "certification": (46, 2, "f"),
    "derogation": (49, 1, None),
}
#: The EEA's countries (ISO 3166-1): a controller outside them names a representative.
EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)
#: The keys whose values are words of the notice, translated with it.
TEXT_KEYS = frozenset(
    {"name", "interest", "data", "criterion", "after", "copy", "logic", "authority",
     "because", "purpose", "consequences"}
)  # fmt: skip
#: Units of a retention period, in days (to tell a longer period from a shorter one).
UNITS = {"year": 365, "month": 30, "week": 7, "day": 1}
_PERIOD = re.compile(r"(\d+)\s*(year|month|week|day)s?", re.IGNORECASE)
_ISO_PERIOD = re.compile(r"P(\d+)([YMWD])")
_ISO_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


@dataclass(frozen=True, order=True)
class Citation:
    """A place in the GDPR: article, paragraph, point (``13(2)(a)``)."""

    article: int
    paragraph: int | None = None
    point: str | None = None

    def __str__(self) -> str:
        text = str(self.article)
        if self.paragraph is not None:
            text += f"({self.paragraph})"
        if self.point is not None:
            text += f"({self.point})"
        return text

    @classmethod
    def parse(cls, text: str) -> Citation:
        """``13(2)(a)`` or ``13-2-a`` (DPV's form)."""
        match = re.fullmatch(r"A?(\d+)(?:[(-](\d+)\)?)?(?:[(-]([a-z])\)?)?", text.strip())
        if not match:
            raise ValueError(f"'{text}' is not an article of the GDPR (13(2)(a))")
        article, paragraph, point = match.groups()
        return cls(int(article), int(paragraph) if paragraph else None, point)


@dataclass(frozen=True)
class Period:
    """A retention period: an amount of one unit (``3 years``)."""

    amount: int
    unit: str
    """``year``, ``month``, ``week`` or ``day``."""

    @property
    def days(self) -> int:
        return self.amount * UNITS[self.unit]

    def iso(self) -> str:
        """ISO 8601 (``P3Y``), as ``xsd:duration`` writes it."""
        return f"P{self.amount}{self.unit[0].upper()}"


@dataclass(frozen=True)
class Retention:
    """How long a purpose's data are kept: a period, a criterion, or both."""

    period: Period | None = None
    criterion: str | None = None
    """How the period is decided, in words (``as long as the account is open``)."""
    after: str | None = None
    """What the period counts from, in words (``after the account is closed``)."""
    section: str | None = None


@dataclass(frozen=True)
class Purpose:
    """One purpose, with its legal bases and what follows from them."""

    name: str
    bases: tuple[str, ...]
    """Names of ``BASES``."""
    section: str
    interest: str | None = None
    """For ``legitimate-interests``: the interest relied on (Art. 13(1)(d))."""
    special: str | None = None
    """For special categories of data: the point of Art. 9(2) relied on."""
    data: tuple[str, ...] = ()
    retention: Retention | None = None
    first: bool = False
    """Shown in the first layer: the processing with most impact, or a surprise."""


@dataclass(frozen=True)
class Party:
    """The controller, its representative in the Union or the DPO."""

    section: str
    name: str | None = None
    email: str | None = None
    address: str | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2."""


@dataclass(frozen=True)
class Named:
    """A recipient category, a source or a further purpose: a name, where it is said."""

    name: str
    section: str
    person: bool = False
    """For a source: the person the data are about (Art. 13) rather than another
    source (Art. 14)."""


@dataclass(frozen=True)
class Transfer:
    """A transfer outside the EEA."""

    country: str
    """ISO 3166-1 alpha-2."""
    safeguard: str
    """A name of ``SAFEGUARDS``."""
    section: str
    copy: str | None = None
    """How to get a copy of the safeguard, in words."""


@dataclass(frozen=True)
class Stated:
    """A fact that is a section of the prose: the rights, the complaint, …"""

    section: str
    authority: str | None = None
    """For the complaint: the supervisory authority."""
    logic: str | None = None
    """For automated decisions: the logic involved, in words."""


@dataclass(frozen=True)
class Exemption:
    """An item not given under Art. 13(4) or 14(5), and why."""

    citation: Citation
    because: str


@dataclass(frozen=True)
class Facts:
    """A notice's facts, as its front matter states them (in one language)."""

    controller: Party | None = None
    representative: Party | None = None
    dpo: Party | None = None
    no_dpo: bool = False
    """``dpo: none``: no data protection officer is designated."""
    purposes: tuple[Purpose, ...] = ()
    sources: tuple[Named, ...] = ()
    recipients: tuple[Named, ...] = ()
    no_recipients: bool = False
    transfers: tuple[Transfer, ...] = ()
    no_transfers: bool = False
    """``transfers: none``."""
    automated: Stated | None = None
    no_automated: bool = False
    """``automated-decisions: none``."""
    said: Mapping[str, Stated] = field(default_factory=dict)
    """The facts that are a section: ``rights``, ``objection``, ``withdraw-consent``,
    ``complaint``, ``requirement``."""
    further: tuple[Named, ...] = ()
    """Further processing for another purpose (Art. 13(3), 14(4))."""
    not_applicable: Mapping[str, str] = field(default_factory=dict)
    """Items that do not apply, with the reason."""
    exempt: Mapping[str, Exemption] = field(default_factory=dict)
    no_item: tuple[str, ...] = ()
    """Sections that give no item the GDPR requires (the introduction, security, …)."""
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    """Each fact's line in the source, by its path (``purposes/2``), for messages."""

    def line(self, path: str = FIELD) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition("/")[0]
        return self.lines.get(FIELD)

    @property
    def bases(self) -> set[str]:
        return {basis for purpose in self.purposes for basis in purpose.bases}

    @property
    def direct(self) -> bool:
        """Whether data are collected from the person (Art. 13): so where no source says
        otherwise."""
        return not self.sources or any(source.person for source in self.sources)

    @property
    def indirect(self) -> bool:
        """Whether data come from elsewhere (Art. 14)."""
        return any(not source.person for source in self.sources)

    @property
    def categories(self) -> tuple[str, ...]:
        """Every data category the purposes name, once, in order."""
        return tuple(dict.fromkeys(d for purpose in self.purposes for d in purpose.data))

    def rights(self) -> tuple[str, ...]:
        """The rights that follow from the facts, as DPV's GDPR terms name them: access,
        rectification, erasure and restriction always; portability where a purpose rests
        on consent or a contract (Art. 20(1)); objection where one rests on Art. 6(1)(e)
        or (f) (Art. 21); withdrawing consent where one rests on consent (Art. 7(3));
        not to be subject to automated decisions where they are made (Art. 22);
        complaining always (Art. 77)."""
        bases = self.bases
        consent = "consent" in bases or any(p.special == "a" for p in self.purposes)
        found = ["A15", "A16", "A17", "A18"]
        if bases & {"consent", "contract"}:
            found.append("A20")
        if bases & {"public-task", "legitimate-interests"}:
            found.append("A21")
        if self.automated is not None:
            found.append("A22")
        if consent:
            found.append("A7-3")
        found.append("A77")
        return tuple(found)


# ---------------------------------------------------------------------------------------
# Reading


def read_facts(front_matter: Mapping[str, Any], text: str = "", path: str = "") -> Facts | None:
    """The facts of a front matter (``text`` is the source, for line numbers); None where
    it states none. A fact that is not one is an error naming its line."""
    value = front_matter.get(FIELD)
    if value is None:
        return None
    lines = _lines(text)
    reader = _Reader(path, lines)
    if not isinstance(value, dict):
        raise reader.error(FIELD, "expected a mapping of facts (controller, purposes, …)")
    unknown = sorted(set(value) - set(_KEYS))
    if unknown:
        raise reader.error(
            unknown[0],
            f"'{unknown[0]}' is not a fact",
            hint="the facts: " + ", ".join(_KEYS),
        )
    said = {name: reader.stated(value[name], name) for name in _SAID if value.get(name) is not None}
    automated = value.get("automated-decisions")
    return Facts(
        controller=reader.party(value.get("controller"), "controller"),
        representative=reader.party(value.get("representative"), "representative"),
        dpo=None if _none(value.get("dpo")) else reader.party(value.get("dpo"), "dpo"),
        no_dpo=_none(value.get("dpo")),
        purposes=tuple(
            reader.purpose(p, f"purposes/{i}")
            for i, p in enumerate(reader.items("purposes", value))
        ),
        sources=tuple(
            reader.named(s, f"sources/{i}", "name")
            for i, s in enumerate(reader.items("sources", value))
        ),
        recipients=tuple(
            reader.named(r, f"recipients/{i}", "name")
            for i, r in enumerate(reader.items("recipients", value))
        ),
        no_recipients=_none(value.get("recipients")),
        transfers=tuple(
            reader.transfer(t, f"transfers/{i}")
            for i, t in enumerate(reader.items("transfers", value))
        ),
        no_transfers=_none(value.get("transfers")),
        automated=None
        if automated is None or _none(automated)
        else reader.stated(automated, "automated-decisions"),
        no_automated=_none(automated),
        said=said,
        further=tuple(
            reader.named(f, f"further-processing/{i}", "purpose")
            for i, f in enumerate(reader.items("further-processing", value))
        ),
        not_applicable=reader.reasons(value.get("not-applicable")),
        exempt=reader.exemptions(value.get("exempt")),
        no_item=reader.anchors(value.get("no-item"), "no-item"),
        lines=lines,
    )


#: The facts that are a section of the prose (``Stated``), beside the structured ones.
_SAID = ("rights", "objection", "withdraw-consent", "complaint", "requirement")
_KEYS = (
    "controller", "representative", "dpo", "purposes", "sources", "recipients", "transfers",
    "automated-decisions", *_SAID, "further-processing", "not-applicable", "exempt", "no-item",
)  # fmt: skip


def _country(value: Any) -> Any:
    """A country code as YAML 1.1 reads it: an unquoted ``NO`` (Norway) is false."""
    return "NO" if value is False else value


@functools.cache
def _countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, as CLDR knows them."""
    from babel import Locale

    return frozenset(str(c) for c in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", str(c)))


def country_problem(code: str) -> str | None:
    """Why ``code`` is not a country's ISO 3166-1 code, if it is not."""
    if code.upper() != code and code.upper() in _countries():
        return f"country '{code}' is written in capitals: {code.upper()}"
    if code == "UK":
        return "country 'UK' is not an ISO 3166 code: the United Kingdom is GB"
    if code not in _countries():
        return f"country '{code}' is not an ISO 3166 code (NO, DE, US, …)"
    return None


def _none(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "none")


@dataclass
class _Reader:
    path: str
    lines: Mapping[str, int]

    def error(self, where: str, message: str, hint: str | None = None) -> NoticeError:
        line = None
        while where and line is None:
            line = self.lines.get(where)
            where = where.rpartition("/")[0]
        return NoticeError(
            f"{FIELD}: {message}", self.path or None, line or self.lines.get(FIELD), hint
        )

    def items(self, key: str, value: Mapping[str, Any]) -> list[Any]:
        found = value.get(key)
        if found is None or _none(found):
            return []
        if not isinstance(found, list):
            raise self.error(key, f"{key}: expected a list")
        return found

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(where, f"{where}: expected a mapping (section: …)")
        return value

    def text(self, value: Any, where: str, *, required: bool = False) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str | int) or not str(value).strip():
            raise self.error(where, f"{where}: expected text")
        return str(value).strip()

    def section(self, value: Mapping[str, Any], where: str) -> str:
        anchor = self.text(value.get("section"), f"{where}/section", required=True)
        assert anchor is not None
        return anchor.lstrip("#")

    def party(self, value: Any, where: str) -> Party | None:
        if value is None:
            return None
        value = self.mapping(value, where)
        self.known(value, where, {"section", "name", "email", "address", "country"})
        country = _country(value.get("country"))
        country = self.text(country, f"{where}/country")
        problem = country_problem(country) if country is not None else None
        if problem:
            raise self.error(f"{where}/country", f"{where}: {problem}")
        return Party(
            section=self.section(value, where),
            name=self.text(value.get("name"), f"{where}/name"),
            email=self.text(value.get("email"), f"{where}/email"),
            address=self.text(value.get("address"), f"{where}/address"),
            country=country,
        )

    def purpose(self, value: Any, where: str) -> Purpose:
        value = self.mapping(value, where)
        self.known(
            value, where, {"name", "basis", "section", "interest", "special", "data",
                           "retention", "first"}
        )  # fmt: skip
        name = self.text(value.get("name"), f"{where}/name", required=True)
        assert name is not None
        given = value.get("basis")
        bases = given if isinstance(given, list) else [given]
        for basis in bases:
            if basis not in BASES:
                raise self.error(
                    f"{where}/basis",
                    f"{where} ({name}): '{basis}' is not a legal basis of Art. 6(1)",
                    hint="the bases: " + ", ".join(BASES),
                )
        special = value.get("special")
        if special is not None and str(special).strip().lower().removeprefix("9-2-") not in SPECIAL:
            raise self.error(
                f"{where}/special",
                f"{where} ({name}): '{special}' is not a condition of Art. 9(2) (a to j)",
            )
        data = value.get("data") or []
        if not isinstance(data, list) or not all(isinstance(d, str) and d.strip() for d in data):
            raise self.error(f"{where}/data", f"{where} ({name}): data: expected a list of names")
        retention = value.get("retention")
        return Purpose(
            name=name,
            bases=tuple(dict.fromkeys(bases)),
            section=self.section(value, where),
            interest=self.text(value.get("interest"), f"{where}/interest"),
            special=None if special is None else str(special).strip().lower()[-1],
            data=tuple(d.strip() for d in data),
            retention=None
            if retention is None
            else self.retention(retention, f"{where}/retention"),
            first=value.get("first") is True,
        )

    def retention(self, value: Any, where: str) -> Retention:
        value = self.mapping(value, where)
        self.known(value, where, {"period", "criterion", "after", "section"})
        period = None
        if value.get("period") is not None:
            period = parse_period(str(value["period"]))
            if period is None:
                raise self.error(
                    f"{where}/period",
                    f"{where}: '{value['period']}' is not a period",
                    hint="write an amount and a unit: 3 years, 6 months, 30 days (or P3Y)",
                )
        criterion = self.text(value.get("criterion"), f"{where}/criterion")
        if period is None and criterion is None:
            raise self.error(where, f"{where}: give a period or a criterion")
        section = value.get("section")
        return Retention(
            period=period,
            criterion=criterion,
            after=self.text(value.get("after"), f"{where}/after"),
            section=None if section is None else self.section(value, where),
        )

    def named(self, value: Any, where: str, key: str) -> Named:
        value = self.mapping(value, where)
        self.known(value, where, {key, "section", "person"})
        name = self.text(value.get(key), f"{where}/{key}", required=True)
        assert name is not None
        return Named(name, self.section(value, where), value.get("person") is True)

    def transfer(self, value: Any, where: str) -> Transfer:
        value = self.mapping(value, where)
        self.known(value, where, {"country", "safeguard", "section", "copy"})
        country = self.text(_country(value.get("country")), f"{where}/country", required=True)
        assert country is not None
        problem = country_problem(country)
        if problem:
            raise self.error(f"{where}/country", f"{where}: {problem}")
        if country in EEA:
            raise self.error(
                f"{where}/country",
                f"{where}: {country} is in the EEA: a transfer there needs no safeguard",
                hint="list only transfers to countries outside the EEA",
            )
        safeguard = value.get("safeguard")
        if safeguard not in SAFEGUARDS:
            raise self.error(
                f"{where}/safeguard",
                f"{where} ({country}): '{safeguard}' is not a safeguard",
                hint="the safeguards: " + ", ".join(SAFEGUARDS),
            )
        return Transfer(
            country, safeguard, self.section(value, where), self.text(value.get("copy"), where)
        )

    def stated(self, value: Any, where: str) -> Stated:
        value = self.mapping(value, where)
        self.known(value, where, {"section", "authority", "logic"})
        return Stated(
            self.section(value, where),
            self.text(value.get("authority"), f"{where}/authority"),
            self.text(value.get("logic"), f"{where}/logic"),
        )

    def reasons(self, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        value = self.mapping(value, "not-applicable")
        found = {}
        for item, reason in value.items():
            self.item(item, "not-applicable")
            text = self.text(reason, f"not-applicable/{item}", required=True)
            assert text is not None
            found[str(item)] = text
        return found

    def exemptions(self, value: Any) -> dict[str, Exemption]:
        if value is None:
            return {}
        value = self.mapping(value, "exempt")
        found = {}
        for item, given in value.items():
            where = f"exempt/{item}"
            self.item(item, "exempt")
            given = self.mapping(given, where)
            self.known(given, where, {"article", "because"})
            try:
                citation = Citation.parse(str(given.get("article", "")))
            except ValueError as exc:
                raise self.error(f"{where}/article", f"{where}: {exc}") from exc
            if (citation.article, citation.paragraph) not in ((13, 4), (14, 5)):
                raise self.error(
                    f"{where}/article",
                    f"{where}: {citation} is not an exemption (Art. 13(4) or 14(5)(a)-(d))",
                )
            because = self.text(given.get("because"), f"{where}/because", required=True)
            assert because is not None
            found[str(item)] = Exemption(citation, because)
        return found

    def anchors(self, value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        given = value if isinstance(value, list) else [value]
        if not all(isinstance(a, str) and a.strip() for a in given):
            raise self.error(where, f"{where}: expected a list of section anchors")
        return tuple(a.strip().lstrip("#") for a in given)

    def item(self, name: Any, where: str) -> None:
        from notice.text.disclosures import BY_NAME

        if name not in BY_NAME:
            raise self.error(
                f"{where}/{name}",
                f"{where}: '{name}' is not an item of the GDPR lists",
                hint="the items: " + ", ".join(BY_NAME),
            )

    def known(self, value: Mapping[str, Any], where: str, keys: set[str]) -> None:
        unknown = sorted(set(value) - keys)
        if unknown:
            raise self.error(
                f"{where}/{unknown[0]}",
                f"{where}: '{unknown[0]}' is not a key here",
                hint="the keys: " + ", ".join(sorted(keys)),
            )


def parse_period(text: str) -> Period | None:
    """``3 years``, ``6 months``, ``30 days``, ``2 weeks`` or ISO 8601's ``P3Y``."""
    text = text.strip()
    match = _ISO_PERIOD.fullmatch(text)
    if match:
        return Period(int(match.group(1)), _ISO_UNITS[match.group(2)])
    match = _PERIOD.fullmatch(text)
    if match:
        return Period(int(match.group(1)), match.group(2).lower())
    return None


@functools.lru_cache(maxsize=512)
def _lines(text: str) -> Mapping[str, int]:
    """Each fact's line in ``text``, by its path (``facts``, ``purposes/2/basis``)."""
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    source = text[text.find("\n") + 1 : end if end > 0 else None]
    try:
        root = yaml.compose(source)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        if key.value == FIELD:
            lines[FIELD] = key.start_mark.line + 2
            for path, node in _walk(value, ""):
                lines[path] = node.start_mark.line + 2
    return lines


def _walk(node: yaml.Node, path: str) -> Iterator[tuple[str, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = f"{path}/{key.value}" if path else str(key.value)
            yield here, key
            yield from _walk(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            here = f"{path}/{index}"
            yield here, value
            yield from _walk(value, here)


def text_nodes(root: yaml.Node) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """The scalars under ``facts`` that are words of the notice (``TEXT_KEYS``, and the
    reasons of ``not-applicable``), with their path: what the notice's catalog translates."""
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value == FIELD:
            yield from _texts(value, "", "")


def _texts(node: yaml.Node, path: str, name: str) -> Iterator[tuple[str, yaml.ScalarNode]]:
    if path.split("/")[0] in ("controller", "representative", "dpo"):
        return  # a party's name is a name: it is not translated
    if isinstance(node, yaml.ScalarNode):
        wanted = name in TEXT_KEYS or path.startswith("not-applicable/")
        if wanted and node.value.strip() and node.tag.endswith(":str"):
            yield path, node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _texts(value, f"{path}/{key.value}" if path else str(key.value), key.value)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _texts(item, f"{path}/{index}", name)


# ---------------------------------------------------------------------------------------
# What must be said, and where it is said


@dataclass(frozen=True)
class Need:
    """An item the facts make necessary, where the law requires it, and why."""

    item: str
    citations: tuple[Citation, ...]
    why: str
    """What makes it necessary, in plain English (empty where the law always does)."""


def articles(facts: Facts, listed: str) -> tuple[int, ...]:
    """The articles a notice is checked as: those its list names, and 13 where data come
    from the person, 14 where they come from elsewhere (a notice of both is checked as
    both, whatever its list says)."""
    found = {13} if listed in ("gdpr-13", "gdpr-13-14") or facts.direct else set()
    if listed in ("gdpr-14", "gdpr-13-14") or facts.indirect:
        found.add(14)
    return tuple(sorted(found))


def citations_of(item: str, under: tuple[int, ...]) -> tuple[Citation, ...]:
    """Where the law requires ``item`` in the articles ``under``."""
    from notice.text.disclosures import BY_NAME

    found = BY_NAME[item]
    given = [found.art13 if 13 in under else None, found.art14 if 14 in under else None]
    return tuple(dict.fromkeys(Citation.parse(c) for c in given if c))


def needs(facts: Facts, listed: str) -> list[Need]:
    """What the notice must say given its facts, in the order of the GDPR's items: what
    the law always requires, and what the facts make necessary."""
    under = articles(facts, listed)
    bases = facts.bases
    consent = "consent" in bases or any(p.special == "a" for p in facts.purposes)
    outside = facts.controller is not None and (facts.controller.country or "NO") not in EEA
    wanted: list[tuple[str, bool, str]] = [
        ("controller", True, ""),
        ("representative", outside, "the controller is outside the EEA"),
        ("dpo", True, ""),
        ("purposes", True, ""),
        ("legitimate-interests", "legitimate-interests" in bases,
         "a purpose rests on legitimate interests"),
        ("categories", facts.indirect, "data come from elsewhere than the person"),
        ("recipients", True, ""),
        ("transfers", True, ""),
        ("retention", True, ""),
        ("rights", True, ""),
        ("objection", bool(bases & {"public-task", "legitimate-interests"}),
         "a purpose rests on Art. 6(1)(e) or (f)"),
        ("withdraw-consent", consent, "a purpose rests on consent"),
        ("complaint", True, ""),
        ("source", facts.indirect, "data come from elsewhere than the person"),
        ("requirement", facts.direct, "data are collected from the person"),
        ("automated-decisions", True, ""),
    ]  # fmt: skip
    found = []
    for item, wanted_here, why in wanted:
        cited = citations_of(item, under) or citations_of(item, (13, 14))
        if item == "objection":
            cited = (Citation(21, 4),)
        if wanted_here and cited:
            found.append(Need(item, cited, why))
    return found


def disclosures_of_facts(facts: Facts) -> dict[str, tuple[str, ...]]:
    """The map of GDPR items to the sections that give them, derived from the facts."""
    found: dict[str, list[str]] = {}

    def add(item: str, *anchors: str | None) -> None:
        for anchor in anchors:
            if anchor and anchor not in found.setdefault(item, []):
                found[item].append(anchor)

    for item, party in (
        ("controller", facts.controller),
        ("representative", facts.representative),
        ("dpo", facts.dpo),
    ):
        if party is not None:
            add(item, party.section)
    for purpose in facts.purposes:
        add("purposes", purpose.section)
        add("legal-basis", purpose.section)
        if "legitimate-interests" in purpose.bases:
            add("legitimate-interests", purpose.section)
        if purpose.data and facts.indirect:  # Art. 14(1)(d): data not from the person
            add("categories", purpose.section)
        if purpose.retention is not None:
            add("retention", purpose.retention.section or purpose.section)
    for recipient in facts.recipients:
        add("recipients", recipient.section)
    for transfer in facts.transfers:
        add("transfers", transfer.section)
    for source in facts.sources:
        if not source.person:
            add("source", source.section)
    for further in facts.further:
        add("further-processing", further.section)
    if facts.automated is not None:
        add("automated-decisions", facts.automated.section)
    for item, told in facts.said.items():
        add(item, told.section)
    from notice.text.disclosures import ITEMS

    return {item.name: tuple(found[item.name]) for item in ITEMS if item.name in found}


def satisfied(facts: Facts, item: str) -> bool:
    """Whether the facts say ``item`` (or say that it does not apply, or why it is not
    given)."""
    if item in facts.not_applicable or item in facts.exempt:
        return True
    if item == "dpo":
        return facts.dpo is not None or facts.no_dpo
    if item == "recipients":
        return bool(facts.recipients) or facts.no_recipients
    if item == "transfers":
        return bool(facts.transfers) or facts.no_transfers
    if item == "automated-decisions":
        return facts.automated is not None or facts.no_automated
    if item == "legitimate-interests":
        return all(p.interest for p in facts.purposes if "legitimate-interests" in p.bases)
    if item == "retention":
        return bool(facts.purposes) and all(p.retention for p in facts.purposes)
    if item == "categories":
        return bool(facts.purposes) and all(p.data for p in facts.purposes)
    if item == "source":
        return facts.indirect
    return item in disclosures_of_facts(facts)


#: How each item is written in the facts, for the hint of a gap.
HOW = {
    "controller": "controller: {name: …, email: …, country: …, section: …}",
    "representative": "representative: {name: …, email: …, section: …}",
    "dpo": "dpo: {email: …, section: …}, or dpo: none",
    "purposes": "purposes: [{name: …, basis: …, section: …}]",
    "legitimate-interests": "interest: … in each purpose that rests on legitimate-interests",
    "categories": "data: […] in each purpose",
    "recipients": "recipients: [{name: …, section: …}], or recipients: none",
    "transfers": "transfers: [{country: …, safeguard: …, section: …}], or transfers: none",
    "retention": "retention: {period: 3 years, …} in each purpose",
    "rights": "rights: {section: …}",
    "objection": "objection: {section: …}, a section of its own",
    "withdraw-consent": "withdraw-consent: {section: …}",
    "complaint": "complaint: {authority: …, section: …}",
    "source": "sources: [{name: …, section: …}]",
    "requirement": "requirement: {section: …}",
    "automated-decisions": "automated-decisions: {logic: …, section: …}, or none",
}


def gaps(facts: Facts, listed: str) -> list[Need]:
    """What the notice must say and its facts do not."""
    return [need for need in needs(facts, listed) if not satisfied(facts, need.item)]


def misplaced_exemptions(facts: Facts, listed: str) -> list[tuple[str, Exemption]]:
    """Exemptions that do not fit their item: Art. 13(4) applies to Art. 13's items
    only, 14(5) to Art. 14's."""
    under = articles(facts, listed)
    wrong = []
    for item, exemption in facts.exempt.items():
        article = exemption.citation.article
        if article not in under or not any(c.article == article for c in citations_of(item, under)):
            wrong.append((item, exemption))
    return wrong


@dataclass(frozen=True)
class Unstated:
    """A fact's key value that its section of the prose does not state."""

    path: str
    value: str
    section: str


def unstated(
    facts: Facts, sections: Mapping[str, str], country_names: Mapping[str, str]
) -> list[Unstated]:
    """The key values of the facts (e-mail addresses, the controller's name, each
    retention's number, each transfer's country, the supervisory authority) that the
    section a fact names does not state (``sections``: anchor -> its plain text, with its
    subsections; ``country_names``: ISO code -> the country's name in the text's
    language). A section no text has is not judged here (``check_facts`` names it)."""
    found: list[Unstated] = []

    def need(path: str, value: str | None, section: str, *also: str) -> None:
        if value is None or section not in sections:
            return
        text = sections[section]
        codes = any(re.search(rf"\b{re.escape(code)}\b", text) for code in also)
        if not said(value, text) and not codes:
            found.append(Unstated(path, value, section))

    for key, party in (
        ("controller", facts.controller),
        ("representative", facts.representative),
        ("dpo", facts.dpo),
    ):
        if party is not None:
            need(f"{key}/name", party.name, party.section)
            need(f"{key}/email", party.email, party.section)
    for index, purpose in enumerate(facts.purposes):
        retention = purpose.retention
        if retention is not None and retention.period is not None:
            section = retention.section or purpose.section
            if section in sections:
                numbers = re.findall(r"\d+", sections[section])
                if str(retention.period.amount) not in numbers:
                    found.append(
                        Unstated(
                            f"purposes/{index}/retention/period",
                            str(retention.period.amount),
                            section,
                        )
                    )
    for index, transfer in enumerate(facts.transfers):
        name = country_names.get(transfer.country)
        # the country's name in the text's language, or its code as a word ("USA" is not US)
        need(
            f"transfers/{index}/country", name or transfer.country, transfer.section,
            transfer.country,
        )  # fmt: skip
    complaint = facts.said.get("complaint")
    if complaint is not None:
        need("complaint/authority", complaint.authority, complaint.section)
    return found


def said(value: str, text: str) -> bool:
    """Whether ``text`` states ``value``: as it is, or, for a name in a language that
    inflects it ("Stany Zjednoczone" as "do Stanów Zjednoczonych", "Prezes Urzędu" as
    "do Prezesa Urzędu"), each of its words as the start of a word of the text, all but
    its last three letters (and at least four) the same."""
    if value.casefold() in text.casefold():
        return True
    if "@" in value or not re.search(r"[^\W\d_]", value):
        return False  # an address or a number is said exactly
    words = re.findall(r"\w+", text.casefold())
    for word in re.findall(r"\w+", value.casefold()):
        stem = word[: max(4, len(word) - 3)]
        if not any(w.startswith(stem) for w in words):
            return False
    return True


def anchors_named(facts: Facts) -> list[tuple[str, str]]:
    """Every section a fact names, with the fact's path (to check that each exists)."""
    found: list[tuple[str, str]] = []
    for key in ("controller", "representative", "dpo"):
        party = getattr(facts, key)
        if party is not None:
            found.append((key, party.section))
    for index, purpose in enumerate(facts.purposes):
        found.append((f"purposes/{index}", purpose.section))
        if purpose.retention is not None and purpose.retention.section:
            found.append((f"purposes/{index}/retention", purpose.retention.section))
    for key, entries in (
        ("sources", facts.sources),
        ("recipients", facts.recipients),
        ("transfers", facts.transfers),
        ("further-processing", facts.further),
    ):
        sections: list[str] = [entry.section for entry in entries]
        found.extend((f"{key}/{i}", section) for i, section in enumerate(sections))
    if facts.automated is not None:
        found.append(("automated-decisions", facts.automated.section))
    found.extend((item, told.section) for item, told in facts.said.items())
    found.extend(("no-item", anchor) for anchor in facts.no_item)
    return found


# ---------------------------------------------------------------------------------------
# What changed


#: The kinds of facts a change is about, in the order a summary lists them.
KINDS = (
    "controller", "representative", "dpo", "purpose", "basis", "data", "source",
    "recipient", "transfer", "retention", "automated-decisions",
)  # fmt: skip


@dataclass(frozen=True)
class FactChange:
    """One fact changed between two versions."""

    kind: str
    """One of ``KINDS``."""
    how: str
    """``added``, ``removed``, ``changed``, ``longer`` or ``shorter``."""
    old: tuple[str | int, ...] | None = None
    """Where the fact is in the older version's facts (``("purposes", 2)``)."""
    new: tuple[str | int, ...] | None = None
    """Where it is in the newer version's."""

    @property
    def material(self) -> bool:
        """Whether readers must be told before it takes effect (WP260 rev.01 ¶29-30):
        every change of a purpose, basis, controller, recipient, transfer, data category
        or source, a longer retention and automated decisions introduced; a shorter
        retention and automated decisions ended are not."""
        if self.kind == "retention":
            return self.how in ("longer", "changed")
        if self.kind == "automated-decisions":
            return self.how != "removed"
        return True


def fact_changes(old: Facts, new: Facts) -> list[FactChange]:
    """What changed from ``old`` to ``new`` (both in the source language: names are
    matched by their words), in the order of ``KINDS``."""
    found: list[FactChange] = []
    for key in ("controller", "representative", "dpo"):
        before, after = getattr(old, key), getattr(new, key)
        if _party(before) != _party(after):
            how = "added" if before is None else "removed" if after is None else "changed"
            found.append(
                FactChange(key, how, (key,) if before else None, (key,) if after else None)
            )
    olds = {p.name: i for i, p in enumerate(old.purposes)}
    news = {p.name: i for i, p in enumerate(new.purposes)}
    found.extend(_listed("purpose", "purposes", olds, news))
    for name, j in news.items():
        i = olds.get(name)
        if i is None:
            continue
        a, b = old.purposes[i], new.purposes[j]
        if (a.bases, a.interest, a.special) != (b.bases, b.interest, b.special):
            found.append(FactChange("basis", "changed", ("purposes", i), ("purposes", j)))
    old_data = {d: _first_data(old, d) for d in old.categories}
    new_data = {d: _first_data(new, d) for d in new.categories}
    for name, at in new_data.items():
        if name not in old_data:
            found.append(FactChange("data", "added", None, at))
    for name, at in old_data.items():
        if name not in new_data:
            found.append(FactChange("data", "removed", at, None))
    for kind, key in (("source", "sources"), ("recipient", "recipients")):
        a_names = {n.name: i for i, n in enumerate(getattr(old, key))}
        b_names = {n.name: i for i, n in enumerate(getattr(new, key))}
        found.extend(_listed(kind, key, a_names, b_names))
    a_countries = {t.country: i for i, t in enumerate(old.transfers)}
    b_countries = {t.country: i for i, t in enumerate(new.transfers)}
    found.extend(_listed("transfer", "transfers", a_countries, b_countries))
    for country, j in b_countries.items():
        i = a_countries.get(country)
        if i is not None and old.transfers[i].safeguard != new.transfers[j].safeguard:
            found.append(FactChange("transfer", "changed", ("transfers", i), ("transfers", j)))
    for name, j in news.items():
        i = olds.get(name)
        if i is None:
            continue
        kept = _retention_change(old.purposes[i].retention, new.purposes[j].retention)
        if kept:
            found.append(FactChange("retention", kept, ("purposes", i), ("purposes", j)))
    if (old.automated is None) != (new.automated is None):
        how = "added" if old.automated is None else "removed"
        found.append(
            FactChange(
                "automated-decisions",
                how,
                ("automated-decisions",) if old.automated else None,
                ("automated-decisions",) if new.automated else None,
            )
        )
    return sorted(found, key=lambda change: KINDS.index(change.kind))


def _party(party: Party | None) -> tuple[Any, ...] | None:
    if party is None:
        return None
    return (party.name, party.email, party.address, party.country)


def _listed(
    kind: str, key: str, old: Mapping[str, int], new: Mapping[str, int]
) -> list[FactChange]:
    found = [
        FactChange(kind, "added", None, (key, j)) for name, j in new.items() if name not in old
    ]
    found.extend(
        FactChange(kind, "removed", (key, i), None) for name, i in old.items() if name not in new
    )
    return found


def _first_data(facts: Facts, name: str) -> tuple[str | int, ...]:
    for i, purpose in enumerate(facts.purposes):
        if name in purpose.data:
            return ("purposes", i, "data", purpose.data.index(name))
    raise KeyError(name)


def _retention_change(old: Retention | None, new: Retention | None) -> str | None:
    if old == new or new is None:
        return None
    if old is None:
        return "changed"
    if old.period is not None and new.period is not None:
        if new.period.days > old.period.days:
            return "longer"
        if new.period.days < old.period.days:
            return "shorter"
    if (old.period, old.criterion, old.after) != (new.period, new.criterion, new.after):
        return "changed"
    return None


def at(facts: Facts, path: tuple[str | int, ...]) -> Any:
    """The fact at ``path`` (``("purposes", 2, "data", 1)``) in ``facts``: in another
    language's facts, the same fact in that language's words."""
    value: Any = facts
    for step in path:
        if isinstance(step, int):
            value = value[step]
        else:
            value = getattr(value, {"automated-decisions": "automated"}.get(step, step))
    return value

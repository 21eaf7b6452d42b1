"""A version's facts as linked data: JSON-LD in the W3C Data Privacy Vocabulary (DPV).

``linked_data`` describes one version of a notice, from its facts (``notice.text.facts``,
in the source language), as a JSON-LD document whose context is inline (a reader needs
no network to expand it). The contract:

- The document's node is the version's page in the source language (``version_url``),
  typed ``dpv:PrivacyNotice`` and ``eu-gdpr:DirectDataCollectionNotice`` (Art. 13) and/or
  ``eu-gdpr:IndirectDataCollectionNotice`` (Art. 14), as the facts' sources say. Its
  title and every word of the facts are strings tagged with the source language; its
  effective date is ``dct:valid`` and its publication ``dct:issued``, both ``xsd:date``;
  its language ``dct:language`` (``dct:RFC5646``). Each other language's page is a
  ``dct:hasFormat`` node with its own ``dct:language``.
- The facts use DPV 2.x terms only where DPV defines them (``tests/data/dpv-terms.txt``
  lists the release's terms): the controller, its representative and the DPO as
  entities (``dpv:hasName``, ``dpv:hasContact``, ``dpv:hasAddress``, ``dpv:hasCountry``
  with the country of DPV's LOC extension); each purpose as a ``dpv:Process`` with its
  ``dpv:Purpose``, its legal bases (``eu-gdpr:A6-1-a`` … ``A6-1-f``, ``eu-gdpr:A9-2-x``
  for special categories), its personal data and its storage duration (an
  ``xsd:duration`` and/or the criterion in words); the sources, recipients, transfers
  (a ``dpv:CrossBorderTransfer`` to a ``dpv:hasThirdCountry`` on the legal basis of its
  safeguard, ``eu-gdpr:A45-3``, ``eu-gdpr:A46-2-c``, …), the rights (``dpv:hasRight``,
  ``Facts.rights``), the supervisory authority and automated decisions.
- What DPV and Dublin Core do not say is said in our own small vocabulary, published at
  ``vocabulary_url`` (``vocabulary()`` is that document, so each of our IRIs resolves):
  the legitimate interest relied on, how to get a copy of a safeguard, whether
  automated decisions are made, a derogation of Art. 49(1) whose point is not stated,
  and the kinds of facts changed since the previous version.
- No IRI that DPV does not define is written: a right, basis or safeguard with no DPV
  term is an error (``ValueError``), as are a relative address, a date that is not ISO,
  a country that is not ISO 3166-1 alpha-2 and a kind of change that is not one of
  ``KINDS``. The output is deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from notice.text.facts import BASES, KINDS, SAFEGUARDS, SPECIAL, Facts, Party, Purpose, Retention

#: A JSON-LD node (or value) object.
Node = dict[str, Any]

DPV = "https://w3id.org/dpv#"
EU_GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
LOC = "https://w3id.org/dpv/loc#"
DCT = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: The terms of DPV's GDPR extension (2.3) this module may write: the legal bases of
#: Art. 6(1) and 9(2), those for transfers, the rights and the two kinds of notice.
GDPR_TERMS = frozenset(
    [f"A6-1-{point}" for point in BASES.values()]
    + [f"A9-2-{point}" for point in SPECIAL]
    + ["A45-3", "A46-2-a", "A46-2-b", "A46-2-c", "A46-2-d", "A46-2-e", "A46-2-f"]
    + ["A46-3-a", "A46-3-b", "A49-2", *(f"A49-1-{point}" for point in "abcdefg")]
    + ["A7-3", "A13", "A14", "A15", "A16", "A17", "A18", "A19", "A20", "A21", "A22", "A77"]
    + ["DirectDataCollectionNotice", "IndirectDataCollectionNotice", "DataProtectionAuthority"]
)

#: Our vocabulary's terms: local name -> (kind, label, comment, range).
TERMS: dict[str, tuple[str, str, str, str]] = {
    "legitimateInterest": (
        "owl:DatatypeProperty",
        "legitimate interest",
        "The legitimate interest relied on for a process whose legal basis is Art. 6(1)(f) "
        "GDPR, in the notice's words (Art. 13(1)(d), 14(2)(b)).",
        "rdf:langString",
    ),
    "copyOfSafeguard": (
        "owl:DatatypeProperty",
        "copy of the safeguard",
        "How to get a copy of the safeguard of a transfer, or where it is made available, "
        "in the notice's words (Art. 13(1)(f), 14(1)(f) GDPR).",
        "rdf:langString",
    ),
    "automatedDecisions": (
        "owl:DatatypeProperty",
        "automated decisions",
        "Whether the notice states that decisions based solely on automated processing, "
        "including profiling, are made (Art. 22(1) and (4) GDPR): true or false. Absent "
        "where the notice's facts do not say.",
        "xsd:boolean",
    ),
    "changed": (
        "owl:DatatypeProperty",
        "changed since the previous version",
        "A kind of fact that changed since the notice's previous version, one value a "
        "kind: " + ", ".join(KINDS) + ". Absent on a first version or where no fact changed.",
        "xsd:string",
    ),
    "Article49Derogation": (
        "owl:Class",
        "derogation of Art. 49(1)",
        "A transfer to a third country on one of the derogations of Art. 49(1) GDPR, the "
        "point not stated (DPV's GDPR extension names each point, A49-1-a to A49-1-g, and "
        "not the paragraph).",
        "dpv:DataTransferLegalBasis",
    ),
}


@dataclass(frozen=True)
class Described:
    """The version a JSON-LD document describes."""

    title: str
    """Its text's title, in the source language."""
    url: str
    """Its page in the source language (the document's ``@id``)."""
    pages: Mapping[str, str]
    """Its page in each language it has a text in, by code."""
    effective: str
    published: str
    source_language: str


def linked_data(
    facts: Facts, version: Described, *, vocabulary_url: str, changed: Sequence[str] = ()
) -> bytes:
    """The version's JSON-LD (UTF-8, indented, with a final newline)."""
    title, version_url, pages = version.title, version.url, version.pages
    source_language = version.source_language
    for url in (version_url, *pages.values()):
        _absolute(url)
    if not vocabulary_url.startswith("https://") or "#" in vocabulary_url:
        raise ValueError(f"'{vocabulary_url}' is not an https address without a fragment")
    unknown = sorted(set(changed) - set(KINDS))
    if unknown:
        raise ValueError(f"'{unknown[0]}' is not a kind of fact ({', '.join(KINDS)})")
    text = _Text(source_language)
    document: Node = {
        "@context": _context(vocabulary_url),
        "@id": version_url,
        "@type": _types(facts),
        "dct:title": text(title),
        "dct:language": _language(source_language),
        "dct:valid": _date(version.effective),
        "dct:issued": _date(version.published),
        "dct:hasFormat": [
            {"@id": url, "dct:language": _language(code)}
            for code, url in sorted(pages.items())
            if url != version_url
        ],
    }
    document.update(_parties(facts, text))
    document.update(_processing(facts, text))
    document["dpv:hasRight"] = [_gdpr(term) for term in facts.rights()]
    document.update(_automated(facts, text))
    if changed:
        document["notice:changed"] = sorted(set(changed), key=KINDS.index)
    document = {key: value for key, value in document.items() if value != []}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def vocabulary() -> bytes:
    """Our vocabulary's document (JSON-LD, RDFS and OWL), to publish at the address given
    to ``linked_data`` as ``vocabulary_url``: its terms' IRIs are relative to it
    (``#changed``), so they are that address with the term as fragment."""
    terms = [
        {
            "@id": f"#{name}",
            "@type": kind,
            "rdfs:label": {"@value": label, "@language": "en"},
            "rdfs:comment": {"@value": comment, "@language": "en"},
            "rdfs:isDefinedBy": {"@id": ""},
            ("rdfs:subClassOf" if kind == "owl:Class" else "rdfs:range"): {"@id": target},
        }
        for name, (kind, label, comment, target) in TERMS.items()
    ]
    document: Node = {
        "@context": {
            "rdf": RDF,
            "rdfs": RDFS,
            "owl": OWL,
            "xsd": XSD,
            "dpv": DPV,
        },
        "@graph": [
            {
                "@id": "",
                "@type": "owl:Ontology",
                "rdfs:label": {"@value": "Privacy notice terms", "@language": "en"},
                "rdfs:comment": {
                    "@value": "The terms a privacy notice's linked data uses beside the Data "
                    "Privacy Vocabulary (https://w3id.org/dpv) and Dublin Core.",
                    "@language": "en",
                },
            },
            *terms,
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class _Text:
    """A string of the notice, tagged with its language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, value: str) -> Node:
        return {"@value": value, "@language": self.language}


def _context(vocabulary_url: str) -> Node:
    return {
        "dpv": DPV,
        "eu-gdpr": EU_GDPR,
        "loc": LOC,
        "dct": DCT,
        "rdf": RDF,
        "xsd": XSD,
        "notice": vocabulary_url + "#",
    }


def _types(facts: Facts) -> list[str]:
    found = ["dpv:PrivacyNotice"]
    if facts.direct:
        found.append("eu-gdpr:DirectDataCollectionNotice")
    if facts.indirect:
        found.append("eu-gdpr:IndirectDataCollectionNotice")
    return found


def _absolute(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{url}' is not an absolute address")


def _date(value: str) -> Node:
    try:
        iso = datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        iso = False
    if not iso:
        raise ValueError(f"'{value}' is not an ISO date (2027-02-01)")
    return {"@value": value, "@type": "xsd:date"}


def _language(code: str) -> Node:
    return {"@value": code, "@type": "dct:RFC5646"}


def _gdpr(term: str) -> Node:
    if term not in GDPR_TERMS:
        raise ValueError(f"DPV's GDPR extension has no term '{term}'")
    return {"@id": f"eu-gdpr:{term}"}


def _country(code: str) -> Node:
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 country code")
    return {"@id": f"loc:{code}"}


def _party(party: Party, kind: str, text: _Text) -> Node:
    node: Node = {"@type": kind}
    if party.name:
        node["dpv:hasName"] = text(party.name)
    if party.email:
        node["dpv:hasContact"] = party.email
    if party.address:
        node["dpv:hasAddress"] = text(party.address)
    if party.country:
        node["dpv:hasCountry"] = _country(party.country)
    return node


def _parties(facts: Facts, text: _Text) -> Node:
    """The controller, with its representative and DPO, and the supervisory authority."""
    found: Node = {}
    if facts.controller is not None:
        controller = _party(facts.controller, "dpv:DataController", text)
        if facts.representative is not None:
            controller["dpv:hasRepresentative"] = _party(
                facts.representative, "dpv:Representative", text
            )
        if facts.dpo is not None:
            controller["dpv:hasDataProtectionOfficer"] = _party(
                facts.dpo, "dpv:DataProtectionOfficer", text
            )
        found["dpv:hasDataController"] = controller
    complaint = facts.said.get("complaint")
    if complaint is not None and complaint.authority:
        found["dpv:hasAuthority"] = {
            "@type": "eu-gdpr:DataProtectionAuthority",
            "dpv:hasName": text(complaint.authority),
        }
    return found


def _processing(facts: Facts, text: _Text) -> Node:
    """The purposes, sources, recipients and transfers."""
    return {
        "dpv:hasProcess": [_purpose(purpose, text) for purpose in facts.purposes],
        "dpv:hasDataSource": [
            {
                "@type": ["dpv:DataSource", "dpv:DataSubjectDataSource"]
                if source.person
                else "dpv:DataSource",
                "dct:title": text(source.name),
            }
            for source in facts.sources
        ],
        "dpv:hasRecipient": [
            {"@type": "dpv:Recipient", "dpv:hasName": text(recipient.name)}
            for recipient in facts.recipients
        ],
        "dpv:hasProcessing": [
            {
                "@type": "dpv:CrossBorderTransfer",
                "dpv:hasThirdCountry": _country(transfer.country),
                "dpv:hasLegalBasis": _safeguard(transfer.safeguard),
                **({"notice:copyOfSafeguard": text(transfer.copy)} if transfer.copy else {}),
            }
            for transfer in facts.transfers
        ],
    }


def _safeguard(name: str) -> Node:
    """The legal basis of a transfer: DPV's term for the safeguard's article."""
    if name not in SAFEGUARDS:
        raise ValueError(f"'{name}' is not a safeguard ({', '.join(SAFEGUARDS)})")
    article, paragraph, point = SAFEGUARDS[name]
    parts = [f"A{article}", *(str(part) for part in (paragraph, point) if part is not None)]
    term = "-".join(parts)
    if term in GDPR_TERMS:
        return _gdpr(term)
    if article == 49:
        return {"@id": "notice:Article49Derogation"}
    raise ValueError(f"DPV's GDPR extension has no term for Art. {article} ('{name}')")


def _purpose(purpose: Purpose, text: _Text) -> Node:
    """A purpose as a process: its purpose, legal bases, data and storage duration."""
    unknown = [basis for basis in purpose.bases if basis not in BASES]
    if unknown:
        raise ValueError(f"'{unknown[0]}' is not a legal basis ({', '.join(BASES)})")
    bases = [_gdpr(f"A6-1-{BASES[basis]}") for basis in purpose.bases]
    if purpose.special is not None:
        bases.append(_gdpr(f"A9-2-{purpose.special}"))
    node: Node = {
        "@type": "dpv:Process",
        "dpv:hasPurpose": {"@type": "dpv:Purpose", "dct:title": text(purpose.name)},
        "dpv:hasLegalBasis": bases,
    }
    if purpose.interest:
        node["notice:legitimateInterest"] = text(purpose.interest)
    if purpose.data:
        node["dpv:hasPersonalData"] = [
            {"@type": "dpv:PersonalData", "dct:title": text(name)} for name in purpose.data
        ]
    if purpose.retention is not None:
        node["dpv:hasStorageCondition"] = _retention(purpose.retention, text)
    return node


def _retention(retention: Retention, text: _Text) -> Node:
    """A storage duration: a period (``xsd:duration``) and/or the criterion that decides
    it, in words, and what the period counts from."""
    durations: list[Node] = []
    if retention.period is not None:
        durations.append(
            {
                "@type": "dpv:TemporalDuration",
                "rdf:value": {"@value": retention.period.iso(), "@type": "xsd:duration"},
            }
        )
    if retention.criterion:
        durations.append(
            {"@type": "dpv:UntilEventDuration", "dct:description": text(retention.criterion)}
        )
    node: Node = {"@type": "dpv:StorageDuration", "dpv:hasDuration": durations}
    if retention.after:
        node["dct:description"] = text(retention.after)
    return node


def _automated(facts: Facts, text: _Text) -> Node:
    """Whether automated decisions are made (left out where the facts do not say)."""
    if facts.automated is not None:
        found: Node = {
            "notice:automatedDecisions": True,
            "dpv:hasContext": {"@id": "dpv:AutomatedDecisionMaking"},
        }
        if facts.automated.logic:
            found["dpv:hasAlgorithmicLogic"] = {
                "@type": "dpv:AlgorithmicLogic",
                "dct:description": text(facts.automated.logic),
            }
        return found
    if facts.no_automated:
        return {"notice:automatedDecisions": False}
    return {}

"""A version's linked data: two JSON-LD processors read the same graph from it, nothing
of the compact document is dropped, every DPV term it uses is one DPV 2.3 defines and
every term of ours is defined in our vocabulary."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from notice.site.linked import GDPR_TERMS, Described, linked_data, vocabulary
from notice.text.facts import (
    Facts,
    Named,
    Party,
    Period,
    Purpose,
    Retention,
    Stated,
    Transfer,
)

TERMS_FILE = Path(__file__).resolve().parents[1] / "data" / "dpv-terms.txt"
DPV = Namespace("https://w3id.org/dpv#")
EU_GDPR = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
LOC = Namespace("https://w3id.org/dpv/loc#")
DCT = Namespace("http://purl.org/dc/terms/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DPV_SPACES = (str(DPV), str(EU_GDPR), str(LOC))
VOCABULARY = "https://example.org/privacy/vocabulary.jsonld"
NOTICE = Namespace(VOCABULARY + "#")
SITE = "https://example.org/privacy"
PAGES = {
    "nb": f"{SITE}/nb/versions/2027-02-01/",
    "en": f"{SITE}/en/versions/2027-02-01/",
    "uk": f"{SITE}/uk/versions/2027-02-01/",
}
# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

FACTS = Facts(
    controller=Party(
        section="who-we-are",
        name="Fjordkontor AS",
        email="personvern@fjordkontor.example",
        address="Storgata 1, 0155 Oslo",
        country="NO",
    ),
    dpo=Party(section="who-we-are", email="dpo@fjordkontor.example"),
    purposes=(
        Purpose(
            name="Bestillinger og medlemskap",
            bases=("contract", "legal-obligation"),
            section="purposes",
            data=("Kontaktopplysninger", "Bestillingshistorikk"),
            retention=Retention(period=Period(3, "year"), after="etter siste bestilling"),
            first=True,
        ),
        Purpose(
            name="Forebygging av svindel",
            bases=("legitimate-interests",),
            section="purposes",
            interest="Å holde tjenesten trygg",
            data=("IP-adresse",),
            retention=Retention(criterion="så lenge kontoen er åpen", section="retention"),
        ),
        Purpose(
            name="Nyhetsbrev",
            bases=("consent",),
            section="purposes",
            data=("E-postadresse",),
        ),
    ),
    sources=(
        Named("Deg", "data", person=True),
        Named("Kredittopplysningsbyråer", "data"),
    ),
    recipients=(Named("Betalingsformidlere", "sharing"), Named("IT-leverandører", "sharing")),
    transfers=(Transfer("US", "standard-clauses", "transfers", copy="Skriv til oss for en kopi"),),
    no_automated=True,
    said={
        "rights": Stated("your-rights"),
        "complaint": Stated("your-rights", authority="Datatilsynet"),
    },
)


def compact(facts: Facts = FACTS, **overrides: Any) -> bytes:
    arguments: dict[str, Any] = {
        "title": "Personvernerklæring",
        "version_url": PAGES["nb"],
        "pages": PAGES,
        "effective": "2027-02-01",
        "published": "2027-01-01",
        "source_language": "nb",
        "vocabulary_url": VOCABULARY,
        "changed": ("purpose", "retention"),
    }
    arguments.update(overrides)
    described = Described(
        arguments.pop("title"),
        arguments.pop("version_url"),
        arguments.pop("pages"),
        arguments.pop("effective"),
        arguments.pop("published"),
        arguments.pop("source_language"),
    )
    return linked_data(facts, described, **arguments)


def no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the JSON-LD processor fetched {url}: the context must be inline")


def graph_of(data: bytes) -> Graph:
    return Graph().parse(data=data.decode("utf-8"), format="json-ld")


def pyld_graph(document: dict[str, Any]) -> Graph:
    quads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": no_network})
    assert isinstance(quads, str)
    return Graph().parse(data=quads, format="nt")  # the default graph's quads are triples


def leaves(node: dict[str, Any]) -> int:
    """The triples a compact node object states: one per value of each key (``@type``
    included), plus those of each nested node."""
    count = 0
    for key, value in node.items():
        if key in ("@context", "@id"):
            continue
        for item in value if isinstance(value, list) else [value]:
            count += 1
            if isinstance(item, dict) and "@value" not in item:
                count += leaves(item)
    return count


def keys(value: Any) -> set[str]:
    """Every key of a compact document that is not a keyword."""
    if isinstance(value, list):
        return {key for item in value for key in keys(item)}
    if not isinstance(value, dict):
        return set()
    found = {key for key in value if not key.startswith("@")}
    return found | {k for key, item in value.items() if key != "@context" for k in keys(item)}


def iris(graph: Graph) -> set[str]:
    found = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                found.add(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                found.add(str(term.datatype))
    return found


def dpv_terms() -> set[str]:
    lines = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


# ---------------------------------------------------------------------------------------


def test_the_output_is_deterministic_json_with_a_final_newline() -> None:
    data = compact()
    assert data == compact()
    assert data.endswith(b"}\n")
    assert "Personvernerklæring" in data.decode("utf-8")  # not escaped
    assert json.loads(data)["@id"] == PAGES["nb"]


def test_pyld_and_rdflib_read_the_same_graph_without_the_network() -> None:
    document = json.loads(compact())
    expanded = jsonld.expand(document, {"documentLoader": no_network})
    assert len(expanded) == 1
    ours, theirs = graph_of(compact()), pyld_graph(document)
    assert len(ours) == len(theirs)
    assert isomorphic(ours, theirs)


def test_nothing_of_the_compact_document_is_dropped() -> None:
    document = json.loads(compact())
    graph = graph_of(compact())
    assert len(graph) == leaves(document)
    expanded_keys = {
        key
        for node in jsonld.expand(
            {"@context": document["@context"], **{k: "x" for k in keys(document)}},
            {"documentLoader": no_network},
        )
        for key in node
    }
    assert len(expanded_keys) == len(keys(document))
    assert expanded_keys <= {str(p) for p in graph.predicates()}


def test_every_page_and_language_is_a_triple() -> None:
    graph = graph_of(compact())
    version = URIRef(PAGES["nb"])
    for code, url in PAGES.items():
        language = Literal(code, datatype=DCT.RFC5646)
        assert (URIRef(url), DCT.language, language) in graph
        if url != PAGES["nb"]:
            assert (version, DCT.hasFormat, URIRef(url)) in graph
    assert (version, DCT.title, Literal("Personvernerklæring", lang="nb")) in graph


def test_the_facts_are_stated_with_dpv_terms_and_typed_values() -> None:
    graph = graph_of(compact())
    version = URIRef(PAGES["nb"])
    assert (version, DCT.valid, Literal("2027-02-01", datatype=XSD.date)) in graph
    assert (version, DCT.issued, Literal("2027-01-01", datatype=XSD.date)) in graph
    types = set(graph.objects(version, RDF.type))
    assert types == {
        DPV.PrivacyNotice,
        EU_GDPR.DirectDataCollectionNotice,
        EU_GDPR.IndirectDataCollectionNotice,
    }
    durations = set(graph.objects(None, RDF.value))
    assert durations == {Literal("P3Y", datatype=XSD.duration)}
    bases = set(graph.objects(None, DPV.hasLegalBasis))
    assert bases == {
        EU_GDPR["A6-1-a"],
        EU_GDPR["A6-1-b"],
        EU_GDPR["A6-1-c"],
        EU_GDPR["A6-1-f"],
        EU_GDPR["A46-2-c"],
    }
    controller = graph.value(version, DPV.hasDataController)
    assert (controller, DPV.hasCountry, LOC.NO) in graph
    assert (controller, DPV.hasContact, Literal("personvern@fjordkontor.example")) in graph
    dpo = graph.value(controller, DPV.hasDataProtectionOfficer)
    assert (dpo, DPV.hasContact, Literal("dpo@fjordkontor.example")) in graph
    transfer = graph.value(version, DPV.hasProcessing)
    assert (transfer, DPV.hasThirdCountry, LOC.US) in graph
    assert set(graph.objects(version, DPV.hasRight)) == {EU_GDPR[term] for term in FACTS.rights()}
    assert (version, NOTICE.automatedDecisions, Literal(False)) in graph
    changed = set(graph.objects(version, NOTICE.changed))
    assert changed == {Literal("purpose"), Literal("retention")}
    interest = Literal("Å holde tjenesten trygg", lang="nb")
    assert (None, NOTICE.legitimateInterest, interest) in graph
    criterion = Literal("så lenge kontoen er åpen", lang="nb")
    assert (None, DCT.description, criterion) in graph
    names = {str(name) for name in graph.objects(None, DCT.title)}
    assert {"Nyhetsbrev", "IP-adresse", "Kredittopplysningsbyråer"} <= names


def test_every_dpv_iri_is_a_term_of_dpv_2_3() -> None:
    terms = dpv_terms()
    used = {iri for iri in iris(graph_of(compact())) if iri.startswith(DPV_SPACES)}
    assert used
    assert used - terms == set()
    # and every GDPR term the module may ever write
    assert {str(EU_GDPR[term]) for term in GDPR_TERMS} - terms == set()


def test_every_iri_of_ours_is_defined_in_the_vocabulary() -> None:
    data = vocabulary()
    defined = Graph().parse(data=data.decode("utf-8"), format="json-ld", publicID=VOCABULARY)
    expanded = jsonld.expand(json.loads(data), {"base": VOCABULARY, "documentLoader": no_network})
    assert len(expanded) == len(set(defined.subjects()))
    ours = {iri for iri in iris(graph_of(compact())) if iri.startswith(str(NOTICE))}
    assert ours
    for iri in ours:
        assert (URIRef(iri), RDF.type, None) in defined, iri
        assert defined.value(URIRef(iri), RDFS.label), iri
        assert defined.value(URIRef(iri), RDFS.comment), iri


@pytest.mark.parametrize(
    ("bases", "objection"),
    [
        (("consent", "contract"), False),
        (("public-task",), True),
        (("legitimate-interests",), True),
    ],
)
def test_the_right_to_object_only_with_a_public_task_or_legitimate_interests(
    bases: tuple[str, ...], objection: bool
) -> None:
    purpose = Purpose(name="Formål", bases=bases, section="purposes", interest="Sikkerhet")
    facts = dataclasses.replace(FACTS, purposes=(purpose,))
    rights = set(graph_of(compact(facts)).objects(URIRef(PAGES["nb"]), DPV.hasRight))
    assert (EU_GDPR.A21 in rights) is objection


def test_the_automated_decisions_right_only_where_they_are_made() -> None:
    version = URIRef(PAGES["nb"])
    none = graph_of(compact())
    assert EU_GDPR.A22 not in set(none.objects(version, DPV.hasRight))
    made = dataclasses.replace(
        FACTS, no_automated=False, automated=Stated("automated", logic="Poeng for risiko")
    )
    graph = graph_of(compact(made))
    assert EU_GDPR.A22 in set(graph.objects(version, DPV.hasRight))
    assert (version, NOTICE.automatedDecisions, Literal(True)) in graph
    assert (version, DPV.hasContext, DPV.AutomatedDecisionMaking) in graph


def test_no_iri_names_a_paragraph_of_article_13_or_14() -> None:
    graph = graph_of(compact())
    pattern = re.compile(r"A1[34]-\d")
    assert [iri for iri in iris(graph) if pattern.search(iri)] == []
    assert not pattern.search(compact().decode("utf-8"))
    assert [term for term in GDPR_TERMS if pattern.match(term)] == []


def test_what_would_not_be_a_term_or_an_address_is_refused() -> None:
    with pytest.raises(ValueError, match="absolute"):
        compact(pages={**PAGES, "en": "en/versions/2027-02-01/"})
    with pytest.raises(ValueError, match="kind of fact"):
        compact(changed=("colour",))
    with pytest.raises(ValueError, match="ISO date"):
        compact(effective="1 February 2027")
    with pytest.raises(ValueError, match="fragment"):
        compact(vocabulary_url=VOCABULARY + "#")

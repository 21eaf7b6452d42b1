"""A notice's facts: read from the front matter (errors with their line), translated in
place with the text, the conditions of what must be said one by one, the key values the
prose must state, the map derived from them, and the changes between two versions'
facts, material or not."""

from __future__ import annotations

import pytest

from notice.core.errors import NoticeError
from notice.text.compose import render_markdown
from notice.text.disclosures import check_facts, read_disclosures
from notice.text.facts import (
    Citation,
    FactChange,
    Facts,
    Period,
    disclosures_of_facts,
    fact_changes,
    gaps,
    needs,
    read_facts,
)
from notice.text.segment import segment_markdown

FACTS = """\
facts:
  controller: {name: Example Ltd, email: dpo@example.org, country: "NO", section: who}
  dpo: none
  purposes:
    - name: Orders
      basis: contract
      data: [Contact details, Order history]
      retention: {period: 3 years, section: keep}
      section: why
      first: true
  sources: [{name: You, person: true, section: why}]
  recipients: [{name: Our hosting provider, section: sharing}]
  transfers: none
  automated-decisions: none
  rights: {section: rights}
  complaint: {authority: Datatilsynet, section: rights}
  requirement: {section: why}
  no-item: [about]
"""
BODY = """
## About

What this is.

## Who we are {#who}

Example Ltd. Write to dpo@example.org.

## What we use your data for {#why}

Orders, on the basis of the contract.

## Sharing

Our hosting provider.

## How long we keep it {#keep}

Orders: 3 years.

## Your rights {#rights}

Access, rectification, erasure. You can complain to Datatilsynet.
"""


def _document(facts: str = FACTS, body: str = BODY, path: str = "privacy.md"):
    return segment_markdown(f"---\ntitle: Privacy\n{facts}---\n{body}", path)


def _facts(facts: str = FACTS) -> Facts:
    document = _document(facts)
    found = read_facts(document.front_matter, document.text, document.path)
    assert found is not None
    return found


def _with(*replacements: tuple[str, str]) -> str:
    text = FACTS
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_a_notice_states_its_facts_and_the_map_follows_from_them() -> None:
    facts = _facts()
    assert facts.controller is not None
    assert facts.controller.country == "NO"
    assert facts.no_dpo
    assert facts.no_transfers
    assert facts.no_automated
    assert facts.purposes[0].retention is not None
    assert facts.purposes[0].retention.period == Period(3, "year")
    assert disclosures_of_facts(facts) == {
        "controller": ("who",),
        "purposes": ("why",),
        "legal-basis": ("why",),
        "recipients": ("sharing",),
        "retention": ("keep",),
        "rights": ("rights",),
        "complaint": ("rights",),
        "requirement": ("why",),
    }
    assert gaps(facts, "gdpr-13") == []


def test_an_unquoted_norway_is_norway_not_false() -> None:
    facts = _facts(_with(('country: "NO"', "country: NO")))
    assert facts.controller is not None
    assert facts.controller.country == "NO"


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (("basis: contract", "basis: contrakt"), "'contrakt' is not a legal basis", 8),
        (("period: 3 years", "period: three years"), "'three years' is not a period", 10),
        (("transfers: none", "transfers: [{country: USA, safeguard: adequacy, section: why}]"),
         "'USA' is not an ISO 3166 code", 15),
        (("dpo: none", "dpo: none\n  dpos: none"), "'dpos' is not a fact", 6),
        (("      first: true", "      frist: true"), "'frist' is not a key here", 12),
        (("transfers: none", "transfers: [{country: US, safeguard: contracts, section: why}]"),
         "'contracts' is not a safeguard", 15),
    ],
)  # fmt: skip
def test_a_fact_that_is_not_one_is_an_error_naming_its_line(
    change: tuple[str, str], message: str, line: int
) -> None:
    with pytest.raises(NoticeError) as caught:
        _facts(_with(change))
    assert message in caught.value.message
    assert caught.value.line == line
    assert caught.value.path == "privacy.md"


def test_the_words_of_the_facts_are_translated_with_the_text_and_nothing_else() -> None:
    document = _document()
    words = {s.text for s in document.segments if s.field and s.field.startswith("facts/")}
    assert words == {
        "Orders", "Contact details", "Order history", "You", "Our hosting provider", "Datatilsynet"
    }  # fmt: skip
    table = {
        "Orders": "Bestillinger",
        "Contact details": "Kontaktopplysninger: navn",
        "Our hosting provider": "Vår leverandør",
    }
    translated = segment_markdown(render_markdown(document, table, anchors=True), "nb.md")
    facts = read_facts(translated.front_matter, translated.text)
    assert facts is not None
    assert facts.purposes[0].name == "Bestillinger"
    assert facts.purposes[0].data == ("Kontaktopplysninger: navn", "Order history")
    assert facts.recipients[0].name == "Vår leverandør"
    assert facts.controller == _facts().controller  # a name is not translated
    # and the source's own words give the source back, byte for byte
    assert render_markdown(document, {}) == document.text


CONDITIONS = [
    # (what the facts say, the item that becomes necessary, its article)
    (("basis: contract", "basis: consent"), "withdraw-consent", Citation(13, 2, "c")),
    (("basis: contract", "basis: legitimate-interests"), "legitimate-interests",
     Citation(13, 1, "d")),
    (("basis: contract", "basis: legitimate-interests"), "objection", Citation(21, 4)),
    (("basis: contract", "basis: public-task"), "objection", Citation(21, 4)),
    (("{name: You, person: true, section: why}", "{name: A broker, section: why}"), "source",
     Citation(14, 2, "f")),
    (('country: "NO"', "country: US"), "representative", Citation(13, 1, "a")),
]  # fmt: skip


@pytest.mark.parametrize(("change", "item", "citation"), CONDITIONS)
def test_what_must_be_said_follows_from_the_facts(
    change: tuple[str, str], item: str, citation: Citation
) -> None:
    assert item not in {need.item for need in needs(_facts(), "gdpr-13")}
    facts = _facts(_with(change))
    found = {need.item: need for need in needs(facts, "gdpr-13")}
    assert item in found
    assert citation in found[item].citations
    if item != "source":  # a source named is the source said
        assert item in {need.item for need in gaps(facts, "gdpr-13")}


@pytest.mark.parametrize(
    ("removed", "item"),
    [
        ("  dpo: none\n", "dpo"),
        ("  transfers: none\n", "transfers"),
        ("  automated-decisions: none\n", "automated-decisions"),
        ("  complaint: {authority: Datatilsynet, section: rights}\n", "complaint"),
        ("      retention: {period: 3 years, section: keep}\n", "retention"),
    ],
)
def test_a_fact_left_out_is_a_gap_with_its_article(removed: str, item: str) -> None:
    facts = _facts(_with((removed, "")))
    assert [need.item for need in gaps(facts, "gdpr-13")] == [item]
    document = _document(_with((removed, "")))
    disclosures = read_disclosures(document)
    assert disclosures is not None
    messages = [f.message for f in check_facts(disclosures, document, "gdpr-13", {})]
    assert any(m.startswith("Art. 13(") and "the facts do not say it" in m for m in messages)


def test_not_applicable_and_an_exemption_with_their_reasons_fill_a_gap() -> None:
    consent = _with(("basis: contract", "basis: consent"))
    assert [n.item for n in gaps(_facts(consent), "gdpr-13")] == ["withdraw-consent"]
    said = consent + "  not-applicable: {withdraw-consent: because nobody is asked for it}\n"
    assert gaps(_facts(said), "gdpr-13") == []
    broker = _with(
        ("{name: You, person: true, section: why}", "{name: A broker, section: why}"),
        ("      data: [Contact details, Order history]\n", ""),
    )
    assert "categories" in {n.item for n in gaps(_facts(broker), "gdpr-14")}
    exempt = broker + (
        "  exempt:\n    categories: {article: 14(5)(b), because: it would take too much}\n"
    )
    assert "categories" not in {n.item for n in gaps(_facts(exempt), "gdpr-14")}


def test_an_exemption_of_the_wrong_article_is_an_error() -> None:
    text = FACTS + "  exempt:\n    requirement: {article: 14(5)(a), because: they know}\n"
    document = _document(text)
    disclosures = read_disclosures(document)
    assert disclosures is not None
    errors = [f for f in check_facts(disclosures, document, "gdpr-13", {}) if f.severity == "error"]
    assert len(errors) == 1
    assert "does not exempt this item" in errors[0].message


def test_the_prose_must_state_the_key_values_of_the_facts() -> None:
    text = _with(
        ("period: 3 years", "period: 5 years"),
        ("email: dpo@example.org", "email: privacy@example.org"),
        ("transfers: none", "transfers: [{country: US, safeguard: standard-clauses, "
         "section: sharing}]"),
    )  # fmt: skip
    document = _document(text)
    disclosures = read_disclosures(document)
    assert disclosures is not None
    found = [
        f.message
        for f in check_facts(disclosures, document, "gdpr-13", {"US": "United States"})
        if f.severity == "warning"
    ]
    assert any("retention/period" in m and "'5'" in m for m in found)
    assert any("controller/email" in m and "privacy@example.org" in m for m in found)
    assert any("transfers/0/country" in m and "United States" in m for m in found)
    assert not any("authority" in m for m in found)


def test_every_section_gives_an_item_or_is_listed_as_giving_none() -> None:
    document = _document(_with(("  no-item: [about]\n", "")))
    disclosures = read_disclosures(document)
    assert disclosures is not None
    errors = [f for f in check_facts(disclosures, document, "gdpr-13", {}) if f.severity == "error"]
    assert [e.message.split("'")[1] for e in errors] == ["#about"]


def test_a_map_beside_the_facts_is_refused() -> None:
    document = _document(FACTS + "disclosures:\n  controller: who\n")
    with pytest.raises(NoticeError, match="derived from the facts"):
        read_disclosures(document)


def _changes(*replacements: tuple[str, str]) -> list[FactChange]:
    return fact_changes(_facts(), _facts(_with(*replacements)))


@pytest.mark.parametrize(
    ("replacement", "kind", "how", "material"),
    [
        (("basis: contract", "basis: [contract, legal-obligation]"), "basis", "changed", True),
        (("name: Orders", "name: Orders and returns"), "purpose", "added", True),
        (("data: [Contact details, Order history]", "data: [Contact details, Order history, "
          "Location]"), "data", "added", True),
        (("{name: Our hosting provider, section: sharing}", "{name: Our hosting provider, "
          "section: sharing}, {name: Advertisers, section: sharing}"), "recipient", "added", True),
        (("transfers: none", "transfers: [{country: US, safeguard: adequacy, section: why}]"),
         "transfer", "added", True),
        (("period: 3 years", "period: 5 years"), "retention", "longer", True),
        (("period: 3 years", "period: 6 months"), "retention", "shorter", False),
        (("automated-decisions: none", "automated-decisions: {logic: a score, section: why}"),
         "automated-decisions", "added", True),
        (("{name: You, person: true, section: why}", "{name: You, person: true, section: why}, "
          "{name: A broker, section: why}"), "source", "added", True),
        (("email: dpo@example.org", "email: privacy@example.org"), "controller", "changed", True),
    ],
)  # fmt: skip
def test_a_change_of_the_facts_is_found_and_judged(
    replacement: tuple[str, str], kind: str, how: str, material: bool
) -> None:
    found = _changes(replacement)
    assert (kind, how) in [(c.kind, c.how) for c in found]
    assert next(c for c in found if c.kind == kind and c.how == how).material is material


def test_the_same_facts_are_no_change() -> None:
    assert fact_changes(_facts(), _facts()) == []


@pytest.mark.parametrize(
    ("value", "text", "found"),
    [
        ("Stany Zjednoczone", "Przekazujemy dane do Stanów Zjednoczonych.", True),
        ("Prezes Urzędu Ochrony Danych Osobowych", "skargę do Prezesa Urzędu Ochrony Danych "
         "Osobowych", True),
        ("Vereinigte Staaten", "in die Vereinigten Staaten", True),
        ("Stany Zjednoczone", "Przekazujemy dane do Kanady.", False),
        ("Datatilsynet", "Du kan klage til Datatilsynet.", True),
        ("Datatilsynet", "Du kan klage til tilsynet.", False),
        ("dpo@example.org", "Write to dpo@example.net.", False),
    ],
)  # fmt: skip
def test_a_name_is_stated_even_where_the_language_inflects_it(
    value: str, text: str, found: bool
) -> None:
    from notice.text.facts import said

    assert said(value, text) is found


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("XX", "'XX' is not an ISO 3166 code"),
        ("UK", "the United Kingdom is GB"),
        ("us", "is written in capitals: US"),
        ("DE", "DE is in the EEA: a transfer there needs no safeguard"),
    ],
)
def test_a_transfers_country_is_a_real_one_outside_the_eea(country: str, message: str) -> None:
    text = _with(
        (
            "transfers: none",
            f"transfers: [{{country: {country}, safeguard: adequacy, section: why}}]",
        )
    )
    with pytest.raises(NoticeError, match=message):
        _facts(text)


def test_a_gap_of_a_purpose_names_the_purpose_and_its_line() -> None:
    text = _with(("basis: contract", "basis: legitimate-interests"))
    document = _document(text)
    disclosures = read_disclosures(document)
    assert disclosures is not None
    found = [
        f for f in check_facts(disclosures, document, "gdpr-13", {}) if "interests" in f.message
    ]
    assert len(found) == 1
    assert "the facts do not say it for Orders" in found[0].message
    assert found[0].line == 7


@pytest.mark.parametrize("bad", ["Orders\nX-Injected: yes", "Orders\r", "Orders\u2028next"])
def test_a_facts_words_are_one_line_in_the_one_gate(bad: str) -> None:
    """A fact's name reaches feeds, e-mails and the JSON-LD: a line break in its
    translation is refused by the gate that check and release both call."""
    import markdown
    from babel.messages.catalog import Catalog

    from notice.text.gate import refusals, review_translation

    document = _document()
    catalog = Catalog(locale="en")
    for segment in document.segments:
        catalog.add(segment.text, segment.text)
    catalog["Orders"].string = bad
    found = refusals(
        review_translation(
            document,
            catalog,
            "en.po",
            source_language="nb",
            language="en",
            to_html=markdown.markdown,
            coverage=None,
        )
    )
    assert any("one-line field" in p.message or "SEPARATOR" in p.message for p in found), found

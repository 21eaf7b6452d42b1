"""An editorial release cannot hide a material change: a change of the facts, a sentence,
item, link or number added anywhere, a map that no longer maps the changed text, or the
check switched off in the draft (the three walk-arounds, closed)."""

from __future__ import annotations

from notice.project.audit import disclosure_findings
from notice.record.change_rules import always_communicated
from tests.unit.test_facts import BODY, FACTS, _document, _with


def _refusals(old: str, new: str, because: str | None = None, body: str = BODY) -> list[str]:
    return [
        e.message
        for e in always_communicated(_document(new, body), _document(old), "editorial", because)
    ]


def test_a_fact_change_cannot_be_released_as_editorial_with_or_without_a_reason() -> None:
    changed = _with(("period: 3 years", "period: 5 years"))
    for because in (None, "a typo"):
        found = _refusals(FACTS, changed, because, BODY.replace("3 years", "5 years"))
        assert any("cannot change these facts: retention longer" in m for m in found)


def test_a_reason_needs_the_same_facts() -> None:
    shorter = _with(("period: 3 years", "period: 2 years"))
    found = _refusals(FACTS, shorter, "a typo", BODY.replace("3 years", "2 years"))
    assert any("the facts changed (retention shorter)" in m for m in found)
    assert not any("cannot change these facts" in m for m in found)


def test_a_typo_in_a_material_section_needs_a_reason_and_then_passes() -> None:
    body = BODY.replace("on the basis of the contract", "on the basis of teh contract")
    old = _document(FACTS, body)
    new = _document(FACTS, BODY)
    refused = always_communicated(new, old, "editorial", None)
    assert any("cannot change what the notice says about" in e.message for e in refused)
    assert always_communicated(new, old, "editorial", "corrects a typo") == []


def test_a_purpose_added_outside_the_map_is_a_new_sentence() -> None:
    body = BODY.replace("What this is.", "What this is. We also sell your data to advertisers.")
    found = _refusals(FACTS, FACTS, "wording", body)
    assert any("adds a sentence" in m for m in found)


def test_nothing_is_added_in_an_editorial_release() -> None:
    for body, what in (
        (BODY.replace("Our hosting provider.", "Our hosting provider.\n\n- Advertisers."),
         "a new"),
        (BODY.replace("Orders: 3 years.", "Orders: 3 years, invoices 10 years."), "a number"),
        (BODY.replace("What this is.", "What this is, [see](https://example.org/)."), "a link"),
    ):  # fmt: skip
        found = _refusals(FACTS, FACTS, None, body)
        assert any(what in m for m in found), (what, found)


def test_a_map_cannot_unmap_the_text_it_changes() -> None:
    # The new facts move the purposes to another section: the change in the old one is
    # still judged by the old map.
    moved = _with(("      section: why\n", "      section: keep\n"))
    body = BODY.replace("Orders, on the basis of the contract.", "Orders, on the contract.")
    found = _refusals(FACTS, moved, None, body)
    assert any("cannot change what the notice says about" in m for m in found)


def test_switching_the_check_off_in_the_draft_is_an_error() -> None:
    off = _document(FACTS + "disclosures: off\n")
    found = disclosure_findings(off, "gdpr-13", "en")
    assert [f.severity for f in found] == ["error"]
    assert "disclosures: off" in found[0].message
    assert disclosure_findings(off, "off", "en") == []


def test_a_wording_change_with_the_same_facts_passes() -> None:
    body = BODY.replace("What this is.", "What this notice is.")
    assert _refusals(FACTS, FACTS, None, body) == []

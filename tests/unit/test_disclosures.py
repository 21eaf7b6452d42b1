"""The GDPR disclosures map: read from the front matter, checked against the lists and
the sections, and the items a change affects."""

from __future__ import annotations

import pytest

from notice.core.errors import NoticeError
from notice.text.diff import diff_documents
from notice.text.disclosures import (
    BY_NAME,
    CONDITIONAL,
    FIRST_LAYER,
    ITEMS,
    LISTS,
    MATERIAL,
    affected,
    article,
    check_disclosures,
    read_disclosures,
)
from notice.text.segment import segment_markdown

BODY = """
# Privacy notice

## Who we are

Example Ltd, 1 Street, Town. Our data protection officer: dpo@example.org.

## What we use your data for

| Purpose | Legal basis |
|---|---|
| Orders | Contract |

### Marketing

Only with your consent, which you can withdraw at any time. We make no automated decisions.

## Sharing

Our hosting provider.

## Transfers

None outside the EEA.

## How long we keep it

Three years.

## Your rights

Access, rectification, erasure. You can complain to the supervisory authority.

## Giving us the data

You need not give us any data, but without an address we cannot deliver.
"""

FULL = """---
title: Privacy
disclosures:
  controller: who-we-are
  dpo: who-we-are
  purposes: what-we-use-your-data-for
  legal-basis: what-we-use-your-data-for
  legitimate-interests: what-we-use-your-data-for
  recipients: [sharing, transfers]
  transfers: transfers
  retention: how-long-we-keep-it
  rights: your-rights
  withdraw-consent: [marketing, your-rights]
  complaint: your-rights
  requirement: giving-us-the-data
  automated-decisions: marketing
---
"""


def _document(front: str, body: str = BODY, path: str = "docs/p/draft.md"):  # type: ignore[no-untyped-def]
    return segment_markdown(front + body, path)


def test_the_items_are_the_articles_lists() -> None:
    # What Art. 13 and 14 always require; the DPO, the interests, transfers, objection,
    # withdrawing consent and automated decisions only where they apply (CONDITIONAL).
    assert LISTS["gdpr-13"] == (
        "controller", "purposes", "legal-basis", "recipients", "retention", "rights",
        "complaint", "requirement",
    )  # fmt: skip
    assert len(LISTS["gdpr-14"]) == 9
    assert not set(CONDITIONAL) & set(LISTS["gdpr-13-14"])
    assert set(LISTS["gdpr-13-14"]) == set(LISTS["gdpr-13"]) | set(LISTS["gdpr-14"])
    assert "requirement" not in LISTS["gdpr-14"]
    assert {"categories", "source"} & set(LISTS["gdpr-13"]) == set()
    assert set(FIRST_LAYER) <= set(MATERIAL) <= set(BY_NAME)
    assert [article(BY_NAME["retention"], name) for name in LISTS if name != "off"] == [
        "13(2)(a)",
        "14(2)(a)",
        "13(2)(a), 14(2)(a)",
    ]
    assert len({item.name for item in ITEMS}) == len(ITEMS)


def test_a_complete_map_checks_clean() -> None:
    document = _document(FULL)
    disclosures = read_disclosures(document)
    assert disclosures is not None
    assert disclosures.items["recipients"] == ("sharing", "transfers")
    assert check_disclosures(disclosures, document, "gdpr-13") == []
    missing = check_disclosures(disclosures, document, "gdpr-14")
    assert [f.severity for f in missing] == ["warning", "warning"]
    assert missing[0].message.startswith("14(1)(d) which categories of data are used: no section")


@pytest.mark.parametrize("item", LISTS["gdpr-13"])
def test_every_missing_item_is_named_with_its_article(item: str) -> None:
    front = "\n".join(line for line in FULL.splitlines() if not line.startswith(f"  {item}:"))
    document = _document(front + "\n")
    found = check_disclosures(read_disclosures(document), document, "gdpr-13")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].message.startswith(f"{BY_NAME[item].art13} {BY_NAME[item].plain}: ")
    assert found[0].line == 3  # the map's own line


def test_an_anchor_no_section_has_is_an_error_on_its_line() -> None:
    document = _document(FULL.replace("retention: how-long-we-keep-it", "retention: storage"))
    found = check_disclosures(read_disclosures(document), document, "gdpr-13")
    assert [(f.severity, f.message, f.line) for f in found] == [
        ("error", "disclosures: retention: no section has the anchor 'storage'", 11)
    ]


def test_a_renamed_heading_breaks_its_anchor() -> None:
    document = _document(FULL, BODY.replace("## How long we keep it", "## Storage periods"))
    found = check_disclosures(read_disclosures(document), document, "gdpr-13")
    assert [f.message for f in found if f.severity == "error"] == [
        "disclosures: retention: no section has the anchor 'how-long-we-keep-it'"
    ]
    pinned = BODY.replace("## How long we keep it", "## Storage periods { #how-long-we-keep-it }")
    document = _document(FULL, pinned)
    assert check_disclosures(read_disclosures(document), document, "gdpr-13") == []


@pytest.mark.parametrize(
    ("front", "message", "line"),
    [
        ("disclosures:\n  controler: who-we-are\n", "'controler' is not an item", 4),
        ("disclosures:\n  rights: []\n", "rights: expected a section's anchor", 4),
        ("disclosures:\n  rights: 3\n", "rights: expected a section's anchor", 4),
        ("disclosures: [who-we-are]\n", "expected a mapping of items", 3),
    ],
)
def test_a_map_that_is_not_one_is_refused(front: str, message: str, line: int) -> None:
    document = _document("---\ntitle: Privacy\n" + front + "---\n")
    with pytest.raises(NoticeError, match=message) as caught:
        read_disclosures(document)
    assert caught.value.line == line


def test_no_map_and_off() -> None:
    plain = _document("---\ntitle: Privacy\n---\n")
    assert read_disclosures(plain) is None
    assert len(check_disclosures(None, plain, "gdpr-13")) == 8
    assert check_disclosures(None, plain, "off") == []
    off = _document("---\ntitle: Cookies\ndisclosures: off\n---\n")
    disclosures = read_disclosures(off)
    assert disclosures is not None
    assert disclosures.off
    assert check_disclosures(disclosures, off, "gdpr-13") == []


def test_a_change_affects_the_items_of_its_section_and_of_the_sections_around_it() -> None:
    old = _document(FULL)
    disclosures = read_disclosures(old)
    new = _document(FULL, BODY.replace("Three years.", "Two years."))
    assert tuple(affected(diff_documents(old, new), old, new, disclosures, disclosures)) == (
        "retention",
    )
    # A change inside "Marketing" is in "What we use your data for" too.
    new = _document(FULL, BODY.replace("Only with your consent", "Only ever with your consent"))
    assert tuple(affected(diff_documents(old, new), old, new, disclosures, disclosures)) == (
        "purposes",
        "legal-basis",
        "legitimate-interests",
        "withdraw-consent",
        "automated-decisions",
    )
    # A section removed counts for the items the old map gave it.
    new = _document(
        FULL.replace("recipients: [sharing, transfers]", "recipients: transfers"),
        BODY.replace("## Sharing\n\nOur hosting provider.\n", ""),
    )
    changed = affected(diff_documents(old, new), old, new, disclosures, read_disclosures(new))
    assert changed == {"recipients": ("sharing",)}
    # A front matter change (the title) is in no section.
    new = _document(FULL.replace("title: Privacy", "title: Privacy notice"))
    assert tuple(affected(diff_documents(old, new), old, new, disclosures, disclosures)) == ()


def test_a_build_diffs_each_change_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every language's compare page and history ask what a change affects: the texts
    are compared once."""
    from notice.site import disclosures

    calls: list[int] = []
    real = disclosures.diff_documents
    monkeypatch.setattr(disclosures, "diff_documents", lambda a, b: calls.append(1) or real(a, b))
    old = _document(FULL)
    new = _document(FULL, BODY.replace("Three years.", "Two years."))
    shown = disclosures.NoticeDisclosures("gdpr-13")
    for _language in range(5):
        assert shown.affected(old, new) == ("retention",)
    assert calls == [1]
    assert disclosures.NoticeDisclosures("off").affected(old, new) == ()

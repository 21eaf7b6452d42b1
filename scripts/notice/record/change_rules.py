"""What a release's kind of change requires of it (pure).

A material change takes effect ``notice_period_days`` after it is published, unless a
reason for a shorter period is recorded; an editorial change may take effect at once,
but may not touch a section that gives the purposes, the legal basis, the controller,
the rights, withdrawing consent or complaining: such a change must always be
communicated (WP260 rev.01 ¶29), unless a reason is recorded (a typo).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from notice.core.errors import NoticeError
from notice.record.versions import (
    CHANGES,
)
from notice.text.checks import inline_features
from notice.text.diff import Redline, diff_documents
from notice.text.disclosures import BY_NAME, MATERIAL, affected, read_disclosures
from notice.text.facts import fact_changes
from notice.text.segment import Document


def always_communicated(
    draft: Document, latest: Document | None, change: str, because: str | None
) -> list[NoticeError]:
    """Why an editorial release of ``draft`` is not editorial, if it is not.

    A change of the facts that is material (``notice.text.facts.FactChange.material``: a
    purpose, basis, controller, recipient, transfer, data category or source, a longer
    retention, automated decisions) must always be announced (WP260 rev.01 ¶29-30). An
    editorial release adds no sentence, list item, table row, link or number anywhere,
    with or without a reason. A change to a section that gives an item whose change must
    always be communicated (as either version's map says) needs ``because`` (a typo),
    which the registry records and the history shows, and is possible only when the
    facts are the same."""
    if because is not None and change != "editorial":
        return [NoticeError("--editorial-because applies to an editorial change only")]
    if because is not None and not because.strip():
        return [NoticeError("--editorial-because is empty", hint="say why it is editorial")]
    if change != "editorial" or latest is None:
        return []
    try:
        new_map, old_map = read_disclosures(draft), read_disclosures(latest)
    except NoticeError as exc:
        return [exc]
    material_hint = "release it as --material, announced ahead"
    found: list[NoticeError] = []
    old_facts = old_map.facts if old_map is not None else None
    new_facts = new_map.facts if new_map is not None else None
    changes = fact_changes(old_facts, new_facts) if old_facts and new_facts else []
    if (old_facts is None) != (new_facts is None):
        found.append(
            NoticeError(
                "an editorial release cannot add or remove the notice's facts",
                draft.path,
                hint=material_hint,
            )
        )
    material = [c for c in changes if c.material]
    if material:
        found.append(
            NoticeError(
                "an editorial release cannot change these facts: "
                + "; ".join(f"{c.kind} {c.how}" for c in material)
                + ": such a change must always be announced ahead",
                draft.path,
                hint=material_hint,
            )
        )
    elif changes and because is not None:
        found.append(
            NoticeError(
                "--editorial-because: the facts changed ("
                + "; ".join(f"{c.kind} {c.how}" for c in changes)
                + "), so this is not a typo",
                draft.path,
                hint=material_hint,
            )
        )
    redline = diff_documents(latest, draft)
    found.extend(_additions(redline, draft))
    touched = {
        item: anchors
        for item, anchors in affected(redline, latest, draft, old_map, new_map).items()
        if item in MATERIAL
    }
    if touched and because is None:
        sections = sorted({anchor for anchors in touched.values() for anchor in anchors})
        found.append(
            NoticeError(
                "an editorial release cannot change what the notice says about "
                + "; ".join(BY_NAME[item].plain for item in touched)
                + f" (section {', '.join('#' + a for a in sections)}): such a change must "
                "always be communicated",
                draft.path,
                hint="release it as --material, or, if it only corrects a typo there, say so: "
                '--editorial-because "…"',
            )
        )
    return found


_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"[.!?。！？؟।](?=\s|$)")


def _additions(redline: Redline, draft: Document) -> list[NoticeError]:
    """What an editorial release may not add anywhere: a block (a paragraph, a list item,
    a table row's cell), a sentence, a link or a number."""
    found: list[str] = []
    lines: list[int] = []
    for block in redline.blocks:
        if block.status == "added" and block.new is not None:
            found.append(f'a new {block.new.kind} ("{_short(block.new.text)}")')
            lines.append(block.new.line)
        elif block.status == "changed" and block.old is not None and block.new is not None:
            old, new = block.old.text, block.new.text
            what = []
            if len(_SENTENCE_END.findall(new)) > len(_SENTENCE_END.findall(old)):
                what.append("a sentence")
            if Counter(inline_features(new).links) - Counter(inline_features(old).links):
                what.append("a link")
            if Counter(_NUMBER.findall(new)) - Counter(_NUMBER.findall(old)):
                what.append("a number")
            if what:
                found.append(" and ".join(what) + f' ("{_short(new)}")')
                lines.append(block.new.line)
    if not found:
        return []
    return [
        NoticeError(
            "an editorial release adds nothing: it adds " + "; ".join(found),
            draft.path,
            lines[0],
            hint="release it as --material: a new sentence, item, link or number is news "
            "to readers",
        )
    ]


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def notice_period(
    change: str,
    notified: date,
    effective: date,
    reason: str | None,
    days: int,
    published: date | None = None,
) -> list[NoticeError]:
    """Why a release's dates do not give the notice its kind of change needs (if so):
    ``notified`` is the day readers are told (``notice.record.versions.notified``), which
    is later than the ``published`` date typed in when that is before the release is
    recorded."""
    if change not in CHANGES:
        return [NoticeError(f"'{change}' is not a kind of change (material or editorial)")]
    if change == "editorial":
        if reason is not None:
            return [
                NoticeError(
                    "--short-notice-reason applies to a material change only",
                    hint="an editorial change may take effect on the day it is published",
                )
            ]
        return []
    if reason is not None and not reason.strip():
        return [NoticeError("--short-notice-reason is empty", hint="say why the notice is short")]
    given = (effective - notified).days
    if given >= days or reason is not None:
        return []
    missing = days - given
    earliest = notified + timedelta(days=days)
    told = (
        f"published {notified}"
        if published is None or published == notified
        else f"recorded {notified} (readers are told from then, whatever --published "
        f"{published} says)"
    )
    return [
        NoticeError(
            f"a material change needs {days} days' notice: {told}, "
            f"effective {effective} gives {given} "
            f"({missing} {'day' if missing == 1 else 'days'} missing)",
            hint=f"take effect on {earliest} or later (--effective {earliest}), or give the "
            'reason for the shorter period: --short-notice-reason "…"',
        )
    ]

"""What a release's kind of change requires of it (pure).

A material change takes effect ``notice_period_days`` after it is published, unless a
reason for a shorter period is recorded; an editorial change may take effect at once,
but may not touch a section that gives the purposes, the legal basis, the controller,
the rights, withdrawing consent or complaining: such a change must always be
communicated (WP260 rev.01 ¶29), unless a reason is recorded (a typo).
"""

from __future__ import annotations

from datetime import date, timedelta

from notice.core.errors import NoticeError
from notice.record.versions import (
    CHANGES,
)
from notice.text.diff import diff_documents
from notice.text.disclosures import BY_NAME, MATERIAL, affected, read_disclosures
from notice.text.segment import Document


def always_communicated(
    draft: Document, latest: Document | None, change: str, because: str | None
) -> list[NoticeError]:
    """An editorial release may not change a section that gives the purposes, the legal
    basis, the controller, the rights, withdrawing consent or complaining: a change there
    must always be communicated (WP260 rev.01 ¶29), unless ``because`` says why it is
    editorial all the same (a typo), which the registry records."""
    if because is not None and change != "editorial":
        return [NoticeError("--editorial-because applies to an editorial change only")]
    if because is not None and not because.strip():
        return [NoticeError("--editorial-because is empty", hint="say why it is editorial")]
    if change != "editorial" or latest is None or because is not None:
        return []
    try:
        new_map, old_map = read_disclosures(draft), read_disclosures(latest)
    except NoticeError as exc:
        return [exc]
    touched = {
        item: anchors
        for item, anchors in affected(
            diff_documents(latest, draft), latest, draft, old_map, new_map
        ).items()
        if item in MATERIAL
    }
    if not touched:
        return []
    sections = sorted({anchor for anchors in touched.values() for anchor in anchors})
    return [
        NoticeError(
            "an editorial release cannot change what the notice says about "
            + "; ".join(BY_NAME[item].plain for item in touched)
            + f" (section {', '.join('#' + a for a in sections)}): such a change must "
            "always be communicated",
            draft.path,
            hint="release it as --material, or, if it only corrects a typo there, say so: "
            '--editorial-because "…"',
        )
    ]


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

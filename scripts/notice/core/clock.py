"""The time a command runs at: ``SOURCE_DATE_EPOCH`` when set, for reproducible output."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def now() -> datetime:
    """The current time in UTC to the second, or ``SOURCE_DATE_EPOCH``'s."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def today() -> date:
    """The day a command runs on (UTC), or ``SOURCE_DATE_EPOCH``'s: the day a registry
    entry is recorded, whatever dates were typed in."""
    return now().date()

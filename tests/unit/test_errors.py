"""What a message quotes from outside: as ``!r`` shows it, but cut and never a control
character (``notice.core.errors.quoted``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notice.core.errors import printable, quoted


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("msgstrr", "'msgstrr'"),
        ("Ærlig العربية 中文 Ελληνικά", "'Ærlig العربية 中文 Ελληνικά'"),  # letters as they are
        ("\x1b[31mred", "'\\x1b[31mred'"),
        ("one\nerror: forged", "'one\\nerror: forged'"),
        ("\u202eevil", "'\\u202eevil'"),  # a bidirectional override
        ("a\u00a0b\tc", "'a\\xa0b\\tc'"),  # spaces a reader cannot tell from a space
        ("x" * 81, "'" + "x" * 79 + "…'"),
        ("x" * 80, "'" + "x" * 80 + "'"),
        ("\x00" * 30, "'" + "\\x00" * 19 + "…'"),  # an escape is never cut in two
        (["a", 1], "['a', 1]"),
        (None, "None"),
    ],
)
def test_quoted(value: object, shown: str) -> None:
    assert quoted(value) == shown


@given(st.text(), st.integers(min_value=1, max_value=200))
def test_printable_is_printable_and_short(text: str, limit: int) -> None:
    shown = printable(text, limit)
    assert shown.isprintable() or shown == ""
    assert len(shown) <= max(limit, 1)
    if len(text) <= limit and text.isprintable():
        assert shown == text

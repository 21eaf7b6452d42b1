"""Text as it goes into a line of a file format (a calendar line, a feed's XML, an
e-mail header): whatever a released text holds, it cannot break or add a line there.

``notice check`` and ``notice release`` refuse control characters where a translation or
a source adds them; these functions are the writers' side, for what was frozen before,
so that no build can be broken by a value in the record.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters no XML 1.0 document may hold (and the controls it may, but we never write).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` on one line: every line break, separator and control a space."""
    return "".join(" " if _breaks_line(char) else char for char in text)


def text_block(text: str) -> str:
    """``text`` with its line breaks as ``\\n`` and no other control character: what XML
    1.0, an iCalendar text value and an e-mail's body can all hold."""
    return _NOT_TEXT.sub("", _BREAKS.sub("\n", text))


def _breaks_line(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def is_one_line(text: str) -> bool:
    """Whether ``text`` holds no line break, separator or control character."""
    return not any(_breaks_line(char) for char in text)

"""``SequenceMatcher``: cydifflib's, where it is installed, else the standard library's.

Every comparison the site shows (redlines, the word diffs of ``notice diff``, the
changed entries of a catalog) is ``difflib.SequenceMatcher``'s. cydifflib is the same
code compiled (its opcodes are difflib's, tested in ``tests/unit/test_diff.py``), some
twenty times faster: word diffs were a sixth of a cold build.
"""

from __future__ import annotations

try:
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - a platform it has no wheel for
    from difflib import SequenceMatcher

__all__ = ["SequenceMatcher"]

"""Which characters the installed fonts can draw: what fontconfig says they cover
(``fc-list``'s charsets), and the characters of a text none of them has.

A PDF with an empty box where a character should be is unreadable, so a text whose
PDF would have one is refused by ``notice check`` and ``notice release`` alike (the
gate, ``notice.text.gate``), and by the PDF maker itself (``notice.site.fonts``).
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache

from notice.core.errors import NoticeError


@dataclass(frozen=True)
class FontCoverage:
    """The characters some installed font has a glyph for, as sorted ranges."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, str) or len(char) != 1:
            return False
        code = ord(char)
        index = bisect.bisect_right(self.starts, code) - 1
        return index >= 0 and code <= self.ends[index]


def parse_charsets(lines: str) -> FontCoverage:
    """``fc-list --format '%{charset}\\n'`` (``20-7e a0 e01-e3a``, one font a line) as
    one coverage."""
    ranges: list[tuple[int, int]] = []
    for part in lines.split():
        first, _, last = part.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    ranges.sort()
    merged: list[list[int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return FontCoverage(tuple(r[0] for r in merged), tuple(r[1] for r in merged))


@cache
def installed_coverage() -> FontCoverage:
    """What the fonts fontconfig knows cover (the fonts WeasyPrint can use)."""
    command = shutil.which("fc-list")
    if command is None:
        raise NoticeError(
            "PDFs cannot be checked for missing glyphs: fontconfig's fc-list is not installed",
            hint="apt-get install fontconfig (Pango, which makes the PDFs, depends on it)",
        )
    result = subprocess.run(
        [command, "--format", "%{charset}\n"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:  # not "no fonts": what fontconfig says is wrong
        raise NoticeError(
            f"PDFs cannot be checked for missing glyphs: fc-list failed "
            f"(exit {result.returncode}): {result.stderr.strip()[:300]}",
            hint="check fontconfig's configuration (FONTCONFIG_FILE, fc-cache)",
        )
    return parse_charsets(result.stdout)


#: Characters no glyph is drawn for: spaces and line breaks, controls and format
#: characters (bidi marks, ZWJ, ZWNJ).
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def missing_glyphs(text: str, coverage: FontCoverage) -> list[str]:
    """The characters of ``text`` that no installed font has, in order of first use."""
    missing: dict[str, None] = {}
    for char in text:
        if char in missing or char in coverage:
            continue
        if unicodedata.category(char) not in _INVISIBLE:
            missing[char] = None
    return list(missing)


def package_for(char: str) -> str:
    """The Debian package whose fonts draw ``char``."""
    code = ord(char)
    for low, high in _CJK_BLOCKS:
        if low <= code <= high:
            return "fonts-noto-cjk"
    return "fonts-noto-core"


#: Han, kana, Hangul, Bopomofo, CJK symbols and full-width forms: fonts-noto-cjk.
_CJK_BLOCKS = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3000, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3134F),
)


def missing_message(found: list[str], language: str) -> tuple[str, str]:
    """What to say of the characters ``found`` that no installed font draws: the
    message (the first five of them) and the hint (the packages that bring them)."""
    shown = ", ".join(f"{char} U+{ord(char):04X}" for char in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    packages = " ".join(sorted({package_for(char) for char in found}))
    message = (
        f"no installed font has a glyph for {len(found)} character"
        f"{'s' * (len(found) != 1)} of the '{language}' text ({shown}{more}); "
        "no PDF is made with empty boxes in it"
    )
    hint = (
        f"install {packages} (Debian: apt-get install {packages}), "
        "or set `pdf: false` in the notice plugin's options in mkdocs.yml"
    )
    return message, hint

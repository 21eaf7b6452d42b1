"""Fonts for the PDFs: the family each script is set in, and a check that the installed
fonts have a glyph for every character of a text before a PDF of it is made.

WeasyPrint (through Pango and fontconfig) draws an empty box for a character no
installed font has, and only logs a warning: an archival copy with boxes in it is
unreadable. So every PDF's text is checked first, against what fontconfig says the
installed fonts cover (``fc-list``'s charsets), and a gap stops the PDF with the
language, the first characters missing and the Debian package that brings them.

The families are the Noto fonts of Debian's ``fonts-noto-core`` (every script but
Chinese, Japanese and Korean) and ``fonts-noto-cjk``, whose one collection holds the
glyph forms of each: Japanese, Simplified and Traditional Chinese and Korean write
some of the same characters differently, so each language names its own face.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache

from notice.core.errors import NoticeError
from notice.core.languages import LanguageTag

#: Latin, Greek and Cyrillic (and the text's digits, e-mail addresses, hashes).
BASE_FAMILIES = ('"DejaVu Sans"', '"Noto Sans"')
MONOSPACE = '"DejaVu Sans Mono", "Noto Sans Mono", monospace'

#: The family per script (ISO 15924), where DejaVu Sans is not the font to read it in.
_SCRIPT_FAMILIES = {
    "Arab": '"Noto Naskh Arabic", "Noto Sans Arabic"',
    "Hebr": '"Noto Sans Hebrew"',
    "Thai": '"Noto Sans Thai"',
    "Laoo": '"Noto Sans Lao"',
    "Khmr": '"Noto Sans Khmer"',
    "Mymr": '"Noto Sans Myanmar"',
    "Deva": '"Noto Sans Devanagari"',
    "Beng": '"Noto Sans Bengali"',
    "Guru": '"Noto Sans Gurmukhi"',
    "Gujr": '"Noto Sans Gujarati"',
    "Taml": '"Noto Sans Tamil"',
    "Telu": '"Noto Sans Telugu"',
    "Knda": '"Noto Sans Kannada"',
    "Mlym": '"Noto Sans Malayalam"',
    "Sinh": '"Noto Sans Sinhala"',
    "Geor": '"Noto Sans Georgian"',
    "Armn": '"Noto Sans Armenian"',
    "Ethi": '"Noto Sans Ethiopic"',
    "Thaa": '"Noto Sans Thaana"',
}
#: Chinese, Japanese and Korean: the face of the collection with the language's forms.
_CJK_FACES = {"Jpan": "JP", "Kore": "KR", "Hans": "SC", "Hant": "TC", "Hani": "SC"}
_CJK_REGIONS = {"HK": "HK", "MO": "HK"}


def font_families(tag: LanguageTag) -> str:
    """The CSS ``font-family`` a text in this language is set in: its script's family,
    then DejaVu Sans and Noto Sans for what it quotes in Latin script."""
    language, script = tag.locale.language, tag.script
    first: list[str] = []
    if language in ("ja", "ko", "zh"):
        cjk_script = {"ja": "Jpan", "ko": "Kore"}.get(language, script or "Hans")
        face = _CJK_REGIONS.get(tag.locale.territory or "", _CJK_FACES.get(cjk_script, "SC"))
        first.append(f'"Noto Sans CJK {face}"')
    elif script in _SCRIPT_FAMILIES:
        first.append(_SCRIPT_FAMILIES[script])
    return ", ".join([*first, *BASE_FAMILIES, "sans-serif"])


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


def check_glyphs(text: str, language: str, what: str, coverage: FontCoverage | None = None) -> None:
    """Stop before a PDF of ``text`` is made if an installed font lacks one of its
    characters: the language, the first characters missing, the package to install."""
    found = missing_glyphs(text, coverage if coverage is not None else installed_coverage())
    if not found:
        return
    shown = ", ".join(f"{char} U+{ord(char):04X}" for char in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    packages = sorted({package_for(char) for char in found})
    raise NoticeError(
        f"{what}: no installed font has a glyph for {len(found)} character"
        f"{'s' * (len(found) != 1)} of the '{language}' text ({shown}{more}); "
        "no PDF is made with empty boxes in it",
        hint=f"install {' '.join(packages)} (Debian: apt-get install {' '.join(packages)}), "
        "or set `pdf: false` in the notice plugin's options in mkdocs.yml",
    )

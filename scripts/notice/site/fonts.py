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

from notice.core.errors import NoticeError
from notice.core.languages import LanguageTag
from notice.text.glyphs import FontCoverage, installed_coverage, missing_glyphs, missing_message

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
#: Languages written in a style of their script of their own: Urdu in Nastaliq.
_LANGUAGE_FAMILIES = {"ur": '"Noto Nastaliq Urdu", "Noto Naskh Arabic"'}
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
    elif language in _LANGUAGE_FAMILIES:
        first.append(_LANGUAGE_FAMILIES[language])
    elif script in _SCRIPT_FAMILIES:
        first.append(_SCRIPT_FAMILIES[script])
    return ", ".join([*first, *BASE_FAMILIES, "sans-serif"])


def check_glyphs(text: str, language: str, what: str, coverage: FontCoverage | None = None) -> None:
    """Stop before a PDF of ``text`` is made if an installed font lacks one of its
    characters: the language, the first characters missing, the package to install."""
    found = missing_glyphs(text, coverage if coverage is not None else installed_coverage())
    if found:
        message, hint = missing_message(found, language)
        raise NoticeError(f"{what}: {message}", hint=hint)

"""The digits a language may write the numbers and dates we format in (CLDR's numeric
numbering systems, by their CLDR name): Arabic writes ``١٥ يناير ٢٠٢٧`` as well as
``15 يناير 2027``, Persian ``۱۵``, Hindi ``१५``.

Babel formats in Latin digits only (its ``numbering_system`` picks the symbols, such as
the group separator, not the digits), so the digits are put in here, after Babel. A
project chooses them per language (the notice plugin's ``numbering``); Latin is the
default everywhere. Only what a reader reads changes: dates in ISO form, addresses and
machine-readable data keep Latin digits.
"""

from __future__ import annotations

#: Each numbering system's zero; its digits are the ten code points from there.
ZEROS: dict[str, str] = {
    "latn": "0",
    "arab": "\u0660",  # Arabic-Indic: ٠١٢٣٤٥٦٧٨٩
    "arabext": "\u06f0",  # Extended Arabic-Indic (Persian, Urdu): ۰۱۲۳۴۵۶۷۸۹
    "deva": "\u0966",  # Devanagari
    "beng": "\u09e6",  # Bengali
    "guru": "\u0a66",  # Gurmukhi
    "gujr": "\u0ae6",  # Gujarati
    "orya": "\u0b66",  # Odia
    "tamldec": "\u0be6",  # Tamil
    "telu": "\u0c66",  # Telugu
    "knda": "\u0ce6",  # Kannada
    "mlym": "\u0d66",  # Malayalam
    "thai": "\u0e50",  # Thai
    "laoo": "\u0ed0",  # Lao
    "tibt": "\u0f20",  # Tibetan
    "mymr": "\u1040",  # Myanmar
    "khmr": "\u17e0",  # Khmer
    "mong": "\u1810",  # Mongolian
    "fullwide": "\uff10",  # full-width
}
#: The separator of a Unicode locale extension naming a numbering system (BCP 47
#: ``-u-nu-``: ``ar-u-nu-arab``), how a language's formatting locale carries its choice.
EXTENSION = "-u-nu-"


def with_digits(text: str, system: str) -> str:
    """``text`` with its ASCII digits written in ``system``'s (one of ``ZEROS``)."""
    zero = ord(ZEROS[system])
    if zero == ord("0"):
        return text
    return text.translate({ord("0") + n: zero + n for n in range(10)})


def split_extension(locale: str) -> tuple[str, str]:
    """A formatting locale (``ar_EG``, ``ar-u-nu-arab``) as the locale and the numbering
    system of its digits (``latn`` where it names none)."""
    base, _, system = locale.partition(EXTENSION)
    return base, system or "latn"

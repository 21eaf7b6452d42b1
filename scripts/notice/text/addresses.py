"""E-mail addresses and URLs in running text, apart from the words written onto them.

Many scripts write a word straight onto an address, with no space between: Korean and
Japanese particles after it (``privacy@example.org로``, ``privacy@example.orgまで``),
Chinese and Thai words on either side, Arabic prefixes before it (``وprivacy@example.org``),
Turkish suffixes after an apostrophe (``privacy@example.org'a``). An address is found
with the letters of every script, then cut where the script of its letters changes inside
one part of it (no dot, ``@``, ``/`` or other mark between), at punctuation that is not
ASCII (``，`` ``。`` ``،``), and where an apostrophe and letters, or punctuation, end it:
what is left is compared exactly with the source's.

An address in the same script as the words around it (``연락@예시.한국으로``) cannot be
told apart from them: written so, it is found with the word; a link (``<…>``, ``[…](…)``)
or a space sets it apart.
"""

from __future__ import annotations

import re
import unicodedata

# ``\w`` takes the letters of every script, so a word written onto an address is found
# with it and cut off by ``_cut``.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Not after a letter of a scheme (``xhttps://``), and after a letter of any other script.
_URL = re.compile(r"(?<![A-Za-z0-9+.-])https?://[^\s<>()\]]+")
# A Turkish suffix after a name: ``'a``, ``’da``, ``'ndan``.
_SUFFIX = re.compile(r"['’][^\W\d_]+$")


def find_emails(text: str) -> list[str]:
    """The e-mail addresses of a text, as written, without the words written onto them."""
    found = []
    for match in _EMAIL.finditer(text):
        local, _, domain = match.group().rpartition("@")
        local = _cut(local[::-1])[::-1].lstrip(".")
        domain = _cut(domain).rstrip(".-")
        if local and "." in domain:
            found.append(f"{local}@{domain}")
    return found


def find_urls(text: str) -> list[str]:
    """The web addresses (http, https) of a text, as written, without the words written
    onto them and the punctuation after them."""
    found = []
    for match in _URL.finditer(text):
        scheme, _, rest = match.group().partition("://")
        url = f"{scheme}://{_cut(_until_wide_punctuation(rest))}"
        while True:
            shorter = _SUFFIX.sub("", url[: len(url) - len(_trailing(url))])
            if shorter == url:
                break
            url = shorter
        found.append(url)
    return found


def _until_wide_punctuation(text: str) -> str:
    """``text`` up to its first punctuation or symbol that is not ASCII (``，`` ``。``
    ``،`` ``»``): a web address has none, the sentence it is written in does."""
    for i, char in enumerate(text):
        if not char.isascii() and unicodedata.category(char)[0] in "PS":
            return text[:i]
    return text


def _trailing(url: str) -> str:
    """The punctuation that ends ``url`` (``.`` ``,`` ``。`` ``»`` ``'``), but a ``/``:
    the sentence's, not the address's."""
    end = len(url)
    while end and url[end - 1] != "/" and unicodedata.category(url[end - 1])[0] == "P":
        end -= 1
    return url[end:]


def _cut(text: str) -> str:
    """``text`` up to the first letter whose script is not the one of the letter before it
    in the same part (letters, marks and digits only between them)."""
    before: str | None = None
    for i, char in enumerate(text):
        category = unicodedata.category(char)[0]
        if category == "L":
            script = _script(char)
            if before is not None and script != before:
                return text[:i]
            before = script
        elif category not in "MN":  # a mark is its letter's; a digit has no script
            before = None
    return text


def _script(letter: str) -> str:
    """A letter's script as Unicode names it (``LATIN``, ``HANGUL``, ``HIRAGANA``,
    ``ARABIC``, ``CJK``), close enough to tell one script from the next."""
    return unicodedata.name(letter, "?").split(" ")[0]

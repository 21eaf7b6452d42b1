"""Texts and their translations, one at a time: Markdown segmented into translatable
units (``segment``) and put back together with translations (``compose``), Markdown
rendered as the site renders it, sanitised, and compared block by block (``markdown``),
with its links' brackets found from the brackets alone (``brackets``), inline Markdown
cut into tokens (``tokens``), e-mail addresses and URLs in running text
(``addresses``), compared word by word (``worddiff``) and document by document
(``diff``), both with difflib's matcher, compiled where it can be (``matching``), the
redlines rendered from it (``redline``) and what they mark beyond a plain word diff
(``marked``); the checks of a translation against its source (``checks``, ``hidden``;
numbers read as each language writes them, ``numbers``; their order in a right-to-left
text, ``direction``; characters no installed font draws, ``glyphs``) and the one gate
that decides whether it may be published (``gate``); the text a page shows of a notice
(``shown``); what a notice states as data (``facts``) and what the GDPR requires it to
say (``disclosures``); catalogs of translations (``catalog``) and the PO files that
hold them, read strictly and written as gettext writes them (``pofile``).

May import: ``notice.core``.
"""

"""Texts and their translations, one at a time: Markdown segmented into translatable
units (``segment``) and put back together with translations (``compose``), Markdown
rendered as the site renders it, sanitised, and compared block by block (``markdown``),
inline Markdown cut into tokens (``tokens``), compared word by word (``worddiff``) and
document by document (``diff``), and the redlines rendered from it (``redline``), the
checks of a translation against its source (``checks``, ``hidden``), the text a page
shows of a notice (``shown``), catalogs of translations (``catalog``) and the PO files
that hold them, read strictly and written as gettext writes them (``pofile``).

May import: ``notice.core``.
"""

"""Texts and their translations, one at a time: Markdown segmented into translatable
units and put back together (``segment``), the word diff and its renderings (``diff``),
the checks of a translation against its source and the one Markdown renderer
(``checks``), and PO catalogs read strictly and written as gettext does (``catalog``).

May import: ``notice.core``.
"""

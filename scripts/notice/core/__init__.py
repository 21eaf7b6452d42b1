"""Foundations every layer uses: errors that name a file and line (``errors``), YAML
with line numbers (``yamltext``), language codes and scripts (``languages``), the digits
a language writes numbers in (``numbering``), worker processes (``parallel``), the build
cache (``cache``), the time a command runs at (``clock``: ``SOURCE_DATE_EPOCH`` when
set), the paths a command may read or replace (``paths``: never through a symbolic
link), edits of built HTML that keep the rest byte for byte (``htmledit``) and text made
one line for a file format's line (``plaintext``).

May import: nothing of ``notice`` but its version.
"""

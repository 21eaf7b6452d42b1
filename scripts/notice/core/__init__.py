"""Foundations every layer uses: errors that name a file and line (``errors``), YAML
with line numbers (``yamltext``), language codes and scripts (``languages``), worker
processes (``parallel``), the build cache (``cache``), the time a command runs at
(``clock``: ``SOURCE_DATE_EPOCH`` when set) and the paths a command may read or replace
(``paths``: never through a symbolic link).

May import: nothing of ``notice`` but its version.
"""

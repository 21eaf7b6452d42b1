"""Foundations every layer uses: errors that name a file and line (``errors``), YAML
with line numbers (``yamltext``), language codes and scripts (``languages``), worker
processes (``parallel``) and the build cache (``cache``).

May import: nothing of ``notice`` but its version.
"""

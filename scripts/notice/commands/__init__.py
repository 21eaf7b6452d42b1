"""The ``notice`` command (``cli``) and the project it creates (``new``).

May import: every layer.
"""

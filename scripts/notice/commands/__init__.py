"""The ``notice`` command: its arguments and entry point (``cli``), its handlers by what
they serve (``translating``, ``releasing``, ``building``; ``common`` for what all need),
and the project ``notice new`` creates (``new``). Only this layer prints or exits.

May import: every layer.
"""

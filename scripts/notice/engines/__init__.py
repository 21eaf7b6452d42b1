"""Engines: what renders a staged site into HTML. MkDocs or Zensical, a process per
language, assembled (``render``); MkDocs in one process (``one_process``); a part of the
languages, and parts assembled (``parts``); the MkDocs plugin (``plugin``) and the
Markdown extension that sanitises every page (``sanitizer``).

May import: every layer but ``notice.commands``.
"""

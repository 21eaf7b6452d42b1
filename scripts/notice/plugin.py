"""The MkDocs plugin, where ``mkdocs.yml`` and the ``mkdocs.plugins`` entry point find it."""

from notice.engines.plugin import NoticePlugin

__all__ = ["NoticePlugin"]

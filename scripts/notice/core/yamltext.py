"""YAML as plain data: dates stay text, so a bad date is our clear error, not a crash."""

from __future__ import annotations

from typing import Any

import yaml

from notice.core.errors import printable, quoted


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without the implicit timestamp type.

    PyYAML turns ``2025-13-01`` into a ``ValueError`` from deep inside the loader;
    kept as text, the caller validates it and names the file and line.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> Any:
    """Parse YAML safely, with dates left as strings."""
    return yaml.load(text, Loader=_Loader)


#: The deepest that plain data may nest (a registry nests three levels; composing recurses
#: once a level, and Python's stack holds about a thousand).
MAX_DEPTH = 32


class NotPlainData(yaml.composer.ComposerError):
    """YAML that plain data has no use for, refused before it is composed."""


class _PlainLoader(_Loader):
    """``_Loader`` for a file that may come from anyone: no anchor or alias (a few hundred
    bytes of nested aliases stand for more data than memory holds, a "billion laughs"),
    and at most ``MAX_DEPTH`` levels."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise NotPlainData(
                None,
                None,
                "anchors and aliases (&name, *name) are refused: a few bytes of them can stand "
                "for more data than memory holds",
                event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise NotPlainData(
                None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self.depth -= 1


def load_plain(text: str) -> tuple[yaml.Node | None, Any]:
    """Plain data from YAML that anyone may have written, and its node (for line numbers):
    dates left as strings, no anchor or alias, nested at most ``MAX_DEPTH`` levels
    (``NotPlainData`` names the line of the first that is not)."""
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


class ConfigLoader(yaml.SafeLoader):
    """A safe loader for ``mkdocs.yml`` that knows its tags without importing MkDocs.

    ``!ENV NAME`` or ``!ENV [NAME, OTHER, default]`` is the first variable that is set,
    else the last item; ``!relative`` a path, kept as text; ``!!python/name:module.attr``
    (extension options such as an emoji index) the object it names, imported when read.
    """


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    import os

    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1] or items, items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.load(os.environ[name], Loader=yaml.SafeLoader)
    return default


def _relative(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    import importlib

    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"cannot import {quoted(suffix)}: {printable(str(exc))}", node.start_mark
        ) from exc


ConfigLoader.add_constructor("!ENV", _environment)
ConfigLoader.add_constructor("!relative", _relative)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def key_line(node: yaml.Node | None, key: str) -> int | None:
    """The 1-based line of ``key`` in a mapping ``node`` (its own keys only), if it has it."""
    if isinstance(node, yaml.MappingNode):
        for name, _ in node.value:
            if getattr(name, "value", None) == key:
                return int(name.start_mark.line) + 1
    return None


def node_line(node: yaml.Node | None) -> int | None:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1 if node is not None else None

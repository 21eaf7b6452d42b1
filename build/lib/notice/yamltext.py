"""YAML as plain data: dates stay text, so a bad date is our clear error, not a crash."""

from __future__ import annotations

from typing import Any

import yaml


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

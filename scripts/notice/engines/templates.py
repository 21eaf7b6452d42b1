"""The theme's templates compiled once per process, not once per language.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n builds each
language as a build of its own: every language compiled the theme's templates again
(a few hundred of them, Material's partials included). ``TEMPLATES``, set as each
environment's bytecode cache (``NoticePlugin.on_env``), keeps what was compiled in
memory for the next language. Jinja checks each template's source against what it was
compiled from, and compiled code is kept apart for environments that could compile it
differently: their syntax, whitespace settings and extensions, and their filters,
tests, ``finalize`` and ``autoescape`` by name and by what Jinja passes them (MkDocs
gives every language the same).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


def _compiles_as(environment: Environment) -> tuple[Any, ...]:
    """What of an environment decides the code a template compiles to."""
    return (
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
        _named(environment.autoescape),
        _named(environment.finalize),
        tuple(sorted(environment.extensions)),
        _callables(environment.filters),
        _callables(environment.tests),
    )


def _named(value: Any) -> Any:
    """A function by its module, name and what Jinja passes it; another value as it is."""
    if callable(value):
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        return (name, str(getattr(value, "jinja_pass_arg", "")))
    return value


def _callables(functions: Mapping[str, Any]) -> tuple[Any, ...]:
    """Filters or tests: the code calls each by its name, passing it what it asks for
    (the context, the environment), and refuses to compile a call to one missing."""
    return tuple(sorted((name, _named(function)) for name, function in functions.items()))


class CompiledTemplates(BytecodeCache):
    """Compiled templates, in memory, for as long as the process lives."""

    def __init__(self) -> None:
        self._code: dict[tuple[Any, ...], bytes] = {}
        self.loaded = 0

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((_compiles_as(bucket.environment), bucket.key))
        if code is not None:
            bucket.bytecode_from_string(code)
            self.loaded += bucket.code is not None

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(_compiles_as(bucket.environment), bucket.key)] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


TEMPLATES = CompiledTemplates()

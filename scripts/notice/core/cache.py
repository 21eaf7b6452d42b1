"""What a build computes from released texts, kept between builds (``.cache/notice``).

Released texts never change: their hashes are recorded in ``versions.yml``. What a
build derives from them alone (their segments, the redline of two of them) is the same
on every build, so it is stored under a key that hashes everything it is computed
from, together with the code that computes it: a new text, a new translation of a
label or a new version of ``notice`` gives a new key, never a stale entry.

A cache must never change a site nor stop a build: an entry that cannot be read is
computed again, a folder that cannot be written is a warning, and a site built with
the cache is byte for byte the site built without it (tested). Entries are JSON,
written to a temporary file and renamed, so a build that is interrupted leaves no
half-written entry. After a full build, entries it did not use are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import cache as _memoize
from importlib import metadata
from pathlib import Path
from typing import Any

from notice import __version__

log = logging.getLogger("mkdocs.plugins.notice")

#: Bump when the shape of an entry changes.
FORMAT = 1
#: What ``Cache.load`` gives for a key it does not hold.
MISSING: Any = object()


#: The libraries whose parsing decides what an entry holds.
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "PyYAML")


@_memoize
def code_fingerprint() -> str:
    """A hash of the package's own code and of the versions of the parsers it uses:
    entries made by other code are never used."""
    versions = "\0".join(f"{name}={metadata.version(name)}" for name in LIBRARIES)
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0{versions}".encode())
    package = Path(__file__).resolve().parents[1]
    for module in sorted(package.rglob("*.py")):
        name = module.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(kind: str, parts: Iterable[str]) -> str:
    """The key of an entry: its kind, the code and every input, unambiguously joined."""
    digest = hashlib.sha256(f"{code_fingerprint()}\0{kind}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Cache:
    """Entries under one folder, or nothing kept at all (``folder=None``)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()
        self._writable = folder is not None

    def get(self, kind: str, parts: Iterable[str], compute: Callable[[], Any]) -> Any:
        """The stored value for these inputs, else ``compute()``, stored (JSON data)."""
        key = cache_key(kind, parts)
        value = self.load(key)
        return self.compute(key, compute) if value is MISSING else value

    def compute(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, stored under ``key`` (by whichever process computes it)."""
        value = compute()
        self.save(key, value)
        return value

    def load(self, key: str) -> Any:
        """The value stored under ``key``, else ``MISSING`` (counted as a miss)."""
        self._used.add(key)
        path = self._path(key)
        if path is not None:
            try:
                with path.open(encoding="utf-8") as stream:
                    entry = json.load(stream)
                if isinstance(entry, dict) and entry.get("key") == key and "value" in entry:
                    self.hits += 1
                    return entry["value"]
            except (OSError, ValueError):
                pass  # missing, unreadable or damaged: to be computed again
        self.misses += 1
        return MISSING

    def save(self, key: str, value: Any) -> None:
        """Store a value (JSON data) computed for ``key``."""
        path = self._path(key)
        if path is not None and self._writable:
            self._write(path, {"key": key, "value": value})

    def prune(self) -> int:
        """Remove the entries this build did not use; how many were removed."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.glob("??/*.json"):
            if path.stem not in self._used:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.json"

    def _write(self, path: Path, entry: dict[str, Any]) -> None:
        if not _plain(entry):
            return  # not plain JSON data (a YAML oddity in front matter): not kept
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(data)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self._writable = False
            log.warning(
                f"notice: the cache in {self.folder} cannot be written ({exc}); building without it"
            )


def _plain(value: Any) -> bool:
    """Whether JSON gives ``value`` back as it is (no tuple, no key that is not text)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    return value is None or isinstance(value, (str, int, bool))

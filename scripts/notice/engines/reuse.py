"""A language rendered by the previous build, reused when nothing it was rendered from
changed.

A language's rendering depends on its staged pages and manifest, the project's
configuration (``mkdocs.yml`` with what it inherits), the theme's overrides, the engine
and the versions of the libraries that render, and this package's code. When all of them
are what the previous build rendered the language from, its output is taken from the
cache (``<cache>/languages/<engine>/<code>/``) instead of being rendered again: a build
with no change renders nothing, and one whose change touches one language renders that
language alone.

The kept output is hard-linked into the build, and the build's output into the cache, so
keeping it costs no copy. Every file's size and modification time are recorded with it:
a kept file changed in place (through the site it was linked into) makes the language
rendered again, never reused. One output is kept per language and engine: the last.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path

from notice.core.cache import code_fingerprint
from notice.engines.assembly import link_tree
from notice.engines.rendered import stable_data
from notice.project.config import Project
from notice.site.manifest import Manifest
from notice.site.stage import PAGES

#: The libraries whose code decides what an engine writes.
ENGINE_LIBRARIES = {
    "mkdocs": (
        "mkdocs",
        "mkdocs-material",
        "mkdocs-static-i18n",
        "markdown",
        "pymdown-extensions",
        "babel",
    ),
    "zensical": ("zensical", "markdown", "pymdown-extensions"),
}
#: The record kept beside each output.
RECORD = "kept.json"


def engine_inputs(project: Project, engine: str) -> str:
    """What every language's rendering depends on besides its own pages: the
    configuration, the theme's overrides, the engine and its libraries, this code."""
    digest = hashlib.sha256()
    digest.update(f"{engine}\0{code_fingerprint()}\0".encode())
    for name in ENGINE_LIBRARIES[engine]:
        digest.update(f"{name}={_version(name)}\0".encode())
    config = json.dumps(stable_data(project.raw), sort_keys=True, ensure_ascii=False)
    digest.update(config.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(tree_digest(project.overrides_dir))
    return digest.hexdigest()


def language_key(inputs: str, staged_language: Path) -> str:
    """The key of one language's rendering: ``inputs``, its staged pages and what the
    manifest says of it. Not the build date: the engines do not read it (a page's
    dates are in its front matter), so a daily build with no change renders nothing."""
    digest = hashlib.sha256(inputs.encode())
    manifest = Manifest.read(staged_language).to_data()
    manifest.pop("date", None)
    digest.update(json.dumps(manifest, sort_keys=True).encode() + b"\0")
    digest.update(tree_digest(staged_language / PAGES))
    return digest.hexdigest()


def reuse(kept: Path, key: str, out: Path) -> bool:
    """The kept rendering for ``key`` linked into ``out``, if there is one, unchanged."""
    record = _read(kept / RECORD)
    if record is None or record.get("key") != key:
        return False
    files = record.get("files")
    if not isinstance(files, dict) or not _unchanged(kept / "out", files):
        return False
    link_tree(kept / "out", out)
    return True


def keep(kept: Path, key: str, out: Path) -> None:
    """Keep ``out`` (just rendered for ``key``) as the language's last rendering; a
    cache that cannot be written is left as it is."""
    temporary = kept.with_name(f".{kept.name}-{os.getpid()}")
    try:
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir(parents=True)
        link_tree(out, temporary / "out")
        files = _stats(temporary / "out")
        record = {"key": key, "files": files}
        (temporary / RECORD).write_text(json.dumps(record), encoding="utf-8")
        shutil.rmtree(kept, ignore_errors=True)
        temporary.rename(kept)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)


def _stats(root: Path) -> dict[str, list[int]]:
    return {
        path.relative_to(root).as_posix(): [path.stat().st_size, path.stat().st_mtime_ns]
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _unchanged(root: Path, files: dict[str, list[int]]) -> bool:
    try:
        return _stats(root) == files
    except OSError:
        return False


def _read(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def tree_digest(root: Path) -> bytes:
    """The digest of every file under ``root``, its path and bytes, in order."""
    digest = hashlib.sha256()
    if not root.is_dir():
        return b"-\0"
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix().encode("utf-8", "surrogateescape")
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)
    return digest.digest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"

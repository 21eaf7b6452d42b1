"""The files of a project that a command reads, and the folder a build replaces: never
through a symbolic link.

A project is often someone else's: a pull request, a repository cloned to be built. A
link in it would have a build read any file of the machine that builds it and publish
it, or quote it in an error (a PO file linked to ``/proc/self/environ`` put the
environment in the log); a ``site`` that is a link would have the build delete and
replace the folder it points to. So a command reads a file of the project only when it is
inside the project with no link on the way (``inside_project``), and replaces its output
folder only when that is no link (``output_folder``). The end-to-end tests
(``tests/e2e/test_paths.py``) link each of them out of the project and expect the refusal.
"""

from __future__ import annotations

import os
from pathlib import Path

from notice.core.errors import ConfigError, quoted


def inside_project(path: Path, root: Path) -> Path:
    """``path`` (a file or folder of the project whose folder is ``root``) if it may be
    read: inside ``root``, and neither it nor a folder between ``root`` and it a symbolic
    link. Else a ``ConfigError`` naming the link, or the path outside."""
    link = _first_link(path, root)
    if link is not None:
        kind = "folder" if link.is_dir() else "file"
        raise ConfigError(
            f"is a symbolic link (to {_target(link)}); notice reads only the project's own files",
            _shown(link, root),
            hint=f"replace the link by the {kind} itself",
        )
    if not _below(path.resolve(), root.resolve()):
        raise ConfigError(
            "is outside the project; notice reads only the project's own files",
            _shown(path, root),
            hint="keep docs/ and locales/ in the folder of mkdocs.yml",
        )
    return path


def output_folder(path: Path, root: Path | None = None) -> Path:
    """``path``, a folder that a command deletes and replaces as a whole (the built site),
    if that cannot delete anything else: neither it nor a folder between ``root`` (the
    project's, when it is inside) and it is a symbolic link. Checked before anything is
    removed; else a ``ConfigError`` naming the link."""
    link = _first_link(path, root) if root is not None else None
    if link is None and path.is_symlink():
        link = path
    if link is None:
        return path
    what = "this folder" if link.absolute() == path.absolute() else _shown(path, root)
    raise ConfigError(
        f"is a symbolic link (to {_target(link)}); notice replaces {what} as a whole, "
        "and never what a link points to",
        _shown(link, root),
        hint="remove the link, or give the folder it points to instead",
    )


def _first_link(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from ``root`` (not included) to ``path``, the
    way the system walks it (``..`` included), if ``path`` is below ``root``."""
    absolute = path.absolute()
    if not _below(absolute, root):
        return None
    current = root
    for part in absolute.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def _below(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _shown(path: Path, root: Path | None) -> str:
    """A path as messages name it: relative to the project, as written (not resolved:
    a link is named, not what it points to)."""
    absolute = path.absolute()
    if root is not None and _below(absolute, root):
        return absolute.relative_to(root).as_posix()
    if root is not None:
        return os.path.relpath(absolute, root)
    return str(path)


def _target(link: Path) -> str:
    """Where a link points, as it says, quoted (cut and escaped: it is the project's text)."""
    try:
        return quoted(os.readlink(link))
    except OSError:
        return "?"

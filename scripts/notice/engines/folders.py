"""Work folders beside the site: what killed builds left removed, and the new site put in
place of the old one with two renames (a failed build leaves the old one), from the work
folder of a build, a part or an assembly."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from notice.core.paths import output_folder


def remove_leftovers(folder: Path, prefix: str) -> None:
    """Remove the temporary folders ``prefix<pid>-…`` in ``folder`` of processes that are
    gone (a build killed halfway leaves its folder behind)."""
    for path in folder.glob(f"{prefix}*-*"):
        pid = path.name[len(prefix) :].split("-", 1)[0]
        if path.is_dir() and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether a process with this id exists (it may be another user's)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        pass  # another user's process
    return True


def swap(new: Path, target: Path) -> None:
    """Put the new site in place of the old one with two renames."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    new.rename(target)
    target.chmod(0o755)  # mkdtemp made it private; a web server must read it
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def work_folder(site_dir: Path, kind: str, root: Path | None = None) -> Iterator[Path]:
    """A work folder beside ``site_dir``, removed whatever happens; what the caller
    leaves in its ``result`` then replaces ``site_dir`` whole (a failure leaves it).
    A ``site_dir`` that is a symbolic link, or is in one below the project's ``root``,
    is refused first: replacing it would replace what it points to."""
    target = output_folder(site_dir, root).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target.parent, f".{target.name}-{kind}-")
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-{kind}-{os.getpid()}-", dir=target.parent))
    try:
        yield work
        final = (work / "result").rename(work.with_name(work.name + "-done"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    swap(final, target)

"""Building the site with MkDocs: into a temporary folder, then swapped into place."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

from notice.core.errors import NoticeError
from notice.project.config import Project


def build_site(
    project: Project,
    *,
    site_dir: Path | None = None,
    draft: bool = False,
    preview: bool = False,
    day: date | None = None,
    cache: bool = True,
    jobs: int | None = None,
) -> Path:
    """Build the whole site; a failed build leaves the previous site untouched."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(config_file=str(project.config_file))
    except (ConfigurationError, Abort) as exc:
        raise NoticeError(
            f"invalid configuration: {exc}", project.relative(project.config_file)
        ) from exc
    target = (site_dir or Path(config.site_dir)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target.parent, f".{target.name}-build-")
    temporary = Path(
        tempfile.mkdtemp(prefix=f".{target.name}-build-{os.getpid()}-", dir=target.parent)
    )
    config.site_dir = str(temporary)
    plugin = config.plugins.get("notice")
    if plugin is not None:
        plugin.config.draft = draft or plugin.config.draft
        plugin.config.preview = preview or plugin.config.preview
        plugin.config.cache = cache and plugin.config.cache
        if jobs is not None:
            plugin.config.jobs = jobs
        if day is not None:
            plugin.config.date = day.isoformat()
    config.plugins.on_startup(command="build", dirty=False)
    # MkDocs dates the sitemap and gzip headers by SOURCE_DATE_EPOCH: the build date.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if day is not None and epoch is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(
            int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())
        )
    duplicate = _SameError(plugin)
    handler = _log_warnings()
    handler.addFilter(duplicate)
    try:
        build(config)
    except (Abort, Exception) as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        cause = getattr(plugin, "last_error", None)
        if isinstance(cause, NoticeError):
            raise cause from exc
        if isinstance(exc, Abort):
            raise NoticeError(f"the build failed: {exc}") from exc
        raise
    finally:
        if day is not None and epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        handler.removeFilter(duplicate)
        config.plugins.on_shutdown()
    swap(temporary, target)
    return target


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


class _SameError(logging.Filter):
    """Drops MkDocs' log line for an error that ``notice`` reports itself."""

    def __init__(self, plugin: object) -> None:
        super().__init__()
        self.plugin = plugin

    def filter(self, record: logging.LogRecord) -> bool:
        error = getattr(self.plugin, "last_error", None)
        return error is None or record.getMessage() != str(error)


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


def _log_warnings() -> logging.Handler:
    """Show MkDocs' warnings and errors (its info lines are noise here)."""
    logger = logging.getLogger("mkdocs")
    for handler in logger.handlers:
        if getattr(handler, "_notice", False):
            return handler
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    handler._notice = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler

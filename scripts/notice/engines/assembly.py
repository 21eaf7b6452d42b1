"""The one assembler: how every route lays a staged site out for an engine and joins what
the engine rendered into the site.

Every route goes through these functions, with the staged folder and the build date as
arguments (no environment variable carries them):

- ``notice build`` stages, ``lay_out``\\s the staged site, renders each language from its
  ``language_stage`` and ``assemble``\\s the outputs;
- ``notice build --languages`` does the same for its languages and keeps the outputs as a
  part; ``notice assemble`` joins the parts with ``assemble``;
- ``mkdocs build`` and ``notice serve`` (the plugin staging in MkDocs' process)
  ``lay_out`` the staged site, let MkDocs and static-i18n render every language, then
  ``finish`` the site.

``finish`` is the last step of each: each language's 404 page where hosts look for it,
the staged files (feeds, ``versions.json``, sitemap, ``_headers``, ``_redirects``), and
``sitemap.xml.gz`` dated by the build date, so that every route gives the same bytes.
"""

from __future__ import annotations

import gzip
import os
import shutil
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

from notice.site.hosting import not_found_pages
from notice.site.manifest import Manifest
from notice.site.stage import FILES, PAGES, Staged, write_stage

#: The compressed copy of the sitemap that hosts and crawlers may ask for.
SITEMAP_GZ = "sitemap.xml.gz"


def lay_out(staged: Staged, into: Path) -> Path:
    """The staged site written in ``into`` (``stage.json``, ``docs/``, ``files/``)."""
    return write_stage(staged, into)


def language_stage(folder: Path, code: str, into: Path) -> Path:
    """One language of the staged site laid out in ``folder``, in ``into``: its pages
    (hard links) and a manifest that names only that language."""
    into.mkdir(parents=True)
    Manifest.read(folder).only(code).write(into)
    link_tree(folder / PAGES / code, into / PAGES / code)
    return into


def staged_files(folder: Path) -> dict[str, bytes]:
    """The extra files of the staged site laid out in ``folder``, by path."""
    root = folder / FILES
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def assemble(
    outputs: Mapping[str, Path], manifest: Manifest, files: Mapping[str, bytes], site: Path
) -> Path:
    """One site from the per-language renderings (``outputs``, by language code), moved
    into ``site``: the source language's gives the root (pages and the theme's assets),
    every other language's its ``<lang>/`` folder. Then ``finish``."""
    site.mkdir()
    for language in manifest.languages:
        output = outputs[language.code]
        prefix = language.prefix
        if prefix:
            (output / prefix).rename(site / prefix)
        else:
            for item in sorted(output.iterdir()):
                item.rename(site / item.name)
    finish(site, manifest, files)
    site.chmod(0o755)
    return site


def finish(site: Path, manifest: Manifest, files: Mapping[str, bytes]) -> None:
    """The last step of every route: each language's 404 page where hosts look for it,
    the staged files, and ``sitemap.xml.gz`` dated by the build date (``manifest.today``)."""
    written = {path: page.encode("utf-8") for path, page in not_found_pages(site, manifest).items()}
    written.update(files)
    if "sitemap.xml" in files:
        day = manifest.today
        mtime = int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())
        written[SITEMAP_GZ] = gzip.compress(files["sitemap.xml"], mtime=mtime)
    for path, data in written.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        # A new file, never the one there: it may be linked to a kept rendering
        # (notice.engines.reuse).
        target.unlink(missing_ok=True)
        target.write_bytes(data)


def link_tree(source: Path, target: Path) -> None:
    """``source``'s files at ``target``, hard-linked (copied where links fail)."""
    shutil.copytree(source, target, copy_function=_link)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)

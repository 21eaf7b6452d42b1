"""The one way through a build: sources, checked and staged once, rendered per language.

``build_site`` checks and stages the project once (``notice.site.stage``), then renders each
language of the staged site in its own process, on up to ``jobs`` cores (with one job,
or where processes cannot be forked, one after another in this process), each into its
own folder, and assembles them into one site: the source language's build gives the
root (pages, theme assets), every other language's build its ``<lang>/`` folder; then
the staged files (feeds, ``versions.json``, sitemap, ``_headers``, ``_redirects``) and
each language's 404 page where hosts look for it. The site replaces the previous one
in two renames; a failure leaves it untouched.

- ``mkdocs`` (default): MkDocs, Material and mkdocs-static-i18n, as ``mkdocs build``
  would; each process builds one language through the notice plugin, which then only
  points MkDocs at its part of the staged tree (``NOTICE_STAGED``). ``mkdocs build``
  itself (the plugin stages the project in its process) gives the same bytes.
- ``zensical``: one Zensical build per language, from a configuration written for it
  (the project's theme, overrides and Markdown extensions, plus ``notice.engines.sanitizer``;
  no plugins).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from notice.core.errors import NoticeError
from notice.core.languages import theme_language
from notice.core.parallel import run_all
from notice.engines.folders import remove_leftovers, work_folder
from notice.project.config import Project
from notice.site.hosting import not_found_pages, write_files
from notice.site.manifest import Manifest, StagedLanguage
from notice.site.stage import (
    PAGES,
    STAGED_ENV,
    Settings,
    Staged,
    Work,
    stage,
    write_language,
)

ENGINES = ("mkdocs", "zensical")
#: The Zensical release the engine is tested with (later ones need a package the
#: registry does not have); ``pyproject.toml``'s ``zensical`` extra pins it.
ZENSICAL_VERSION = "0.0.73"


def build_site(
    project: Project,
    settings: Settings,
    work: Work,
    *,
    site_dir: Path | None = None,
    engine: str = "mkdocs",
) -> Path:
    """Build the whole site with ``engine``; a failed build leaves the previous site."""
    prepare_engine(engine)
    target = site_dir or project.root / str(project.raw.get("site_dir") or "site")
    # The staging folders of `mkdocs build`s that were killed.
    remove_leftovers(Path(tempfile.gettempdir()), "notice-stage-")
    with work_folder(target, "build", project.root) as into:
        staged = stage(project, settings, work)
        _render(project, staged, into, engine, work.workers)
    return target.resolve()


def prepare_engine(engine: str) -> None:
    """Refuse an engine that is not one, or not installed; quiet Material's banner."""
    if engine not in ENGINES:
        raise NoticeError(f"'{engine}' is not an engine: {', '.join(ENGINES)}")
    if engine == "zensical":
        _check_zensical()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _render(project: Project, staged: Staged, work: Path, engine: str, workers: int) -> Path:
    """Every language rendered in its own process, then assembled into ``work/result``."""
    codes = [language.code for language in staged.languages]
    with build_epoch(staged.today):
        # Each process writes the pages it renders: the staged site is in its memory.
        outputs = render_languages(
            project, partial(write_language, staged), codes, engine, workers, work
        )
        return assemble(
            dict(zip(codes, outputs, strict=True)), staged.manifest(), staged.files, work / "result"
        )


#: Lays one language of a staged site out in a folder (``code``, ``into``) and returns it.
LayOut = Callable[[str, Path], Path]


def render_languages(
    project: Project, lay_out: LayOut, codes: Sequence[str], engine: str, workers: int, work: Path
) -> list[Path]:
    """The languages ``codes`` of a staged site, each laid out by ``lay_out`` into
    ``work/stage-<code>`` and rendered into ``work/out-<code>``, in a process of its own."""
    render = _render_mkdocs if engine == "mkdocs" else _render_zensical
    if engine == "mkdocs":
        _preload_mkdocs(project)
    jobs = [partial(_render_one, render, project, lay_out, code, work) for code in codes]
    return run_all(jobs, workers, at_least=2)


def _render_one(
    render: Callable[[Project, Path, str, Path], Path],
    project: Project,
    lay_out: LayOut,
    code: str,
    work: Path,
) -> Path:
    return render(project, lay_out(code, work / f"stage-{code}"), code, work / f"out-{code}")


def language_stage(folder: Path, code: str, into: Path) -> Path:
    """One language of the staged site written in ``folder``, laid out in ``into``: its
    pages (hard links) and a manifest that names only that language."""
    into.mkdir(parents=True)
    Manifest.read(folder).only(code).write(into)
    _link_tree(folder / PAGES / code, into / PAGES / code)
    return into


@contextlib.contextmanager
def build_epoch(day: date) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set to the build date (unless given), for the engines."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(
            int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())
        )
    try:
        yield
    finally:
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def assemble(
    outputs: dict[str, Path], manifest: Manifest, files: dict[str, bytes], site: Path
) -> Path:
    """One site from the per-language builds (``outputs``, by language code): the source
    language's gives the root. The outputs are moved into ``site``."""
    site.mkdir()
    for language in manifest.languages:
        output = outputs[language.code]
        prefix = language.prefix
        if prefix:
            (output / prefix).rename(site / prefix)
        else:
            for item in sorted(output.iterdir()):
                item.rename(site / item.name)
    for path, page in not_found_pages(site, manifest).items():
        (site / path).write_text(page, encoding="utf-8")
    write_files(site, files)
    site.chmod(0o755)
    return site


# --- MkDocs ------------------------------------------------------------------------------


def _preload_mkdocs(project: Project) -> None:
    """Import MkDocs, the theme and the plugins once, before the processes fork."""
    from mkdocs.commands import build  # noqa: F401
    from mkdocs.config import load_config

    load_config(config_file=str(project.config_file))


def _render_mkdocs(project: Project, folder: Path, code: str, out: Path) -> Path:
    """One language (the only one staged in ``folder``) through MkDocs, Material and
    static-i18n, as in a whole build."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # static-i18n warns that the source language has no home page in a process that
    # builds another language: true, and meant.
    logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.plugin").addFilter(
        lambda record: "Could not find a homepage" not in record.getMessage()
    )
    os.environ[STAGED_ENV] = str(folder)
    try:
        config = load_config(config_file=str(project.config_file), site_dir=str(out))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        del os.environ[STAGED_ENV]
    return out


# --- Zensical ----------------------------------------------------------------------------


def _check_zensical() -> None:
    try:
        import zensical
    except ImportError:
        raise NoticeError(
            "the zensical engine is not installed",
            hint=f"pip install 'notice[zensical]' (Zensical {ZENSICAL_VERSION})",
        ) from None
    if zensical.version() != ZENSICAL_VERSION:
        print(
            f"warning: Zensical {zensical.version()} is installed; "
            f"notice is tested with {ZENSICAL_VERSION}",
            file=sys.stderr,
        )


def zensical_config(project: Project, language: StagedLanguage, docs: str, out: str) -> dict:
    """A Zensical configuration for one language of the staged site."""
    import html

    raw = project.raw
    theme = dict(raw.get("theme") or {})
    theme["language"] = theme_language(language.code, _zensical_theme_dirs(theme))
    # Zensical's "classic" look is Material's, which the site's styles are made for.
    theme.setdefault("variant", "classic")
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((project.root / str(theme["custom_dir"])).resolve())
    # The extensions MkDocs renders with (its own, mkdocs.yml's, and those the pages need),
    # then the sanitiser.
    extensions: list[Any] = [
        {name: project.mdx_configs[name]} if name in project.mdx_configs else name
        for name in project.markdown_extensions
    ]
    extensions.append("notice.engines.sanitizer")
    extra = dict(raw.get("extra") or {})
    # The switcher lists each page's own alternates (front matter); the theme shows it
    # only when this is set.
    extra["alternate"] = [{"name": language.name, "link": language.prefix, "lang": language.code}]
    config: dict[str, Any] = {
        key: raw[key]
        for key in ("site_description", "site_author", "copyright", "repo_url", "repo_name")
        if key in raw
    }
    config.update(
        site_name=html.escape(language.site_name),
        site_url=project.site_url or None,
        docs_dir=docs,
        site_dir=out,
        use_directory_urls=True,
        theme=theme,
        markdown_extensions=extensions,
        extra=extra,
        # No search: the MkDocs site has none, and Zensical's writes an inline style
        # that a strict Content-Security-Policy refuses.
        plugins=[{"search": {"enabled": False}}],
        nav=[{entry.title: entry.page.partition("/")[2]} for entry in language.nav]
        if not language.prefix
        else [{entry.title: entry.page} for entry in language.nav],
    )
    return {k: v for k, v in config.items() if v is not None}


def _zensical_theme_dirs(theme: dict[str, Any]) -> list[Path]:
    """Where Zensical finds templates: the project's overrides, then its own."""
    import zensical

    found = [Path(zensical.__file__).parent / "templates"]
    if theme.get("custom_dir"):
        found.insert(0, Path(str(theme["custom_dir"])))
    return found


def _render_zensical(project: Project, folder: Path, code: str, out: Path) -> Path:
    """One language (the only one staged in ``folder``) through Zensical: its pages
    where the site serves them."""
    import zensical

    language = Manifest.read(folder).language(code)
    # Zensical wants the pages and the site inside the configuration's folder.
    root = out
    _link_tree(folder / PAGES / code, root / "docs" / language.prefix)
    config = zensical_config(project, language, "docs", "site")
    config_file = root / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=True), encoding="utf-8"
    )
    with _quiet(root / "zensical.log") as log:  # Zensical reports each build
        try:
            zensical.build(str(config_file), {"clean": True, "strict": False})
        except Exception as exc:
            raise NoticeError(f"Zensical failed on {code}: {exc}\n{log.read_text()}") from exc
    return root / "site"


@contextlib.contextmanager
def _quiet(log: Path) -> Iterator[Path]:
    """Standard output and error into ``log`` (Zensical writes to them from Rust)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(log, "wb") as out:
        os.dup2(out.fileno(), 1)
        os.dup2(out.fileno(), 2)
    try:
        yield log
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def _link_tree(source: Path, target: Path) -> None:
    """``source``'s files at ``target``, hard-linked (copied where links fail)."""
    shutil.copytree(source, target, copy_function=_link)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)

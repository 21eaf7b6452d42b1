"""The one way through a build: sources, checked and staged once, rendered per language.

``build_site`` checks and stages the project once (``notice.site.stage``), then renders each
language of the staged site in its own process, on up to ``jobs`` cores (with one job,
or where processes cannot be forked, one after another in this process), each into its
own folder, and assembles them into one site (``notice.engines.assembly``, the one
assembler of every route). The site replaces the previous one in two renames; a
failure leaves it untouched.

- ``mkdocs`` (default): MkDocs, Material and mkdocs-static-i18n, as ``mkdocs build``
  would; each process builds one language through the notice plugin, which is handed
  the folder of that language (``NoticePlugin.render_staged``) and then only points
  MkDocs at it. ``mkdocs build`` itself (the plugin stages the project in its process)
  gives the same bytes.
- ``zensical``: one Zensical build per language, from a configuration written for it
  (the project's theme, overrides and Markdown extensions, plus ``notice.engines.sanitizer``;
  no plugins).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from notice.core.errors import NoticeError
from notice.core.languages import theme_language
from notice.core.parallel import run_all
from notice.engines.assembly import assemble, language_stage, lay_out, link_tree, staged_files
from notice.engines.folders import remove_leftovers, work_folder
from notice.engines.plugin import NoticePlugin
from notice.engines.reuse import engine_inputs, keep, language_key, reuse
from notice.project.config import Project
from notice.site.manifest import Manifest, StagedLanguage
from notice.site.stage import PAGES, Settings, Work, stage

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
        rendered = render_staged(project, settings, work, None, engine, into)
        files = staged_files(rendered.folder)
        assemble(rendered.outputs, rendered.manifest, files, into / "result")
    return target.resolve()


def prepare_engine(engine: str) -> None:
    """Refuse an engine that is not one, or not installed; quiet Material's banner."""
    if engine not in ENGINES:
        raise NoticeError(f"'{engine}' is not an engine: {', '.join(ENGINES)}")
    if engine == "zensical":
        _check_zensical()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass(frozen=True)
class Rendered:
    """Languages of a staged site, each rendered by the engine into a folder of its own."""

    folder: Path
    """The staged site, laid out."""
    manifest: Manifest
    outputs: dict[str, Path]
    """Each language's rendering, by code, in the site's order."""


def render_staged(
    project: Project,
    settings: Settings,
    work: Work,
    codes: Sequence[str] | None,
    engine: str,
    into: Path,
) -> Rendered:
    """Stage the project (with ``codes``, those languages only, and what every language
    shares), lay it out in ``into/stage`` and render the languages ``codes`` (all when
    ``None``), each in a process of its own, into ``into/out-<code>``."""
    staged = stage(project, settings, work, only=codes)
    folder = lay_out(staged, into / "stage")
    manifest = staged.manifest()
    wanted = [
        language.code for language in manifest.languages if codes is None or language.code in codes
    ]
    outputs = render_languages(project, folder, wanted, engine, work, into)
    return Rendered(folder, manifest, dict(zip(wanted, outputs, strict=True)))


def render_languages(
    project: Project, folder: Path, codes: Sequence[str], engine: str, work: Work, into: Path
) -> list[Path]:
    """The languages ``codes`` of the staged site laid out in ``folder``, each laid out on
    its own in ``into/stage-<code>`` and rendered into ``into/out-<code>``, in a process
    of its own; or, with the cache, taken from the previous build where nothing it was
    rendered from changed (``notice.engines.reuse``)."""
    if engine == "mkdocs":
        _preload_mkdocs(project)
        render: Callable[[Project, Path, str, Path], Path] = partial(
            _render_mkdocs, cache_dir=work.cache_dir
        )
    else:
        render = _render_zensical
    kept = None
    if work.cache_dir is not None:
        kept = Kept(work.cache_dir / "languages" / engine, engine_inputs(project, engine))
    jobs = [partial(_render_one, render, project, folder, code, into, kept) for code in codes]
    return run_all(jobs, work.workers, at_least=2)


@dataclass(frozen=True)
class Kept:
    """Where the languages' last renderings are kept, and what all of them depend on."""

    folder: Path
    inputs: str


def _render_one(
    render: Callable[[Project, Path, str, Path], Path],
    project: Project,
    folder: Path,
    code: str,
    into: Path,
    kept: Kept | None,
) -> Path:
    staged = language_stage(folder, code, into / f"stage-{code}")
    if kept is None:
        return render(project, staged, code, into / f"out-{code}")
    key = language_key(kept.inputs, staged)
    if reuse(kept.folder / code, key, into / f"kept-{code}"):
        return into / f"kept-{code}"
    out = render(project, staged, code, into / f"out-{code}")
    keep(kept.folder / code, key, out)
    return out


# --- MkDocs ------------------------------------------------------------------------------


def _preload_mkdocs(project: Project) -> None:
    """Import MkDocs, the theme and the plugins once, before the processes fork."""
    from mkdocs.commands import build  # noqa: F401
    from mkdocs.config import load_config

    load_config(config_file=str(project.config_file))


def _render_mkdocs(
    project: Project, folder: Path, code: str, out: Path, *, cache_dir: Path | None
) -> Path:
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
    config = load_config(config_file=str(project.config_file), site_dir=str(out))
    plugins = [plugin for plugin in config.plugins.values() if isinstance(plugin, NoticePlugin)]
    if not plugins:
        raise NoticeError(f"{project.config_file}: the notice plugin is not in `plugins`")
    plugins[0].render_staged(folder, cache_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
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
    configs = dict(project.mdx_configs)
    toc = configs.get("toc")
    if isinstance(toc, dict) and language.link_title and not toc.get("permalink_title"):
        configs["toc"] = {**toc, "permalink_title": language.link_title}
    extensions: list[Any] = [
        {name: configs[name]} if name in configs else name for name in project.markdown_extensions
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
    link_tree(folder / PAGES / code, root / "docs" / language.prefix)
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

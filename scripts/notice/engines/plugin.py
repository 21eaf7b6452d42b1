"""The MkDocs engine's adapter: stages the project, then lets MkDocs, Material and
mkdocs-static-i18n render the staged tree.

mkdocs-static-i18n cannot take generated in-memory files, so the staged pages are
written to a folder outside the sources, one folder per language, and ``docs_dir``
points at it; the i18n plugin (folder mode) builds every language from it. Everything
a template shows comes from the pages' front matter (``notice.site.meta``).

A build in several processes (``notice.engines.render``) stages once, then starts one MkDocs
per language and hands its plugin the folder of that language (``render_staged``): the
plugin then only points MkDocs at it, and the renderer assembles the site. Either way the
site is laid out and finished by the same functions (``notice.engines.assembly``).
"""

from __future__ import annotations

import dataclasses
import html
import os
import shutil
import tempfile
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from pathspec.gitignore import GitIgnoreSpec

from notice.core.errors import NoticeError, NoticeErrors
from notice.core.languages import theme_language
from notice.core.paths import output_folder
from notice.engines.assembly import finish, lay_out
from notice.engines.folders import remove_leftovers
from notice.engines.rendered import RenderedPages
from notice.engines.templates import TEMPLATES
from notice.project.config import Project, load_project
from notice.project.options import NoticeOptions, yaml_forms
from notice.site.manifest import Manifest
from notice.site.stage import PAGES, Settings, Staged, Work, stage
from notice.text.brackets import use_quicker_brackets
from notice.text.markdown import sanitize, with_site_extensions

log = get_plugin_logger(__name__)


def _config_class() -> type[Config]:
    """MkDocs's schema of the plugin's options, made from their one declaration
    (``NoticeOptions``); ``NoticePlugin.load_config`` checks them first, with lines."""
    options: dict[str, Any] = {}
    defaults = NoticeOptions()
    for option in dataclasses.fields(NoticeOptions):
        default = getattr(defaults, option.name)
        kind: c.Type[Any] = c.Type(yaml_forms(option, NoticeOptions))
        if default is None:
            options[option.name] = c.Optional(kind)
            continue
        if isinstance(default, tuple):
            default = list(default)
        elif isinstance(default, Mapping):
            default = dict(default)
        kind.default = default
        options[option.name] = kind
    return type("NoticeConfig", (Config,), options)


#: Options of the ``notice`` plugin in ``mkdocs.yml`` (see ``NoticeOptions``).
NoticeConfig = _config_class()


class NoticePlugin(BasePlugin[NoticeConfig]):  # type: ignore[valid-type]
    """Turns notices, drafts and catalogs into the pages MkDocs builds."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._staged: Staged | None = None
        self._project: Project | None = None
        self._manifest: Manifest | None = None
        self._given: Path | None = None
        self._cache_dir: Path | None = None
        self._rendered: RenderedPages | None = None
        self.last_error: NoticeError | None = None
        self._serving = False
        self._link_title: str | None = None
        """``mkdocs.yml``'s own ``permalink_title`` (empty: none), once read."""

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """Refuse what MkDocs would only warn about (an option that is not one) or report
        without a line (a value of the wrong type), in this plugin's options and the i18n
        plugin's: the configuration is read as every ``notice`` command reads it. Each
        problem is logged with its line, then MkDocs aborts as it does for its own
        configuration errors (a rebuild of ``mkdocs serve`` says so and waits)."""
        if config_file_path:
            try:
                load_project(Path(config_file_path))
            except NoticeError as exc:
                self.last_error = exc
                problems = exc.errors if isinstance(exc, NoticeErrors) else [exc]
                for problem in problems:
                    log.error(str(problem))
                s = "s" * (len(problems) != 1)
                raise Abort(f"Aborted with {len(problems)} configuration error{s}!") from exc
        return super().load_config(options, config_file_path)

    def render_staged(self, folder: Path, cache_dir: Path | None) -> None:
        """Render the staged site laid out in ``folder`` (by another process) instead of
        staging the project, with the build's cache (``None``: none): the caller
        assembles what MkDocs writes."""
        self._given = folder
        self._cache_dir = cache_dir

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Kept across ``mkdocs serve`` rebuilds (MkDocs keeps plugins that define this)."""
        self._serving = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check and stage the project (the one place a build does both), then point
        ``docs_dir`` at the staged pages. The Markdown extensions the pages need are
        added to those of ``mkdocs.yml`` (``SITE_EXTENSIONS``): a page never shows raw
        Markdown, whatever the configuration lacks."""
        config.markdown_extensions = list(with_site_extensions(config.markdown_extensions))
        use_quicker_brackets()
        if self._folder is not None and Path(config.docs_dir) == self._folder / PAGES:
            self._title_links(config)
            return config  # a per-language rebuild by the i18n plugin: already staged
        if self._given is not None:
            folder = self._given
            self._manifest = Manifest.read(folder)
        else:
            folder = self._stage_here(config)
        self._folder = folder
        if self._rendered is None:
            kept = self._cache_dir / "rendered" if self._cache_dir is not None else None
            self._rendered = RenderedPages(kept)
        self._name_languages(config)
        self._title_links(config)
        config.docs_dir = str(folder / PAGES)
        # Version pages, histories and drafts stay out of the navigation: a navigation
        # listing every version grows the build with the square of the page count.
        config.not_in_nav = GitIgnoreSpec.from_lines(
            ["/*/*/versions/", "/*/*/compare/", "/*/*/draft/", "/*/404.md"]
        )
        return config

    def _stage_here(self, config: MkDocsConfig) -> Path:
        """Stage the project into a temporary folder of this process (after refusing a
        ``site_dir`` that is a link: MkDocs empties it before it builds)."""
        try:
            project = load_project(Path(config.config_file_path))
            output_folder(Path(config.site_dir), project.root)
            # The options are the project's (read from the same mkdocs.yml); `mkdocs
            # serve` previews.
            serving = True if self._serving else None
            settings = Settings.of(project, draft=serving, preview=serving)
            work = Work.of(project)
            staged = stage(project, settings, work)
        except NoticeError as exc:
            self.last_error = exc
            raise PluginError(str(exc)) from exc
        for problem in staged.warnings:
            log.info(str(problem))
        self._remove_stage()
        temporary = Path(tempfile.gettempdir())
        remove_leftovers(temporary, "notice-stage-")  # of builds that were killed
        folder = Path(tempfile.mkdtemp(prefix=f"notice-stage-{os.getpid()}-", dir=temporary))
        weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
        lay_out(staged, folder)
        self._staged, self._project = staged, project
        self._cache_dir = work.cache_dir
        self._manifest = staged.manifest()
        return folder

    def _name_languages(self, config: MkDocsConfig) -> None:
        """Each language's site name (from site.po unless mkdocs.yml gives one), escaped:
        Material writes it into attributes as it is. In a preview, only the source
        language is staged: the i18n plugin must not build the others."""
        staged = {lang.code: lang for lang in self._manifest.languages} if self._manifest else {}
        i18n = config.plugins.get("i18n")
        languages = getattr(i18n, "config", {}).get("languages", [])
        if languages and "alternate" not in config.extra:
            # The theme shows the language switcher only when this is set; it lists each
            # page's own alternates (front matter), whichever languages this process builds.
            config.extra["alternate"] = [
                {"name": language.name, "link": f"/{language.locale}/", "lang": language.locale}
                for language in languages
            ]
        for language in languages:
            ours = staged.get(language.locale)
            if ours is None:
                # Not staged here. The default language is still "built" (static-i18n
                # needs it): with no pages, that is the theme's files only.
                language.build = language.default
                continue
            escaped = html.escape(ours.site_name)
            if language.site_name in (None, "", config.site_name, escaped):
                language.site_name = escaped

    def _title_links(self, config: MkDocsConfig) -> None:
        """The links beside the headings titled in the language being built (the i18n
        plugin builds one after another), unless ``mkdocs.yml`` titles them itself."""
        toc = config.mdx_configs.get("toc")
        if not isinstance(toc, dict) or self._manifest is None:
            return
        if self._link_title is None:
            self._link_title = str(toc.get("permalink_title") or "")
        i18n = config.plugins.get("i18n")
        code = getattr(i18n, "current_language", None) or getattr(i18n, "default_language", None)
        staged = {language.code: language for language in self._manifest.languages}
        ours = staged.get(str(code)) or staged.get(self._manifest.source_language)
        title = self._link_title or (ours.link_title if ours else "")
        if title:
            toc["permalink_title"] = title
        else:  # not the title of the language built before (the i18n plugin's rebuilds)
            toc.pop("permalink_title", None)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's words for the language being built: the i18n plugin sets the
        theme's language to the language's code (``zh_TW``, ``ga``), which must name one
        of the theme's partials (``zh-TW``; English for a language it has none for).
        The templates compiled for a language before are not compiled again
        (``notice.engines.templates``)."""
        env.bytecode_cache = TEMPLATES
        code = config.theme.get("language")
        if code:
            config.theme["language"] = theme_language(code, config.theme.dirs)
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Render the page from the cache when its Markdown and settings are unchanged
        (``notice.engines.rendered``)."""
        if self._rendered is not None:
            self._rendered.take(page)
        return markdown

    def on_page_content(
        self, content: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Sanitise every page: text from a notice or a PO file cannot inject markup."""
        return sanitize(content)

    @event_priority(-110)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Show each notice as one entry with its title, not as a folder section."""
        items = []
        for item in nav.items:
            children = getattr(item, "children", None) or []
            if isinstance(item, Section) and len(children) == 1 and isinstance(children[0], Page):
                page = children[0]
                page.parent = None
                items.append(page)
            else:
                items.append(item)
        nav.items = items
        return nav

    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Finish the site this process staged, as every route does, once every language
        is built: static-i18n builds the other languages from its own ``on_post_build``
        (which runs before this one), each of them firing this event while it builds."""
        i18n = config.plugins.get("i18n")
        if self._staged is None or getattr(i18n, "building", False):
            return  # staged by another process, which assembles; or a language's own build
        finish(Path(config.site_dir), self._staged.manifest(), self._staged.files)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Watch the real sources rather than the staging tree."""
        if self._folder is not None:
            server.unwatch(str(self._folder / PAGES))
        if self._project is not None:
            for path in (
                self._project.docs_dir,
                self._project.locales_dir,
                self._project.overrides_dir,
            ):
                if path.is_dir():
                    server.watch(str(path))
        return server

    def on_shutdown(self) -> None:
        """Remove the staging tree; after a full build, the rendered pages it did not use."""
        if self._rendered is not None and not self._serving:
            self._rendered.prune()
        self._remove_stage()

    def _remove_stage(self) -> None:
        if self._staged is not None:
            self._staged = None
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = None

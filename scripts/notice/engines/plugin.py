"""The MkDocs engine's adapter: stages the project, then lets MkDocs, Material and
mkdocs-static-i18n render the staged tree.

mkdocs-static-i18n cannot take generated in-memory files, so the staged pages are
written to a folder outside the sources, one folder per language, and ``docs_dir``
points at it; the i18n plugin (folder mode) builds every language from it. Everything
a template shows comes from the pages' front matter (``notice.site.meta``).

A build in several processes (``notice.engines.render``) stages once, then starts one MkDocs
per language with ``NOTICE_STAGED`` naming the staged folder: the plugin then only
points MkDocs at it.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data as get_markdown_data
from pathspec.gitignore import GitIgnoreSpec

from notice.core.errors import NoticeError
from notice.core.languages import theme_language
from notice.engines.folders import remove_leftovers
from notice.project.config import Project, load_project
from notice.site.hosting import not_found_pages, write_files
from notice.site.stage import MANIFEST, PAGES, STAGED_ENV, Settings, Staged, stage, write_pages
from notice.text.markdown import sanitize

log = get_plugin_logger(__name__)


class NoticeConfig(Config):
    """Options of the ``notice`` plugin in ``mkdocs.yml``."""

    draft = c.Type(bool, default=False)
    """Also build each notice's draft, with its changes (a preview; never for the public)."""
    date = c.Optional(c.Type(str))
    """Build as of this date (YYYY-MM-DD); default: SOURCE_DATE_EPOCH, else today."""
    date_locales = c.Type(dict, default={})
    """Babel locale for dates per language, e.g. ``en: en_GB`` for "1 January 2027"."""
    preview = c.Type(bool, default=False)
    """Build a quick preview: the source language, drafts and current versions only
    (what ``notice serve`` builds on every change)."""
    required_languages = c.Type(list, default=[])
    """Languages whose translation of a draft must be complete (an error otherwise)."""
    cache = c.Type(bool, default=True)
    """Keep what released texts make (segments, redlines) between builds."""
    cache_dir = c.Type(str, default=".cache/notice")
    """Where, relative to ``mkdocs.yml``."""
    jobs = c.Type(int, default=0)
    """Processes that build the site (0: one per core)."""
    contact = c.Optional(c.Type(str))
    """Where translators report a problem in a source text: the PO files'
    ``Report-Msgid-Bugs-To`` (an email address or a URL); the sender of announcements."""
    notice_period_days = c.Type(int, default=30)
    """Days a material change is announced before it takes effect (``notice release``)."""
    pdf = c.Type(bool, default=True)
    """Publish every released text as a PDF too (WeasyPrint, which needs Pango)."""


class NoticePlugin(BasePlugin[NoticeConfig]):
    """Turns notices, drafts and catalogs into the pages MkDocs builds."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._staged: Staged | None = None
        self._project: Project | None = None
        self._manifest: dict[str, Any] = {}
        self._not_found: dict[str, str] = {}
        self.last_error: NoticeError | None = None
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Kept across ``mkdocs serve`` rebuilds (MkDocs keeps plugins that define this)."""
        self._serving = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check and stage the project (the one place a build does both), then point
        ``docs_dir`` at the staged pages."""
        if self._folder is not None and Path(config.docs_dir) == self._folder / PAGES:
            return config  # a per-language rebuild by the i18n plugin: already staged
        given = os.environ.get(STAGED_ENV)
        if given:
            folder = Path(given)
            self._manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        else:
            folder = self._stage_here(config)
        self._folder = folder
        self._not_found = {}
        self._name_languages(config)
        config.docs_dir = str(folder / PAGES)
        # Version pages, histories and drafts stay out of the navigation: a navigation
        # listing every version grows the build with the square of the page count.
        config.not_in_nav = GitIgnoreSpec.from_lines(
            ["/*/*/versions/", "/*/*/compare/", "/*/*/draft/", "/*/404.md"]
        )
        return config

    def _stage_here(self, config: MkDocsConfig) -> Path:
        """Stage the project into a temporary folder of this process."""
        try:
            project = load_project(Path(config.config_file_path))
            settings = Settings.of(
                project,
                today=self.config.date,
                draft=self.config.draft or self._serving,
                preview=self.config.preview or self._serving,
                cache=self.config.cache,
                jobs=self.config.jobs,
                background=True,
            )
            staged = stage(project, settings)
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
        write_pages(staged.pages, folder / PAGES)
        self._staged, self._project = staged, project
        self._manifest = staged.manifest()
        return folder

    def _name_languages(self, config: MkDocsConfig) -> None:
        """Each language's site name (from site.po unless mkdocs.yml gives one), escaped:
        Material writes it into attributes as it is. In a preview, only the source
        language is staged: the i18n plugin must not build the others."""
        staged = {lang["code"]: lang for lang in self._manifest.get("languages", [])}
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
            escaped = html.escape(ours["site_name"])
            if language.site_name in (None, "", config.site_name, escaped):
                language.site_name = escaped

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's words for the language being built: the i18n plugin sets the
        theme's language to the language's code (``zh_TW``, ``ga``), which must name one
        of the theme's partials (``zh-TW``; English for a language it has none for)."""
        code = config.theme.get("language")
        if code:
            config.theme["language"] = theme_language(code, config.theme.dirs)
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """A compare page whose redline was computed while the site rendered: as if read
        from its finished staged file."""
        if self._staged is None or self._folder is None or not page.file.abs_src_path:
            return markdown
        staged = Path(page.file.abs_src_path).relative_to(self._folder / PAGES).as_posix()
        fill = self._staged.later.pop(staged, None)
        if fill is None:
            return markdown
        markdown, meta = get_markdown_data(fill().text)
        page.meta = meta
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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Put each language's 404 page where hosts look, and write the staged files."""
        site_dir = Path(config.site_dir)
        # Every language's build writes the theme's 404.html again: ours are kept.
        self._not_found.update(not_found_pages(site_dir, self._manifest, config.site_url or ""))
        for path, text in self._not_found.items():
            (site_dir / path).write_text(text, encoding="utf-8")
        if self._staged is not None:
            write_files(site_dir, self._staged.files)

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
        """Remove the staging tree."""
        self._remove_stage()

    def _remove_stage(self) -> None:
        if self._staged is not None:
            self._staged.close()
            self._staged = None
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = None

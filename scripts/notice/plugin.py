"""The MkDocs plugin: a thin layer that stages the pages of ``pages.py`` for MkDocs.

mkdocs-static-i18n cannot take generated in-memory files, so the plugin writes a
staging tree, one folder per language, outside the sources, and points ``docs_dir``
at it; the i18n plugin (folder mode) then builds every language from it.
"""

from __future__ import annotations

import gzip
import html
import io
import os
import posixpath
import shutil
import tempfile
import weakref
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
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

from notice.audit import audit
from notice.build import remove_leftovers
from notice.cache import Cache
from notice.catalog import gettext_translations
from notice.checks import sanitize
from notice.errors import NoticeError, raise_all
from notice.hosting import (
    CONTENT_SECURITY_POLICY,
    HEADERS,
    not_found_path,
    redirects,
    standalone_page,
)
from notice.meta import PageMeta
from notice.pages import Options, build_pages
from notice.pages import Page as NoticePage
from notice.parallel import available_workers
from notice.project import SITE_DOMAIN, Project, load_project
from notice.sources import load_sources
from notice.versions import build_date

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
    """Processes that compute the redlines the cache lacks (0: one per core)."""
    contact = c.Optional(c.Type(str))
    """Where translators report a problem in a source text: the PO files'
    ``Report-Msgid-Bugs-To`` (an email address or a URL)."""


def sitemap_with_defaults(sitemap: bytes, source_language: str) -> bytes:
    """Give every URL of the sitemap an ``x-default`` alternate (the source language)
    and leave the 404 pages out."""
    sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9"
    xhtml = "http://www.w3.org/1999/xhtml"
    ET.register_namespace("", sitemaps)
    ET.register_namespace("xhtml", xhtml)
    root = ET.fromstring(sitemap)
    tree = ET.ElementTree(root)
    for url in list(root):
        loc = url.findtext(f"{{{sitemaps}}}loc") or ""
        if loc.rstrip("/").endswith("/404"):
            root.remove(url)
            continue
        links = url.findall(f"{{{xhtml}}}link")
        if any(link.get("hreflang") == "x-default" for link in links):
            continue
        source = next((link for link in links if link.get("hreflang") == source_language), None)
        if source is not None:
            ET.SubElement(
                url,
                f"{{{xhtml}}}link",
                {
                    "rel": "alternate",
                    "hreflang": "x-default",
                    "href": source.get("href", ""),
                },
            )
    ET.indent(tree)
    out = io.BytesIO()
    tree.write(out, encoding="UTF-8", xml_declaration=True)
    return out.getvalue()


class NoticePlugin(BasePlugin[NoticeConfig]):
    """Turns notices, drafts and catalogs into the pages MkDocs builds."""

    def __init__(self) -> None:
        self._stage: Path | None = None
        self._project: Project | None = None
        self._site_catalogs: dict[str, Any] = {}
        self.last_error: NoticeError | None = None
        self._files: dict[str, str] = {}
        self._meta: dict[str, PageMeta] = {}
        self._not_found: dict[str, str] = {}
        self._prefixes: dict[str, str] = {}
        self._site_names: dict[str, str] = {}
        self._sitemap: tuple[bytes, bytes] | None = None
        self._later: dict[str, Callable[[], NoticePage]] = {}
        self._close: Callable[[], None] = lambda: None
        self._source_language = ""
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Kept across ``mkdocs serve`` rebuilds (MkDocs keeps plugins that define this)."""
        self._serving = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Stage every language's pages and point ``docs_dir`` at them."""
        if self._stage is not None and Path(config.docs_dir) == self._stage:
            return config  # a per-language rebuild by the i18n plugin: already staged
        try:
            project = load_project(Path(config.config_file_path))
            cache = Cache(project.root / self.config.cache_dir if self.config.cache else None)
            sources = load_sources(project, cache=cache)
            to_html = project.markdown_renderer()
            options = Options(
                today=build_date(self.config.date),
                draft=self.config.draft or self._serving,
                preview=self.config.preview or self._serving,
                site_url=config.site_url or "",
                site_name=config.site_name,
                date_locales={str(k): str(v) for k, v in self.config.date_locales.items()},
                cache=cache,
                workers=self.config.jobs or available_workers(),
                background=True,
            )
            # Every build checks first: an error anywhere stops it (warnings are logged).
            problems = audit(
                project,
                to_html,
                sources=sources,
                required_languages=project.options.get("required_languages") or [],
            )
            errors = [p for p in problems if p.severity == "error"]
            for problem in problems:
                if problem.severity != "error":
                    log.info(str(problem))
            if errors:
                raise_all([NoticeError(p.message, p.path, p.line) for p in errors])
            site = build_pages(sources, to_html, options)
        except NoticeError as exc:
            self.last_error = exc
            raise PluginError(str(exc)) from exc
        if cache.folder is not None:
            log.debug(f"cache: {cache.hits} entries used, {cache.misses} computed")
            if not options.preview:
                cache.prune()  # a full build used every entry still needed
        self._remove_stage()
        self._not_found = {}
        self._sitemap = None
        temporary = Path(tempfile.gettempdir())
        remove_leftovers(temporary, "notice-stage-")  # of builds that were killed
        stage = Path(tempfile.mkdtemp(prefix=f"notice-stage-{os.getpid()}-", dir=temporary))
        weakref.finalize(self, shutil.rmtree, stage, ignore_errors=True)
        for folder in sorted({posixpath.dirname(page.path) for page in site.pages}):
            (stage / folder).mkdir(parents=True, exist_ok=True)
        for page in site.pages:
            (stage / page.path).write_text(page.text, encoding="utf-8")
        self._stage = stage
        self._project = project
        self._source_language = sources.source_language
        self._site_catalogs = {
            language: sources.catalogs.get((SITE_DOMAIN, language))
            for language in sources.languages
        }
        self._prefixes = {
            language: "" if language == sources.source_language else f"{language}/"
            for language in sources.languages
        }
        self._files = {
            **site.files,
            "_headers": HEADERS,
            "_redirects": redirects(self._prefixes.values(), config.site_url or ""),
        }
        self._meta = {page.path: page.meta for page in site.pages}
        self._later, self._close = site.later, site.close
        i18n = config.plugins.get("i18n")
        for language in getattr(i18n, "config", {}).get("languages", []):
            # The site's name in each language (from site.po, unless mkdocs.yml gives
            # one), escaped: Material writes it into attributes as it is.
            ours = self._site_names.get(language.locale)
            given = language.site_name if language.site_name != ours else None
            name = given or site.site_names.get(language.locale) or config.site_name
            language.site_name = self._site_names[language.locale] = html.escape(name)
        if options.preview:
            # Other languages are not staged: the i18n plugin must not build them.
            i18n = config.plugins.get("i18n")
            for language in getattr(i18n, "config", {}).get("languages", []):
                if not language.default:
                    language.build = False
        config.docs_dir = str(stage)
        # Version pages, histories and drafts stay out of the navigation: a navigation
        # listing every version grows the build with the square of the page count.
        config.not_in_nav = GitIgnoreSpec.from_lines(
            ["/*/*/versions/", "/*/*/compare/", "/*/*/draft/", "/*/404.md"]
        )
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feeds and ``versions.json`` (not pages, so not built by MkDocs)."""
        site_dir = Path(config.site_dir)
        # Each language's 404 page, built at <lang>/404/, goes where hosts look for it:
        # <lang>/404.html, with absolute addresses. The source language's replaces the
        # theme's 404.html, which every language's build writes again.
        for prefix in self._prefixes.values():
            built = site_dir / prefix / "404" / "index.html"
            if built.is_file():
                text = built.read_text(encoding="utf-8")
                page = standalone_page(text, f"{prefix}404/", config.site_url or "")
                self._not_found[not_found_path(prefix)] = page
                shutil.rmtree(built.parent)
        for path, page in self._not_found.items():
            (site_dir / path).write_text(page, encoding="utf-8")
        sitemap = site_dir / "sitemap.xml"
        if sitemap.is_file():
            # Every language's build writes the same sitemap again: rewritten once.
            written = sitemap.read_bytes()
            if self._sitemap is None or self._sitemap[0] != written:
                self._sitemap = (written, sitemap_with_defaults(written, self._source_language))
            sitemap.write_bytes(self._sitemap[1])
            epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
            with gzip.GzipFile(sitemap.with_suffix(".xml.gz"), "wb", mtime=epoch) as packed:
                packed.write(self._sitemap[1])
        for path, text in self._files.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give the templates ``_()``, translated through ``site.po`` for the page's language."""
        catalogs = {lang: gettext_translations(cat) for lang, cat in self._site_catalogs.items()}

        @pass_context
        def gettext(context: Context, message: str) -> str:
            language = context.get("i18n_page_locale") or context["config"].theme.get("language")
            translation = catalogs.get(str(language))
            text = translation.gettext(message) if translation is not None else message
            # MkDocs' templates are not autoescaped: a translation is text, not markup.
            return html.escape(text)

        @pass_context
        def ngettext(context: Context, singular: str, plural: str, n: int) -> str:
            language = context.get("i18n_page_locale") or context["config"].theme.get("language")
            translation = catalogs.get(str(language))
            if translation is None:
                return html.escape(singular if n == 1 else plural)
            return html.escape(translation.ngettext(singular, plural, n))

        env.globals["notice_csp"] = CONTENT_SECURITY_POLICY
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Give the page its metadata for the templates (status, dates, links, ...)."""
        if self._stage is not None and page.file.abs_src_path:
            staged = Path(page.file.abs_src_path).relative_to(self._stage).as_posix()
            meta = self._meta.get(staged)
            if staged in self._later:
                # A compare page whose redline was computed while the site rendered: as
                # if read from its staged file, with its section map.
                done = self._later.pop(staged)()
                markdown = get_markdown_data(done.text)[0]
                meta = done.meta
            if meta is not None:
                page.meta.update(meta.for_theme())
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

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Watch the real sources rather than the staging tree."""
        if self._stage is not None:
            server.unwatch(str(self._stage))
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
        self._close()
        self._later, self._close = {}, lambda: None
        if self._stage is not None:
            shutil.rmtree(self._stage, ignore_errors=True)
            self._stage = None

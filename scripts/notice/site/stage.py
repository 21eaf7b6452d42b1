"""The staged site: the contract between the core and any engine.

``stage`` is the one place where a build checks the project, then turns it into plain
data: for each language a tree of Markdown pages whose front matter carries everything
a template needs (``notice.site.meta``, schema version ``SCHEMA_VERSION``), and the extra
files an engine copies as they are. ``write_stage`` lays it out on disk
(``notice stage --out DIR``)::

    DIR/stage.json          what the engines need to know (below)
    DIR/docs/<lang>/...md   the pages of each language (the source language's too)
    DIR/files/...           feeds, versions.json, sitemap.xml, _headers, _redirects

``stage.json``: ``schema``, ``date``, ``site_url``, ``source_language`` and
``languages`` (per language: ``code``, ``name``, ``site_name``, ``prefix``, the folder
its pages are served from: ``""`` for the source language, else ``<lang>/``; ``nav``;
``link_title``, the title of the link beside each heading to its own address).

Nothing here imports a site generator.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from notice.core.cache import Cache
from notice.core.errors import NoticeError, raise_all
from notice.core.parallel import available_workers
from notice.core.paths import output_folder
from notice.project.audit import Problem, audit
from notice.project.config import Project
from notice.project.sources import load_sources
from notice.record.versions import build_date
from notice.site import addresses
from notice.site.hosting import headers, redirects
from notice.site.manifest import Manifest, StagedLanguage
from notice.site.meta import SCHEMA_VERSION, Page
from notice.site.pages import Options, Site, build_pages

PAGES = "docs"
FILES = "files"


@dataclass(frozen=True)
class Settings:
    """What a build makes: the site as of a date, with or without drafts, in which
    languages, with PDFs or not. The project's options (``Project.options``), with what
    a command or the engine says instead."""

    today: date
    draft: bool = False
    preview: bool = False
    date_locales: Mapping[str, str] = field(default_factory=dict)
    required_languages: tuple[str, ...] = ()
    pdf: bool = True
    """Every released text as a PDF too (the plugin's ``pdf`` option)."""

    @classmethod
    def of(
        cls,
        project: Project,
        *,
        today: date | str | None = None,
        draft: bool | None = None,
        preview: bool | None = None,
    ) -> Settings:
        """The project's settings, with the ``given`` ones (``None`` for not given)."""
        options = project.options
        day = today if isinstance(today, date) else build_date(today or options.date)
        return cls(
            today=day,
            draft=options.draft if draft is None else draft,
            preview=options.preview if preview is None else preview,
            date_locales=options.formatting_locales(),
            required_languages=options.required_languages,
            pdf=options.pdf,
        )


@dataclass(frozen=True)
class Work:
    """How a build computes what it makes (the same site whatever they are): where it
    keeps what it can reuse, and on how many processes."""

    cache_dir: Path | None = None
    """None: no cache."""
    workers: int = 1

    @classmethod
    def of(cls, project: Project, *, cache: bool | None = None, jobs: int | None = None) -> Work:
        """The project's options (``cache``, ``cache_dir``, ``jobs``), with the ones given."""
        options = project.options
        cached = options.cache if cache is None else cache
        jobs = options.jobs if jobs is None else jobs
        return cls(
            cache_dir=project.root / options.cache_dir if cached else None,
            workers=jobs or available_workers(),
        )

    def cache(self) -> Cache:
        """The cache (one that keeps nothing without a folder)."""
        return Cache(self.cache_dir)


@dataclass(frozen=True)
class Staged:
    """A staged site: pages, extra files and what an engine needs to know."""

    today: date
    site_url: str
    source_language: str
    languages: tuple[StagedLanguage, ...]
    """Those staged: in a preview, the source language only."""
    pages: list[Page]
    files: dict[str, bytes]
    warnings: list[Problem] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    def manifest(self) -> Manifest:
        """What an engine needs to know of it (``stage.json``)."""
        return Manifest(
            self.today, self.site_url, self.source_language, self.languages, self.schema
        )


def stage(
    project: Project,
    settings: Settings,
    work: Work | None = None,
    only: Collection[str] | None = None,
) -> Staged:
    """Check the project, then stage it. Any error stops it (``NoticeError``); warnings
    are returned with the staged site. With ``only`` (a part of the site), the pages and
    the files of those languages only, and what every language shares: the manifest
    names every language, as the whole site's does. The other languages' released texts
    and frozen PDFs are verified, not kept; their translations are read (the titles and
    words every language's navigation and ``versions.json`` show) but reviewed by the part
    that makes them, and, without drafts, their notices' working catalogs are neither read
    nor checked."""
    work = work or Work()
    cache = work.cache()
    # A part reviews the translations of its own languages only (without drafts, it
    # reads the drafts' of those only): each language's are reviewed by the part that
    # makes it, so the parts of a site refuse, between them, what its whole build refuses.
    drafts = settings.draft or settings.preview
    drafts_in = None if only is None or drafts else {project.source_language, *only}
    sources = load_sources(project, cache=cache, drafts_in=drafts_in, published_in=only)
    to_html = project.markdown_renderer()
    problems = audit(
        project,
        to_html,
        sources=sources,
        required_languages=settings.required_languages,
        cache=cache,
        glyphs=False,  # the frozen PDFs are published as they are
        translated=only,
    )
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise_all([NoticeError(p.message, p.path, p.line) for p in errors])
    sources = dataclasses.replace(sources, checked=True)
    options = _options(project, settings, only)
    site = build_pages(sources, to_html, options, cache, work.workers)
    if cache.folder is not None and not settings.preview and only is None:
        cache.prune()  # a full build used every entry still needed
    codes = (sources.source_language,) if settings.preview else sources.languages
    languages = tuple(
        StagedLanguage(
            code,
            options.language_names.get(code, code),
            site.site_names.get(code) or project.site_name,
            addresses.prefix(code, sources.source_language),
            site.nav.get(code, ()),
            site.link_titles.get(code, ""),
        )
        for code in codes
    )
    return Staged(
        today=settings.today,
        site_url=project.site_url,
        source_language=sources.source_language,
        languages=languages,
        pages=site.pages,
        files=_files(site, languages, project.site_url),
        warnings=[p for p in problems if p.severity != "error"],
    )


def _options(project: Project, settings: Settings, only: Collection[str] | None) -> Options:
    """What the pages of a build are made with besides the sources."""
    return Options(
        today=settings.today,
        draft=settings.draft or settings.preview,
        preview=settings.preview,
        site_url=project.site_url,
        site_name=project.site_name,
        date_locales=settings.date_locales,
        language_names={language.code: language.name for language in project.languages},
        pdf=settings.pdf,
        disclosures=project.options.disclosures,
        only=None if only is None else frozenset(only),
    )


def _files(site: Site, languages: tuple[StagedLanguage, ...], site_url: str) -> dict[str, bytes]:
    files = {
        path: data if isinstance(data, bytes) else data.encode("utf-8")
        for path, data in site.files.items()
    }
    files["_headers"] = headers([*files, *site.elsewhere], site_url).encode("utf-8")
    files["_redirects"] = redirects([lang.prefix for lang in languages], site_url).encode("utf-8")
    files["sitemap.xml"] = site.sitemap
    return dict(sorted(files.items()))


def write_stage(staged: Staged, out: Path) -> Path:
    """Lay a staged site out in ``out`` (replaced as a whole, never half written; never
    a symbolic link, which would replace what it points to)."""
    out = output_folder(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}-stage-{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    write_pages(staged.pages, temporary / PAGES)
    for path, data in staged.files.items():
        target = temporary / FILES / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    staged.manifest().write(temporary, pretty=True)
    if out.exists():
        shutil.rmtree(out)
    temporary.rename(out)
    return out


def write_pages(pages: list[Page], folder: Path) -> None:
    """The staged pages as Markdown files in ``folder``."""
    for parent in sorted({(folder / page.path).parent for page in pages}):
        parent.mkdir(parents=True, exist_ok=True)
    for page in pages:
        (folder / page.path).write_text(page.text, encoding="utf-8")

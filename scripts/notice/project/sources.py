"""Reading a project's sources: drafts, pages and catalogs (the I/O edge of a build)."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.support import Translations

from notice.core.cache import MISSING, Cache, cache_key
from notice.core.errors import (
    ConfigError,
    NoticeError,
    NoticeErrors,
    SegmentError,
    raise_all,
    read_utf8,
)
from notice.core.languages import FALLBACK_LANGUAGE
from notice.core.parallel import run_all
from notice.core.paths import inside_project
from notice.project.config import SITE_DOMAIN, Project
from notice.project.shipped import shipped_site_catalog
from notice.record.integrity import frozen_path, verify_files
from notice.record.registry_file import parse_registry
from notice.record.timestamps import TIMESTAMPS_DIR, read_tokens
from notice.record.versions import (
    REGISTRY_NAME,
    VERSIONS_DIR,
    Registry,
    RegistryError,
    Version,
    sha256,
)
from notice.text.catalog import compiled, template_catalog
from notice.text.pofile import read_catalog
from notice.text.segment import Document, segment_markdown

#: Markdown pages of ``docs/`` that are translated like notices but have no versions.
PAGES = ("index",)


@dataclass(frozen=True)
class Sources:
    """Everything a build reads, loaded and validated."""

    source_language: str
    languages: tuple[str, ...]
    notices: tuple[str, ...]
    documents: dict[str, Document]
    """Per domain (notice id or page name): the source-language document."""
    catalogs: dict[tuple[str, str], Catalog | None]
    """Per (domain, language): the PO file's catalog, or None if there is none. A part
    built without drafts leaves out the notices' catalogs of the other languages
    (``load_sources``'s ``drafts_in``): neither here nor in ``po_paths``."""
    po_paths: dict[tuple[str, str], str]
    """Per (domain, language) read: the PO file's path, as shown in messages."""
    registries: dict[str, Registry] = field(default_factory=dict)
    """Per notice: its release registry (empty if it has none)."""
    frozen: Mapping[tuple[str, str, str], Document] = field(default_factory=dict)
    """Per (notice, version's key, language): the frozen text, segmented when first used.
    A version's key is its folder (``Version.key``: its effective date, unless it corrects
    a withdrawn release of the same day)."""
    frozen_pdfs: Mapping[tuple[str, str, str], bytes] = field(default_factory=dict)
    """Per (notice, version's key, language): the PDF frozen with the text, verified (in
    a part, those it publishes: ``load_sources``'s ``published_in``)."""
    timestamps: Mapping[str, Mapping[str, bytes]] = field(default_factory=dict)
    """Per notice: the time-stamp tokens of heads of its chain, by head
    (``notice.record.timestamps``)."""
    site_fallback: Catalog | None = None
    """The site's words in the fallback language (English): where a language's own
    ``site.po`` lacks a message. The project's English catalog when it has one, else the
    one this package ships."""
    checked: bool = False
    """The drafts' translations passed ``notice check`` (``notice.project.audit``) in
    this build: their structure is not checked again when their pages are made."""

    def frozen_text(self, notice: str, version: Version, language: str) -> Document | None:
        """The frozen text of one language of a version, if the version has it (as the
        registry given reads: a language added after a build's date is not there yet)."""
        if language not in version.files:
            return None
        return self.frozen.get((notice, version.key, language))

    def frozen_source(self, notice: str, version: Version, language: str) -> str | None:
        """The frozen text of one language of a version as it was written, without the
        work of segmenting it (what the site publishes of the record)."""
        if language not in version.files:
            return None
        key = (notice, version.key, language)
        if isinstance(self.frozen, LazyDocuments):
            return self.frozen.source(key)
        document = self.frozen.get(key)
        return None if document is None else document.text

    def shown_text(self, notice: str, version: Version, language: str) -> Document:
        """The text a reader of ``language`` sees: theirs, else the source language's."""
        document = self.frozen_text(notice, version, language) or self.frozen_text(
            notice, version, self.source_language
        )
        assert document is not None, "a released version always has its source text"
        return document

    def template(self, domain: str) -> Catalog:
        """The template of a domain, computed from its current source (once)."""
        if domain not in self.templates:
            self.templates[domain] = template_catalog(domain, [self.documents[domain]])
        return self.templates[domain]

    @cached_property
    def templates(self) -> dict[str, Catalog]:
        """The templates made so far, by domain (``template``)."""
        return {}

    @cached_property
    def site_fallback_words(self) -> Translations | None:
        """``site_fallback`` compiled for ``gettext`` (once for every language)."""
        return compiled(self.site_fallback) if self.site_fallback is not None else None


def read_document(path: Path, display: str) -> Document:
    """Read and segment one Markdown file."""
    return segment_markdown(read_utf8(path, display, SegmentError), display)


def read_source(project: Project, path: Path) -> Document:
    """Read and segment one Markdown file of the project (never through a link)."""
    return read_document(inside_project(path, project.root), project.relative(path))


def _linked_theme_files(project: Project) -> list[NoticeError]:
    """The theme's files (``overrides/``) that are links or lead outside the project: the
    engine would render what they point to into every page."""
    found: list[NoticeError] = []
    folder = project.overrides_dir
    paths = [folder] if folder.is_symlink() else []
    for top, folders, files in os.walk(folder):  # links to folders are listed, not followed
        paths += [Path(top, name) for name in sorted(folders + files)]
    for path in paths:
        try:
            inside_project(path, project.root)
        except NoticeError as exc:
            found.append(exc)
    return found


def read_project_catalog(project: Project, path: Path, language: str | None) -> Catalog | None:
    """Read a PO or POT file of the project (never through a link); None if there is none."""
    inside_project(path, project.root)
    if not path.is_file():
        return None
    return read_catalog(path, language, project.relative(path))


def document_paths(project: Project) -> dict[str, Path]:
    """Per domain, the Markdown source it is extracted from."""
    paths = {notice: project.draft(notice) for notice in project.notices()}
    for reserved in (SITE_DOMAIN, *PAGES):
        if reserved in paths:
            raise ConfigError(
                f"'{reserved}' is reserved and cannot be a notice id",
                project.relative(paths[reserved]),
            )
    for page in PAGES:
        path = project.docs_dir / f"{page}.md"
        if path.is_file():
            paths[page] = path
    return paths


def load_sources(
    project: Project,
    problems: list[NoticeError] | None = None,
    cache: Cache | None = None,
    drafts_in: Collection[str] | None = None,
    published_in: Collection[str] | None = None,
) -> Sources:
    """Read every document and catalog and the record; collect every problem before
    failing.

    With a ``problems`` list, nothing is raised: the problems are added to it and what
    could not be read is left out (for ``notice check``, which reports everything).
    With a ``cache``, the frozen texts' segments are kept between builds. With
    ``drafts_in``, the notices' working catalogs of those languages only (a part of the
    site built without drafts, which shows no other language's draft): the others are
    neither read nor listed in ``po_paths``, so that ``notice check``'s gate leaves them
    to the part that makes their language. With ``published_in``, the released texts and
    frozen PDFs of those of the site's languages only (and the source language's texts)
    are kept: every one is verified all the same, and a text let go is read again if
    asked for. A part publishes its languages' texts and PDFs, and those of languages
    the site no longer has.
    """
    lenient = problems is not None
    problems = problems if problems is not None else []
    documents: dict[str, Document] = {}
    for domain, path in document_paths(project).items():
        try:
            documents[domain] = read_source(project, path)
        except NoticeError as exc:
            problems.append(exc)
    catalogs: dict[tuple[str, str], Catalog | None] = {}
    po_paths: dict[tuple[str, str], str] = {}
    notices = set(project.notices())
    for domain in [*documents, SITE_DOMAIN]:
        for language in (lang.code for lang in project.languages):
            if drafts_in is not None and domain in notices and language not in drafts_in:
                continue
            path = project.po_file(language, domain)
            po_paths[(domain, language)] = project.relative(path)
            try:
                catalogs[(domain, language)] = read_project_catalog(project, path, language)
            except NoticeError as exc:
                problems.append(exc)
    registries: dict[str, Registry] = {}
    frozen = LazyDocuments(cache)
    frozen_pdfs: dict[tuple[str, str, str], bytes] = {}
    timestamps: dict[str, dict[str, bytes]] = {}
    configured = {lang.code for lang in project.languages}

    def kept(language: str) -> bool:
        return published_in is None or language in published_in or language not in configured

    for notice in project.notices():
        try:
            registry, texts, pdfs = load_archive(project, notice, kept)
        except NoticeErrors as exc:
            problems.extend(exc.errors)
            continue
        except NoticeError as exc:
            problems.append(exc)
            continue
        registries[notice] = registry
        tokens = project.docs_dir / notice / TIMESTAMPS_DIR
        try:
            for path in (tokens, *(tokens.iterdir() if tokens.is_dir() else ())):
                inside_project(path, project.root)
            timestamps[notice] = read_tokens(tokens, registry, project.relative(tokens))
        except NoticeError as exc:
            problems.append(exc)
        for (version, language), (text, shown) in texts.items():
            frozen.add((notice, version, language), text, shown)
        for (version, language), pdf in pdfs.items():
            frozen_pdfs[(notice, version, language)] = pdf
    problems.extend(_linked_theme_files(project))
    if not lenient:
        raise_all(problems)
    fallback = project.language_code(FALLBACK_LANGUAGE)
    site_fallback = catalogs.get((SITE_DOMAIN, fallback)) or shipped_site_catalog(fallback)
    return Sources(
        source_language=project.source_language,
        languages=tuple(lang.code for lang in project.languages),
        notices=tuple(n for n in project.notices() if n in documents),
        documents=documents,
        catalogs=catalogs,
        po_paths=po_paths,
        registries=registries,
        frozen=frozen,
        site_fallback=site_fallback,
        frozen_pdfs=frozen_pdfs,
        timestamps=timestamps,
    )


class LazyDocuments(Mapping[Any, Document]):
    """Texts segmented on first use: a preview needs a few of the archive's texts. A
    text may be registered unread (``Unread``): it is read, and checked again, when it
    is first asked for."""

    def __init__(self, cache: Cache | None = None) -> None:
        self._texts: dict[Any, tuple[str | Unread, str]] = {}
        self._documents: dict[Any, Document] = {}
        self._cache = cache or Cache(None)

    def add(self, key: Any, text: str | Unread, path: str) -> None:
        """Register a text, to be segmented when it is first asked for."""
        self._texts[key] = (text, path)

    def source(self, key: Any) -> str | None:
        """A text as it was written, without segmenting it; ``None`` if there is none (a
        text let go is read, and checked, again on every call)."""
        found = self._texts.get(key)
        return None if found is None else self._text(key)

    def _text(self, key: Any) -> str:
        text = self._texts[key][0]
        return text.read() if isinstance(text, Unread) else text

    def __getitem__(self, key: Any) -> Document:
        if key not in self._documents:
            text, path = self._text(key), self._texts[key][1]
            data = self._cache.get(*_segments_entry(text), lambda: _segments(text, path))
            self._documents[key] = Document.from_data(text, path, data)
        return self._documents[key]

    def prefetch(self, workers: int, wanted: Callable[[Any], bool] = lambda key: True) -> None:
        """Segment every text now (those whose key is ``wanted``), on up to ``workers``
        processes (for a full build)."""
        cache = self._cache
        pending: dict[Any, str] = {}
        for key, (_, path) in self._texts.items():
            if key in self._documents or not wanted(key):
                continue
            text = self._text(key)
            entry = cache_key(*_segments_entry(text))
            data = cache.load(entry)
            if data is MISSING:
                pending[key] = entry
            else:
                self._documents[key] = Document.from_data(text, path, data)
        texts = {key: (self._text(key), self._texts[key][1]) for key in pending}
        jobs = [partial(_segments, *texts[key], lenient=True) for key in pending]
        for (key, entry), data in zip(pending.items(), run_all(jobs, workers), strict=True):
            if data is not None:  # else: segmented again when asked for, to raise there
                cache.save(entry, data)
                self._documents[key] = Document.from_data(*texts[key], data)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


@dataclass(frozen=True)
class Unread:
    """A released text verified, then let go (one a part of the site does not publish):
    read again when asked for, and refused if it is no longer what was verified."""

    file: Path
    sha256: str
    shown: str

    def read(self) -> str:
        try:
            data = self.file.read_bytes()
        except OSError as exc:
            raise RegistryError(
                f"released file could not be read again while the site was being built "
                f"({exc.strerror or exc})",
                self.shown,
                hint="build again",
            ) from None
        if sha256(data) != self.sha256:
            raise RegistryError("released file changed while the site was being built", self.shown)
        return data.decode("utf-8")  # the bytes verified, which were UTF-8


def _segments_entry(text: str) -> tuple[str, tuple[str]]:
    """The kind and inputs of a text's segments in the cache (its path is not one)."""
    return "segments", (text,)


def _segments(text: str, path: str, lenient: bool = False) -> dict[str, Any] | None:
    """A text's segments as data; if ``lenient``, ``None`` when it cannot be segmented
    (a worker's error is raised again where the text is asked for)."""
    try:
        return segment_markdown(text, path).to_data()
    except NoticeError:
        if lenient:
            return None
        raise


def load_archive(
    project: Project, notice: str, kept: Callable[[str], bool] = lambda language: True
) -> tuple[Registry, dict[tuple[str, str], tuple[str | Unread, str]], dict[tuple[str, str], bytes]]:
    """A notice's registry, frozen texts and frozen PDFs (per version's key and language,
    withdrawn versions included), verified against every recorded hash. Only the texts
    and PDFs of the languages ``kept`` accepts are kept: the others are read to be
    verified, then let go (a text as ``Unread``, read again if asked for); the source
    language's texts are always kept (every language's comparisons use them)."""
    folder = project.docs_dir / notice
    path = folder / REGISTRY_NAME
    shown = project.relative(path)
    inside_project(path, project.root)
    registry = (
        parse_registry(read_utf8(path, shown, RegistryError), notice, shown)
        if path.is_file()
        else Registry(notice)
    )
    versions_dir = inside_project(folder / VERSIONS_DIR, project.root)
    paths: dict[str, Path] = {}
    if versions_dir.is_dir():
        for file in sorted(versions_dir.rglob("*")):
            if inside_project(file, project.root).is_file():
                paths[file.relative_to(folder).as_posix()] = file
    source = project.source_language

    def kept_file(name: str) -> bool:
        path = Path(name)
        return kept(path.stem) or (path.suffix == ".md" and path.stem == source)

    files = _RecordFiles(paths, kept_file)
    problems = verify_files(registry, files, project.relative(folder))
    raise_all(problems)
    texts: dict[tuple[str, str], tuple[str | Unread, str]] = {}
    pdfs: dict[tuple[str, str], bytes] = {}
    for version in registry.all_versions():
        for language, digest in version.files.items():
            relative = frozen_path(version.key, language)
            where = f"{project.relative(folder)}/{relative}"
            text = (
                files[relative].decode("utf-8")
                if kept(language) or language == source
                else Unread(paths[relative], digest, where)
            )
            texts[(version.key, language)] = (text, where)
        for language in version.pdfs:
            if kept(language):
                pdfs[(version.key, language)] = files[frozen_path(version.key, language, "pdf")]
    return registry, texts, pdfs


class _RecordFiles(Mapping[str, bytes]):
    """The files of a notice's ``versions/``, read when first asked for; those ``kept``
    accepts are kept (so that what was verified is what is used), the others read again
    if asked for again."""

    def __init__(self, paths: dict[str, Path], kept: Callable[[str], bool]) -> None:
        self._paths = paths
        self._kept = kept
        self._read: dict[str, bytes] = {}

    def __getitem__(self, name: str) -> bytes:
        if name in self._read:
            return self._read[name]
        data = self._paths[name].read_bytes()
        if self._kept(name):
            self._read[name] = data
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def templates_of(project: Project) -> dict[str, Catalog]:
    """Every template, computed from the current sources (notices, pages, site strings)."""
    from notice.project.site_strings import site_template

    templates: dict[str, Catalog] = {}
    for domain, path in document_paths(project).items():
        document = read_source(project, path)
        templates[domain] = template_catalog(domain, [document], project.origin)
    templates[SITE_DOMAIN] = site_template(project)
    return templates

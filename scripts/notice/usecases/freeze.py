"""PDFs frozen with their texts: made once, when a version (or a language of it) is
released, or later for a version released before PDFs were part of the record, and
hashed into the registry's chain like the texts.

A reader who cites a PDF finds the same bytes at its address for as long as the site
exists: a later change of fonts, labels, templates or WeasyPrint changes the PDFs of
new releases only. The build copies frozen PDFs and makes none for them.
"""

from __future__ import annotations

import base64
import dataclasses
from collections import ChainMap
from collections.abc import Mapping
from datetime import date
from functools import partial
from pathlib import Path

from notice.core.clock import today
from notice.core.errors import NoticeError
from notice.core.parallel import available_workers, run_all
from notice.project.config import Project
from notice.project.sources import Sources
from notice.record.integrity import frozen_path, sha256
from notice.record.versions import Entry, Registry
from notice.site import addresses
from notice.site.files import pdf_document, pdf_sheet
from notice.site.pdf import render
from notice.site.words import Words
from notice.text.segment import Document, segment_markdown

__all__ = ["frozen_entries", "make_pdfs", "pdfs_wanted"]


def pdfs_wanted(project: Project) -> bool:
    """Whether the project publishes PDFs (the notice plugin's ``pdf``, default true)."""
    return project.options.pdf


def make_pdfs(
    project: Project,
    sources: Sources,
    notice: str,
    registry: Registry,
    effective: date,
    languages: tuple[str, ...],
    texts: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    """The PDF of each of ``languages`` of one version, as the build would make it today:
    from ``texts`` (a release not written yet) or the frozen texts. ``registry`` holds the
    version's entry (for its dates and hashes)."""
    version = next(v for v in registry.versions() if v.effective == effective)
    folder = project.relative(project.docs_dir / notice)
    extra: dict[tuple[str, str, str], Document] = {
        (notice, version.key, code): segment_markdown(
            text, f"{folder}/{frozen_path(version.key, code)}"
        )
        for code, text in (texts or {}).items()
    }
    # The texts not written yet first, then the archive (segmented only where asked for).
    frozen: Mapping[tuple[str, str, str], Document] = ChainMap(extra, sources.frozen)  # type: ignore[arg-type]
    view = dataclasses.replace(sources, frozen=frozen)
    date_locales = project.options.formatting_locales()
    to_html = project.markdown_renderer()
    jobs = []
    for code in languages:
        language = Words(code, view, date_locales.get(code), project.site_name)
        sheet = pdf_sheet(
            view,
            notice,
            version,
            language,
            site_url=project.site_url,
            listed=project.options.disclosures_list(notice),
        )
        document = pdf_document(view, notice, version, language, to_html, sheet)
        what = f"the PDF of {addresses.released_url(notice, version, code)}"
        jobs.append(partial(render, document, code, what))
    made = run_all(jobs, available_workers())
    return {code: base64.b64decode(data) for code, data in zip(languages, made, strict=True)}


def frozen_entries(
    project: Project, sources: Sources, notice: str, recorded: date
) -> tuple[Registry, dict[Path, bytes]]:
    """For every version of ``notice`` with a language whose PDF is not frozen: its PDFs
    made now, and a ``freeze-pdfs`` entry appended to the registry for each version.
    Nothing is written here."""
    registry = sources.registries.get(notice) or Registry(notice)
    files: dict[Path, bytes] = {}
    folder = project.docs_dir / notice
    for version in registry.versions():
        missing = tuple(code for code in version.files if code not in version.pdfs)
        if not missing:
            continue
        if recorded < version.published:
            raise NoticeError(
                f"{notice} {version.effective} is published on {version.published}, after "
                f"{recorded}",
                hint="freeze its PDFs once it is published",
            )
        made = make_pdfs(project, sources, notice, registry, version.effective, missing)
        entry = Entry(
            kind="freeze-pdfs",
            effective=version.effective,
            dated=recorded,
            recorded=today(),
            files={},
            previous=registry.head,
            pdfs={code: sha256(data) for code, data in made.items()},
        )
        registry = Registry(notice, (*registry.entries, entry))
        for code, data in made.items():
            files[folder / frozen_path(version.key, code, "pdf")] = data
    return registry, files

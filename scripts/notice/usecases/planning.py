"""A release of the project as it stands: planned from its draft, catalogs and registry
(``notice.record.release``, which checks it and computes what to freeze), with the PDFs
of its texts made as the site shows them (``notice.usecases.freeze``), all in one plan that
``write_plan`` writes whole or not at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

from notice.core.errors import NoticeError, raise_all
from notice.project.audit import disclosure_findings, review_site_strings
from notice.project.config import Project
from notice.project.sources import Sources
from notice.record.release import (
    Addition,
    Catalogs,
    Plan,
    Release,
    plan_addition,
    plan_release,
)
from notice.record.versions import Registry
from notice.text.gate import refusals
from notice.usecases.freeze import make_pdfs, pdfs_wanted


def plan_version(project: Project, sources: Sources, release: Release) -> Plan:
    """A new version of ``release.notice`` from its draft and the translations of its
    catalogs, checked as ``notice check`` checks them, with its PDFs."""
    notice, source = release.notice, project.source_language
    registry = sources.registries[notice]
    latest = registry.latest()
    raise_all(
        [
            NoticeError(found.message, release.draft.path, found.line)
            for found in disclosure_findings(
                release.draft, project.options.disclosures_list(notice), source
            )
            if found.severity == "error"
        ]
    )
    release = dataclasses.replace(
        release, without=tuple(project.language_code(code) for code in release.without)
    )
    freezing = [source, *(code for code in project.translations if code not in release.without)]
    with _site_words_gated(project, sources, freezing):
        plan = plan_release(
            release,
            registry,
            sources.frozen[(notice, latest.key, source)] if latest else None,
            _catalogs(project, sources, notice, project.translations),
            project.notice_period_days,
        )
    return _with_pdfs(project, sources, plan, registry)


def plan_language(project: Project, sources: Sources, addition: Addition) -> Plan:
    """A translation finished after a version's release, added to that version."""
    notice, language = addition.notice, project.language_code(addition.language)
    if language not in project.translations:
        raise NoticeError(f"'{language}' is not a translation language of this site")
    addition = dataclasses.replace(addition, language=language)
    registry = sources.registries[notice]
    version = next((v for v in registry.versions() if v.effective == addition.effective), None)
    source = sources.frozen_text(notice, version, project.source_language) if version else None
    if source is None:
        raise NoticeError(
            f"there is no released version of '{notice}' effective {addition.effective}"
        )
    with _site_words_gated(project, sources, [project.source_language, language]):
        plan = plan_addition(
            addition, registry, source, _catalogs(project, sources, notice, (language,))
        )
    return _with_pdfs(project, sources, plan, registry)


def _catalogs(
    project: Project, sources: Sources, notice: str, languages: tuple[str, ...]
) -> Catalogs:
    """The translations of ``notice`` into ``languages``, and what checks them."""
    return Catalogs(
        source_language=project.source_language,
        languages=languages,
        catalogs={lang: sources.catalogs.get((notice, lang)) for lang in languages},
        po_paths={lang: sources.po_paths[(notice, lang)] for lang in languages},
        to_html=project.markdown_renderer(),
        fonts=project.font_coverage(),
    )


@contextmanager
def _site_words_gated(project: Project, sources: Sources, languages: list[str]) -> Iterator[None]:
    """Refuse a release whose PDFs would print a site string `notice check` refuses in
    one of ``languages``, with every other refusal of the release at once."""
    if not pdfs_wanted(project):
        yield
        return
    refused = refusals(review_site_strings(sources, project, languages, project.font_coverage()))
    try:
        yield
    except NoticeError as exc:
        raise_all([exc, *refused])
    raise_all(refused)


def _with_pdfs(project: Project, sources: Sources, plan: Plan, registry: Registry) -> Plan:
    """The plan with the PDFs of its texts, made now to be frozen with them (unless the
    project publishes none)."""
    if not pdfs_wanted(project):
        return plan
    planned = Registry(plan.notice, (*registry.entries, plan.entry))
    texts = tuple(plan.texts)
    pdfs = make_pdfs(
        project, sources, plan.notice, planned, plan.entry.effective, texts, plan.texts
    )
    return plan.with_pdfs(pdfs)

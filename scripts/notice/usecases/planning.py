"""A release of the project as it stands: planned from its draft, catalogs and registry
(``notice.record.release``, which checks it and computes what to freeze), with the PDFs
of its texts made as the site shows them (``notice.usecases.freeze``), all in one plan that
``write_plan`` writes whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from notice.core.errors import NoticeError, raise_all
from notice.project.audit import disclosure_findings, review_site_strings
from notice.project.config import Project
from notice.project.sources import Sources
from notice.record.release import Catalogs, Plan, Release, plan_addition, plan_release
from notice.record.versions import Change, Registry
from notice.text.gate import refusals
from notice.usecases.freeze import make_pdfs, pdfs_wanted


def plan_version(
    project: Project,
    sources: Sources,
    notice: str,
    *,
    effective: date,
    published: date,
    recorded: date,
    change: Change | None,
    without: tuple[str, ...] = (),
    short_notice: str | None = None,
    editorial_because: str | None = None,
    published_because: str | None = None,
) -> Plan:
    """A new version of ``notice`` from its draft and the translations of its catalogs,
    recorded on ``recorded`` (the clock's day)."""
    if change is None:
        raise NoticeError(
            "say what kind of change this version is: --material (what is processed, "
            "why, by whom, or how to use one's rights: announced "
            f"{project.notice_period_days} days ahead) or --editorial (wording and "
            "typo fixes)"
        )
    registry = sources.registries[notice]
    latest = registry.latest()
    source = project.source_language
    draft = sources.documents[notice]
    raise_all(
        [
            NoticeError(found.message, draft.path, found.line)
            for found in disclosure_findings(
                draft, project.options.disclosures_list(notice), source
            )
            if found.severity == "error"
        ]
    )
    left_out = tuple(project.language_code(code) for code in without)
    freezing = [source, *(code for code in project.translations if code not in left_out)]
    with _site_words_gated(project, sources, freezing):
        plan = plan_release(
            Release(
                notice=notice,
                draft=draft,
                effective=effective,
                published=published,
                recorded=recorded,
                change=change,
                without=left_out,
                short_notice=short_notice,
                editorial_because=editorial_because,
                published_because=published_because,
            ),
            registry,
            sources.frozen[(notice, latest.key, source)] if latest else None,
            Catalogs(
                source_language=source,
                languages=project.translations,
                catalogs={
                    lang: sources.catalogs.get((notice, lang)) for lang in project.translations
                },
                po_paths={lang: sources.po_paths[(notice, lang)] for lang in project.translations},
                to_html=project.markdown_renderer(),
                fonts=project.font_coverage(),
            ),
            project.notice_period_days,
        )
    return _with_pdfs(project, sources, plan, registry)


def plan_language(
    project: Project,
    sources: Sources,
    notice: str,
    language: str,
    *,
    effective: date,
    added: date,
    recorded: date,
) -> Plan:
    """A translation finished after a version's release, added to that version."""
    language = project.language_code(language)
    if language not in project.translations:
        raise NoticeError(f"'{language}' is not a translation language of this site")
    registry = sources.registries[notice]
    version = next((v for v in registry.versions() if v.effective == effective), None)
    source = sources.frozen_text(notice, version, project.source_language) if version else None
    if source is None:
        raise NoticeError(f"there is no released version of '{notice}' effective {effective}")
    with _site_words_gated(project, sources, [project.source_language, language]):
        plan = plan_addition(
            notice=notice,
            language=language,
            frozen_source=source,
            catalog=sources.catalogs.get((notice, language)),
            po_path=sources.po_paths[(notice, language)],
            registry=registry,
            effective=effective,
            added=added,
            recorded=recorded,
            to_html=project.markdown_renderer(),
            source_language=project.source_language,
            fonts=project.font_coverage(),
        )
    return _with_pdfs(project, sources, plan, registry)


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

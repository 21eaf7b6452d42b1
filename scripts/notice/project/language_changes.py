"""Languages that come and go after releases: what such a change does to the record.

A released text keeps the code it was released under: its file
(``versions/<date>/<code>.md``), its hash in the registry and its address
(``/<notice>/versions/<date>/<code>.md``) never change. So a language removed from
``mkdocs.yml`` keeps its released texts, published and verifiable; only its pages are no
longer built. A code written another way (``uk`` as ``uk_UA``) is another language for
the record: the released texts stay under the old code, and the new one starts without
them. ``check_language_changes`` says so while a change is half done (the translations
still under the old code) and refuses a source language the released versions have no
text in; ``notice.project.audit`` reports what it finds, so ``check``, ``build`` and
``serve`` refuse alike.
"""

from __future__ import annotations

from collections.abc import Collection

from notice.core.errors import ConfigError, raise_all
from notice.core.languages import UnknownLanguage, language_tag
from notice.project.config import Language, Project
from notice.project.sources import Sources
from notice.record.versions import REGISTRY_NAME
from notice.text.checks import Problem


def released_codes(sources: Sources) -> dict[str, dict[str, list[str]]]:
    """Every language code with released texts: per notice, the effective dates."""
    found: dict[str, dict[str, list[str]]] = {}
    for notice, registry in sorted(sources.registries.items()):
        for version in registry.versions():
            for code in version.files:
                dates = found.setdefault(code, {}).setdefault(notice, [])
                dates.append(version.effective.isoformat())
    return found


def same_language(code: str, other: str) -> bool:
    """Whether two codes name the same language, written differently or with another
    region or script (``uk`` and ``uk_UA``, ``zh_TW`` and ``zh-TW``)."""
    try:
        return language_tag(code).locale.language == language_tag(other).locale.language
    except UnknownLanguage:
        return False


def successor(code: str, project: Project, released: Collection[str]) -> Language | None:
    """The configured language that takes the place of ``code``, a code no longer
    configured: the same language, with no released text of its own."""
    return next(
        (
            language
            for language in project.languages
            if language.code not in released and same_language(code, language.code)
        ),
        None,
    )


def check_language_changes(project: Project, sources: Sources) -> list[Problem]:
    """Errors for a language change after releases that would lose something: a code
    with released texts removed or renamed while its translations are still under it,
    and a source language some released version has no text in."""
    released = released_codes(sources)
    config = project.relative(project.config_file)
    problems: list[Problem] = []
    source = project.source_language
    configured = {language.code for language in project.languages}
    missing = {notice: dates for notice, dates in _without(sources, source).items() if dates}
    if missing:
        before = next(
            (c for c in released if c not in configured and same_language(c, source)), None
        )
        was = f"; they were released in {before}" if before else ""
        problems.append(
            Problem(
                config,
                _line(project, source),
                f"the source language '{source}' has no text in versions released before "
                f"({_where(project, missing)}){was}: a released text keeps the code it was "
                "released under, and every version needs a text in the source language ("
                + (
                    f"keep `locale: {before}` and change only its name"
                    if before
                    else "make a language they were released in the default"
                )
                + ")",
            )
        )
    for code, notices in sorted(released.items()):
        if code in configured:
            continue
        if not any(project.po_file(code, notice).is_file() for notice in notices):
            continue  # removed, translations and all: its released texts stay published
        folder = project.relative(project.locales_dir / language_tag(code).folder) + "/"
        kept = f"released texts keep their code and their addresses ({_addresses(notices, code)})"
        new = successor(code, project, released)
        if new is not None:
            target = project.relative(project.locales_dir / new.tag.folder) + "/"
            problems.append(
                Problem(
                    config,
                    new.line,
                    f"'{new.code}' replaces '{code}', which has released texts "
                    f"({_where(project, notices)}): {kept}, so {new.code} would start without "
                    f"them, and without {code}'s translations in {folder} (keep `locale: "
                    f"{code}` and change only its name; or, to rename, move {folder} to "
                    f"{target} and write `Language: {new.code}` in their headers: the texts "
                    f"released as {code} stay published and verifiable, "
                    f"its pages under /{code}/ are no longer built)",
                )
            )
            continue
        problems.append(
            Problem(
                config,
                project.languages_line,
                f"'{code}' is no longer a language of the site, but it has released texts "
                f"({_where(project, notices)}) and its translations are still in {folder}: "
                f"{kept} and stay published and verifiable, its pages under /{code}/ are no "
                "longer built (add it back to the i18n plugin's languages; or, to remove it, "
                f"delete its translations of the notices in {folder} too)",
            )
        )
    return problems


def _without(sources: Sources, code: str) -> dict[str, list[str]]:
    """Per notice, the versions with no text in ``code``."""
    return {
        notice: [v.effective.isoformat() for v in registry.versions() if code not in v.files]
        for notice, registry in sorted(sources.registries.items())
    }


def _where(project: Project, notices: dict[str, list[str]]) -> str:
    """``docs/privacy/versions.yml: 2024-05-01, 2025-09-01``, per notice."""
    return "; ".join(
        f"{project.relative(project.docs_dir / notice / REGISTRY_NAME)}: {', '.join(dates)}"
        for notice, dates in sorted(notices.items())
    )


def _addresses(notices: dict[str, list[str]], code: str) -> str:
    """Where the released texts in ``code`` are published."""
    notice = next(iter(notices)) if len(notices) == 1 else "<notice>"
    return f"/{notice}/versions/<date>/{code}.md"


def _line(project: Project, code: str) -> int | None:
    return next((lang.line for lang in project.languages if lang.code == code), None)


def refuse_language_changes(project: Project, sources: Sources) -> None:
    """Raise what ``check_language_changes`` finds (for ``notice release``, which adds to
    the record and does not run every check)."""
    raise_all(
        [ConfigError(p.message, p.path, p.line) for p in check_language_changes(project, sources)]
    )

"""The page builders: from sources and a build date to the staged pages of one language
(pure). Every sentence a page shows is translated and formatted here, so templates only
place it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from notice.core.errors import StructureError
from notice.project.sources import Sources
from notice.record.versions import Status, Version, latest_release, status
from notice.site import addresses
from notice.site.addresses import key
from notice.site.compare import compare_page, draft_compare_page
from notice.site.history import history_page
from notice.site.layers import Disclosing, layers
from notice.site.meta import (
    Links,
    Page,
    Record,
    Upcoming,
    VersionLink,
)
from notice.site.redlines import Redlines
from notice.site.words import Words, binding_note, earlier_note, escape, new_page_meta
from notice.text.catalog import coverage, translations
from notice.text.checks import inert_translations
from notice.text.compose import render_page
from notice.text.facts import FIELD as FACTS
from notice.text.markdown import structure_error
from notice.text.segment import Document


def not_found_page(language: Words) -> Page:
    """A 404 page in every language (static-i18n writes one, for the last language)."""
    page_meta = new_page_meta(
        language,
        language._("Page not found"),
        "404",
        language.notice(kind="page", lang=language.code),
    )
    explanation = language._(
        "There is no page at this address. Notices and their earlier versions keep their "
        "addresses; this one may have been mistyped."
    )
    home = language._("Go to the list of notices")
    body = f"{escape(explanation)}\n\n[{escape(home)}](index.md)\n"
    return Page(f"{language.code}/404.md", page_meta, body)


def draft_page(
    sources: Sources,
    domain: str,
    document: Document,
    language: Words,
    to_html: Callable[[str], str],
    problems: list[StructureError],
    path: str,
    extra: dict[str, Any] | None = None,
    remark: str | None = None,
    listed: str = "off",
) -> Page | None:
    """A page built from a working text and the current catalogs (landing page, drafts).

    ``extra`` sets fields of its ``NoticeMeta``; ``remark`` (a translated word, such as
    "Draft") follows its title in the language's parentheses."""
    template = sources.template(domain)
    catalog = sources.catalogs.get((domain, language.code))
    is_source = language.code == sources.source_language
    complete = is_source or coverage(template, catalog, language.code).complete
    raw = translations(catalog) if complete and not is_source else {}
    texts = inert_translations((s.text for s in document.segments), raw)
    if texts and not sources.checked:
        po_path = sources.po_paths[(domain, language.code)]
        broken = structure_error(document, texts, to_html, po_path, catalog)
        if broken is not None:
            problems.append(broken)
            return None
    front, body = render_page(document, texts, anchors=True, fields=raw)
    title = str(front.get("title") or domain)
    fields: dict[str, Any] = {"kind": "page", **(extra or {})}
    page_meta = new_page_meta(
        language,
        language.titled(title, remark) if remark else title,
        domain,
        language.notice(
            lang=language.code if complete else sources.source_language,
            fallback=None if complete else "incomplete",
            layers=layers(
                language,
                document,
                listed,
                lang=language.code if complete else sources.source_language,
                translate=lambda text: texts.get(text, text),
            ),
            **fields,
        ),
        description=str(front["description"]) if front.get("description") else None,
    )
    target = f"{language.code}/{path}/index.md" if "/" in path else f"{language.code}/{path}.md"
    return Page(target, page_meta, body)


def notice_pages(
    sources: Sources,
    notice: str,
    versions: list[Version],
    shown: list[Version],
    language: Words,
    *,
    today: date,
    draft: bool,
    preview: bool,
    to_html: Callable[[str], str],
    problems: list[StructureError],
    redlines: Redlines,
    pdf: bool = False,
    disclosing: Disclosing | None = None,
    withdrawn: tuple[Version, ...] = (),
) -> list[Page]:
    """The current page, the history and every shown version of one notice in one language
    (``pdf``: the version pages link to their PDFs; ``disclosing``: what the pages show of
    the notice's maps of GDPR disclosures; ``withdrawn``: the versions withdrawn before
    they took effect, each keeping its page, marked as such)."""
    disclosing = disclosing or Disclosing("off")
    statuses = {v.effective: status(v, versions, today) for v in shown}
    current = next((v for v in shown if statuses[v.effective] == "current"), None)
    upcoming = [v for v in shown if statuses[v.effective] == "upcoming"]
    pairs = [] if preview else addresses.compare_pairs(shown, current, upcoming)
    compared = {(a.effective, b.effective) for a, b in pairs}
    drafts = draft or preview
    baseline = latest_release(versions, today)  # what the draft is compared with
    links = Links(
        history=language.url(notice, "versions"),
        current=language.url(notice),
        feed=addresses.feed_url(language.prefix, notice),
        calendar=addresses.calendar_url(language.prefix, notice),
        draft=language.url(notice, "draft") if drafts else None,
        draft_compare=(
            language.url(notice, "compare", key(baseline), "draft")
            if drafts and baseline is not None
            else None
        ),
    )
    common: dict[str, Any] = {
        "links": links,
        "id": notice,
        "versions": tuple(
            VersionLink(
                effective=v.effective.isoformat(),
                effective_text=language.date(v.effective),
                status_text=language.status(statuses[v.effective]),
                url=language.version_url(notice, v),
                status_remark=language.remark(language.status(statuses[v.effective])),
            )
            for v in reversed(shown)
        ),
    }
    announced = [v for v in upcoming if not v.editorial]  # editorial fixes get no banner
    compared_days = {
        (a.effective, b.effective) for a, b in addresses.compare_pairs(shown, current, upcoming)
    }

    def banner(nxt: Version, base: Version | None) -> Upcoming:
        """The banner of a version announced to take effect after the page's."""
        day = language.date(nxt.effective)
        impact = sources.shown_text(notice, nxt, language.code).front_matter.get("impact")
        return Upcoming(
            effective=nxt.effective.isoformat(),
            effective_text=day,
            url=language.version_url(notice, nxt),
            takes_effect=language._(
                "A new version of this notice takes effect on %(date)s.", date=day
            ),
            took_effect=language._(
                "A new version of this notice took effect on %(date)s.", date=day
            ),
            compare_url=language.compare_url(notice, base, nxt)
            if base is not None and (base.effective, nxt.effective) in compared_days
            else None,
            days_left=language.days_left(today, nxt.effective),
            built=today.isoformat(),
            impact=str(impact) if impact else None,
        )

    if announced:
        common["upcoming"] = banner(announced[0], current)

    def version_page(version: Version, path: str) -> Page:
        comparisons = (
            addresses.comparison_links(version, shown, current, compared, language.prefix, notice)
            if version.withdrawn is None
            else {}
        )
        # A page announces the next version after its own, never one before it.
        later = [v for v in announced if v.effective > version.effective]
        base = version if statuses.get(version.effective) == "upcoming" else current
        return _version_page(
            sources,
            notice,
            version,
            shown,
            statuses,
            language,
            {
                **common,
                "links": dataclasses.replace(links, **comparisons),
                "upcoming": banner(later[0], base) if later else None,
            },
            path=path,
            today=today,
            pdf=pdf,
            published=not preview,
            listed=disclosing.listed,
            linked=disclosing.linked,
        )

    pages: list[Page] = []
    for version in shown:
        if preview and statuses[version.effective] == "archived":
            continue
        pages.append(
            version_page(
                version, addresses.staged_path(language.code, notice, "versions", key(version))
            )
        )
    if not preview:
        for version in withdrawn:
            path = addresses.staged_path(language.code, notice, "versions", key(version))
            pages.append(version_page(version, path))
    for older, newer in pairs:
        pages.append(
            compare_page(
                sources, notice, older, newer, statuses, language, common, redlines, disclosing
            )
        )
    main = current or (upcoming[0] if upcoming else None)
    if main is not None:
        page = version_page(main, addresses.staged_path(language.code, notice))
        pages.insert(0, page)
        pages.append(
            history_page(
                sources, notice, shown, statuses, language, common, page, disclosing, withdrawn
            )
        )
    if drafts:
        preview_page = draft_page(
            sources,
            notice,
            sources.documents[notice],
            language,
            to_html,
            problems,
            f"{notice}/draft",
            {**common, "kind": "draft", "status": "draft"},
            remark=language._("Draft"),
            listed=disclosing.listed,
        )
        if preview_page is not None and baseline is not None:
            pages.append(
                draft_compare_page(
                    sources, notice, baseline, language, common, redlines, disclosing
                )
            )
        if preview_page is not None:
            if main is None:
                pages.insert(
                    0,
                    Page(
                        addresses.staged_path(language.code, notice),
                        preview_page.meta,
                        preview_page.body,
                    ),
                )
            pages.append(preview_page)
    return pages


def _version_page(
    sources: Sources,
    notice: str,
    version: Version,
    shown: list[Version],
    statuses: dict[date, Status | None],
    language: Words,
    common: dict[str, Any],
    path: str,
    today: date,
    pdf: bool,
    published: bool = True,
    listed: str = "off",
    linked: bool = False,
) -> Page:
    document = sources.frozen_text(notice, version, language.code)
    fallback = None
    if document is None:
        document = sources.frozen_text(notice, version, sources.source_language)
        fallback = "missing"
    assert document is not None
    shown_lang = sources.source_language if fallback else language.code
    front, body = render_page(document, {}, anchors=True)
    state = "withdrawn" if version.withdrawn else statuses[version.effective]
    later = [v for v in shown if v.effective > version.effective]
    earlier = [v for v in shown if v.effective < version.effective]
    title = str(front.get("title") or notice)
    is_main = path == addresses.staged_path(language.code, notice)
    effective_text = language.date(version.effective)
    published_text = language.date(version.published)
    until_text = language.date(later[0].effective) if later and state == "archived" else None
    page_meta = new_page_meta(
        language,
        title
        if is_main
        else language._("%(title)s, version of %(date)s", title=title, date=effective_text),
        notice,
        language.notice(
            **common,
            kind="version",
            status=state,
            lang=sources.source_language if fallback else language.code,
            fallback=fallback,
            effective=version.effective.isoformat(),
            effective_text=effective_text,
            published_text=published_text,
            permalink=language.version_url(notice, version),
            binding=binding_note(front, sources, language) if not fallback else None,
            until_text=until_text,
            previous_text=language.date(earlier[-1].effective) if earlier else None,
            changes=str(front["changes"]) if front.get("changes") else None,
            since=language._("In effect since %(date)s.", date=effective_text)
            if state == "current"
            else None,
            published_line=language._("Published %(date)s.", date=published_text),
            takes_effect=language._("This version takes effect on %(date)s.", date=effective_text)
            if state == "upcoming"
            else None,
            took_effect=language._("This version took effect on %(date)s.", date=effective_text)
            if state == "upcoming"
            else None,
            earlier=earlier_note(language, effective_text, until_text)
            if state == "archived"
            else None,
            withdrawn=language.withdrawn_note(version),
            recorded=language.recorded_note(version),
            impact=str(front["impact"]) if front.get("impact") else None,
            change=version.change,
            change_note=language._(
                "An editorial change: it corrects or clarifies wording and changes nothing "
                "in how personal data is processed."
            )
            if version.editorial
            else None,
            days_left=language.days_left(today, version.effective) if state == "upcoming" else None,
            built=today.isoformat() if state == "upcoming" else None,
            record=Record(
                effective=version.effective.isoformat(),
                published=version.published.isoformat(),
                effective_text=effective_text,
                published_text=published_text,
                sha256=version.files[shown_lang],
                lang=shown_lang,
                source_url=addresses.released_url(notice, version, shown_lang)
                if published
                else None,
                pdf_url=addresses.released_url(notice, version, shown_lang, "pdf") if pdf else None,
            ),
            layers=layers(
                language,
                document,
                listed,
                lang=shown_lang,
                index_url=addresses.index_url(notice, version)
                if published and linked and FACTS in document.front_matter
                else None,
            ),
        ),
        description=str(front["description"]) if front.get("description") else None,
    )
    return Page(path, page_meta, body)

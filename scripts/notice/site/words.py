"""A language's words on the site: the site's strings translated (with their plural forms,
the English fallback where a translation lacks one), the site's name (its translation,
else the source language's), its direction and prefix, and dates, numbers and lists
formatted by Babel in its locale.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from babel.core import Locale
from babel.dates import format_date, get_date_format
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.numbers import format_decimal
from babel.support import Translations

from notice.core.languages import Direction, language_tag
from notice.core.numbering import split_extension, with_digits
from notice.project.config import SITE_DOMAIN, SITE_NAME_CONTEXT
from notice.project.sources import Sources
from notice.record.versions import Version
from notice.site import addresses
from notice.site.hosting import CONTENT_SECURITY_POLICY
from notice.site.meta import (
    Fragment,
    Labels,
    NoticeMeta,
    PageMeta,
    Shared,
)
from notice.text.catalog import gettext_translations, is_translated
from notice.text.redline import Folding, RedlineLabels

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")
_ITEM = re.compile(r"\x00\d+\x00")
_DAY = re.compile(r"(?<![d'])d(?![d'])")
#: The first of the month, where a language writes it as an ordinal (CLDR's date formats
#: do not): the suffix after the day, quoted as a Babel pattern's literal.
_FIRST_OF_MONTH = {"fr": "'er'"}


def language_name(code: str, in_language: str) -> str:
    """The name of a language, in another language, from Babel's locale data."""
    return language_tag(code).name(language_tag(in_language))


def _site_name(catalog: Catalog | None, site_name: str) -> str:
    """The site's name in a language: its own translation (``site.po``, complete and not
    fuzzy), else the name in the source language (``site_name``). Never another language's:
    the site's other words fall back to English, but a name in English would be a name the
    site's owner never gave it, in the source language's pages too."""
    message = catalog.get(site_name, SITE_NAME_CONTEXT) if catalog and site_name else None
    if message is None or message.fuzzy or not is_translated(message.string):
        return site_name
    return str(message.string)


class Words:
    """What the pages of one language need: its prefix, translations, dates and words."""

    def __init__(
        self, code: str, sources: Sources, date_locale: str | None, site_name: str
    ) -> None:
        self.code = code
        self.tag = language_tag(code)
        self.source = sources.source_language
        self.prefix = addresses.prefix(code, self.source)
        catalog = sources.catalogs.get((SITE_DOMAIN, code))
        self.translations: Translations = gettext_translations(catalog, sources.site_fallback_words)
        locale, self.numbering = split_extension(date_locale or code)
        self.date_locale = language_tag(locale).babel if date_locale else self.tag.babel
        self.site_name = _site_name(catalog, site_name)

    # The language's own data from CLDR (about 1 MiB a language, kept by Babel once read)
    # is read only where this language's pages need it: a part of the site holds the
    # ``Words`` of every language, but reads only the others' addresses, site names and
    # address labels (``address_label``), none of which need it.
    @functools.cached_property
    def direction(self) -> Direction:
        """``ltr`` or ``rtl``, from CLDR."""
        return self.tag.direction

    @functools.cached_property
    def source_name(self) -> str:
        """The source language's name in this language."""
        return language_name(self.source, self.code)

    @functools.cached_property
    def labels(self) -> Labels:
        """Every label of the pages, translated (two of them name the source language)."""
        return self._labels()

    @property
    def address_label(self) -> str:
        """ "Permanent address": its label in this language."""
        return self._("Permanent address")

    def _(self, message: str, **values: str) -> str:
        text = self.translations.gettext(message)
        return text % self.isolated(values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: str) -> str:
        """A sentence that depends on a number ``n`` (``%(num)s``), in the language's
        plural forms."""
        text = self.translations.ngettext(singular, plural, n)
        return text % {"num": self.number(n), **self.isolated(values)}

    def isolated(self, values: dict[str, str]) -> dict[str, str]:
        """Values to put into a sentence of a right-to-left language, each between Unicode
        isolates (FSI … PDI): a date, a title, an address or a name in another direction
        then reads in its own order, and does not reorder the words around it."""
        if self.direction != "rtl":
            return values
        return {key: f"\u2068{value}\u2069" for key, value in values.items()}

    def number(self, n: int) -> str:
        """A number as the language writes it, in its digits (``numbering``) and with the
        separators CLDR gives those digits where it has them (Arabic's ``١٬٢٣٤``)."""
        symbols = Locale.parse(self.date_locale).number_symbols
        system = self.numbering if self.numbering in symbols else "latn"
        text = format_decimal(n, locale=self.date_locale, numbering_system=system)
        return with_digits(text, self.numbering)

    def listed(self, items: Sequence[str]) -> str:
        """Items as the language lists them: "A, B and C", "A、B、C", "A وB وC"."""
        return format_list(list(items), locale=self.date_locale)

    def separators(self, n: int) -> tuple[str, ...]:
        """What goes before each of ``n`` listed items (nothing before the first), as
        ``listed`` writes them: for a list whose items are links, written one by one."""
        if n < 2:
            return ("",) * n
        marks = [f"\x00{index}\x00" for index in range(n)]
        return tuple(_ITEM.split(self.listed(marks))[:n])

    def remark(self, text: str) -> str:
        """A remark after a title, in the language's parentheses: "(changed)"."""
        # Translators: a remark after a title or a date, such as "(changed)" or "(In
        # effect)", in your language's own parentheses (full-width in Chinese and Japanese).
        return self._("(%(remark)s)", remark=text)

    def titled(self, title: str, remark: str) -> str:
        """A title followed by a remark in parentheses: "Your rights (changed)"."""
        # Translators: a section's title, then what happened to it, such as "Your rights
        # (changed)", with your language's own space and parentheses.
        return self._("%(title)s (%(remark)s)", title=title, remark=remark)

    def noted(self, status: str, note: str) -> str:
        """A section's status with a note on it, in parentheses: "(renamed: was Rights)"."""
        # Translators: what happened to a section and a note on it, such as "(renamed: was
        # Your rights)", with your language's own parentheses and colon.
        return self._("(%(status)s: %(note)s)", status=status, note=note)

    def days_left(self, today: date, day: date) -> str:
        """ "37 days remain." (until ``day``, as of ``today``)."""
        n = (day - today).days
        return self.ngettext("%(num)s day remains.", "%(num)s days remain.", n)

    def folding(self, sections: int) -> Folding:
        """How a compare page of up to ``sections`` sections folds and links them."""
        return Folding(
            one=self._("%(title)s (unchanged)"),
            many=tuple(
                self.translations.ngettext(
                    "%(count)s unchanged section: %(first)s to %(last)s",
                    "%(count)s unchanged sections: %(first)s to %(last)s",
                    n,
                )
                for n in range(2, max(sections, 2) + 1)
            ),
            next_change=self._("Next change: %(title)s"),
            last_change=self._("Back to the list of changes"),
        )

    def withdrawn_note(self, version: Version) -> str | None:
        """Why a withdrawn version never took effect, with the day (None for another)."""
        if version.withdrawn is None:
            return None
        return self._(
            "Withdrawn on %(date)s, before it took effect: %(reason)s",
            date=self.date(version.withdrawn),
            reason=version.withdrawn_because or "",
        )

    def recorded_note(self, version: Version) -> str | None:
        """For a version published before its release was recorded here (one brought in
        from before the record was kept): the day it was recorded and why."""
        if version.recorded is None or not version.published_because:
            return None
        return self._(
            "Recorded on %(date)s: %(reason)s",
            date=self.date(version.recorded),
            reason=version.published_because,
        )

    def change_text(self, version: Version) -> str:
        """ "Material change" or "Editorial change"."""
        return self.labels.editorial if version.editorial else self.labels.material

    def counted(self, state: str, n: int) -> str:
        """How many sections a comparison found ``added``, ``changed``, … ("2 changed")."""
        if state == "added":
            return self.ngettext("%(num)s added", "%(num)s added", n)
        if state == "changed":
            return self.ngettext("%(num)s changed", "%(num)s changed", n)
        if state == "renamed":
            return self.ngettext("%(num)s renamed", "%(num)s renamed", n)
        return self.ngettext("%(num)s removed", "%(num)s removed", n)

    def status(self, state: str | None) -> str:
        """A version's status, in words."""
        labels = {
            "current": self._("In effect"),
            "upcoming": self._("Upcoming"),
            "archived": self._("Archived"),
            "withdrawn": self._("Withdrawn"),
        }
        return labels[state or "archived"]

    def date(self, day: date) -> str:
        """A day as the language writes it in running text, with the ordinal of the first
        where the language writes one ("1er janvier 2027")."""
        ordinal = _FIRST_OF_MONTH.get(Locale.parse(self.date_locale).language)
        pattern = get_date_format("long", locale=self.date_locale).pattern
        if day.day == 1 and ordinal is not None:
            pattern = _DAY.sub(f"d{ordinal}", pattern, 1)
        return with_digits(format_date(day, pattern, locale=self.date_locale), self.numbering)

    def url(self, notice: str, *parts: str) -> str:
        return addresses.page_url(self.prefix, notice, *parts)

    def version_url(self, notice: str, version: Version) -> str:
        return addresses.version_url(self.prefix, notice, version)

    def compare_url(self, notice: str, older: Version, newer: Version) -> str:
        return addresses.compare_url(self.prefix, notice, older, newer)

    def diff_labels(self) -> RedlineLabels:
        return RedlineLabels(
            deleted_start=self._("Deleted:"),
            deleted_end=self._("End of deletion."),
            inserted_start=self._("Inserted:"),
            inserted_end=self._("End of insertion."),
        )

    def lead(self, label: str) -> str:
        """A label that introduces what follows it ("What this means for you:"), with the
        language's own punctuation (a full-width colon in Chinese and Japanese)."""
        # Translators: a label followed by its value or text, such as "Status: Current".
        return self._("%(label)s:", label=label)

    def plain_lead(self, label: str) -> str:
        """``lead`` for plain text (an e-mail's), without the isolates of a page."""
        return self.translations.gettext("%(label)s:") % {"label": label}

    def _labels(self) -> Labels:
        _ = self._
        return Labels(
            translation_incomplete_title=_("Translation not yet available"),
            translation_incomplete=_(
                "This page is not yet available in your language. Below is the original "
                "text in %(language)s.",
                language=self.source_name,
            ),
            translation_missing_title=_("Translation not available"),
            translation_missing=_(
                "This version was not published in your language. Below is the original "
                "text in %(language)s.",
                language=self.source_name,
            ),
            draft=_("Draft"),
            draft_note=_("This is a draft for review. It is not in effect and is not published."),
            compare_current=_("Compare with the current version"),
            until_then=_("Until then, the current version applies."),
            earlier_version=_("This is an earlier version."),
            read_current=_("Read the current version"),
            previous_compare=_("What changed from the previous version"),
            see_changes=_("See what changes"),
            all_versions=_("All versions"),
            feed=_("Follow changes (Atom feed)"),
            draft_changes=_("What the draft changes"),
            coming_title=_("A new version is coming"),
            in_effect_title=_("A new version is in effect"),
            read_new=_("Read the new version"),
            summary=_("Summary of the changes"),
            identical=_("The two texts are identical."),
            changed_sections=_("Changed sections"),
            how_to_read=_("How to read this page:"),
            deleted_text=_("deleted text"),
            inserted_text=_("inserted text"),
            folded=_("Unchanged sections are folded; open them to read them."),
            effective=_("Effective"),
            published=_("Published"),
            status=_("Status"),
            what_changed=_("What changed"),
            compare=_("Compare"),
            changes_previous=_("Changes from the previous version"),
            other_versions=_("Other versions"),
            impact=_("What this means for you"),
            editorial=_("Editorial change"),
            material=_("Material change"),
            calendar=_("Effective dates for your calendar (iCalendar)"),
            record=_("Record of this version"),
            sha256=_("SHA-256 of the text as released"),
            released_text=_("The text as released (Markdown)"),
            pdf=_("PDF"),
            address=self.address_label,
            impact_lead=self.lead(_("What this means for you")),
            # Translators: a label that starts a note, such as "Editorial change." before
            # the reason for it.
            editorial_lead=_("%(label)s.", label=_("Editorial change")),
            effective_lead=self.lead(_("Effective")),
            published_lead=self.lead(_("Published")),
            status_lead=self.lead(_("Status")),
        )

    def notice(self, meta: NoticeMeta, shared: Shared | None = None) -> NoticeMeta:
        """A notice page's own fields with the language's words, what the notice's pages
        ``shared``, and the direction of its text where that is not the page's."""
        if shared is not None:
            meta = dataclasses.replace(
                meta,
                id=shared.id,
                links=shared.links,
                versions=shared.versions,
                upcoming=shared.upcoming,
            )
        return dataclasses.replace(
            meta,
            labels=self.labels,
            source_name=self.source_name,
            text_dir=self.other_direction(meta.lang) if meta.lang else None,
        )

    def other_direction(self, code: str | None) -> str | None:
        """The direction of a text in ``code`` where it differs from this language's."""
        if code is None:
            return None
        direction = language_tag(code).direction
        return direction if direction != self.direction else None

    def fragments(self, message: str, **parts: Fragment) -> tuple[Fragment, ...]:
        """A translated sentence cut at its placeholders, each replaced by its part."""
        text = self.translations.gettext(message)
        pieces = re.split(r"%\((\w+)\)s", text)
        out: list[Fragment] = []
        for index, piece in enumerate(pieces):
            if index % 2:
                out.append(parts[piece])
            elif piece:
                out.append(Fragment(piece))
        return tuple(out)


def escape(text: str) -> str:
    """Text from a catalog, made inert as Markdown and HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def binding_note(front: dict[str, Any], sources: Sources, language: Words) -> str | None:
    """On a translated page: which language is legally binding."""
    if language.code == sources.source_language:
        return None
    if front.get("binding"):
        return str(front["binding"])
    return language._(
        "This is a translation. The %(language)s text is legally binding.",
        language=language.source_name,
    )


def new_page_meta(
    language: Words,
    title: str,
    notice_id: str,
    notice: NoticeMeta,
    description: str | None = None,
) -> PageMeta:
    """A page's front matter, with what every page of the language carries."""
    return PageMeta(
        title=title,
        notice_id=notice_id,
        notice=notice,
        description=description,
        lang=language.tag.tag,
        dir=language.direction,
        csp=CONTENT_SECURITY_POLICY,
    )


def earlier_note(language: Words, start: str, end: str | None) -> str:
    """An archived version's banner: when it was in effect, if known."""
    if end is None:
        return language.labels.earlier_version
    return language._(
        "This is an earlier version. It was in effect from %(start)s to %(end)s.",
        start=start,
        end=end,
    )

"""What a notice says under the GDPR, shown to its readers in their words (pure).

From a text's map of disclosures (``notice.text.disclosures``): the first layer of a
version page (who is responsible, what the data are used for, the reader's rights,
each a link to its section under the section's own heading: WP260 rev.01 ¶35-36),
everything the law requires folded below it, each with its article, and the line of a
compare page, an announcement and the history that says which of them a change
affects. The JSON-LD index of a version (``notice_index``) says the same for machines,
in the W3C Data Privacy Vocabulary's GDPR terms where it has them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from notice.core.cache import Cache
from notice.core.errors import NoticeError
from notice.project.sources import Sources
from notice.record.versions import Version
from notice.site import addresses
from notice.site.facts import cite, noted_line, purpose_line, read_or_none, right_labels
from notice.site.layers import Affects, LayerItem, Layers, Said, SectionLink
from notice.site.linked import Described, linked_data
from notice.site.schema import Disclosure, IndexFile
from notice.site.words import Words
from notice.text.diff import diff_documents
from notice.text.disclosures import (
    BY_NAME,
    FIRST_LAYER,
    ITEMS,
    Disclosures,
    affected,
    article,
    read_disclosures,
)
from notice.text.facts import (
    Citation,
    Facts,
    Purpose,
    Retention,
    articles,
    citations_of,
    fact_changes,
)
from notice.text.segment import Document, plain_text

#: Where the site publishes the vocabulary of our own terms its JSON-LD uses.
VOCABULARY = "notice-vocabulary.jsonld"

#: The W3C Data Privacy Vocabulary's GDPR rights, in article order, each with the item
#: of ours that tells of it.
RIGHTS = (
    ("A7-3", "withdraw-consent"),
    ("A15", "rights"),
    ("A16", "rights"),
    ("A17", "rights"),
    ("A18", "rights"),
    ("A20", "rights"),
    ("A21", "rights"),
    ("A22", "automated-decisions"),
    ("A77", "complaint"),
)


class NoticeDisclosures:
    """What a build shows of one notice's disclosures: the list its maps are checked
    against (``listed``, ``off`` for none), whether its versions get a JSON-LD index, and
    the items each change affects. One per notice and build: it remembers what it found
    for each change (every language's pages ask), and the build's cache keeps that
    between builds (a warm build diffs nothing)."""

    def __init__(self, listed: str, cache: Cache | None = None, *, linked: bool = False):
        self.listed = listed
        self.linked = linked
        """The site has an https address: a version whose text states facts gets its
        JSON-LD index (which names things by absolute addresses)."""
        self._cache = cache or Cache(None)
        self._found: dict[tuple[str, str], tuple[str, ...]] = {}

    def __repr__(self) -> str:
        return f"NoticeDisclosures({self.listed!r}, linked={self.linked})"

    def affected(self, old: Document, new: Document) -> tuple[str, ...]:
        """The items whose sections the change from ``old`` to ``new`` (source-language
        texts) touches."""
        if self.listed == "off":
            return ()
        key = (old.text, new.text)
        if key not in self._found:
            self._found[key] = self._compute(old, new)
        return self._found[key]

    def _compute(self, old: Document, new: Document) -> tuple[str, ...]:
        old_map, new_map = disclosures_of(old), disclosures_of(new)
        if old_map is None and new_map is None:
            return ()
        found = self._cache.get(
            "affects",
            (old.text, new.text),
            lambda: list(affected(diff_documents(old, new), old, new, old_map, new_map)),
        )
        return tuple(found)


def item_label(language: Words, item: str) -> str:
    """What an item is about, in the reader's words (a heading or a list entry)."""
    labels = {
        "controller": language._("Who is responsible for your data"),
        "dpo": language._("Data protection officer"),
        "purposes": language._("What we use your data for"),
        "legal-basis": language._("Legal basis"),
        "legitimate-interests": language._("Legitimate interests"),
        "categories": language._("What data we use"),
        "recipients": language._("Who receives your data"),
        "transfers": language._("Transfers outside the EEA"),
        "retention": language._("How long we keep your data"),
        "rights": language._("Your rights"),
        "withdraw-consent": language._("Withdrawing consent"),
        "complaint": language._("Complaining to a supervisory authority"),
        "source": language._("Where your data come from"),
        "requirement": language._("Whether you must give us your data"),
        "automated-decisions": language._("Automated decisions and profiling"),
        "representative": language._("Representative in the EU"),
        "objection": language._("Your right to object"),
        "further-processing": language._("Use for other purposes"),
    }
    return labels[item]


def disclosures_of(document: Document) -> Disclosures | None:
    """A text's map, if it has one that applies (a released text's map was checked when
    it was released; a draft's by ``notice check`` before the build)."""
    try:
        found = read_disclosures(document)
    except NoticeError:
        return None
    return None if found is None or found.off else found


def page_layers(
    language: Words,
    document: Document,
    listed: str,
    *,
    lang: str,
    translate: Callable[[str], str] = lambda text: text,
    index_url: str | None = None,
) -> Layers | None:
    """The first layer and the full list of a page whose text is ``document`` (in
    ``lang``; ``translate`` gives a text's words as the page shows them), or None where
    the text has no map or the project checks none (``listed`` is ``off``)."""
    disclosures = disclosures_of(document)
    if disclosures is None or listed == "off":
        return None
    titles = {
        segment.anchor: plain_text(translate(segment.text))
        for segment in document.segments
        if segment.kind == "heading" and segment.anchor
    }
    stated = disclosures.facts
    under = articles(stated, listed) if stated is not None else None
    given = [
        LayerItem(
            item=item.name,
            label=item_label(language, item.name),
            article=cite(language, _citations(item.name, listed, under)),
            sections=tuple(
                SectionLink(titles.get(anchor, anchor), f"#{anchor}", before)
                for anchor, before in zip(
                    disclosures.items[item.name],
                    language.separators(len(disclosures.items[item.name])),
                    strict=True,
                )
            ),
        )
        for item in ITEMS
        if item.name in disclosures.items
    ]
    return Layers(
        title=language._("At a glance"),
        first=tuple(d for d in given if d.item in FIRST_LAYER),
        all_title=language._("Everything the law requires us to tell you"),
        all=tuple(given),
        lang=lang,
        index_url=index_url,
        index_label=language._("Machine-readable summary (JSON-LD)") if index_url else None,
        said=first_layer(language, stated, translate) if stated is not None else (),
    )


def _citations(item: str, listed: str, under: tuple[int, ...] | None) -> tuple[Citation, ...]:
    if under is not None:
        return citations_of(item, under) or citations_of(item, (13, 14))
    return tuple(Citation.parse(c) for c in article(BY_NAME[item], listed).split(", ") if c)


def first_layer(
    language: Words, stated: Facts, translate: Callable[[str], str]
) -> tuple[Said, ...]:
    """The first layer's content (WP260 rev.01 ¶35-36): who the controller is and how to
    reach them, the purposes with their legal bases, the processing the editor marks as
    most important, and the rights in one line; each with a link to its section."""
    more = language._("Read more")
    found: list[Said] = []
    controller = stated.controller
    if controller is not None:
        found.append(
            Said(
                item_label(language, "controller"),
                tuple(x for x in (controller.name, controller.address) if x),
                f"#{controller.section}",
                more,
                email=controller.email,
                listed=False,
            )
        )
    purposes = [replace(p, name=translate(p.name)) for p in stated.purposes]
    if purposes:
        found.append(
            Said(
                item_label(language, "purposes"),
                (language.listed([purpose_line(language, p) for p in purposes]),),
                f"#{purposes[0].section}",
                more,
            )
        )
    noted = [
        replace(p, data=tuple(translate(d) for d in p.data), retention=_retention(p, translate))
        for p in purposes
        if p.first
    ]
    if noted:
        found.append(
            Said(
                language._("Worth knowing"),
                tuple(noted_line(language, p) for p in noted),
                f"#{noted[0].section}",
                more,
            )
        )
    rights = stated.said.get("rights")
    if rights is not None:
        found.append(
            Said(
                item_label(language, "rights"),
                (language.listed(list(right_labels(language, stated))),),
                f"#{rights.section}",
                more,
            )
        )
    return tuple(found)


def _retention(purpose: Purpose, translate: Callable[[str], str]) -> Retention | None:
    kept = purpose.retention
    if kept is None or kept.criterion is None:
        return kept
    return replace(kept, criterion=translate(kept.criterion))


def affects_line(
    language: Words, items: Iterable[str], facts: Sequence[str] = ()
) -> Affects | None:
    """ "This change affects what the notice tells you about:" and the items, then the
    lines that say which facts changed; None where there is neither."""
    names = [item for item in items if item in BY_NAME]
    if not names and not facts:
        return None
    return Affects(
        lead=language._("This change affects what the notice tells you about:"),
        topics=tuple(item_label(language, name) for name in names),
        facts_lead=language._("What changes, fact by fact:") if facts else None,
        facts=tuple(facts),
    )


@dataclass(frozen=True)
class VersionDisclosures:
    """What ``versions.json`` says of a version's disclosures, and its JSON-LD index."""

    disclosures: list[Disclosure]
    """Each item the version's text says, with where it says it."""
    affects: list[str]
    """The items whose sections it changed, from the version before it."""
    index_file: IndexFile | None
    """Where its JSON-LD index is, and its hash."""
    index: bytes | None
    """The version's JSON-LD, where its text states facts."""


def version_disclosures(
    sources: Sources,
    notice: str,
    version: Version,
    shown: list[Version],
    languages: Mapping[str, Words],
    shown_as: NoticeDisclosures,
    *,
    site_url: str,
) -> VersionDisclosures | None:
    """A released version's map in ``versions.json`` (each item, its article, its
    sections' anchors and their addresses in every language; the items changed since the
    version before it) and its JSON-LD index; None where its text has no map."""
    source = sources.source_language
    document = sources.frozen_text(notice, version, source)
    found = disclosures_of(document) if document is not None else None
    if document is None or found is None or shown_as.listed == "off":
        return None
    earlier = [v for v in shown if v.effective < version.effective]
    before = sources.frozen_text(notice, earlier[-1], source) if earlier else None
    changed = list(shown_as.affected(before, document)) if before is not None else []
    pages = {
        code: addresses.absolute(site_url, language.version_url(notice, version))
        for code, language in sorted(languages.items())
    }
    anchors = sorted(found.anchors())
    at = {anchor: {code: f"{url}#{anchor}" for code, url in pages.items()} for anchor in anchors}
    title = str(document.front_matter.get("title") or notice)
    # The JSON-LD names a page's language: only the languages the version has a text in.
    own = {code: url for code, url in pages.items() if code in version.files}
    described = Described(
        title,
        own.get(source, ""),
        own,
        version.effective.isoformat(),
        version.published.isoformat(),
        source,
    )
    index = _index(before, found, described, site_url)
    items: list[Disclosure] = [
        {
            "item": item.name,
            "article": article(item, shown_as.listed),
            "anchors": list(found.items[item.name]),
            "urls": {
                code: [at[anchor][code] for anchor in found.items[item.name]] for code in pages
            },
        }
        for item in ITEMS
        if item.name in found.items
    ]
    index_file: IndexFile | None = None
    if index is not None:
        index_file = {
            "url": addresses.absolute(site_url, addresses.index_url(notice, version)),
            "sha256": hashlib.sha256(index).hexdigest(),
        }
    return VersionDisclosures(items, changed, index_file, index)


def _index(
    before: Document | None, found: Disclosures, version: Described, site_url: str
) -> bytes | None:
    """A version's JSON-LD, from its facts (``notice.site.linked``) and those of the
    text ``before`` it; None where its text states no facts or the site has no https
    address to name things by."""
    if found.facts is None:
        return None
    old = read_or_none(before)
    changed = sorted({c.kind for c in fact_changes(old, found.facts)}) if old else []
    try:
        return linked_data(
            found.facts,
            version,
            vocabulary_url=addresses.absolute(site_url, VOCABULARY),
            changed=changed,
        )
    except ValueError:
        return None

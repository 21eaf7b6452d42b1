"""``notice verify``: check a published site against its own record, as anyone can.

A source is a built site's folder or its address (``http(s)://``). From its
``versions.json`` it reads each notice's published registry and recomputes its chain,
then every released text and PDF it lists, and recomputes their SHA-256; it reads every
page of every version in every language (and each notice's main page), checks the dates
and the hash it states against the registry entry, and compares the notice text it shows
with its frozen text rendered again (``notice.site.rendering``); it reads each feed for
the chain head, and checks each time-stamp token of a head (``notice.record.timestamps``).
The first discrepancy stops it, named with the file or address.

The site may be hostile: ``notice.usecases.reader`` reads only its own files, within one
deadline; every notice id and language code is matched with a strict pattern before it
goes into an address; the registry is read as plain YAML (no alias) of at most
``REGISTRY_LIMIT`` bytes; and what a message quotes of the site is made printable and
short (``notice.core.errors.printable``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import date
from xml.etree import ElementTree as ET

from notice.core.errors import NoticeError, printable, quoted
from notice.record.integrity import sha256
from notice.record.registry_file import parse_registry
from notice.record.timestamps import TimestampError, read_stamp
from notice.record.versions import Registry, RegistryError, Version, in_effect_until, status
from notice.site import addresses
from notice.site.feeds import REGISTRY
from notice.site.rendering import frozen_renderer
from notice.site.schema import (
    LanguageEntry,
    NoticeEntry,
    RegistryEntry,
    SchemaError,
    VersionEntry,
    read_versions_json,
)
from notice.usecases.pagecheck import Shown, check_page
from notice.usecases.reader import Discrepancy, PublishedSite
from notice.usecases.verified import Anchor, Summary

__all__ = ["Discrepancy", "PublishedSite", "Summary", "verify"]

#: The fewest hex digits of a head ``--head`` takes.
HEAD_DIGITS = 8
#: The most a published registry may weigh (one entry of thirty languages takes 3 KiB).
REGISTRY_LIMIT = 4 * 1024 * 1024
#: A notice id as it may go into an address: a folder of ``docs/`` in letters, digits,
#: ``-`` and ``_`` (``notice new`` makes ``[a-z0-9][a-z0-9-]*``); no ``.``, ``/`` or ``%``.
_NOTICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
#: A language code as it may go into an address: the shape ``notice.core.languages``
#: reads (a language, then script, region or variant subtags).
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,4}")


def verify(
    source: str,
    heads_seen: dict[str, str] | None = None,
    roots: Sequence[bytes] | None = None,
    deadline: float | None = None,
) -> Summary:
    """Check a published site; a ``Discrepancy`` names the first thing that differs.

    ``heads_seen``: per notice, a chain head recorded earlier (from a feed or an
    earlier ``versions.json``), or its first ``HEAD_DIGITS`` or more hex digits. It must
    still be in the chain: the history since then was only appended to. ``roots``: the
    certificates (DER) of the time-stamping authorities the user trusts. ``deadline``:
    the seconds the whole check may take (``notice.usecases.reader.DEADLINE``)."""
    site = PublishedSite(source, deadline)
    raw, place = site.read("versions.json")
    try:
        index = read_versions_json(raw.decode("utf-8"))
        notices = index["notices"]
        today = date.fromisoformat(index["date"])
    except (SchemaError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise Discrepancy(
            f"not a versions.json this tool wrote ({printable(why, 200)})", place
        ) from None
    if not notices:
        raise Discrepancy("lists no notice: there is nothing to verify", place)
    _check_names(notices, place)
    site.site_url = index["site_url"]
    seen = dict(heads_seen or {})
    unknown = set(seen) - {str(n.get("id")) for n in notices}
    if unknown:
        raise Discrepancy(f"no notice {', '.join(sorted(unknown))} is published here", place)
    text_of = frozen_renderer(index["markdown"])
    counted = Summary(unrendered=text_of if isinstance(text_of, str) else "")
    check = _Check(site, today, place, counted, None if isinstance(text_of, str) else text_of)
    for notice in notices:
        name = str(notice.get("id"))
        try:
            check.notice(notice, name, seen.get(name), roots)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise Discrepancy(
                f"notice '{name}' is not described as this tool writes it "
                f"({printable(repr(exc), 200)})",
                place,
            ) from None
    if not counted.notices:
        names = {str(notice.get("id")) for notice in notices}
        raise Discrepancy(
            f"lists no published version of its notices ({', '.join(sorted(names))}): there "
            "is nothing to verify",
            place,
        )
    return counted


class _Check:
    """The checks of one site, notice by notice (what was checked is added to ``counted``)."""

    def __init__(
        self,
        site: PublishedSite,
        today: date,
        place: str,
        counted: Summary,
        text_of: Callable[[str], str] | None,
    ) -> None:
        self.site = site
        self.today = today
        self.place = place
        self.counted = counted
        self.text_of = text_of

    def notice(
        self, notice: NoticeEntry, name: str, seen: str | None, roots: Sequence[bytes] | None
    ) -> None:
        site, place = self.site, self.place
        published = notice.get("versions") or []
        entry = notice.get("registry")
        if not published and entry is None and seen is None:
            return  # a notice with no version yet: nothing is published of it
        if not isinstance(entry, dict):
            raise Discrepancy(f"notice '{name}' lists no published registry", place)
        registry, registry_place = self.registry(entry, name, seen)
        self.timestamps(entry, registry, name, roots)
        versions = registry.versions()
        recorded = {v.effective.isoformat(): v for v in versions}
        listed = {str(v.get("effective")) for v in published}
        missing = sorted(set(recorded) - listed)
        if missing:
            raise Discrepancy(
                f"version {missing[0]} of '{name}' is in the registry but not in versions.json",
                place,
            )
        main: tuple[Version, dict[str, Shown], str] | None = None
        for item in sorted(published, key=lambda i: str(i.get("effective"))):
            effective = str(item.get("effective"))
            version = recorded.get(effective)
            if version is None:
                raise Discrepancy(
                    f"version {printable(effective)} of '{name}' is not in its registry",
                    registry_place,
                )
            _check_entry(item, version, versions, self.today, name, place)
            shown, source = self.version(item, version, name, _site_languages(notice))
            if item["status"] == "current" or (item["status"] == "upcoming" and main is None):
                main = (version, shown, source)  # the main page shows it
            self.counted.versions += 1
        if main is not None:
            version, shown, source = main
            for lang, page in sorted(shown.items()):
                prefix = "" if lang == source else f"{lang}/"
                self.page(site.address(addresses.page_url(prefix, name)), page)
        self.withdrawn(notice, registry, name)

    def withdrawn(self, notice: NoticeEntry, registry: Registry, name: str) -> None:
        """The versions withdrawn before they took effect: listed as the registry records
        them, their texts and pages checked like any other's."""
        gone = {v.chain: v for v in registry.withdrawn()}
        listed = {str(item.get("chain")): item for item in notice.get("withdrawn") or []}
        if set(gone) != set(listed):
            raise Discrepancy(
                f"'{name}': versions.json lists {len(listed)} withdrawn versions, the "
                f"registry {len(gone)}",
                self.place,
            )
        for chain, item in sorted(listed.items()):
            version = gone[chain]
            assert version.withdrawn is not None
            for field, value in (
                ("effective", version.effective.isoformat()),
                ("published", version.published.isoformat()),
                ("status", "withdrawn"),
                ("withdrawn", version.withdrawn.isoformat()),
                ("withdrawn_because", version.withdrawn_because),
                ("in_effect_from", None),
            ):
                if item.get(field) != value:
                    raise Discrepancy(
                        f"'{name}' {version.key} (withdrawn): versions.json states {field} "
                        f"{quoted(item.get(field))}, the registry {quoted(value)}",
                        self.place,
                    )
            self.version(item, version, name, _site_languages(notice))
            self.counted.versions += 1

    def registry(self, entry: RegistryEntry, name: str, seen: str | None) -> tuple[Registry, str]:
        """The published registry: its chain, its head (and the one seen before) and the
        head its feeds carry."""
        site, place = self.site, self.place
        _expect(
            entry["url"], site.address(addresses.registry_url(name)), f"'{name}' registry", place
        )
        text, registry_place = site.read(entry["url"], REGISTRY_LIMIT)
        try:
            registry = parse_registry(text.decode("utf-8"), name, "versions.yml")
        except (RegistryError, UnicodeDecodeError) as exc:
            message = exc.message if isinstance(exc, RegistryError) else str(exc)
            line = f" (line {exc.line})" if isinstance(exc, RegistryError) and exc.line else ""
            raise Discrepancy(
                f"the registry does not verify{line}: {message}", registry_place
            ) from None
        if registry.head != entry.get("head"):
            raise Discrepancy(
                f"chain head {registry.head} of the registry is not the head versions.json "
                f"states ({printable(str(entry.get('head')))})",
                registry_place,
            )
        total = len(registry.entries)
        if seen:
            seen = seen.lower()
            found = [n for n, e in enumerate(registry.entries, 1) if e.hash.startswith(seen)]
            if not found:
                raise Discrepancy(
                    f"the chain head {seen} recorded earlier is not in the registry's chain: "
                    "its history was rewritten",
                    registry_place,
                )
            if len(found) > 1:
                raise NoticeError(
                    f"--head {name}={seen}: {len(found)} entries of the chain of "
                    f"{registry_place} begin so",
                    hint="give more of the head's digits",
                )
            self.counted.anchor(name, Anchor(found[0], total, "--head"))
        self.counted.heads[name] = registry.head
        for code, feed in dict(entry.get("feeds") or {}).items():
            feeds = {site.address(addresses.feed_url(p, name)) for p in ("", f"{code}/")}
            _expect(feed, feeds, f"'{name}' {code} feed", place)
            _check_feed(site, str(feed), registry.head)
        return registry, registry_place

    def timestamps(
        self,
        entry: RegistryEntry,
        registry: Registry,
        name: str,
        roots: Sequence[bytes] | None,
    ) -> None:
        """Each token listed stamps a head of the chain, is signed by a time-stamping
        authority and (with ``roots``) chains to one the user trusts."""
        numbers = {e.hash: n for n, e in enumerate(registry.entries, 1)}
        for token in entry.get("timestamps") or []:
            head = str(token["head"])
            url = addresses.timestamp_url(name, head)
            _expect(token["url"], self.site.address(url), f"'{name}' timestamp", self.place)
            if head not in numbers:
                raise Discrepancy(
                    f"versions.json lists a time-stamp token of {printable(head[:12])}, which "
                    "is no entry of the registry's chain",
                    self.place,
                )
            data, where = self.site.read(token["url"])
            try:
                stamp = read_stamp(data, head, roots, require_root=False)
            except TimestampError as exc:
                raise Discrepancy(
                    f"the time-stamp token of head {head[:12]} is refused: {exc.message}",
                    where,
                    hint=exc.hint,
                ) from None
            self.counted.stamps.append((name, stamp))
            if stamp.trusted:
                self.counted.anchor(
                    name, Anchor(numbers[head], len(registry.entries), "a timestamp")
                )

    def version(
        self, item: VersionEntry, version: Version, name: str, site_languages: Collection[str]
    ) -> tuple[dict[str, Shown], str]:
        """A version's released files and its page in every language; what each
        language's pages show, and the source language. A language the site no longer has
        (not one of ``site_languages``) has its released files and no page."""
        site, place, effective = self.site, self.place, str(item.get("effective"))
        languages = item["languages"]
        if set(languages) != set(version.files):
            raise Discrepancy(
                f"'{name}' {effective}: versions.json lists the languages "
                f"{', '.join(sorted(languages))}, the registry {', '.join(sorted(version.files))}",
                place,
            )
        root_page = site.address(addresses.version_url("", name, version))
        source = next((lang for lang, d in sorted(languages.items()) if d["url"] == root_page), "")
        if not source:
            raise Discrepancy(f"'{name}' {effective}: no language's page is {root_page}", place)
        shown: dict[str, Shown] = {}
        for lang, data in sorted(languages.items()):
            what = f"'{name}' {effective} {lang}"
            digest = version.files[lang]
            if data.get("sha256") != digest:
                raise Discrepancy(
                    f"{what}: versions.json states SHA-256 {printable(str(data.get('sha256')))}, "
                    f"the registry {digest}",
                    place,
                )
            released = addresses.released_url(name, version, lang)
            _expect(data["source"], site.address(released), f"{what} text", place)
            body, where = site.read(data["source"])
            if sha256(body) != digest:
                raise Discrepancy(
                    f"the released text was changed: its SHA-256 is {sha256(body)}, "
                    f"the registry records {digest}",
                    where,
                )
            self.counted.files += 1
            self.pdf(data, version, lang, name)
            if data["url"] is None and lang not in site_languages:
                continue  # no longer a language of the site: no page shows it
            text = self.text_of(body.decode("utf-8")) if self.text_of else None
            shown[lang] = Shown(
                effective, version.published.isoformat(), digest, text, data["source"]
            )
            prefix = "" if lang == source else f"{lang}/"
            page = site.address(addresses.version_url(prefix, name, version))
            _expect(data["url"], page, f"{what} page", place)
        for lang in sorted(item["unavailable"]):
            shown[lang] = shown[source]  # its pages show the source text
        for lang, page_shown in sorted(shown.items()):
            prefix = "" if lang == source else f"{lang}/"
            self.page(site.address(addresses.version_url(prefix, name, version)), page_shown)
        self.index(item, version, name)
        return shown, source

    def page(self, url: str, shown: Shown) -> None:
        if check_page(self.site, url, shown):
            self.counted.pages += 1

    def pdf(self, data: LanguageEntry, version: Version, lang: str, name: str) -> None:
        """A language's PDF: as versions.json states it, and as the registry records it
        when it is part of the record."""
        site, place = self.site, self.place
        what = f"'{name}' {version.effective} {lang}"
        pdf = data.get("pdf")
        frozen_pdf = version.pdfs.get(lang)
        if frozen_pdf is not None and (pdf is None or not pdf.get("frozen")):
            raise Discrepancy(
                f"the registry records the PDF of {what}, versions.json lists it "
                + ("not" if pdf is None else "as not part of the record"),
                place,
            )
        if pdf is None:
            return
        url = addresses.released_url(name, version, lang, "pdf")
        _expect(pdf["url"], site.address(url), f"{what} PDF", place)
        body, where = site.read(pdf["url"])
        if sha256(body) != pdf["sha256"]:
            raise Discrepancy(
                f"the PDF's SHA-256 is {sha256(body)}, versions.json states "
                f"{printable(pdf['sha256'])}",
                where,
            )
        if frozen_pdf is not None and sha256(body) != frozen_pdf:
            raise Discrepancy(
                f"the PDF's SHA-256 is {sha256(body)}, the registry records {frozen_pdf}",
                where,
            )
        if pdf.get("frozen") and frozen_pdf is None:
            raise Discrepancy(
                f"versions.json lists the PDF of {what} as part of the record, the "
                "registry records no PDF of it",
                place,
            )
        self.counted.files += 1

    def index(self, item: VersionEntry, version: Version, name: str) -> None:
        """A version's JSON-LD index, as versions.json states it."""
        index = item.get("index")
        if index is None:
            return
        _expect(
            index["url"],
            self.site.address(addresses.index_url(name, version)),
            f"'{name}' {version.effective} index",
            self.place,
        )
        body, where = self.site.read(index["url"])
        if sha256(body) != index["sha256"]:
            raise Discrepancy(
                f"the index's SHA-256 is {sha256(body)}, versions.json states "
                f"{printable(index['sha256'])}",
                where,
            )
        self.counted.files += 1


def _expect(stated: object, canonical: str | set[str], what: str, place: str) -> None:
    """An address in versions.json is the one the URL scheme gives (no copy elsewhere
    can stand in for the file people cite); a page or feed may be any language's."""
    allowed = {canonical} if isinstance(canonical, str) else canonical
    if stated not in allowed:
        raise Discrepancy(
            f"{what}: versions.json names {printable(str(stated), 200)}, not its permanent address "
            f"{' or '.join(sorted(allowed))}",
            place,
        )


def _check_entry(
    item: VersionEntry,
    version: Version,
    versions: list[Version],
    today: date,
    name: str,
    place: str,
) -> None:
    """What versions.json states of a version is what its registry entry says, on the
    date it was built."""
    until = in_effect_until(version, versions, today)
    for field, value in (
        ("published", version.published.isoformat()),
        ("chain", version.chain),
        ("kind", version.change),
        ("in_effect_from", version.effective.isoformat()),
        ("in_effect_until", until.isoformat() if until else None),
        ("status", status(version, versions, today)),
        ("recorded", version.recorded.isoformat() if version.recorded else None),
        ("published_because", version.published_because),
    ):
        if item.get(field) != value:
            raise Discrepancy(
                f"'{name}' {version.effective}: versions.json states {field} "
                f"{quoted(item.get(field))}, the registry {quoted(value)}",
                place,
            )


def _check_feed(site: PublishedSite, url: str, head: str) -> None:
    """A feed carries the registry's chain head."""
    body, where = site.read(url)
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise Discrepancy(f"the feed does not parse: {exc}", where) from None
    stated = root.findtext(f"{{{REGISTRY}}}head")
    if stated != head:
        raise Discrepancy(
            f"the feed states the chain head {printable(stated or 'nowhere')}, the registry {head}",
            where,
        )


def _check_names(notices: list[NoticeEntry], place: str) -> None:
    """Every notice id and language code of versions.json fits its pattern, before any
    goes into an address (where ``..``, ``%2e%2e`` or ``/`` would lead out of the site)."""
    for notice in notices:
        name = notice["id"]
        if not _NOTICE_ID.fullmatch(name):
            raise Discrepancy(
                f"notice id {quoted(name)} is not one this tool publishes (letters, digits, "
                "- and _): it is refused before it goes into an address",
                place,
            )
        for code in _codes(notice):
            if not _LANGUAGE.fullmatch(code):
                raise Discrepancy(
                    f"language code {quoted(code)} of '{name}' is not one this tool publishes "
                    "(such as en, pt-BR or zh-Hant): it is refused before it goes into an "
                    "address",
                    place,
                )


def _codes(notice: NoticeEntry) -> Iterator[str]:
    """The language codes versions.json states of a notice: of its feeds, and of each
    version's texts and pages."""
    registry = notice.get("registry")
    if isinstance(registry, dict):
        yield from registry.get("feeds") or {}
    for item in [*notice["versions"], *notice.get("withdrawn", [])]:
        yield from item["languages"]
        yield from item["unavailable"]


def _site_languages(notice: NoticeEntry) -> set[str]:
    """The languages of the site, as a notice's feeds list them (one per language)."""
    registry = notice.get("registry")
    return set(registry.get("feeds") or {}) if isinstance(registry, dict) else set()

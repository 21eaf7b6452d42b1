"""What a site publishes of its record, for anyone to check: every released text as it
was frozen, each notice's registry with the time-stamp tokens of its heads, and a PDF of
every released text.

The released texts are published byte for byte, so their SHA-256 is the one in
``versions.yml``. The registry is published as of the build date: its entries up to
the first one recorded later (``Registry.as_of``), which is a prefix of the chain and
so checkable on its own.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import partial

from notice.core.cache import MISSING, Cache, cache_key
from notice.core.parallel import run_all
from notice.project.sources import Sources
from notice.record.versions import Registry, Version
from notice.site import addresses
from notice.site.pdf import render, renderer_version


def released_files(
    sources: Sources,
    notice: str,
    registry: Registry,
    shown: list[Version],
    languages: Collection[str] | None = None,
) -> dict[str, bytes]:
    """The registry, the tokens of its heads and every released text of the shown
    versions (in ``languages`` only, if given), by site path."""
    files = {addresses.registry_url(notice): registry.text().encode("utf-8")}
    tokens = sources.timestamps.get(notice, {})
    for entry in registry.entries:
        if entry.hash in tokens:
            files[addresses.timestamp_url(notice, entry.hash)] = tokens[entry.hash]
    for version in shown:
        for language in version.files:
            if languages is not None and language not in languages:
                continue
            text = sources.frozen_source(notice, version, language)
            assert text is not None, "every recorded file was read and verified"
            files[addresses.released_url(notice, version, language)] = text.encode("utf-8")
    return files


@dataclass(frozen=True)
class Pdf:
    """A PDF to publish: what it is made from (its cache key) and how to make its HTML
    (only when the cache lacks it)."""

    inputs: tuple[str, ...]
    html: Callable[[], str]
    lang: str = ""
    """The language of its text (named when a font lacks one of its characters)."""
    what: str = "a PDF"
    """What it is made of, as the user knows it (``docs/privacy/versions/…/ja.md``)."""


def pdfs(documents: dict[str, Pdf], cache: Cache, workers: int) -> dict[str, bytes]:
    """The PDF of every document, by site path: from the cache, or made on up to
    ``workers`` processes."""
    keys = {
        path: cache_key("pdf", (*pdf.inputs, renderer_version())) for path, pdf in documents.items()
    }
    made: dict[str, str] = {}
    pending = []
    for path, key in keys.items():
        value = cache.load(key)
        if value is MISSING:
            pending.append(path)
        else:
            made[path] = value
    jobs = [partial(cache.compute, keys[path], partial(_make, documents[path])) for path in pending]
    made.update(zip(pending, run_all(jobs, workers), strict=True))
    return {path: base64.b64decode(made[path]) for path in sorted(made)}


def _make(pdf: Pdf) -> str:
    return render(pdf.html(), pdf.lang, pdf.what)

"""A site built in parts, on several machines, and assembled: byte for byte the site one
``notice build`` makes.

``notice build --languages en,sv --site-dir part-1`` stages the pages, redlines, feeds,
released texts, PDFs and sitemap entries of the languages asked for, and once what every
language shares (``versions.json``, the navigation, the registries); then it renders its
languages. A part holds:

- ``notice-part.json``: the SHA-256 of what it was built from (the sources, the
  configuration, the theme's overrides, this code and the build's settings), its date,
  the engine, the languages it holds and every language of the site;
- ``languages/<code>/``: each language as its engine rendered it;
- ``stage.json`` and ``files/``: the staged site's manifest (every language's) and its
  files: those every part has (the registries, ``versions.json``, …) and its
  languages' own (feeds, calendars, released texts, PDFs, and ``sitemap.xml`` with the
  entries of its languages' pages alone).

``notice assemble part-1 part-2 … --site-dir site`` refuses parts of other inputs or
another date, a language in no part or in two, a shared file that differs between parts,
a ``versions.json`` or sitemap it cannot read, and a sitemap that lists another part's
pages; then joins them as one build does:
``versions.json`` lists every PDF, each from the part that made it, and the sitemap
every part's entries.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from notice.core.cache import code_fingerprint
from notice.core.errors import NoticeError
from notice.engines.assembly import assemble, staged_files
from notice.engines.folders import work_folder
from notice.engines.render import prepare_engine, render_staged
from notice.engines.rendered import stable_data
from notice.engines.reuse import tree_digest
from notice.project.config import Project
from notice.site import addresses, index
from notice.site.manifest import MANIFEST, Manifest
from notice.site.schema import LanguageEntry, VersionsJson, read_versions_json, versions_json_text
from notice.site.stage import FILES, Settings, Work

PART = "notice-part.json"
SCHEMA = 3
SITEMAP = "sitemap.xml"
VERSIONS = "versions.json"


def build_part(
    project: Project,
    languages: Sequence[str],
    settings: Settings,
    work: Work,
    *,
    site_dir: Path,
    engine: str = "mkdocs",
) -> Path:
    """Build the part of the site that holds ``languages`` into ``site_dir``."""
    prepare_engine(engine)
    configured = [language.code for language in project.languages]
    codes = [project.language_code(code.strip()) for code in languages if code.strip()]
    unknown = [code for code in codes if code not in configured]
    if unknown or not codes:
        raise NoticeError(
            f"--languages {','.join(languages)}: "
            + (f"{', '.join(unknown)} is not a language of this site" if unknown else "none given"),
            hint=f"the site's languages: {', '.join(configured)}",
        )
    codes = [code for code in configured if code in codes]  # the site's order, each once
    with work_folder(site_dir, "part", project.root) as into:
        rendered = render_staged(project, settings, work, codes, engine, into)
        folder, manifest = rendered.folder, rendered.manifest
        part = into / "result"
        (part / "languages").mkdir(parents=True)
        for code, output in rendered.outputs.items():
            output.rename(part / "languages" / code)
        shutil.copytree(folder / FILES, part / FILES)
        shutil.copy2(folder / MANIFEST, part / MANIFEST)
        meta = {
            "schema": SCHEMA,
            "inputs": _inputs(project, settings),
            "date": manifest.today.isoformat(),
            "engine": engine,
            "languages": list(rendered.outputs),
            "site_languages": [language.code for language in manifest.languages],
        }
        (part / PART).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return site_dir.resolve()


def _inputs(project: Project, settings: Settings) -> str:
    """SHA-256 of what a part is built from: this code, the configuration, the theme's
    overrides, the pages' sources and catalogs, and the build's settings."""
    digest = hashlib.sha256(f"{code_fingerprint()}\0{settings!r}\0".encode())
    # A function named in mkdocs.yml (`!!python/name:`) by its name, not its address.
    config = json.dumps(stable_data(project.raw), sort_keys=True, ensure_ascii=False)
    digest.update(config.encode("utf-8", "surrogatepass") + b"\0")
    theme = (project.raw.get("theme") or {}).get("custom_dir")
    themes = {project.overrides_dir, *([project.root / str(theme)] if theme else [])}
    for folder in (*sorted(themes), project.docs_dir, project.locales_dir):
        digest.update(tree_digest(folder))
    return digest.hexdigest()


def _read(part: Path) -> dict[str, Any]:
    path = part / PART
    if not path.is_file():
        raise NoticeError(
            f"{part} is not a part of a site (it has no {PART})",
            hint="build one with `notice build --languages L1,L2 --site-dir DIR`",
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise NoticeError(
            f"{path}: a part of another version of notice (schema {data.get('schema')})",
            hint="build every part with the same version: notice build --languages L1,L2 "
            "--site-dir DIR",
        )
    return dict(data)


def assemble_parts(parts: Sequence[Path], site_dir: Path) -> Path:
    """Join parts built from the same sources and date into the site, as one build
    makes it; refuse parts that do not fit together, and write nothing then."""
    if not parts:
        raise NoticeError("no part given", hint="notice assemble PART… --site-dir DIR")
    metas = [(part, _read(part)) for part in parts]
    first, head = metas[0]
    owner: dict[str, Path] = {}
    for part, meta in metas:
        if meta["date"] != head["date"]:
            raise NoticeError(
                f"{part} was built as of {meta['date']}, {first} as of {head['date']}",
                hint="build every part with the same --date",
            )
        if meta["engine"] != head["engine"]:
            raise NoticeError(
                f"{part} was built with {meta['engine']}, {first} with {head['engine']}"
            )
        if meta["inputs"] != head["inputs"] or meta["site_languages"] != head["site_languages"]:
            raise NoticeError(
                f"{part} was built from other inputs than {first}: their sources differ",
                hint="build every part from the same commit",
            )
        for code in meta["languages"]:
            if code in owner:
                raise NoticeError(f"'{code}' is in {owner[code]} and in {part}: in one part only")
            owner[code] = part
    missing = [code for code in head["site_languages"] if code not in owner]
    if missing:
        raise NoticeError(
            f"{', '.join(repr(code) for code in missing)} "
            f"{'is' if len(missing) == 1 else 'are'} in no part",
            hint=f"build it: notice build --languages {','.join(missing)} --site-dir DIR",
        )
    manifest = Manifest.read(first)
    files = _files(parts, manifest, {part: meta["languages"] for part, meta in metas})
    with work_folder(site_dir, "assemble") as work:
        outputs = {}
        for code, part in owner.items():
            outputs[code] = work / f"out-{code}"
            shutil.copytree(part / "languages" / code, outputs[code])
        assemble(outputs, manifest, files, work / "result")
    return site_dir.resolve()


def _files(
    parts: Sequence[Path], manifest: Manifest, languages: Mapping[Path, Sequence[str]]
) -> dict[str, bytes]:
    """The staged files of the whole site: what every part has, each part's languages'
    own, ``versions.json`` with every part's PDFs and the sitemap with every part's
    pages."""
    files: dict[str, bytes] = {}
    for part in parts:
        for path, data in staged_files(part).items():
            if path in (SITEMAP, VERSIONS):
                continue  # joined below
            if files.setdefault(path, data) != data:
                raise NoticeError(f"{part}: {FILES}/{path} is not the file another part has")
    files[VERSIONS] = _versions_json(parts).encode("utf-8")
    files[SITEMAP] = _sitemap(parts, manifest, languages)
    return dict(sorted(files.items()))


def _sitemap(
    parts: Sequence[Path], manifest: Manifest, languages: Mapping[Path, Sequence[str]]
) -> bytes:
    """The site's sitemap: the entries of every part's, each of a page of its languages."""
    root = addresses.absolute(manifest.site_url, "")
    prefixes = {language.prefix: language.code for language in manifest.languages}
    entries = []
    for part in parts:
        path = part / FILES / SITEMAP
        try:
            urls = index.sitemap_entries(path.read_bytes())
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc
            raise NoticeError(f"{path}: not the sitemap of a part ({reason})") from None
        for url in urls:
            loc = index.sitemap_address(url)
            here = loc.removeprefix(root).split("/", 1)[0] + "/"
            if not loc.startswith(root) or prefixes.get(here, prefixes[""]) not in languages[part]:
                raise NoticeError(
                    f"{path}: {loc} is not a page of this part's languages "
                    f"({', '.join(languages[part])})",
                    hint="build the part again: notice build --languages "
                    f"{','.join(languages[part])} --site-dir DIR",
                )
        entries.extend(urls)
    return index.sitemap_of(entries)


def _versions_json(parts: Sequence[Path]) -> str:
    """The first part's ``versions.json``, with the PDF of each language taken from the
    part that made it; refused if, but for their PDFs, the parts' differ."""
    documents = [_versions(part) for part in parts]
    for part, document in zip(parts[1:], documents[1:], strict=True):
        if _without_pdfs(document) != _without_pdfs(documents[0]):
            raise NoticeError(
                f"{part}: its versions.json is not {parts[0]}'s (but for their PDFs)",
                hint="build every part from the same commit",
            )
    pdfs = {
        place: files["pdf"]
        for document in documents
        for place, files in _language_files(document)
        if "pdf" in files
    }
    whole = documents[0]
    for place, files in _language_files(whole):
        if place in pdfs:
            files["pdf"] = pdfs[place]
    return versions_json_text(whole)


def _without_pdfs(document: VersionsJson) -> str:
    """The document as text, without the PDFs (each part lists its own)."""
    data = read_versions_json(versions_json_text(document))
    for _, files in _language_files(data):
        files.pop("pdf", None)
    return json.dumps(data, sort_keys=True)


def _language_files(document: VersionsJson) -> Iterator[tuple[tuple[str, str], LanguageEntry]]:
    """Each language's files of each version (withdrawn ones too), by notice and the
    address of the text as released."""
    for notice in document["notices"]:
        for version in [*notice["versions"], *notice.get("withdrawn", [])]:
            for files in version["languages"].values():
                yield (notice["id"], files["source"]), files


def _versions(part: Path) -> VersionsJson:
    path = part / FILES / VERSIONS
    try:
        return read_versions_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise NoticeError(f"{path}: not the versions.json of a part ({exc})") from None

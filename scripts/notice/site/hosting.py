"""What static hosts read beside the pages: security headers, 404 rules, 404 pages.

Hosts look for a 404 page in different places: Cloudflare Pages serves the nearest
``404.html`` up the requested path, Netlify follows ``_redirects`` rules, GitHub Pages
serves the root ``404.html`` only, nginx what ``error_page`` says. So every language
gets ``[/<lang>]/404.html``, with addresses that work at any depth, and one rule per
language in ``_redirects``.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from notice.core.htmledit import Tag, edit_attributes, edit_html
from notice.site.manifest import Manifest

#: Only what the site itself serves: no inline script, no other origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'none'"
)
#: For a host that reads a ``_headers`` file (Netlify, Cloudflare Pages).
HEADERS = (
    "/*\n"
    f"  Content-Security-Policy: {CONTENT_SECURITY_POLICY}; frame-ancestors 'none'\n"
    "  Referrer-Policy: no-referrer\n"
    "  X-Content-Type-Options: nosniff\n"
    "  X-Frame-Options: DENY\n"
    "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n"
    "  Cross-Origin-Opener-Policy: same-origin\n"
)
NOT_FOUND = "404.html"
#: Published records served as text, whatever the host's own types are.
_AS_TEXT = (".md", ".yml")


def headers(files: Iterable[str], site_url: str) -> str:
    """``_headers``: the security headers for every page, the released texts and
    registries (``.md``, ``.yml``) served as UTF-8 text, the versions' JSON-LD indexes
    as JSON-LD and the time-stamp tokens as RFC 3161 replies, each by its own rule (hosts
    match a path pattern only by prefix)."""
    base = base_path(site_url)
    rules = [HEADERS]
    for path in sorted(files):
        if path.endswith(_AS_TEXT) and "/" in path:
            rules.append(f"{base}{path}\n  Content-Type: text/plain; charset=utf-8\n")
        elif path.endswith(".jsonld"):
            rules.append(f"{base}{path}\n  Content-Type: application/ld+json\n")
        elif path.endswith(".tsr"):
            rules.append(f"{base}{path}\n  Content-Type: application/timestamp-reply\n")
    return "".join(rules)


def base_path(site_url: str) -> str:
    """The path the site is served under: ``/`` or, for ``https://x.org/notices/``,
    ``/notices/``."""
    path = urlsplit(site_url).path if site_url else ""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def not_found_path(prefix: str) -> str:
    """Where a language's 404 page is written: ``404.html`` or ``<lang>/404.html``."""
    return f"{prefix}{NOT_FOUND}"


def redirects(prefixes: Iterable[str], site_url: str) -> str:
    """Netlify's ``_redirects``: each language's missing pages get its own 404 page.

    ``prefixes`` are the languages' folders (``""`` for the source language at the
    root). Cloudflare Pages ignores rules with a 404 status (it finds the nearest
    ``404.html`` itself); Netlify applies them only where no file exists.
    """
    base = base_path(site_url)
    lines = []
    for prefix in sorted(prefixes, key=lambda p: (p == "", p)):
        source = f"{base}{prefix}*"
        lines.append(f"{source:<16} {base}{not_found_path(prefix)}  404")
    return "\n".join(lines) + "\n"


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URLS = frozenset({"href", "src"})
#: The theme's configuration (a script's JSON): the addresses it starts from.
_CONFIG_PATH = re.compile(r'("(?:base|search)":\s*")([^"]*)(")')


def standalone_page(html: str, page_dir: str, site_url: str) -> str:
    """A built page made to work at any address: every relative URL made absolute.

    A 404 page is served in place of whatever address was asked for, so ``../assets/``
    would point elsewhere at every depth. ``page_dir`` is the folder the page was built
    for (``en/404/``). A link to another language's 404 page goes to its ``404.html``;
    a 404 page has no canonical address.
    """
    base = base_path(site_url)

    def absolute(value: str) -> str:
        if not value or value.startswith(("#", "/")) or _SCHEME.match(value):
            return value
        path, mark, rest = _split_suffix(value)
        joined = posixpath.normpath(posixpath.join(page_dir, path))
        joined = "" if joined == "." else joined
        if path.endswith("/") or path in ("", ".") or posixpath.basename(path) == "..":
            joined = joined + "/" if joined else ""
        if joined == "404/" or joined.endswith("/404/"):
            joined = joined[: -len("404/")] + NOT_FOUND
        return base + joined + mark + rest

    def replace(match: re.Match[str]) -> str:
        return match.group(1) + absolute(match.group(2)) + match.group(3)

    def tag(found: Tag) -> str | None:
        if found.name == "link" and found.attributes.get("rel") == "canonical":
            return None
        return edit_attributes(found.text, _URLS, absolute)

    def script(found: Tag, text: str) -> str:
        return _CONFIG_PATH.sub(replace, text) if found.attributes.get("id") == "__config" else text

    return edit_html(html, tag, script)


def _split_suffix(value: str) -> tuple[str, str, str]:
    """``a/b?x#y`` -> (``a/b``, ``?``, ``x#y``)."""
    for mark in ("?", "#"):
        if mark in value:
            path, _, rest = value.partition(mark)
            return path, mark, rest
    return value, "", ""


def not_found_pages(site_dir: Path, manifest: Manifest) -> dict[str, str]:
    """Each language's 404 page, built at ``<lang>/404/``, goes where hosts look for it:
    ``<lang>/404.html``, with absolute addresses (taken out of the built site; the caller
    writes them). The source language's replaces the theme's ``404.html``."""
    pages = {}
    for language in manifest.languages:
        prefix = language.prefix
        built = site_dir / prefix / "404" / "index.html"
        if built.is_file():
            text = built.read_text(encoding="utf-8")
            pages[not_found_path(prefix)] = standalone_page(
                text, f"{prefix}404/", manifest.site_url
            )
            shutil.rmtree(built.parent)
    return pages

"""Asking a time-stamping authority (RFC 3161) to stamp a notice's chain head, and keeping
its token beside the registry (``notice release`` and ``notice timestamp``).

The authority is the notice plugin's ``timestamp_url`` in ``mkdocs.yml``. The request
goes by HTTP POST (``application/timestamp-query``), and the answer is kept only if it
stamps the head asked for, with the nonce asked with, and (when the authority sends its
root certificate) is signed as it says (``notice.record.timestamps``).
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from notice.core.errors import ConfigError, NoticeError
from notice.project.config import Project
from notice.record.timestamps import (
    TIMESTAMPS_DIR,
    Stamp,
    TimestampError,
    read_stamp,
    timestamp_request,
    token_name,
)
from notice.record.versions import Registry

TIMEOUT = 30
#: The most an authority's answer may weigh (a token is a few kilobytes).
LIMIT = 1024 * 1024


def token_path(project: Project, notice: str, head: str) -> Path:
    """Where the token of a head is kept: ``docs/<notice>/versions.tsr/<head>.tsr``."""
    return project.docs_dir / notice / TIMESTAMPS_DIR / token_name(head)


def stamp_head(project: Project, notice: str, registry: Registry) -> tuple[Stamp, Path]:
    """Have the authority stamp the registry's head; write its token; what it says."""
    url = project.options.timestamp_url
    if not url:
        raise ConfigError(
            "no time-stamping authority is configured",
            project.relative(project.config_file),
            hint="set timestamp_url in the notice plugin's options to an RFC 3161 authority",
        )
    if urlsplit(url).scheme not in ("http", "https"):
        raise ConfigError(
            f"timestamp_url: {url!r} is not an http(s):// address",
            project.relative(project.config_file),
        )
    if not registry.entries:
        raise NoticeError(f"'{notice}' has no registry entry to timestamp yet")
    entry = registry.entries[-1]
    request, nonce = timestamp_request(entry)
    token = _ask(url, request)
    try:
        stamp = read_stamp(token, entry.hash, nonce=nonce, require_root=False)
    except TimestampError as exc:
        raise TimestampError(f"{url}: the answer is refused: {exc.message}") from None
    path = token_path(project, notice, entry.hash)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(token)
    temporary.replace(path)
    return stamp, path


def _ask(url: str, request: bytes) -> bytes:
    """The authority's answer to a request (DER), over HTTP(S)."""
    asked = urllib.request.Request(
        url,
        data=request,
        headers={"Content-Type": "application/timestamp-query"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(asked, timeout=TIMEOUT) as response:
            answer = bytes(response.read(LIMIT + 1))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise NoticeError(
            f"{url}: the time-stamping authority does not answer ({exc})",
            hint="check timestamp_url, or try again later",
        ) from None
    if len(answer) > LIMIT:
        raise NoticeError(f"{url}: the answer is larger than {LIMIT // 1024} KiB")
    return answer

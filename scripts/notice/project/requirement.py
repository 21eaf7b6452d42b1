"""The line of a project's ``requirements.txt`` that installs this tool where the project
is published: ``notice new`` writes it, ``notice check`` reads it (pure).

The publishing workflow runs ``pip install -r requirements.txt``, then builds the site
with whatever that installed, with the right to publish it. So the line names one exact
source: a git commit (``notice @ git+https://…@<commit>``) or an archive with its SHA-256
(``notice @ https://….tar.gz#sha256=…``). A bare name (``notice==0.1.0``) would install
whatever a package index holds under that name, which need not be this tool at all.
Where this copy was installed from is what pip recorded (PEP 610's ``direct_url.json``):
a folder or a file on this machine, or nothing, gives no source the workflow can reach;
the file then says so and ``notice check`` warns until the line is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from notice.text.checks import Problem

#: The file, at the project's root.
REQUIREMENTS = "requirements.txt"

_EXAMPLE = "notice @ git+https://github.com/<owner>/<repository>@<commit>"
_NAME = re.compile(r"notice\s*(\[[^\]]*\])?\s*(@|==|>=|<=|~=|!=|>|<|$|;)", re.I)
#: A direct reference pinned to a commit of its repository, or an archive to its hash.
_PINNED = re.compile(
    r"@\s*[a-z]+\+\S+@[0-9a-f]{40}\b|@\s*\S+#sha256=[0-9a-f]{64}\b|--hash=sha256:[0-9a-f]{64}",
    re.I,
)


def pinned_source(direct_url: Mapping[str, Any] | None) -> str | None:
    """The requirement that installs the code pip recorded in ``direct_url`` (PEP 610):
    its repository at the commit it was installed from, or its archive with its hash;
    ``None`` for what the workflow cannot reach (a folder or a file on this machine, an
    archive without a hash) or when pip recorded nothing."""
    if not direct_url:
        return None
    url = _without_password(str(direct_url.get("url", "")))
    if not url or url.startswith("file:"):
        return None
    subdirectory = direct_url.get("subdirectory")
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, Mapping):
        commit = str(vcs.get("commit_id") or "")
        if vcs.get("vcs") and re.fullmatch(r"[0-9a-f]{40}", commit):
            return vcs_requirement(url, commit, str(vcs["vcs"]), subdirectory)
        return None
    archive = direct_url.get("archive_info")
    if isinstance(archive, Mapping):
        digest = (archive.get("hashes") or {}).get("sha256")
        if not digest and str(archive.get("hash", "")).startswith("sha256="):
            digest = str(archive["hash"]).partition("=")[2]
        if digest:
            return f"notice @ {url}#sha256={digest}"
    return None


def vcs_requirement(
    url: str, commit: str, vcs: str = "git", subdirectory: str | None = None
) -> str:
    """The line that installs notice from the repository at ``url`` as it was at
    ``commit`` (40 hex digits: a branch or a tag can move, a commit cannot); point it at
    a fork by its URL and a commit of the fork."""
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        raise ValueError(f"'{commit}' is not a commit (40 hexadecimal digits)")
    fragment = f"#subdirectory={subdirectory}" if subdirectory else ""
    return f"notice @ {vcs}+{url}@{commit}{fragment}"


def requirements_text(direct_url: Mapping[str, Any] | None) -> str:
    """What ``notice new`` writes into ``requirements.txt``: the pinned source of this
    copy, or, where it has none the workflow can reach, why, and the line to write."""
    head = (
        "# The notice tool, as the publishing workflow installs it "
        f"(pip install -r {REQUIREMENTS}):\n"
    )
    line = pinned_source(direct_url)
    if line is not None:
        pinned = "# the source this project was made with, pinned (to upgrade, change it).\n"
        return f"{head}{pinned}{line}\n"
    return (
        head
        + "# the copy of notice that made this project came from no source the workflow can\n"
        + "# reach (a folder or a file of that machine, or an index by name alone). Write\n"
        + "# where you install notice from, pinned to one commit, without the # before it:\n"
        + f"# {_EXAMPLE}\n"
        + "# (Never a bare name such as notice==0.1.0: an index may hold another package.)\n"
    )


def check_requirements(text: str, shown: str) -> list[Problem]:
    """A warning when ``requirements.txt`` installs notice from no pinned source: the
    publishing workflow would then not install it, or not install this tool."""
    hint = f"write the line {_EXAMPLE}, with the commit you build with"
    lines = [
        (number, line.split(" #", 1)[0].strip())
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    named = [(number, line) for number, line in lines if _NAME.match(line)]
    if not named:
        return [
            Problem(
                shown,
                None,
                f"names no source of notice, so the publishing workflow cannot install it ({hint})",
                "warning",
            )
        ]
    return [
        Problem(
            shown,
            number,
            "notice is not pinned to a commit or a hash, so the publishing workflow may install "
            f"other code than you build with ({hint})",
            "warning",
        )
        for number, line in named
        if not _PINNED.search(line)
    ]


def _without_password(url: str) -> str:
    """A URL without a password pip may have kept in it (it has no place in a file that
    is committed)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=host))

"""Links between notices, as written in the sources (one reading for checks and pages)."""

from __future__ import annotations

import posixpath
from collections.abc import Collection

from notice.project.config import DRAFT_NAME


def notice_link(href: str, domain: str, notices: Collection[str]) -> tuple[str, str] | None:
    """The notice id and anchor a link leads to, if it is a link to a notice.

    A link to a notice is written as in the source tree: relative to the draft of the
    notice it is in (``../cookies/draft.md#anchor``), or to the ``docs/`` folder from a
    page such as the landing page (``cookies/draft.md``). The id is returned whether or
    not such a notice exists; anything else (another site, a mail address, an anchor on
    the same page, a file) is None.
    """
    if "://" in href or href.startswith(("mailto:", "tel:", "/", "#")):
        return None
    target, _, anchor = href.partition("#")
    base = domain if domain in notices else "."
    name, _, leaf = posixpath.normpath(posixpath.join(base, target)).partition("/")
    if leaf != DRAFT_NAME:
        return None
    return name, anchor

"""What every command needs: the project it runs in, and a notice it names."""

from __future__ import annotations

import argparse
from pathlib import Path

from notice.core.errors import NoticeError
from notice.project.config import Project, find_config, load_project


def project_of(args: argparse.Namespace) -> Project:
    config = Path(args.config) if args.config else find_config(Path.cwd())
    return load_project(config)


def known_notice(project: Project, notice: str) -> str:
    """A notice the project has, or a refusal that lists those it has."""
    if notice not in project.notices():
        known = ", ".join(project.notices()) or "none"
        raise NoticeError(f"there is no notice '{notice}' (notices: {known})")
    return notice

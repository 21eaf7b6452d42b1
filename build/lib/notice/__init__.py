"""Versioned, multilingual privacy notices published as a static site."""

from __future__ import annotations

__version__ = "0.1.0"

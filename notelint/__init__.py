"""notelint: a linter and fixer for research-paper notes kept in Markdown."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]

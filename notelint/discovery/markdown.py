"""What counts as a Markdown file: the name's suffix, in any case."""

from __future__ import annotations

import os

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


def is_markdown_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in MARKDOWN_SUFFIXES

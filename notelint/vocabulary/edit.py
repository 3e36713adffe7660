"""Adding one tag to a repository's vocabulary file, the way a person would.

The editor's "add tag to the vocabulary" action writes here. The file is a person's file, with
comments and an order of their own, so it is edited as text, not rewritten from parsed data: the
new ``Tag = {}`` line goes after the last line of its category's table (a new table at the end
when there is none), and nothing else in the file moves. The result is parsed as a vocabulary
before it is written; a file that would not load (or does not load now) is left as it is and
the reason is raised. The write is atomic and keeps the file's permissions.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from notelint.store.atomic import AtomicWriteError, write_atomic, write_output
from notelint.vocabulary.tags import KNOWN_CATEGORIES, VocabularyError, parse_vocabulary

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
HEADER = "# The tag vocabulary of this repository's notes (see `notelint rule NL301`).\n"


class VocabularyEditError(Exception):
    """The tag cannot be added; the message says why."""


def toml_key(tag: str) -> str:
    return tag if _BARE_KEY.fullmatch(tag) else json.dumps(tag, ensure_ascii=False)


def _insert(text: str, category: str, line: str) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = None
    for number, current in enumerate(lines):
        match = _TABLE_HEADER.match(current)
        if match is not None and match[1].strip("\"'") == category:
            start = number
            break
    if start is None:
        separator = "\n" if lines and lines[-1].strip() else ""
        return "".join(lines) + f"{separator}[{category}]\n{line}"
    end = start + 1
    last_content = start
    while end < len(lines) and not lines[end].lstrip().startswith("["):
        if lines[end].strip() and not lines[end].lstrip().startswith("#"):
            last_content = end
        end += 1
    lines.insert(last_content + 1, line)
    return "".join(lines)


def add_tag(path: Path, tag: str, category: str) -> bool:
    """Add ``tag`` to ``category`` in the vocabulary file at ``path`` (created if missing).
    False when the file already defines it there."""
    tag = tag.strip()
    if not tag or "\n" in tag or "`" in tag:
        raise VocabularyEditError(f"{tag!r} cannot be a tag")
    if category not in KNOWN_CATEGORIES:
        raise VocabularyEditError(f"{category!r} is not a category")
    raw: bytes | None = None
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        text = HEADER
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyEditError(f"{path}: cannot read: {exc}") from None
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyEditError(f"{path}: not valid TOML now ({exc}); not changed") from None
    if tag in (before.get(category) or {}):
        return False
    updated = _insert(text, category, f"{toml_key(tag)} = {{}}\n")
    try:
        parse_vocabulary(tomllib.loads(updated), str(path))
    except (tomllib.TOMLDecodeError, VocabularyError) as exc:
        raise VocabularyEditError(f"{path}: adding {tag!r} would break it ({exc})") from None
    try:
        if raw is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_output(path, updated.encode("utf-8"))
        else:  # a person's file: its permissions kept, and not if it changed meanwhile
            write_atomic(path, updated.encode("utf-8"), expected=raw)
    except AtomicWriteError as exc:
        raise VocabularyEditError(f"{path}: not changed: {exc}") from None
    except OSError as exc:
        raise VocabularyEditError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return True

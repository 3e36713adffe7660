"""The repository word list (``words.txt`` in the vocabulary folder): adding words.

``notelint words add WORD…`` is :func:`add_words`; ``notelint words learn`` is
:func:`notelint.engine.word_learning.learn`. Writing keeps the file one word per line, sorted
case-insensitively and without duplicates. The comment block at its top stays at the top; a
comment line elsewhere stays with the word below it, and a comment after a word
(``Nemenyi  # post-hoc test``) stays on its line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.spelling.dictionary import normalize, parse_word_list

if TYPE_CHECKING:
    pass

HEADER = (
    "# Words the spelling rule (NL501) accepts in this repository, one per line.\n"
    "# A lowercase word matches in any letter case; a word with capitals matches as written.\n"
    "# Maintained by `notelint words add` and `notelint words learn --write`; edit freely.\n"
)


class WordListError(Exception):
    """A word list that cannot be written, or a word that cannot go in it."""


def sort_key(word: str) -> tuple[str, str]:
    return (word.casefold(), word)


def validate_word(word: str) -> str:
    """A word as it will be stored: stripped, NFKC-normalised; one token without spaces."""
    cleaned = normalize(word.strip())
    if not cleaned:
        raise WordListError("an empty word cannot be added")
    if any(ch.isspace() for ch in cleaned):
        raise WordListError(f"'{word}' has spaces: add each word on its own")
    if cleaned.startswith("#"):
        raise WordListError(f"'{word}' starts with '#', which starts a comment in the word list")
    return cleaned


def add_words(path: Path, words: Iterable[str]) -> list[str]:
    """Add ``words`` to the word list at ``path`` (created with a header if missing); keep it
    sorted and free of duplicates. Returns the words that were not there yet, sorted."""
    wanted = [validate_word(word) for word in words]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except OSError as exc:
        raise WordListError(f"{path}: cannot read: {exc.strerror}") from None
    header, entries = _parse(text)
    added = sorted({word for word in wanted if word not in entries}, key=sort_key)
    if not added and text:
        return []
    for word in added:
        entries[word] = f"{word}\n"
    body = "".join(entries[word] for word in sorted(entries, key=sort_key))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((header if text else HEADER) + body, encoding="utf-8")
    except OSError as exc:
        raise WordListError(f"{path}: cannot write: {exc.strerror}") from None
    return added


def _parse(text: str) -> tuple[str, dict[str, str]]:
    """The leading comment block, and each word with its lines (comments above it, its own
    line); a word listed twice keeps its first line."""
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines) and (
        not lines[index].strip() or lines[index].lstrip().startswith("#")
    ):
        index += 1
    header = "".join(lines[:index])
    if header and not header.endswith("\n"):
        header += "\n"
    entries: dict[str, str] = {}
    pending: list[str] = []
    for line in lines[index:]:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            pending.append(line if line.endswith("\n") else line + "\n")
            continue
        ending = "" if line.endswith("\n") else "\n"
        for position, word in enumerate(parse_word_list(line)):
            if word in entries:
                continue
            own = line + ending if position == 0 else f"{word}\n"
            entries[word] = "".join(pending) + own
            pending = []
    return header, entries

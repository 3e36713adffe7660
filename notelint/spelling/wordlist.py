"""The repository word list (``words.txt`` in the vocabulary folder): adding and learning words.

``notelint words add WORD…`` is :func:`add_words`; ``notelint words learn PATHS [--write]`` is
:func:`learn`. Writing keeps the file one word per line, sorted case-insensitively and without
duplicates. The comment block at its top stays at the top; a comment line elsewhere stays with
the word below it, and a comment after a word (``Nemenyi  # post-hoc test``) stays on its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.spelling.dictionary import normalize, parse_word_list

if TYPE_CHECKING:
    from notelint.config import Settings
    from notelint.vocabulary import Vocabulary

HEADER = (
    "# Words the spelling rule (NL501) accepts in this repository, one per line.\n"
    "# A lowercase word matches in any letter case; a word with capitals matches as written.\n"
    "# Maintained by `notelint words add` and `notelint words learn --write`; edit freely.\n"
)


class WordListError(Exception):
    """A word list that cannot be written, or a word that cannot go in it."""


def _sort_key(word: str) -> tuple[str, str]:
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
    added = sorted({word for word in wanted if word not in entries}, key=_sort_key)
    if not added and text:
        return []
    for word in added:
        entries[word] = f"{word}\n"
    body = "".join(entries[word] for word in sorted(entries, key=_sort_key))
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


@dataclass(frozen=True)
class LearnedWord:
    word: str
    count: int  # how many times it is flagged
    first: str  # where it is first flagged: "path:line:column"
    # What NL501 suggested for it (the first time), and in how many files it is flagged.
    suggestions: tuple[str, ...] = ()
    files: int = 1
    # NL501 offered a replacement (it is sure enough of the intended word to fix it).
    fixable: bool = False


@dataclass(frozen=True)
class LearnResult:
    words: list[LearnedWord]  # every flagged word, sorted
    added: list[str]  # the words written to the word list (``write=True``)
    path: Path | None  # the word list


def learn(
    paths: Sequence[Path],
    settings: Settings,
    *,
    vocabulary: Vocabulary | None = None,
    write: bool = False,
) -> LearnResult:
    """Every word NL501 flags now in the notes at ``paths`` (files, or folders searched for
    Markdown files as a check run would); with ``write``, add them all to the word list.

    Names flagged as near misses of a known name (``TimeSfomer``) are listed too: learning
    them is how a new name that happens to be one letter from a known one gets accepted.
    """
    from notelint.engine import Linter
    from notelint.source import SourceError, SourceText
    from notelint.spelling.checker import words_path

    linter = Linter(settings, select=["NL501"], vocabulary=vocabulary)
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    suggested: dict[str, tuple[str, ...]] = {}
    files_of: dict[str, set[str]] = {}
    fixable: set[str] = set()
    for file in _markdown_files(paths, settings):
        try:
            source = SourceText.read(file)
        except SourceError:
            continue
        # The engine applies the file's suppressions and per-file ignores, as a check run does.
        for finding in linter.lint_source(source).findings:
            if finding.code != "NL501":
                continue
            span = finding.span
            word = normalize(source.text[span.start_offset : span.end_offset])
            counts[word] = counts.get(word, 0) + 1
            first.setdefault(word, f"{file}:{span.start_line}:{span.start_column}")
            suggested.setdefault(word, _suggestions(finding.message))
            files_of.setdefault(word, set()).add(str(file))
            if finding.fix is not None:
                fixable.add(word)
    learned = [
        LearnedWord(
            word,
            counts[word],
            first[word],
            suggested[word],
            len(files_of[word]),
            word in fixable,
        )
        for word in sorted(counts, key=_sort_key)
    ]
    path = words_path(settings)
    added: list[str] = []
    if write:
        if path is None:
            raise WordListError("no vocabulary folder is configured (vocabulary = …)")
        added = add_words(path, [item.word for item in learned])
    return LearnResult(learned, added, path)


def _suggestions(message: str) -> tuple[str, ...]:
    """The words an NL501 message proposes (``… did you mean 'a', 'b' or 'c'?``)."""
    _, _, offered = message.partition("did you mean ")
    if not offered:
        _, _, offered = message.partition("misspelling of the name ")
    return tuple(re.findall(r"'([^']+)'", offered))


def _markdown_files(paths: Sequence[Path], settings: Settings) -> list[Path]:
    from notelint.discovery import FileFinder

    return list(FileFinder(settings).find(list(paths)))

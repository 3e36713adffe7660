"""Learning a project's words: every word the spelling rule flags now, ready for the word list.

It lints the notes (as a check run would find them) with the spelling rule alone, so it lives
with the engine rather than with the spelling package the rule is built on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.spelling.dictionary import normalize
from notelint.spelling.wordlist import WordListError, add_words, sort_key

if TYPE_CHECKING:
    from notelint.config.settings import Settings
    from notelint.vocabulary.tags import Vocabulary


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
    from notelint.engine.linter import Linter
    from notelint.parse.source import SourceError, SourceText
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
        for word in sorted(counts, key=sort_key)
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
    from notelint.discovery.finder import FileFinder

    return list(FileFinder(settings).find(list(paths)))

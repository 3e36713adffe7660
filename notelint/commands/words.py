"""``notelint words add WORD…`` and ``notelint words learn [PATHS] [--write]``.

``add`` puts words in the repository word list (``words.txt`` in the vocabulary folder),
sorted and de-duplicated. ``learn`` lists every word the spelling rule flags now, with how often
and where first; with ``--write`` it adds them all, for a team adopting notelint on notes that
already exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from notelint.commands.check_inputs import settings_for
from notelint.config.settings import Settings
from notelint.engine.word_learning import learn
from notelint.errors import EXIT_CLEAN, EXIT_FINDINGS, UsageError
from notelint.spelling.checker import words_path
from notelint.spelling.wordlist import WordListError, add_words


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    try:
        if args.words_command == "add":
            return _add(args, settings)
        return _learn(args, settings)
    except WordListError as exc:
        raise UsageError(str(exc)) from None


def _plural(count: int, noun: str = "word") -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _add(args: argparse.Namespace, settings: Settings) -> int:
    path = words_path(settings)
    if path is None:
        raise UsageError('no vocabulary folder is configured (set vocabulary = "rules")')
    added = add_words(path, args.words)
    if added:
        print(f"Added {_plural(len(added))} to {path}: {', '.join(added)}")
    else:
        print(f"{path} already has every word given.")
    return EXIT_CLEAN


def _learn(args: argparse.Namespace, settings: Settings) -> int:
    if args.paths:
        paths = [Path(p) for p in args.paths]
    elif settings.paths:
        paths = [settings.resolve(p) for p in settings.paths]
    else:
        paths = [Path(".")]
    result = learn(paths, settings, write=args.write)
    for item in result.words:
        sys.stdout.write(f"{item.word}\t{item.count}\t{item.first}\n")
    if args.write:
        print(f"Added {_plural(len(result.added))} to {result.path}.", file=sys.stderr)
        return EXIT_CLEAN
    # Like a check: words still flagged are findings.
    return EXIT_FINDINGS if result.words else EXIT_CLEAN

"""The notes a command names, parsed once: the same configuration and discovery as ``check``.

``export``, ``stats`` and ``report`` all start here, so they read the same files ``check``
reads, resolve tags through the same vocabulary, and find the files only once.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from notelint.commands.check_inputs import files_for, settings_for
from notelint.config.settings import Settings
from notelint.errors import EXIT_CLEAN, EXIT_FINDINGS
from notelint.model.document import Document
from notelint.parse.parser import parse
from notelint.parse.source import SourceError, SourceText
from notelint.stats.facts import EntryFacts, entry_facts
from notelint.stats.online_years import cached_years
from notelint.vocabulary.tags import Vocabulary, load_vocabulary


@dataclass(frozen=True)
class LoadedNotes:
    settings: Settings
    vocabulary: Vocabulary
    files: list[tuple[Path, str]]  # every file discovery found (path, as shown)
    documents: list[Document]  # those that could be read
    status: int  # exit code 1 when a file could not be read (it was named on stderr)


def load_notes(args: argparse.Namespace) -> LoadedNotes:
    settings = settings_for(args)
    vocabulary = load_vocabulary(settings.vocabulary_dir(), builtin=settings.builtin_vocabulary)
    files = files_for(args, settings)
    status = EXIT_CLEAN
    documents = []
    for path, display in files:
        try:
            source = SourceText.read(path, display)
        except SourceError as exc:
            print(f"notelint: {display}: cannot read: {exc}", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        documents.append(parse(source, vocabulary))
    return LoadedNotes(settings, vocabulary, files, documents, status)


def notes_facts(notes: LoadedNotes) -> list[EntryFacts]:
    """Every entry's facts; years the notes do not give come from the online cache if it
    has them (:mod:`notelint.stats.online_years`)."""
    years = cached_years(notes.documents, notes.settings, notes.vocabulary)
    for warning in years.warnings:
        print(f"notelint: warning: {warning}", file=sys.stderr)
    return [
        fact
        for document in notes.documents
        for fact in entry_facts(document, notes.vocabulary, years.by_entry)
    ]

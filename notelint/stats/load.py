"""The entries' facts for the files a command names (the same discovery as ``check``)."""

from __future__ import annotations

import argparse
import sys

from notelint.commands.check import files_for, settings_for
from notelint.errors import EXIT_CLEAN, EXIT_FINDINGS
from notelint.model import Document
from notelint.parser import parse
from notelint.source import SourceError, SourceText
from notelint.stats.facts import EntryFacts, entry_facts
from notelint.vocabulary import Vocabulary, load_vocabulary


def load_documents(args: argparse.Namespace) -> tuple[list[Document], Vocabulary, int]:
    """The parsed files, the vocabulary, and exit code 1 if a file could not be read (it is
    named on stderr)."""
    settings = settings_for(args)
    vocabulary = load_vocabulary(settings.vocabulary_dir(), builtin=settings.builtin_vocabulary)
    status = EXIT_CLEAN
    documents = []
    for path, display in files_for(args, settings):
        try:
            source = SourceText.read(path, display)
        except SourceError as exc:
            print(f"notelint: {display}: cannot read: {exc}", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        documents.append(parse(source, vocabulary))
    return documents, vocabulary, status


def load_facts(args: argparse.Namespace) -> tuple[list[EntryFacts], int]:
    documents, vocabulary, status = load_documents(args)
    facts = [f for document in documents for f in entry_facts(document, vocabulary)]
    return facts, status

"""``notelint export PATHS``: the parsed model as JSON, one document per file.

The output is a JSON array of documents whose schema is the pydantic schema of
:class:`notelint.model.Document` (``notelint export --schema`` prints it).
"""

from __future__ import annotations

import argparse
import json
import sys

from notelint.commands.check import files_for, settings_for
from notelint.errors import EXIT_CLEAN, EXIT_FINDINGS
from notelint.model import Document
from notelint.parser import parse
from notelint.source import SourceError, SourceText
from notelint.vocabulary import load_vocabulary


def run(args: argparse.Namespace) -> int:
    if args.schema:
        sys.stdout.write(json.dumps(Document.model_json_schema(), indent=2) + "\n")
        return EXIT_CLEAN
    settings = settings_for(args)
    vocabulary = load_vocabulary(settings.vocabulary_dir(), builtin=settings.builtin_vocabulary)
    status = EXIT_CLEAN
    documents = []
    for path, display in files_for(args, settings):
        try:
            source = SourceText.read(path, display)
        except SourceError as exc:
            print(f"notelint: {display}: cannot export: {exc}", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        documents.append(parse(source, vocabulary).model_dump(mode="json"))
    sys.stdout.write(json.dumps(documents, indent=2, ensure_ascii=False) + "\n")
    return status

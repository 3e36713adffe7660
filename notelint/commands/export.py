"""``notelint export PATHS``: the parsed model as JSON, one document per file.

The output is a JSON array of documents whose schema is the pydantic schema of
:class:`notelint.model.document.Document` (``notelint export --schema`` prints it).
"""

from __future__ import annotations

import argparse
import json
import sys

from notelint.commands.loading import load_notes
from notelint.errors import EXIT_CLEAN
from notelint.model.document import Document


def run(args: argparse.Namespace) -> int:
    if args.schema:
        sys.stdout.write(json.dumps(Document.model_json_schema(), indent=2) + "\n")
        return EXIT_CLEAN
    notes = load_notes(args)
    out = [document.model_dump(mode="json") for document in notes.documents]
    sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    return notes.status

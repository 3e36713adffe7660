"""``notelint stats [PATHS] --by FIELD [--by FIELD]``: entries counted by what their tags say.

See :mod:`notelint.stats` for how tags become facts and how years are found.
"""

from __future__ import annotations

import argparse
import json
import sys

from notelint.commands.loading import load_notes, notes_facts
from notelint.errors import EXIT_CLEAN, UsageError
from notelint.stats.counting import StatsResult, count
from notelint.stats.facts import FIELDS
from notelint.stats.render import as_csv, as_markdown, as_table


def run(args: argparse.Namespace) -> int:
    if args.schema:
        sys.stdout.write(json.dumps(StatsResult.model_json_schema(), indent=2) + "\n")
        return EXIT_CLEAN
    by = args.by or ["venue"]
    for field in by:
        if field not in FIELDS:
            raise UsageError(f"--by {field}: not a field; use one of {', '.join(FIELDS)}")
    if len(by) > 2:
        raise UsageError("--by: at most two fields (a cross-table)")
    if args.top is not None and args.top < 1:
        raise UsageError("--top: a whole number of at least 1")
    notes = load_notes(args)
    facts = notes_facts(notes)
    result = count(facts, by, since=args.since, until=args.until, top=args.top)
    if args.fmt == "json":
        out = result.model_dump_json(indent=2) + "\n"
    elif args.fmt == "csv":
        out = as_csv(result)
    elif args.fmt == "markdown":
        out = as_markdown(result)
    else:
        color = not args.no_color and sys.stdout.isatty()
        out = as_table(result, color)
    sys.stdout.write(out)
    return notes.status

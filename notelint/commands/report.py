"""``notelint report [PATHS] -o report.html``: the notes at a glance, in one HTML file.

The file works offline (nothing is loaded from elsewhere) and is written whole or not at all
(a reader never opens half a report); see
:mod:`notelint.report` for what it holds.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from notelint.commands.check_inputs import linter_for
from notelint.commands.loading import load_notes, notes_facts
from notelint.discovery.finder import display_path
from notelint.errors import EXIT_CLEAN, EXIT_USAGE, UsageError
from notelint.report.history import entries_added_per_month
from notelint.report.page import ReportInput, render
from notelint.stats.facts import EntryFacts
from notelint.store.atomic import write_output


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"-o {args.output}: the report is HTML; name it *.html")
    notes = load_notes(args)
    settings, files = notes.settings, notes.files
    entries = notes_facts(notes)

    from notelint.engine.runner import lint_files

    findings = lint_files(linter_for(args, settings), files).findings
    growth = None
    if not args.no_history:
        growth = entries_added_per_month(
            settings.root, [os.path.abspath(path) for path, _ in files]
        )
    folder = output.resolve().parent

    def link(entry: EntryFacts) -> str:
        if args.link_base:
            path = Path(entry.path).resolve()
            try:
                relative = path.relative_to(settings.root).as_posix()
            except ValueError:
                relative = entry.path
            return f"{args.link_base.rstrip('/')}/{relative}#L{entry.line}"
        relative = os.path.relpath(Path(entry.path).resolve(), folder)
        return f"{Path(relative).as_posix()}#L{entry.line}"

    title = f"Notes report: {settings.root.name}"
    page = render(
        ReportInput(
            title=title,
            entries=entries,
            findings=findings,
            files=[display for _, display in files],
            growth=growth,
            link=link,
        )
    )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_output(output, page.encode("utf-8"))
    except OSError as exc:
        print(
            f"notelint: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr
        )
        return EXIT_USAGE
    print(
        f"Wrote {display_path(output)}: {len(entries)} entries from {len(files)} files, "
        f"{len(findings)} findings",
        file=sys.stderr,
    )
    return notes.status or EXIT_CLEAN

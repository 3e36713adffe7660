"""``notelint migrate PATHS [--write]``: rewrite older notes into the current format.

Without ``--write`` it prints the unified diff and exits 1 when there is one (0 when every file
is in the current format already), as ``check --diff`` does. With ``--write`` the files are
written back atomically, with their encoding, BOM and line endings. An entry migrate cannot
rewrite, and a file whose result would not read back to the same notes, is left as it was;
one line on stderr names the file, the line and why, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from notelint.commands.check_inputs import files_for, settings_for
from notelint.commands.fixing import unified_diff
from notelint.errors import EXIT_CLEAN, EXIT_FINDINGS
from notelint.fix.migrate import migrate_source
from notelint.parse.source import SourceError, SourceText, read_notes_bytes
from notelint.store.atomic import AtomicWriteError, write_atomic
from notelint.vocabulary.tags import load_vocabulary


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    if args.heading_labels:
        settings.migrate.heading_labels = args.heading_labels
    vocabulary = load_vocabulary(settings.vocabulary_dir(), builtin=settings.builtin_vocabulary)
    status = EXIT_CLEAN
    changed_files = 0
    changed_entries = 0
    diffs: list[str] = []
    for path, display in files_for(args, settings):
        try:
            raw = read_notes_bytes(path)
            source = SourceText.from_bytes(raw, display)
        except (OSError, SourceError) as exc:
            print(f"notelint: {display}: not migrated: {exc}", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        result = migrate_source(source, vocabulary, settings)
        for line, reason in result.skipped:
            print(f"notelint: {display}:{line}: entry not migrated: {reason}", file=sys.stderr)
            status = EXIT_FINDINGS
        if result.refused is not None:
            line, reason = result.refused
            print(
                f"notelint: {display}:{line}: file not migrated: {reason}; it is left as it was",
                file=sys.stderr,
            )
            status = EXIT_FINDINGS
            continue
        if not result.changed:
            continue
        changed_files += 1
        changed_entries += result.entries
        if not args.write:
            diffs.append(unified_diff(display, source.text, result.text))
            status = EXIT_FINDINGS
            continue
        try:
            write_atomic(Path(path), source.encode(result.text), expected=raw)
        except AtomicWriteError as exc:
            print(f"notelint: {display}: not migrated: {exc}", file=sys.stderr)
            status = EXIT_FINDINGS
            changed_files -= 1
            changed_entries -= result.entries
    if diffs:
        sys.stdout.write("".join(diffs))
    entries = "entry" if changed_entries == 1 else "entries"
    files = "file" if changed_files == 1 else "files"
    if args.write:
        summary = f"Migrated {changed_entries} {entries} in {changed_files} {files}."
    elif changed_files:
        summary = (
            f"Would migrate {changed_entries} {entries} in {changed_files} {files};"
            " `notelint migrate --write` rewrites them."
        )
    else:
        summary = "Nothing to migrate: every file is in the current format."
    print(summary, file=sys.stderr if diffs else sys.stdout)
    return status

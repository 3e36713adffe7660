"""``notelint check --add-suppressions``: silence today's findings with inline directives
(ruff's ``--add-noqa``), for teams that prefer them to a baseline file.

Each line with findings gets ``<!-- notelint-disable-line CODES -- TODO: why -->`` at its
end: an HTML comment, invisible when the notes render, and on the line itself, so that a quote
or a list is never split by a line of its own. The reason is a placeholder to fill in. The
file is linted first with a plain comment in each directive's place: a directive that would
silence nothing there (a trailing-whitespace finding is no longer trailing once a comment
follows it) is not written, and the findings that could not be silenced (inside code, on a
line that ends in a directive already) are named with their lines. Files are written
atomically; a file that changed meanwhile is left alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from notelint.engine.linter import Linter
from notelint.model.findings import Finding
from notelint.parse.parser import parse
from notelint.parse.source import SourceError, SourceText, read_notes_bytes
from notelint.store.atomic import AtomicWriteError, write_atomic

REASON = "TODO: why"
_UNUSED = "NL002"


def disable_line_directive(codes: Sequence[str]) -> str:
    return f"<!-- notelint-disable-line {', '.join(codes)} -- {REASON} -->"


def _insert(source: SourceText, by_line: dict[int, list[str]], *, plain: bool = False) -> str:
    text = source.text
    pieces: list[str] = []
    last = 0
    for line in sorted(by_line):
        end = source.line_ends[line - 1]
        pieces.append(text[last:end])
        pieces.append(" " + ("<!-- -->" if plain else disable_line_directive(by_line[line])))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _codes_by_line(findings: Sequence[Finding], skip_lines: set[int]) -> dict[int, list[str]]:
    by_line: dict[int, list[str]] = {}
    for finding in findings:
        line = finding.span.start_line
        if line in skip_lines or finding.code == _UNUSED:
            continue
        codes = by_line.setdefault(line, [])
        if finding.code not in codes:
            codes.append(finding.code)
    return by_line


def add_suppressions(linter: Linter, files: Sequence[tuple[Path, str]]) -> int:
    """Write the directives; the exit code (0, or 1 when some findings could not be silenced)."""
    added = changed = left = 0
    for path, display in files:
        try:
            raw = read_notes_bytes(path)
            source = SourceText.from_bytes(raw, display)
        except SourceError as exc:
            print(f"notelint: {display}: not changed: {exc}", file=sys.stderr)
            left += 1
            continue
        findings = linter.finish([linter.lint_source(source)])
        document = parse(source, linter.vocabulary)
        code_lines = {
            line
            for span in document.code_blocks
            for line in range(span.start_line, span.end_line + 1)
        }
        by_line = _codes_by_line(findings, code_lines)
        if not by_line:
            continue
        # Taken back: codes whose finding goes away once a comment ends the line (trailing
        # whitespace is no longer trailing): linted with a plain comment in the directive's
        # place, only findings that are still there get a directive.
        plain = SourceText(text=_insert(source, by_line, plain=True), path=display, bom=source.bom)
        still = {(f.span.start_line, f.code) for f in linter.finish([linter.lint_source(plain)])}
        by_line = {
            line: kept
            for line, codes in by_line.items()
            if (kept := [code for code in codes if (line, code) in still])
        }
        if not by_line:
            continue
        fixed = SourceText(text=_insert(source, by_line), path=display, bom=source.bom)
        remaining = linter.finish([linter.lint_source(fixed)])
        try:
            write_atomic(path, fixed.encode(), expected=raw)
        except (OSError, AtomicWriteError) as exc:
            print(f"notelint: {display}: not changed: {exc}", file=sys.stderr)
            left += 1
            continue
        added += len(by_line)
        changed += 1
        for finding in remaining:
            left += 1
            hint = " (`notelint --fix` repairs it)" if finding.fix is not None else ""
            print(
                f"{display}:{finding.span.start_line}:{finding.span.start_column}: "
                f"{finding.code} not silenced: {finding.message}{hint}",
                file=sys.stderr,
            )
    files_word = "file" if changed == 1 else "files"
    print(f"Added {added} suppression directive(s) in {changed} {files_word} (reason: {REASON!r}).")
    return 1 if left else 0

"""``--fix``, ``--unsafe-fixes``, ``--diff`` and ``--fix-only``: fix the files, or show the diff.

Each file is read, fixed in memory (:func:`notelint.fixer.fix_source`) and, unless only a diff
is wanted, written back atomically with its encoding, BOM and line endings. A file that cannot
be read, is not valid UTF-8, does not settle, or fails the safety net is left untouched: one
line on stderr says why (``notelint: notes.md: fixes not applied: …``) and the run goes on with
the next file. ``check`` then lints the files as they are now and reports what remains.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from notelint.atomic import AtomicWriteError, write_atomic
from notelint.engine import Linter
from notelint.findings import Finding
from notelint.fixer import fix_source
from notelint.source import SourceError, SourceText

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass
class FixOutcome:
    """What ``apply_fixes`` did: the diff (``--diff``), the findings fixed per file, and the
    files left untouched with the reason."""

    diff_text: str = ""
    fixed: dict[str, list[Finding]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)

    @property
    def fixed_count(self) -> int:
        return sum(len(v) for v in self.fixed.values())


def split_lines(text: str) -> list[str]:
    """Lines with their own endings (``\\n``, ``\\r\\n`` or ``\\r``), as a diff shows them."""
    return _LINE_RE.findall(text)


def unified_diff(display: str, old: str, new: str) -> str:
    """A standard unified diff (``--- a/path`` / ``+++ b/path``) that ``git apply`` and
    ``patch -p1`` accept; a missing final newline is marked the way diff marks it."""
    out: list[str] = []
    for line in difflib.unified_diff(
        split_lines(old), split_lines(new), fromfile=f"a/{display}", tofile=f"b/{display}"
    ):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def apply_fixes(
    linter: Linter,
    files: Sequence[tuple[Path, str]],
    *,
    unsafe: bool = False,
    diff_only: bool = False,
    quiet: bool = False,
    stderr: TextIO | None = None,
) -> FixOutcome:
    err = stderr if stderr is not None else sys.stderr
    outcome = FixOutcome()
    diffs: list[str] = []

    def fail(display: str, reason: str) -> None:
        outcome.errors[display] = reason
        print(f"notelint: {display}: fixes not applied: {reason}", file=err)

    for path, display in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            fail(display, f"cannot read: {exc.strerror or exc}")
            continue
        try:
            source = SourceText.from_bytes(raw, display)
        except SourceError as exc:
            fail(display, str(exc))
            continue
        result = fix_source(linter, source, unsafe=unsafe)
        if result.error is not None:
            fail(display, result.error)
            continue
        if not result.changed:
            continue
        if diff_only:
            diffs.append(unified_diff(display, source.text, result.text))
        else:
            try:
                write_atomic(path, result.encoded(), expected=raw)
            except AtomicWriteError as exc:
                fail(display, str(exc))
                continue
            outcome.written.append(display)
        outcome.fixed[display] = result.fixed

    outcome.diff_text = "".join(diffs)
    if diff_only and not quiet and outcome.fixed_count:
        count = outcome.fixed_count
        print(f"Would fix {count} finding{'s' if count != 1 else ''}.", file=err)
    return outcome


__all__ = ["FixOutcome", "apply_fixes", "split_lines", "unified_diff"]

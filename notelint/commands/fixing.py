"""``--fix``, ``--unsafe-fixes``, ``--diff`` and ``--fix-only``: fix the files, or show the diff.

Each file is read, fixed in memory (:func:`notelint.fix.rounds.fix_source`) and, unless only a diff
is wanted, written back atomically with its encoding, BOM and line endings. A file that cannot
be read, is not valid UTF-8, or whose fixes do not settle is left untouched: one line on stderr
says why (``notelint: notes.md: fixes not applied: …``) and the run goes on with the next file.
A fix that the safety net refuses is dropped on its own, and one line on stderr names its file,
line and rule, why it was refused and what it would have changed
(``notelint: notes.md:12: NL302 fix refused: …``); the file keeps its other fixes. ``check``
then lints the files as they are now and reports what remains.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from notelint.engine.linter import Linter
from notelint.fix.rounds import Refusal, fix_source
from notelint.model.findings import Finding
from notelint.parse.source import SourceError, SourceText, read_notes_bytes
from notelint.store.atomic import AtomicWriteError, resolve_target, write_atomic

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass
class FixOutcome:
    """What ``apply_fixes`` did: the diff (``--diff``), the findings fixed per file, and the
    files left untouched with the reason."""

    diff_text: str = ""
    fixed: dict[str, list[Finding]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    refused: dict[str, list[Refusal]] = field(default_factory=dict)

    @property
    def refused_count(self) -> int:
        return sum(len(v) for v in self.refused.values())

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
            raw = read_notes_bytes(path)
        except SourceError as exc:
            fail(display, f"cannot read: {exc}")
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
        if result.refused:
            outcome.refused[display] = result.refused
            for refusal in result.refused:
                print(describe_refusal(display, refusal), file=err)
        if not result.changed:
            continue
        if diff_only:
            diffs.append(unified_diff(display, source.text, result.text))
        else:
            outside = _links_outside(path, linter.settings.root)
            if outside is not None:
                fail(
                    display,
                    f"it links to {outside}, outside the project; notelint does not write"
                    f" there (set {ALLOW_WRITES_OUTSIDE} to allow it)",
                )
                continue
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


def describe_refusal(display: str, refusal: Refusal) -> str:
    """One line: where, which rule, why, and the change that was refused."""
    return (
        f"notelint: {display}:{refusal.line}: {refusal.code} fix refused: {refusal.reason} "
        f"({refusal.before.strip()!r} → {refusal.after.strip()!r})"
    )


__all__ = ["FixOutcome", "apply_fixes", "describe_refusal", "split_lines", "unified_diff"]


# An opt-in from the user's environment, never from the repository: a cloned repository's
# configuration must not be able to grant itself writes to the user's other files.
ALLOW_WRITES_OUTSIDE = "NOTELINT_ALLOW_WRITES_OUTSIDE_ROOT=1"


def _links_outside(path: Path, root: Path) -> Path | None:
    """The target of a symlink chain that leaves ``root``, or None."""
    if os.environ.get("NOTELINT_ALLOW_WRITES_OUTSIDE_ROOT") == "1":
        return None
    absolute = Path(os.path.abspath(path))
    target = resolve_target(path)
    if target == absolute:
        return None  # not a link: a file the user named is theirs to fix
    if target.is_relative_to(root.resolve()):
        return None
    return target

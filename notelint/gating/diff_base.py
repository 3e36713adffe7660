"""``--diff-base REV``: keep the findings on lines changed since ``REV``.

The changes are ``git diff -U0 REV`` (committed and uncommitted changes; files git does not
track yet count as wholly changed), plus whole-entry findings whose entry was touched. A finding
is *whole-entry* when it belongs to an entry and its span covers the entry's title or runs over
more than one line (a missing summary, a duplicate entry): such a finding is about the entry as
a whole, so editing any line of the entry, or deleting one, brings it up.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from notelint.errors import UsageError
from notelint.model.findings import Finding

_HUNK_RE = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


# -- --diff-base -------------------------------------------------------------------------------


@dataclass
class FileChanges:
    """What changed in one file: changed (added or rewritten) lines, and deletion points."""

    lines: set[int] = field(default_factory=set)
    deletions: set[int] = field(default_factory=set)  # a deletion sits after this line
    whole: bool = False  # new to git: every line counts as changed

    def touches(self, first: int, last: int) -> bool:
        if self.whole:
            return True
        if any(first <= line <= last for line in self.lines):
            return True
        # A deletion after line n touches the lines on both sides of it.
        return any(first <= line <= last or first <= line + 1 <= last for line in self.deletions)

    def changed(self, first: int, last: int) -> bool:
        return self.whole or any(first <= line <= last for line in self.lines)


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise UsageError(f"--diff-base needs git: {exc.strerror or exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"--diff-base: git {args[0]} failed: {message[-1] if message else 'no output'}"
        )
    return result.stdout.decode("utf-8", "surrogateescape")


def _unquote(path: str) -> str:
    """A path as git prints it in a diff header (C-quoted when it holds odd characters)."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    raw = path[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1", "surrogateescape").decode("utf-8", "surrogateescape")


def parse_diff(diff: str) -> dict[str, FileChanges]:
    """``git diff -U0`` output → changes per path (relative to the repository top)."""
    changes: dict[str, FileChanges] = {}
    current: FileChanges | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            if target == "/dev/null":
                current = None
                continue
            target = _unquote(target)
            current = changes.setdefault(target.removeprefix("b/"), FileChanges())
            continue
        if current is None:
            continue
        match = _HUNK_RE.match(line)
        if match is None:
            continue
        start = int(match.group(1))
        count = int(match.group(2)) if match.group(2) is not None else 1
        if count == 0:
            current.deletions.add(start)
        else:
            current.lines.update(range(start, start + count))
    return changes


def changed_lines(rev: str, root: Path) -> tuple[Path, dict[str, FileChanges]]:
    """The repository top and what changed since ``rev`` (work tree included)."""
    top = Path(os.path.realpath(_git(["rev-parse", "--show-toplevel"], root).strip()))
    diff = _git(
        [
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "-M",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            rev,
            "--",
        ],
        top,
    )
    changes = parse_diff(diff)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    for name in untracked.split("\0"):
        if name:
            changes[name] = FileChanges(whole=True)
    return top, changes


def _entry_lines(path: str) -> list[tuple[int, int, int, int]]:
    """(first line, last line, title start offset, title end offset) of each entry."""
    from notelint.parse.parser import parse
    from notelint.parse.source import SourceError, SourceText

    try:
        source = SourceText.read(Path(path), path)
    except SourceError:
        return []
    document = parse(source)
    ranges = []
    for entry in document.entries:
        title = entry.title_span or entry.head_span
        ranges.append(
            (entry.span.start_line, entry.span.end_line, title.start_offset, title.end_offset)
        )
    return ranges


def only_changed(findings: Sequence[Finding], rev: str, root: Path) -> list[Finding]:
    """The findings on lines changed since ``rev``, plus whole-entry findings of touched
    entries."""
    top, changes = changed_lines(rev, root)
    entries_of: dict[str, list[tuple[int, int, int, int]]] = {}
    kept: list[Finding] = []
    for finding in findings:
        relative = _relative_to(finding.path, top)
        change = changes.get(relative) if relative is not None else None
        if change is None:
            continue
        span = finding.span
        if change.changed(span.start_line, span.end_line):
            kept.append(finding)
            continue
        if finding.entry_title is None:
            continue
        if finding.path not in entries_of:
            entries_of[finding.path] = _entry_lines(finding.path)
        for first, last, title_start, title_end in entries_of[finding.path]:
            if not first <= span.start_line <= last:
                continue
            whole_entry = span.end_line > span.start_line or (
                span.start_offset <= title_start and span.end_offset >= title_end
            )
            if whole_entry and change.touches(first, last):
                kept.append(finding)
            break
    return kept


def _relative_to(path: str, top: Path) -> str | None:
    try:
        return Path(os.path.realpath(path)).relative_to(top).as_posix()
    except ValueError:
        return None

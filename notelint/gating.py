"""Adopting notelint on notes that are not clean yet: ``--diff-base`` and baselines.

``--diff-base REV`` keeps the findings on lines changed since ``REV`` (``git diff -U0 REV``:
committed and uncommitted changes; files git does not track yet count as wholly changed),
plus whole-entry findings whose entry was touched. A finding is *whole-entry* when it belongs
to an entry and its span covers the entry's title or runs over more than one line (a missing
summary, a duplicate entry): such a finding is about the entry as a whole, so editing any line
of the entry, or deleting one, brings it up.

A baseline (``--write-baseline FILE``, ``--baseline FILE``) is a JSON file listing today's
findings by fingerprint (rule, repository-relative path, entry title and offending text; see
:mod:`notelint.fingerprint`), so it keeps matching when lines move. Rewriting it drops the
findings that are gone and keeps what it recorded for files this run did not check.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notelint.errors import UsageError
from notelint.findings import Finding
from notelint.fingerprint import SourceLine, fingerprints, offending_text, repo_relative

BASELINE_FORMAT = 1
_HUNK_RE = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _no_source(_path: str, _line: int) -> str | None:
    return None


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
    from notelint.parser import parse
    from notelint.source import SourceError, SourceText

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


# -- baselines ---------------------------------------------------------------------------------


# Enough of the fingerprint to tell findings apart (96 bits), and enough of the entry and the
# offending text for a reviewer to recognise a record: a baseline is committed, and read in
# review, so it stays small (about 150 bytes a finding).
_FINGERPRINT_CHARS = 24
_ENTRY_CHARS = 60
_TEXT_CHARS = 40


def _clip(text: str | None, limit: int) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def _records(
    findings: Sequence[Finding], source_line: SourceLine, root: Path
) -> list[dict[str, Any]]:
    prints = fingerprints(findings, source_line, root)
    return [
        {
            "fingerprint": fp[:_FINGERPRINT_CHARS],
            "rule": f.code,
            "path": repo_relative(f.path, root),
            "entry": _clip(f.entry_title, _ENTRY_CHARS),
            "text": _clip(offending_text(f, source_line), _TEXT_CHARS),
        }
        for f, fp in zip(findings, prints, strict=True)
    ]


def read_baseline(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"{path}: no such baseline file (write one with --write-baseline)"
        ) from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the baseline: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a notelint baseline (invalid JSON: {exc})") from None
    records = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(records, list) or not all(
        isinstance(r, dict) and isinstance(r.get("fingerprint"), str) for r in records
    ):
        raise UsageError(f"{path}: not a notelint baseline (no 'findings' list of fingerprints)")
    return records


def write_baseline(
    path: Path,
    findings: Sequence[Finding],
    source_line: SourceLine = _no_source,
    root: Path | None = None,
    checked: Iterable[str] | None = None,
) -> int:
    """Record ``findings`` in ``path``; returns how many it holds now.

    With ``checked`` (the paths this run checked), what an existing baseline recorded for other
    files is kept: a run over part of the notes does not forget the rest."""
    root = root or Path.cwd()
    records = _records(findings, source_line, root)
    if checked is not None and path.is_file():
        checked_relative = {repo_relative(p, root) for p in checked}
        try:
            previous = read_baseline(path)
        except UsageError:
            previous = []
        records.extend(r for r in previous if r.get("path") not in checked_relative)
    records.sort(key=lambda r: (str(r.get("path")), str(r.get("rule")), str(r["fingerprint"])))
    payload = {
        "notelint-baseline": BASELINE_FORMAT,
        "comment": "Findings recorded by `notelint check --write-baseline`; "
        "`--baseline` hides them. Regenerate rather than edit.",
        "findings": records,
    }
    # One record a line: compact, and a diff of two baselines reads finding by finding.
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    head = json.dumps({k: v for k, v in payload.items() if k != "findings"}, ensure_ascii=False)
    body = ",\n".join(f"  {line}" for line in lines)
    text = head[:-1] + ', "findings": [\n' + body + ("\n" if lines else "") + "]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(records)


def hide_baselined(
    findings: Sequence[Finding],
    path: Path,
    source_line: SourceLine = _no_source,
    root: Path | None = None,
) -> list[Finding]:
    """The findings that ``path`` does not record."""
    known = {str(r["fingerprint"]) for r in read_baseline(path)}
    prints = fingerprints(findings, source_line, root or Path.cwd())
    # Baselines written before fingerprints were shortened hold them whole.
    return [
        f
        for f, fp in zip(findings, prints, strict=True)
        if fp not in known and fp[:_FINGERPRINT_CHARS] not in known
    ]


__all__ = [
    "FileChanges",
    "changed_lines",
    "hide_baselined",
    "only_changed",
    "parse_diff",
    "read_baseline",
    "write_baseline",
]

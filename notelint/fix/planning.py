"""Planning one round of fixes and applying it.

Fixes are taken in source order; a fix whose edits overlap or touch an edit already planned
waits for the next round. A fix is all or nothing: every edit of it, or none. Identical fixes
offered by two findings are applied once (both findings count as fixed). Line breaks in an
edit's content are written with the file's own line ending. A malformed edit (out of range,
splitting a CRLF) is a :class:`FixFailure`: a bug in a rule, never a damaged file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from notelint.model.findings import Applicability, Finding
from notelint.parse.source import LINE_END_RE

if TYPE_CHECKING:
    pass


class FixFailure(Exception):
    """The fixes of a file cannot be applied; the message says why and names the rules."""


@dataclass(slots=True)
class PlannedEdit:
    """One edit of a round. ``start``/``end`` are offsets in the round's input text;
    ``new_start``/``new_end`` where its content landed in the round's output."""

    start: int
    end: int
    content: str
    code: str
    unsafe: bool
    new_start: int = 0
    new_end: int = 0
    owner: int = -1  # index, in the round's fixed findings, of the finding this edit fixes


# -- planning and applying one round ---------------------------------------------------------


def plan_round(
    text: str, findings: Sequence[Finding], newline: str
) -> tuple[list[PlannedEdit], list[Finding]]:
    """Choose the fixes of one round: all edits of a fix or none, no two fixes touching.

    Returns the planned edits (sorted) and the findings they fix. Raises FixFailure for a fix
    whose edits are malformed (outside the text, splitting a CRLF, overlapping each other):
    that is a bug in the rule, and guessing what it meant could damage the notes.
    """
    candidates: list[tuple[int, int, str, Finding, tuple[tuple[int, int, str], ...]]] = []
    for finding in findings:
        assert finding.fix is not None
        edits = _validated_edits(text, finding, newline)
        if not edits:
            continue
        start = edits[0][0]
        end = max(e[1] for e in edits)
        candidates.append((start, end, finding.code, finding, edits))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))

    taken_starts: list[int] = []
    taken_ends: list[int] = []
    planned: list[PlannedEdit] = []
    applied: list[Finding] = []
    applied_keys: set[tuple[tuple[int, int, str], ...]] = set()
    for _start, _end, code, finding, edits in candidates:
        if edits in applied_keys:
            applied.append(finding)
            continue
        if any(_conflicts(taken_starts, taken_ends, s, e) for s, e, _ in edits):
            continue  # next round, on the re-linted text
        unsafe = finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
        for s, e, content in edits:
            _insert_interval(taken_starts, taken_ends, s, e)
            planned.append(PlannedEdit(s, e, content, code, unsafe, owner=len(applied)))
        applied.append(finding)
        applied_keys.add(edits)
    planned.sort(key=lambda p: (p.start, p.end))
    return planned, applied


def _validated_edits(text: str, finding: Finding, newline: str) -> tuple[tuple[int, int, str], ...]:
    assert finding.fix is not None
    edits: list[tuple[int, int, str]] = []
    size = len(text)
    for edit in finding.fix.edits:
        start, end = edit.span.start_offset, edit.span.end_offset
        if not 0 <= start <= end <= size:
            raise FixFailure(
                f"{finding.code} offers an edit outside the file "
                f"(offsets {start}–{end} in a text of {size} characters)"
            )
        for offset in (start, end):
            if 0 < offset < size and text[offset - 1] == "\r" and text[offset] == "\n":
                raise FixFailure(
                    f"{finding.code} offers an edit that splits a CRLF line ending "
                    f"(line {edit.span.start_line})"
                )
        content = edit.content
        if "\n" in content or "\r" in content:
            content = LINE_END_RE.sub(newline, content)
        if text[start:end] == content:
            continue  # a no-op edit
        edits.append((start, end, content))
    edits.sort(key=lambda e: (e[0], e[1]))
    for before, after in pairwise(edits):
        if before[1] > after[0]:
            raise FixFailure(
                f"{finding.code} offers a fix whose edits overlap each other "
                f"(offsets {before[0]}–{before[1]} and {after[0]}–{after[1]})"
            )
    return tuple(edits)


def _conflicts(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Does [start, end) overlap or touch a taken interval? (Taken intervals are sorted and
    their ends never decrease, so only the last one starting at or before ``end`` can.)"""
    index = bisect_right(starts, end)
    return index > 0 and ends[index - 1] >= start


def _insert_interval(starts: list[int], ends: list[int], start: int, end: int) -> None:
    index = bisect_right(starts, start)
    starts.insert(index, start)
    ends.insert(index, end)


def apply_planned(text: str, planned: Sequence[PlannedEdit]) -> str:
    """Apply sorted, non-overlapping edits in one pass; records where each one landed."""
    pieces: list[str] = []
    cursor = 0
    written = 0
    for edit in planned:
        kept = text[cursor : edit.start]
        pieces.append(kept)
        written += len(kept)
        edit.new_start = written
        pieces.append(edit.content)
        written += len(edit.content)
        edit.new_end = written
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def listed_codes(codes: Iterable[str]) -> str:
    """Rule codes as a message names them: sorted, each once."""
    return ", ".join(sorted(set(codes)))

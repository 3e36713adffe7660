"""Fixing one file in rounds until it settles.

A fix is data (:class:`~notelint.model.findings.Fix`: edits with exact source ranges). Fixing one
file goes in rounds:

1. Lint the current text (per-file rules, then the project and suppression stage for this one
   file) and keep the findings whose fix may be applied (safe ones; unsafe ones too with
   ``unsafe=True``).
2. Plan the round (:mod:`notelint.fix.planning`) and apply its edits in one pass.
3. Check the result against the text before the round (:mod:`notelint.fix.safety`).
4. Repeat on the new text until no applicable fix is left. A file that has not settled after
   :data:`MAX_ROUNDS` rounds, or whose fixes bring back an earlier text, is left untouched and
   the error names the rules involved.

When a round fails the safety net, the fix responsible is found (bisection over the round's
fixes), refused on its own and reported with its line, and the round is tried again without
it: the file keeps every other fix. Only a malformed edit (a bug in a rule) or fixes that never
settle leave the whole file untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from notelint.fix.planning import FixFailure, PlannedEdit, apply_planned, listed_codes, plan_round
from notelint.fix.safety import check_meaning
from notelint.model.findings import Applicability, Finding
from notelint.parse.source import SourceText
from notelint.vocabulary.tags import Vocabulary

if TYPE_CHECKING:
    from notelint.engine.linter import Linter

MAX_ROUNDS = 10


@dataclass(frozen=True)
class Refusal:
    """A fix the safety net did not apply: the finding it belonged to (line and rule in the
    text as it was when the fix was tried) and why."""

    line: int
    code: str
    message: str
    reason: str
    before: str
    after: str


@dataclass
class FileFix:
    """The outcome of fixing one file. ``text`` is the fixed text (the original on error)."""

    source: SourceText
    text: str
    fixed: list[Finding] = field(default_factory=list)
    rounds: int = 0
    error: str | None = None
    refused: list[Refusal] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.error is None and self.text != self.source.text

    def encoded(self) -> bytes:
        """The bytes to write: the source's encoding and BOM, the fixed text."""
        return self.source.encode(self.text)


# -- the convergence loop --------------------------------------------------------------------


def fix_source(
    linter: Linter, source: SourceText, *, unsafe: bool = False, max_rounds: int = MAX_ROUNDS
) -> FileFix:
    """Fix one file's text until nothing more applies. Never writes anything."""
    try:
        return _converge(linter, source, unsafe, max_rounds)
    except FixFailure as exc:
        return FileFix(source=source, text=source.text, error=str(exc))


def fixable_findings(linter: Linter, source: SourceText, *, unsafe: bool) -> list[Finding]:
    """This file's findings whose fix may be applied now."""
    result = linter.lint_source(source)
    findings = linter.finish([result])
    return [
        f
        for f in findings
        if f.fix is not None
        and f.fix.edits
        and (unsafe or f.fix.applicability is Applicability.SAFE)
        and linter.may_fix(f.code)
    ]


def _converge(linter: Linter, source: SourceText, unsafe: bool, max_rounds: int) -> FileFix:
    text = source.text
    seen: dict[str, int] = {text: 0}
    codes_per_round: list[set[str]] = []
    fixed: list[Finding] = []
    refused: list[Refusal] = []
    refused_keys: set[tuple[object, ...]] = set()
    reported_keys: set[tuple[object, ...]] = set()
    current = source
    for round_number in range(1, max_rounds + 2):
        if round_number > 1:
            current = SourceText(text=text, path=source.path, bom=source.bom)
        candidates = [
            f
            for f in fixable_findings(linter, current, unsafe=unsafe)
            if not refused_keys or _refusal_key(text, f) not in refused_keys
        ]
        planned, applied = plan_round(text, candidates, current.newline())
        if not planned:
            return FileFix(
                source=source, text=text, fixed=fixed, rounds=round_number - 1, refused=refused
            )
        if round_number > max_rounds:
            involved = {f.code for f in applied}.union(*codes_per_round[-2:])
            raise FixFailure(
                f"the fixes did not settle after {max_rounds} rounds "
                f"(rules involved: {listed_codes(involved)})"
            )
        new_text, planned, applied, rejected = _accepted(
            current, planned, applied, linter.vocabulary
        )
        for finding, reason in rejected:
            refused_keys.add(_refusal_key(text, finding))
            # The same fix again, on a line an earlier round changed: reported once.
            line = text.count("\n", 0, finding.span.start_offset)
            reported = (finding.code, finding.message, _edit_texts(text, finding), line)
            if reported not in reported_keys:
                reported_keys.add(reported)
                refused.append(_refusal(text, finding, reason))
        if not planned:
            continue  # everything of this round was refused: the next round offers the rest
        fixed.extend(applied)
        codes_per_round.append({f.code for f in applied})
        if new_text in seen:
            involved = set().union(*codes_per_round[seen[new_text] :])
            raise FixFailure(
                "the fixes undo each other and never settle "
                f"(rules involved: {listed_codes(involved)})"
            )
        seen[new_text] = round_number
        text = new_text
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def _accepted(
    current: SourceText,
    planned: list[PlannedEdit],
    applied: list[Finding],
    vocabulary: Vocabulary,
) -> tuple[str, list[PlannedEdit], list[Finding], list[tuple[Finding, str]]]:
    """The round's edits that keep the meaning: the text they give, the edits and findings
    kept, and each refused finding with the reason.

    When the whole round fails the safety net, the culprit is found by bisection over the
    round's fixes in source order (the shortest failing prefix ends with it), refused alone,
    and the rest tried again: one bad edit never costs a file its other fixes.
    """
    text = current.text
    owners = sorted({p.owner for p in planned})
    rejected: list[tuple[Finding, str]] = []

    def attempt(kept: list[int]) -> tuple[str, list[PlannedEdit], str | None]:
        chosen = set(kept)
        edits = [
            PlannedEdit(p.start, p.end, p.content, p.code, p.unsafe, owner=p.owner)
            for p in planned
            if p.owner in chosen
        ]
        new_text = apply_planned(text, edits)
        return new_text, edits, check_meaning(current, new_text, edits, vocabulary)

    while owners:
        new_text, edits, problem = attempt(owners)
        if problem is None:
            kept = set(owners)
            return new_text, edits, [f for i, f in enumerate(applied) if i in kept], rejected
        # Invariant: owners[:low] passes (the empty prefix does), owners[:high] fails.
        low, high = 0, len(owners)
        while high - low > 1:
            middle = (low + high) // 2
            if attempt(owners[:middle])[2] is None:
                low = middle
            else:
                high = middle
        culprit = owners[high - 1]
        alone = attempt([culprit])[2]
        if high - 1 == 0:
            alone = problem if alone is None else alone
        rejected.append((applied[culprit], alone or attempt(owners[:high])[2] or problem))
        owners = [o for o in owners if o != culprit]
    return text, [], [], rejected


def _refusal_key(text: str, finding: Finding) -> tuple[object, ...]:
    """The same fix in a later round: its rule, message and edits, each as the line it is on,
    its place in that line and its content, whatever offsets earlier edits moved it to. (The
    line matters: two trailing-space fixes replace the same text on different lines.)"""
    assert finding.fix is not None
    edits = []
    for edit in finding.fix.edits:
        start, end = edit.span.start_offset, edit.span.end_offset
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        edits.append((line, start - line_start, end - line_start, edit.content))
    return finding.code, finding.message, tuple(edits)


def _edit_texts(text: str, finding: Finding) -> tuple[tuple[str, str], ...]:
    assert finding.fix is not None
    return tuple(
        (text[e.span.start_offset : e.span.end_offset], e.content) for e in finding.fix.edits
    )


def _refusal(text: str, finding: Finding, reason: str) -> Refusal:
    assert finding.fix is not None
    edits = finding.fix.edits
    first, last = edits[0].span, edits[-1].span
    # A little context either side, so that an inserted space is visible.
    start = max(text.rfind("\n", 0, first.start_offset) + 1, first.start_offset - 12)
    stop = text.find("\n", last.end_offset)
    stop = min(len(text) if stop < 0 else stop, last.end_offset + 12)
    pieces: list[str] = []
    cursor = start
    for edit in edits:
        pieces.append(text[cursor : edit.span.start_offset])
        pieces.append(edit.content)
        cursor = edit.span.end_offset
    pieces.append(text[cursor:stop])
    return Refusal(
        line=finding.span.start_line,
        code=finding.code,
        message=finding.message,
        reason=reason,
        before=text[start:stop],
        after="".join(pieces),
    )

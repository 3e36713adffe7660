"""Applying fixes: rounds of edits, convergence, and a safety net that checks meaning.

A fix is data (:class:`~notelint.findings.Fix`: edits with exact source ranges). Fixing one
file goes in rounds:

1. Lint the current text (per-file rules, then the project and suppression stage for this one
   file) and keep the findings whose fix may be applied (safe ones; unsafe ones too with
   ``unsafe=True``).
2. Plan the round: fixes in source order; a fix whose edits overlap or touch an edit already
   planned waits for the next round. A fix is all or nothing: every edit of it, or none.
   Identical fixes offered by two findings are applied once (both findings count as fixed).
   Line breaks in an edit's content are written with the file's own line ending.
3. Apply the planned edits in one pass, then check the result (the safety net, below).
4. Repeat on the new text until no applicable fix is left. A file that has not settled after
   :data:`MAX_ROUNDS` rounds, or whose fixes bring back an earlier text, is left untouched and
   the error names the rules involved.

The safety net, modelled on mdformat's HTML-equivalence check but aware of what the edits
intend, compares the notes before and after every round:

* the same sections (heading text and level) and, in each, the same number of entries;
* for each entry its title, its tags, the text after its tags and its summary; for the
  document its front matter, its fenced/indented code, its links and its inline directives.
  A part that no edit touches must be exactly as it was. A part touched only by safe edits
  may differ only in whitespace, invisible characters and compatibility forms (ligatures),
  and an entry's tags only in spelling of the same tag (alias, case) and in duplicates.
  A part touched by an unsafe edit may change: that is the edit's own range;
* a safe edit that is not about whitespace, invisible characters or a bullet marker may only
  rewrite tags and inline directives, never prose;
* the whitespace, invisible-character and bullet-marker edits must leave the rendered HTML
  the same, modulo whitespace, paragraph wrapping, hard line breaks and list/quote nesting
  (which the entry model above checks instead).

When a round fails the safety net, the fix responsible is found (bisection over the round's
fixes), refused on its own and reported with its line, and the round is tried again without
it: the file keeps every other fix. Only a malformed edit (a bug in a rule) or fixes that never
settle leave the whole file untouched.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from notelint.findings import Applicability, Finding
from notelint.model import Document, Entry, Span
from notelint.parser import parse
from notelint.source import ASCII_CONTROL_RE, SourceText
from notelint.vocabulary import Vocabulary, fold

if TYPE_CHECKING:
    from notelint.engine import Linter

MAX_ROUNDS = 10
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_WHITESPACE_RE = re.compile(r"\s+")
_BULLETS = frozenset("*+-")
# Tags that only wrap or nest blocks: the entry model checks nesting, the HTML check ignores it.
_NESTING_TAGS_RE = re.compile(r"</?(?:p|ul|ol|li|blockquote)(?:\s[^>]*)?>|<br\s*/?>")
_TITLE_WIDTH = 50


class FixFailure(Exception):
    """The fixes of a file cannot be applied; the message says why and names the rules."""


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
                f"(rules involved: {_codes(involved)})"
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
                f"the fixes undo each other and never settle (rules involved: {_codes(involved)})"
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


def _codes(codes: Iterable[str]) -> str:
    return ", ".join(sorted(set(codes)))


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
            content = _NEWLINE_RE.sub(newline, content)
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


# -- the safety net --------------------------------------------------------------------------


class EditKind(Enum):
    WHITESPACE = "whitespace"
    CHARACTERS = "characters"  # invisible characters, ligatures and other compatibility forms
    BULLET = "bullet"
    OTHER = "other"


def edit_kind(old: str, new: str) -> EditKind:
    if _WHITESPACE_RE.sub("", old) == _WHITESPACE_RE.sub("", new):
        return EditKind.WHITESPACE
    if old in _BULLETS and new in _BULLETS and len(old) == len(new) == 1:
        return EditKind.BULLET
    if _WHITESPACE_RE.sub("", plain(old)) == _WHITESPACE_RE.sub("", plain(new)):
        return EditKind.CHARACTERS
    return EditKind.OTHER


def plain(text: str) -> str:
    """The text as it reads: ligatures as their letters, every kind of space (no-break, narrow,
    em …) as a space, and no format characters (zero-width spaces and joiners, soft hyphens,
    byte-order marks). Other compatibility forms (``x²``, ``™``, full-width letters) stay:
    turning them into plain letters changes what the text says. Control characters (ESC, BEL)
    do not read at all."""
    if text.isascii() and ASCII_CONTROL_RE.search(text) is None:
        return text
    return "".join(_plain_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _plain_char(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cf" or (category == "Cc" and char not in "\t\n\r"):
        return ""
    if category == "Zs":
        return " "
    if "LIGATURE" in unicodedata.name(char, "") and unicodedata.decomposition(char).startswith(
        "<compat>"
    ):
        return unicodedata.normalize("NFKC", char)
    return char


def text_key(text: str) -> str:
    """Prose compared modulo whitespace and invisible characters; lines are kept (a line
    that starts with ``>`` is a quote), blank lines are not."""
    lines = (" ".join(line.split()) for line in _NEWLINE_RE.split(plain(text)))
    return "\n".join(line for line in lines if line)


def tag_key(text: str, vocabulary: Vocabulary) -> str:
    """What a tag means: its canonical vocabulary entry (following ``replaced-by`` from a
    deprecated tag), or its folded text when the vocabulary does not know it."""
    cleaned = plain(text).strip()
    resolved = vocabulary.resolve(cleaned) if cleaned else None
    if resolved is None:
        return fold(cleaned)
    canonical = resolved.canonical
    seen = {canonical}
    while resolved is not None and resolved.deprecated and resolved.replaced_by:
        replacement = vocabulary.resolve(resolved.replaced_by)
        if replacement is None or replacement.canonical in seen:
            break
        resolved = replacement
        canonical = replacement.canonical
        seen.add(canonical)
    return fold(canonical)


def _tag_keys(tags: Iterable[object], vocabulary: Vocabulary) -> set[str]:
    """What an entry's tags say: each tag once, spelt any way, empty tags saying nothing."""
    keys = {tag_key(str(t), vocabulary) for t in tags}
    keys.discard("")
    return keys


@dataclass
class _Part:
    """One comparable part of the notes: its label, where it was, and both values."""

    label: str
    start: int
    end: int
    before: object
    after: object
    kind: str  # "text", "title", "tags" or "exact"


def check_meaning(
    before: SourceText,
    after_text: str,
    planned: Sequence[PlannedEdit],
    vocabulary: Vocabulary,
) -> str | None:
    """Why the edited text would not mean what the original meant, or None when it does."""
    all_codes = _codes(p.code for p in planned)
    after = SourceText(text=after_text, path=before.path, bom=before.bom)
    old_doc = parse(before, vocabulary)
    new_doc = parse(after, vocabulary)

    problem = _check_edit_kinds(before.text, old_doc, planned)
    if problem is not None:
        return problem

    parts, problem = _pair_parts(old_doc, new_doc, before, after, all_codes)
    if problem is not None:
        return problem
    index = _EditIndex(planned)
    for part in parts:
        if part.before == part.after:
            continue
        touching = index.touching(part.start, part.end)
        if any(p.unsafe for p in touching):
            continue
        codes = _codes(p.code for p in touching) if touching else all_codes
        if touching and part.kind == "text":
            assert isinstance(part.before, str) and isinstance(part.after, str)
            if text_key(part.before) == text_key(part.after):
                continue
        if touching and part.kind == "title":
            # A title is one line of prose: a line break in it reads as a space.
            assert isinstance(part.before, str) and isinstance(part.after, str)
            if " ".join(text_key(part.before).split()) == " ".join(text_key(part.after).split()):
                continue
        if touching and part.kind == "tags":
            assert isinstance(part.before, list) and isinstance(part.after, list)
            if _tag_keys(part.before, vocabulary) == _tag_keys(part.after, vocabulary):
                continue
        return f"{codes} would change {part.label}"

    problem = _check_code_and_links(before, after, planned, all_codes)
    if problem is not None:
        return problem
    return _check_rendering(before.text, planned, _tag_ranges(old_doc))


def _tag_ranges(doc: Document) -> list[tuple[int, int]]:
    """Where the tags are: an edit within a tag (or between two touching tags) rewrites the
    tag, which the entry's tags part judges (same entity or not), not the rendering."""
    return sorted((t.span.start_offset, t.span.end_offset) for e in doc.entries for t in e.tags)


def _inside_tag(edit: PlannedEdit, tags: Sequence[tuple[int, int]]) -> bool:
    # The last tag starting before the edit is the only one that can hold it (tags are
    # disjoint); an insertion at its end may sit between it and a tag that touches it.
    index = bisect_left(tags, (edit.start, -1)) - 1
    if index < 0:
        return False
    start, end = tags[index]
    if start < edit.start and edit.end < end:
        return True  # strictly inside the backticks
    following = tags[index + 1] if index + 1 < len(tags) else None
    return edit.start == edit.end == end and following is not None and following[0] == end


class _EditIndex:
    """Which of a round's edits touch a range (sorted, non-overlapping edits: both their
    starts and their ends are sorted, so two bisections find them)."""

    def __init__(self, planned: Sequence[PlannedEdit]) -> None:
        self.planned = planned
        self.starts = [p.start for p in planned]
        self.ends = [p.end for p in planned]

    def touching(self, start: int, end: int) -> list[PlannedEdit]:
        first = bisect_left(self.ends, start)
        stop = bisect_right(self.starts, end)
        return list(self.planned[first:stop])


def _check_edit_kinds(text: str, doc: Document, planned: Sequence[PlannedEdit]) -> str | None:
    """A safe edit that is not about whitespace, invisible characters or bullets may rewrite
    tags and inline directives only."""
    starts: list[int] | None = None
    ends: list[int] = []
    for edit in planned:
        if edit.unsafe:
            continue
        old = text[edit.start : edit.end]
        if edit_kind(old, edit.content) is not EditKind.OTHER:
            continue
        if starts is None:
            allowed = sorted(
                [(t.span.start_offset, t.span.end_offset) for e in doc.entries for t in e.tags]
                + [(s.span.start_offset, s.span.end_offset) for s in doc.suppressions]
            )
            starts = [a for a, _ in allowed]
            ends = list(accumulate((b for _, b in allowed), max))
        for offset in range(edit.start, edit.end):
            if text[offset].isspace():
                continue
            # Inside an allowed range: the ranges starting at or before the offset reach past it.
            index = bisect_right(starts, offset)
            if index == 0 or ends[index - 1] <= offset:
                line = text.count("\n", 0, offset) + 1
                return (
                    f"{edit.code} offers a safe fix that rewrites text outside tags "
                    f"(line {line}: {old.strip()[:40]!r} → {edit.content.strip()[:40]!r}); "
                    "a fix that changes text must be unsafe"
                )
    return None


def _pair_parts(
    old: Document, new: Document, before: SourceText, after: SourceText, codes: str
) -> tuple[list[_Part], str | None]:
    parts: list[_Part] = []
    if (old.front_matter is None) != (new.front_matter is None):
        return parts, f"{codes} would change where the front matter ends"
    if old.front_matter is not None and new.front_matter is not None:
        parts.append(
            _Part(
                "the front matter",
                old.front_matter.start_offset,
                old.front_matter.end_offset,
                _slice(before, old.front_matter),
                _slice(after, new.front_matter),
                "text",
            )
        )
    if (old.header is None) != (new.header is None):
        return parts, f"{codes} would change whether the file has a title and preface"
    if old.header is not None and new.header is not None:
        parts.append(
            _Part(
                "the file's title and preface",
                old.header.span.start_offset,
                old.header.span.end_offset,
                text_key(old.header.title + "\n" + old.header.preface),
                text_key(new.header.title + "\n" + new.header.preface),
                "exact",
            )
        )
    if len(old.sections) != len(new.sections):
        return parts, (
            f"{codes} would change the notes from {len(old.sections)} to "
            f"{len(new.sections)} sections"
        )
    for old_section, new_section in zip(old.sections, new.sections, strict=True):
        name = f"section '{old_section.heading}'" if old_section.heading else "the top section"
        if (old_section.heading is None) != (new_section.heading is None):
            return parts, f"{codes} would change where {name} starts"
        if old_section.heading_span is not None:
            span = old_section.heading_span
            parts.append(
                _Part(
                    f"the heading of {name}",
                    span.start_offset,
                    span.end_offset,
                    old_section.heading,
                    new_section.heading,
                    "text",
                )
            )
            parts.append(
                _Part(
                    f"the labels of {name}",
                    span.start_offset,
                    span.end_offset,
                    [t.text for t in old_section.labels],
                    [t.text for t in new_section.labels],
                    "exact",
                )
            )
            parts.append(
                _Part(
                    f"the level of the heading of {name}",
                    span.start_offset,
                    span.end_offset,
                    old_section.level,
                    new_section.level,
                    "exact",
                )
            )
        if len(old_section.entries) != len(new_section.entries):
            return parts, (
                f"{codes} would change {name} from {len(old_section.entries)} to "
                f"{len(new_section.entries)} entries"
            )
        for old_entry, new_entry in zip(old_section.entries, new_section.entries, strict=True):
            parts.extend(_entry_parts(old_entry, new_entry, before, after))
    return parts, None


def _entry_parts(old: Entry, new: Entry, before: SourceText, after: SourceText) -> list[_Part]:
    title = old.title if len(old.title) <= _TITLE_WIDTH else old.title[: _TITLE_WIDTH - 1] + "…"
    name = f"entry '{title}'"
    head = old.head_span

    def where(span: Span | None) -> tuple[int, int]:
        chosen = span or head
        return chosen.start_offset, chosen.end_offset

    # Tags may be added, removed or moved anywhere on the head (after the title, before it), so
    # every edit of the head touches them; the summary starts where the head ends.
    tags_start, tags_end = where(None)
    summary_start = head.end_offset
    summary_end = old.summary[-1].span.end_offset if old.summary else head.end_offset
    return [
        _Part(f"the title of {name}", *where(old.title_span), old.title, new.title, "title"),
        _Part(
            f"the words of {name}",
            head.start_offset,
            head.end_offset,
            _head_words(old, before),
            _head_words(new, after),
            "text",
        ),
        _Part(
            f"the tags of {name}",
            tags_start,
            tags_end,
            [t.text for t in old.tags],
            [t.text for t in new.tags],
            "tags",
        ),
        _Part(
            f"the text after the tags of {name}",
            *where(old.trailing_span),
            old.trailing_text,
            new.trailing_text,
            "text",
        ),
        _Part(
            f"the comment of {name}",
            *where(old.comment_span),
            old.comment,
            new.comment,
            "text",
        ),
        _Part(
            f"the summary of {name}",
            summary_start,
            summary_end,
            "\n".join(b.text for b in old.summary),
            "\n".join(b.text for b in new.summary),
            "text",
        ),
    ]


def _head_words(entry: Entry, source: SourceText) -> str:
    """The entry's bullet paragraph without its bullet and tags: the title and any text
    between, after or before the tags, which tag fixes must leave alone."""
    text = source.text
    pieces: list[str] = []
    cursor = entry.bullet_span.end_offset
    head_end = entry.head_span.end_offset
    for tag in entry.tags:
        if tag.span.start_offset >= head_end:
            break  # a tag on a summary line (older notes)
        pieces.append(text[cursor : tag.span.start_offset])
        cursor = tag.span.end_offset
    pieces.append(text[cursor : entry.head_span.end_offset])
    return " ".join(" ".join(pieces).split())


def _slice(source: SourceText, span: Span) -> str:
    return source.text[span.start_offset : span.end_offset]


@cache
def _full_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


@lru_cache(maxsize=8)
def _tokens(text: str) -> list[Token]:
    """markdown-it's full parse (inline included), shared by the code, link and HTML checks:
    a round's output is the next round's input."""
    return _full_markdown().parse(text)


@dataclass
class _Located:
    start: int
    end: int
    value: tuple[str, ...]


def _code_and_links(source: SourceText) -> tuple[list[_Located], list[_Located]]:
    """Code blocks (info string, content) and link targets, each with the offsets of the
    block it sits in."""
    tokens = _tokens(source.text)
    code: list[_Located] = []
    links: list[_Located] = []

    def located(token: Token, value: tuple[str, ...]) -> _Located:
        first, stop = token.map if token.map is not None else (0, source.line_count)
        first = min(first, source.line_count - 1)
        stop = min(max(stop, first + 1), source.line_count)
        return _Located(source.line_starts[first], source.line_ends[stop - 1], value)

    for token in tokens:
        if token.type in ("fence", "code_block"):
            code.append(located(token, (token.info.strip(), token.content)))
        elif token.type == "inline" and token.children:
            for child in token.children:
                target = None
                if child.type == "link_open":
                    target = child.attrGet("href")
                elif child.type == "image":
                    target = child.attrGet("src")
                if target is not None:
                    links.append(located(token, (plain(unquote(str(target))),)))
    return code, links


def _check_code_and_links(
    before: SourceText, after: SourceText, planned: Sequence[PlannedEdit], codes: str
) -> str | None:
    """Code and link targets are compared exactly, except inside blocks an unsafe edit
    touched (before) or wrote into (after)."""
    old_code, old_links = _code_and_links(before)
    new_code, new_links = _code_and_links(after)
    unsafe = [p for p in planned if p.unsafe]

    def kept_before(items: list[_Located]) -> Counter[tuple[str, ...]]:
        return Counter(
            i.value for i in items if not any(p.start <= i.end and p.end >= i.start for p in unsafe)
        )

    def kept_after(items: list[_Located]) -> Counter[tuple[str, ...]]:
        return Counter(
            i.value
            for i in items
            if not any(p.new_start <= i.end and p.new_end >= i.start for p in unsafe)
        )

    if kept_before(old_code) != kept_after(new_code):
        touching = [
            p for p in planned if any(p.start <= c.end and p.end >= c.start for c in old_code)
        ]
        return f"{_codes(p.code for p in touching) or codes} would change code in the notes"
    if kept_before(old_links) != kept_after(new_links):
        return f"{codes} would change link targets"
    return None


def render_key(markdown: str) -> str:
    """Rendered HTML modulo whitespace, paragraph wrapping, hard breaks, list and quote
    nesting, invisible characters and compatibility forms."""
    md = _full_markdown()
    html = md.renderer.render(_tokens(markdown), md.options, {})
    return " ".join(plain(_NESTING_TAGS_RE.sub(" ", html)).split())


def _check_rendering(
    text: str, planned: Sequence[PlannedEdit], tags: Sequence[tuple[int, int]] = ()
) -> str | None:
    """Whitespace, invisible-character and bullet edits must not change the rendering (edits
    within tags are tag rewrites, judged with the entry's tags)."""
    neutral = [
        p
        for p in planned
        if edit_kind(text[p.start : p.end], p.content) is not EditKind.OTHER
        and not p.unsafe
        and not (tags and _inside_tag(p, tags))
    ]
    if not neutral:
        return None
    copies = [PlannedEdit(p.start, p.end, p.content, p.code, p.unsafe) for p in neutral]
    if render_key(text) == render_key(apply_planned(text, copies)):
        return None
    return f"{_codes(p.code for p in neutral)} would change how the notes render"


__all__ = [
    "MAX_ROUNDS",
    "EditKind",
    "FileFix",
    "FixFailure",
    "PlannedEdit",
    "Refusal",
    "apply_planned",
    "check_meaning",
    "edit_kind",
    "fix_source",
    "fixable_findings",
    "plain",
    "plan_round",
    "render_key",
    "text_key",
]

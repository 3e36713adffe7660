"""Two spaces between words, or a space before punctuation, in a summary.

## What it does
Reports, in the summary lines of an entry, a run of two or more spaces between two words and
one or more spaces before a comma, full stop, colon, semicolon, question or exclamation mark
(`works well , but`). Inline code, link targets and the indentation and `>` markers at the start
of a line are not looked at. A `:` that starts a shortcode (`:hash:industry`) and a `.` that
starts a word (`.NET`, `.5`) are not punctuation here. A file that puts two spaces after every
full stop has a habit, and those runs are left alone; so is a table row (`| a   | b |`), whose
cells are padded to line up.

## Why is this bad?
Markdown shows two spaces as one, so nothing looks wrong in the rendered page, but the source
is what you search, diff and quote; a stray space before a comma shows in both. Both are slips
of the keyboard, the kind a careful pass over the notes removes.

## Example
```markdown
* ARC Is a Vision Problem `MIT` `US`
    > Solve ARC with a vision model  trained from scratch , on rendered grids.
```

## Use instead
```markdown
* ARC Is a Vision Problem `MIT` `US`
    > Solve ARC with a vision model trained from scratch, on rendered grids.
```

## Fix safety
Two spaces become one: safe, the page renders the same. A space before punctuation is removed:
unsafe, because the rendered text changes by that space (which is the point, but it is yours to
accept).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notelint.model.document import Document, Entry
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules._helpers import quoted
from notelint.rules.base import CheckContext, Rule

_RUN_RE = re.compile(r"(?<=\S) {2,}(?=\S)")
_BEFORE_PUNCT_RE = re.compile(r"(?<=\w) +(?:[,;!?]|:(?![\w/])|\.(?![\w.]))(?=\s|$)")
# Quote markers, then a list marker or an enumeration (`6.`, `a)`), with the spaces after it.
_MARKERS_RE = re.compile(
    r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[*+-][ \t]+|\d{1,9}[.)][ \t]+|[A-Za-z][.)][ \t]+)?"
)
_SENTENCE_GAP_RE = re.compile(r"(?<=[.!?])( +)(?=[A-Z])")
_HABIT_MIN = 3
_WORDS = 40


class ExtraSpaceInSummary(Rule):
    code = "NL207"
    name = "extra-space-in-summary"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        lines = [
            (entry, line)
            for entry in document.entries
            for block in entry.summary
            for line in range(block.span.start_line, block.span.end_line + 1)
            if line not in ctx.code_lines
        ]
        if not lines:
            return
        source = ctx.source
        two_after_stop = one_after_stop = 0
        for _, line in lines:
            for gap in _SENTENCE_GAP_RE.findall(source.line_text(line)):
                if len(gap) >= 2:
                    two_after_stop += 1
                else:
                    one_after_stop += 1
        two_space_habit = two_after_stop >= _HABIT_MIN and two_after_stop >= one_after_stop
        for entry, line in lines:
            yield from self._check_line(ctx, entry, line, two_space_habit)

    def _check_line(
        self, ctx: CheckContext, entry: Entry, line: int, two_space_habit: bool
    ) -> Iterator[Finding]:
        source = ctx.source
        text = source.line_text(line)
        offset = source.line_starts[line - 1]
        body_start = _MARKERS_RE.match(text)
        begin = body_start.end() if body_start else 0
        if text.startswith("|", begin):
            return  # a table row: its cells are padded to line up, on purpose
        if not (_RUN_RE.search(text, begin) or _BEFORE_PUNCT_RE.search(text, begin)):
            # Masking only turns characters into NUL, which no pattern needs: it can remove a
            # match, never make one. Most lines have none, and need no mask.
            return
        masked = _mask(text, begin)
        for match in _RUN_RE.finditer(masked, begin):
            if two_space_habit and masked[match.start() - 1] in ".!?":
                continue
            start, end = offset + match.start(), offset + match.end()
            fix = ctx.fix("use one space", [ctx.edit(start + 1, end, "")], Applicability.SAFE)
            message = f"{end - start} spaces in {quoted(_around(text, match), _WORDS)}"
            yield self.finding(ctx, ctx.span(start, end), message, fix, entry=entry)
        for match in _BEFORE_PUNCT_RE.finditer(masked, begin):
            start = offset + match.start()
            end = start + len(match.group(0).rstrip(",;:!?."))
            mark = match.group(0)[-1]
            fix = ctx.fix(f"remove the space before {mark!r}", [ctx.edit(start, end, "")])
            fix = fix.model_copy(update={"applicability": Applicability.UNSAFE})
            message = f"space before {mark!r} in {quoted(_around(text, match), _WORDS)}"
            yield self.finding(ctx, ctx.span(start, end), message, fix, entry=entry)


def _mask(text: str, begin: int) -> str:
    """``text`` with inline code, link targets and URLs blanked out (same length, so offsets
    hold). One pass, and a search that found no closing mark is never repeated: a line of a
    thousand unclosed backticks or ``](`` costs linear time, not quadratic."""
    out = list(text)
    n = len(text)
    unclosed_runs: set[str] = set()
    paren_closed = True
    i = begin
    while i < n:
        c = text[i]
        end = -1
        if c == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            run = text[i:j]
            close = -1 if run in unclosed_runs else text.find(run, j)
            if close < 0:
                unclosed_runs.add(run)
                i = j
                continue
            end = close + len(run)
        elif c == "]" and paren_closed and text.startswith("(", i + 1):
            close = text.find(")", i + 2)
            if close < 0:
                paren_closed = False
                i += 1
                continue
            end = close + 1
        elif c == "h" and text.startswith(("http://", "https://"), i):
            end = i
            while end < n and not text[end].isspace():
                end += 1
        if end < 0:
            i += 1
            continue
        out[i:end] = "\0" * (end - i)
        i = end
    return "".join(out)


def _around(text: str, match: re.Match[str]) -> str:
    before = text[: match.start()].split()[-2:]
    after = text[match.end() :].split()[:2]
    mark = match.group(0).strip()
    return " ".join([*before, mark, *after]) if mark else " ".join([*before, *after])

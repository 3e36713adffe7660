"""Two or more spaces in a run inside a title, between the title and its first tag, or between
two tags.

## What it does
Reports a run of two or more spaces (or tabs) between the words of an entry's title, and
between the title and the first tag after it (``…Radiologist Interpretive Performance  `WR` ``),
and between two tags (`` `NIPS`  `Workshop` ``).
A line break inside a wrapped title is not reported.

## Why is this bad?
The double space is invisible in the rendered notes but not in the text: a search for the title
as it is written elsewhere (a paper database, a bibliography, another notes file) does not find
it. It is usually left over from an edit or a copy from a PDF.

## Example
```markdown
# arXiv

* MultiMAE Meets Earth Observation: Pre-training Multi-modal Multi-task Masked Autoencoders  `LU`
    > Multi-modal multi-task pre-training on earth-observation data.

* nanoTabPFN: A Lightweight and Educational  Reimplementation of TabPFN `GE`
    > A minimal TabPFN that trains in under a minute.
```

## Use instead
```markdown
# arXiv

* MultiMAE Meets Earth Observation: Pre-training Multi-modal Multi-task Masked Autoencoders `LU`
    > Multi-modal multi-task pre-training on earth-observation data.

* nanoTabPFN: A Lightweight and Educational Reimplementation of TabPFN `GE`
    > A minimal TabPFN that trains in under a minute.
```

## Fix safety
Safe: the run becomes a single space; the words are untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from notelint.model.document import Entry, Section, TagSyntax
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules._helpers import describe_whitespace, quoted
from notelint.rules.base import CheckContext, Rule

# Two or more spaces/tabs between two non-blank characters (so never a wrapped line's indent).
_RUN_RE = re.compile(r"(?<=[^\s])[ \t]{2,}(?=[^\s])")
_GAP_RE = re.compile(r"[ \t]{2,}")
_WORD_LIMIT = 30
_DOUBLE_GAPS = frozenset({"  ", " \t", "\t ", "\t\t"})


def _aligned(ctx: CheckContext, start: int, end: int) -> bool:
    """Whether a neighbouring line has a gap of two or more at the same columns: a column
    the author lines up on purpose (`- **2016** :  +60 citations` on every line)."""
    source = ctx.source
    line = source.line_of(start)
    column = start - source.line_starts[line - 1]
    width = end - start
    for other in (line - 1, line + 1):
        if 1 <= other <= source.line_count:
            text = source.line_text(other)
            if text[column : column + width] == " " * width and width >= 2:
                return True
    return False


def _gap_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


class DoubleSpaceInTitle(Rule):
    code = "NL203"
    name = "double-space-in-title"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        title = entry.title_span
        if title is None:
            return
        text = ctx.source.text
        start, end = title.start_offset, title.end_offset
        if "  " in entry.title or "\t" in entry.title:
            for match in _RUN_RE.finditer(text, start, end):
                if _aligned(ctx, match.start(), match.end()):
                    continue  # the same gap at the same column on the next or previous line
                before = text[start : match.start()].rsplit(None, 1)[-1]
                after = text[match.end() : end].split(None, 1)[0]
                between = f"{quoted(before, _WORD_LIMIT)} and {quoted(after, _WORD_LIMIT)}"
                yield self._finding(ctx, entry, match.start(), match.end(), between)
        yield from self._between_tags(entry, ctx)
        if text[end : end + 2] not in _DOUBLE_GAPS:
            return
        tag = next((t for t in entry.tags if t.span.start_offset >= end), None)
        if tag is not None and _GAP_RE.fullmatch(text, end, tag.span.start_offset):
            tag_text = text[tag.span.start_offset : tag.span.end_offset]
            yield self._finding(ctx, entry, end, tag.span.start_offset, f"the title and {tag_text}")
        elif (
            entry.comment_span is not None
            and text.startswith("--", gap := _gap_end(text, end))
            and _GAP_RE.fullmatch(text, end, gap)
        ):
            # `Title  -- comment` (older notes): the gap before the comment's dashes.
            yield self._finding(ctx, entry, end, gap, 'the title and "--"')

    def _between_tags(self, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        """`` `NIPS`  `Workshop` ``: two backticked tags of the line with a wider gap."""
        text = ctx.source.text
        for first, second in pairwise(entry.tags):
            start, stop = first.span.end_offset, second.span.start_offset
            if stop - start < 2 or not (first.syntax is second.syntax is TagSyntax.BACKTICK):
                continue
            if not _GAP_RE.fullmatch(text, start, stop) or _aligned(ctx, start, stop):
                continue
            first_text = text[first.span.start_offset : start]
            second_text = text[stop : second.span.end_offset]
            yield self._finding(ctx, entry, start, stop, f"{first_text} and {second_text}")

    def _finding(
        self, ctx: CheckContext, entry: Entry, start: int, end: int, between: str
    ) -> Finding:
        run = ctx.source.text[start:end]
        edit = ctx.edit(start + 1, end, "") if run[0] == " " else ctx.edit(start, end, " ")
        fix = ctx.fix("use one space", [edit], Applicability.SAFE)
        message = f"{describe_whitespace(run)} between {between}"
        return self.finding(ctx, ctx.span(start, end), message, fix, entry=entry)

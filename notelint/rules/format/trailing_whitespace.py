"""Spaces or tabs at the end of a line.

## What it does
Reports spaces and tabs at the end of a line that has other content, headings included
(`# ICLR `). Lines inside code blocks are left alone, and so are lines holding only whitespace
(`whitespace-only-line`, NL202, reports those).

Two or more spaces at the end of a line, followed by a line that continues the same paragraph
or quote, are a Markdown hard line break: the author meant the line to break there, and the
rule leaves them alone. Trailing spaces anywhere else (before a blank line, a new bullet, a
heading, the end of the file) break nothing and are reported.

## Why is this bad?
Trailing whitespace is invisible in the editor but not to tools: it makes diffs noisy, breaks
searches that anchor at the end of a line, and, as a stray hard line break, splits a summary
where you did not mean to.

## Example
```markdown
# ICLR\x20

* PhiNets: Brain-inspired Non-contrastive Learning `JP` `Tokyo`\x20
    > Predictive coding for self-supervised learning.\x20\x20
```

## Use instead
```markdown
# ICLR

* PhiNets: Brain-inspired Non-contrastive Learning `JP` `Tokyo`
    > Predictive coding for self-supervised learning.
```

## Fix safety
Safe: only the trailing spaces and tabs are deleted, and only where they break no line: hard
line breaks are not reported, so the fix never joins two lines the author kept apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notelint.model.document import Document
from notelint.model.findings import (
    Applicability,
    Category,
    Edit,
    Finding,
    FixAvailability,
    Severity,
)
from notelint.parse.source import SourceText
from notelint.rules._helpers import describe_whitespace
from notelint.rules.base import CheckContext, Rule

_BLOCK_START = re.compile(r"[ \t]*(?:[*+-][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|```|~~~|\|)")


def _hard_break(text: str, line_start: int, start: int, end: int, source: SourceText) -> bool:
    """Spaces only (a tab breaks nothing), two or more, and the next line continues the same
    paragraph or quote: not blank, not a heading or a new list item, a quote line after a
    quote line."""
    if "\t" in text[start:end]:
        return False
    line = text[line_start:start].lstrip(" \t")
    if line.startswith("#"):
        return False  # headings have no line breaks
    following_start = end + (2 if text.startswith("\r\n", end) else 1)
    if following_start >= len(text):
        return False
    following_end = source.line_ends[source.line_of(following_start) - 1]
    following = text[following_start:following_end]
    if not following.strip() or _BLOCK_START.match(following):
        return False
    in_quote = line.startswith(">")
    follows_quote = following.lstrip(" \t").startswith(">")
    if follows_quote:
        return in_quote and bool(following.lstrip(" \t")[1:].strip())
    return True


class TrailingWhitespace(Rule):
    code = "NL201"
    name = "trailing-whitespace"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE
    # Any Markdown file has lines: also checked in a file that is not notes.
    reads_any_prose = True

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        source = ctx.source
        text = source.text
        code_lines = ctx.code_lines
        line_starts = source.line_starts
        # One look at the last character of each line: trailing whitespace is rare.
        for index, end in enumerate(source.line_ends):
            if not end or text[end - 1] not in " \t":
                continue
            line_start = line_starts[index]
            start = end - 1
            while start > line_start and text[start - 1] in " \t":
                start -= 1
            if start == line_start or (index + 1) in code_lines:
                continue  # a whitespace-only line: NL202
            if end - start >= 2 and _hard_break(text, line_start, start, end, source):
                continue
            span = ctx.span(start, end)
            fix = ctx.fix(
                "delete it", [Edit.model_construct(span=span, content="")], Applicability.SAFE
            )
            message = f"trailing whitespace ({describe_whitespace(text[start:end])})"
            yield self.finding(ctx, span, message, fix)

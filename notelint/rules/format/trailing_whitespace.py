"""Spaces or tabs at the end of a line.

## What it does
Reports spaces and tabs at the end of a line that has other content, headings included
(`# ICLR `). Lines inside code blocks are left alone, and so are lines holding only whitespace
(`whitespace-only-line`, NL202, reports those).

Two or more spaces at the end of a line are a hard line break in Markdown. Notes rarely mean
one (a line break inside a summary is better written as a new quote paragraph or a list), so
they are reported too. Where you do mean one, end the line with a backslash (`\\`) instead: the
other way to write a hard line break, and a visible one.

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
Safe: only the trailing spaces and tabs are deleted. Where two trailing spaces were a deliberate
hard line break, the two lines join into one paragraph line when rendered.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.findings import Applicability, Category, Edit, Finding, FixAvailability, Severity
from notelint.model import Document
from notelint.rules.base import CheckContext, Rule
from notelint.rules.structure._helpers import describe_whitespace


class TrailingWhitespace(Rule):
    code = "NL201"
    name = "trailing-whitespace"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

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
            span = ctx.span(start, end)
            fix = ctx.fix(
                "delete it", [Edit.model_construct(span=span, content="")], Applicability.SAFE
            )
            message = f"trailing whitespace ({describe_whitespace(text[start:end])})"
            yield self.finding(ctx, span, message, fix)

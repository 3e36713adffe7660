"""A file whose last line does not end with a line break.

## What it does
Reports a non-empty file whose last character is not a line break.

## Why is this bad?
Git shows "No newline at end of file" on every diff that touches the last entry, and the next
entry appended to the file by a script or `cat >>` lands on the same line as the last summary.
POSIX tools count the last line as incomplete.

## Example
```markdown no-final-newline
* ARC Is a Vision Problem `MIT` `US`
    > Solve the ARC benchmark with a vision model.
```

## Use instead
```markdown
* ARC Is a Vision Problem `MIT` `US`
    > Solve the ARC benchmark with a vision model.
```

(The difference is the line break after the last line.)

## Fix safety
Safe: a line break (the file's own kind) is added at the end; nothing renders differently.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Document
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule


class MissingFinalNewline(Rule):
    code = "NL208"
    name = "missing-final-newline"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE
    # Any Markdown file has lines: also checked in a file that is not notes.
    reads_any_prose = True

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        text = ctx.source.text
        if not text or text[-1] in "\r\n":
            return
        end = len(text)
        start = text.rfind("\n", 0, end) + 1
        fix = ctx.fix("add a line break", [ctx.edit(end, end, document.newline)])
        yield self.finding(ctx, ctx.span(start, end), "no line break at the end of the file", fix)

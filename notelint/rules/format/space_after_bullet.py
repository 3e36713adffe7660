"""More than one space between the bullet and the entry's title.

## What it does
Reports an entry written `*  Title` (two to four spaces after the bullet) in a file whose other
entries put one space there. A file that always uses the wider gap has a habit, and is left
alone; a tab after the bullet is not looked at (it sets the indentation of what follows).

## Why is this bad?
The extra space is invisible in the rendered page but not in the source: titles no longer line
up, and a search for `* Title` misses the entry. In Markdown the gap also sets how far the
summary lines must be indented to stay inside the entry, so an entry that differs from its
neighbours is one wrong indentation away from losing its summary.

## Example
```markdown
* ARC Is a Vision Problem `MIT` `US`
* Back to Basics: Let Denoising Generative Models Denoise `MIT`
*   Next-Embedding Prediction Makes Strong Vision Learners `NYU`
```

## Use instead
```markdown
* ARC Is a Vision Problem `MIT` `US`
* Back to Basics: Let Denoising Generative Models Denoise `MIT`
* Next-Embedding Prediction Makes Strong Vision Learners `NYU`
```

## Fix safety
Safe: the gap becomes one space. When that would move a summary out of the entry or into it
(the rendered page would change), the fix is refused and the refusal reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Document, Entry
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.rules._helpers import quoted
from notelint.rules.base import CheckContext, Rule

_WIDEST = 4  # five spaces after a bullet start an indented code block


def _gap(ctx: CheckContext, entry: Entry) -> tuple[int, int] | None:
    """Where the spaces after the bullet are, when they are spaces only."""
    text = ctx.source.text
    start = entry.bullet_span.end_offset
    end = start
    while end < len(text) and text[end] == " ":
        end += 1
    if end < len(text) and text[end] in "\t\r\n":
        return None
    return start, end


class SpaceAfterBullet(Rule):
    code = "NL209"
    name = "space-after-bullet"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        gaps = [
            (entry, gap)
            for entry in document.entries
            if entry.title and (gap := _gap(ctx, entry)) is not None
        ]
        single = sum(1 for _, (start, end) in gaps if end - start == 1)
        wide = [(e, g) for e, g in gaps if 1 < g[1] - g[0] <= _WIDEST]
        if not wide or single <= len(wide):
            return
        for entry, (start, end) in wide:
            fix = ctx.fix("use one space", [ctx.edit(start + 1, end, "")])
            message = f"{end - start} spaces after the bullet of {quoted(entry.title)}"
            yield self.finding(ctx, ctx.span(start, end), message, fix, entry=entry)

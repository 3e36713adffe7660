"""Two papers merged into one entry: the second one's bullet is missing.

## What it does
Reports a line inside an entry's summary that reads as another paper's bullet line: a title of
two words or more, then tags that the vocabulary knows, and a quoted summary on the next line,
but no `*` in front. Markdown then reads the second paper as part of the first entry's summary.
Only entries with tags are read so, and only tags the vocabulary knows count, so a summary
sentence that ends in inline code is not taken for a paper.

## Why is this bad?
The second paper is not an entry: it is not counted, searched, checked for duplicates or
verified, its tags are read as the first paper's, and its summary is glued to the first one's.
It usually comes from a bullet deleted by accident, or a paste that lost its first characters.

## Example
```markdown
# CVPR

* Masked Autoencoders Are Scalable Vision Learners `CVPR` `Meta`
    > Mask most patches and reconstruct them.
Scaling Vision Transformers `CVPR` `Google`
    > Scale the model and the data together.
```

## Use instead
```markdown
# CVPR

* Masked Autoencoders Are Scalable Vision Learners `CVPR` `Meta`
    > Mask most patches and reconstruct them.
* Scaling Vision Transformers `CVPR` `Google`
    > Scale the model and the data together.
```

## Fix safety
No fix: adding the bullet makes a new entry out of text that belongs to the first one, which no
fix may do (entries are what the safety net keeps); add the `*` yourself once you have checked
that the line is a second paper.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import BlockKind, Entry, Section
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.rules._helpers import merged_entry_line, quoted
from notelint.rules.base import CheckContext, Rule


class MissingBullet(Rule):
    code = "NL112"
    name = "missing-bullet"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.NONE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        if not entry.tags:
            return
        source = ctx.source
        for block in entry.summary:
            if block.kind is not BlockKind.LOOSE:
                continue
            for line in range(block.span.start_line, block.span.end_line + 1):
                if line in ctx.code_lines or not merged_entry_line(source, line, ctx.vocabulary):
                    continue
                text = source.line_text(line)
                start = source.line_starts[line - 1]
                indent = len(text) - len(text.lstrip())
                title = text.strip().split("`", 1)[0]
                yield self.finding(
                    ctx,
                    ctx.span(start + indent, start + len(text)),
                    f"{quoted(title)} reads as a separate entry whose bullet is missing",
                    entry=entry,
                )

"""An entry with a title but no summary at all.

## What it does
Reports an entry whose bullet line (title and tags) is followed by no summary: no quoted
(`> …`) paragraph and no other text belonging to the entry.

## Why is this bad?
The summary is the point of keeping notes: what the paper does and what you took from it. A
title with tags and nothing below it is a reading-list item, not a note, and is easy to forget
once it scrolls out of view. Text that sits in the entry but outside the quote counts as a
summary here (see `summary-outside-quote`, NL103), and so does a code block.

## Example
```markdown
# arXiv

* ARC Is a Vision Problem `MIT` `US`

* Next-Embedding Prediction Makes Strong Vision Learners `US` `NYU` `Princeton`
    > Pre-train a ViT to predict the next embedding instead of the next pixel.
```

## Use instead
```markdown
# arXiv

* ARC Is a Vision Problem `MIT` `US`
    > Solve the ARC benchmark with a vision model trained from scratch on rendered grids.

* Next-Embedding Prediction Makes Strong Vision Learners `US` `NYU` `Princeton`
    > Pre-train a ViT to predict the next embedding instead of the next pixel.
```

## Fix safety
No fix: the summary has to be written by you.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.findings import Category, Finding, FixAvailability, Severity
from notelint.model import Section
from notelint.rules.base import CheckContext, Rule
from notelint.rules.structure._helpers import quoted


class EntryWithoutSummary(Rule):
    code = "NL102"
    name = "entry-without-summary"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.NONE

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        entries = section.entries
        code_starts = [span.start_line for span in ctx.document.code_blocks]
        for index, entry in enumerate(entries):
            if not entry.title or entry.title_span is None or entry.summary:
                continue
            if code_starts:
                # A code block under the entry is content too (summaries are prose, but when in
                # doubt, say nothing).
                stop = (
                    entries[index + 1].span.start_line
                    if index + 1 < len(entries)
                    else section.span.end_line + 1
                )
                head_end = entry.head_span.end_line
                if any(head_end < line < stop for line in code_starts):
                    continue
            yield self.finding(
                ctx, entry.title_span, f"entry {quoted(entry.title)} has no summary", entry=entry
            )

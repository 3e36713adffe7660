"""An entry with no title: a bullet holding only tags, or an empty bullet.

## What it does
Reports a top-level bullet that has no title text: either only tags (`` * `ICCV` `US` ``) or
nothing at all (a lone `*`, often left behind when an entry was deleted or not yet written).
A bullet that holds only inline code (`` * `echo "syntax on" >> .vimrc` ``) is not reported.

## Why is this bad?
Every entry is one paper, and the title is what names it. An entry without one cannot be found,
searched, checked for duplicates or verified against a venue; its tags and summary describe
nothing. An empty bullet renders as an empty list item.

## Example
```markdown
# ICCV

* `ICCV` `SNT` `LU`
    > Reverse-engineer CAD models from point clouds by generating Python code.

*
```

## Use instead
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `SNT` `LU`
    > Reverse-engineer CAD models from point clouds by generating Python code.
```

## Fix safety
No fix: only you know the title of the paper.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Entry, Section
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.vocabulary.code_spans import looks_like_code


class EntryWithoutTitle(Rule):
    code = "NL101"
    name = "entry-without-title"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    fixable = FixAvailability.NONE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        if entry.title:
            return
        if entry.tags and all(looks_like_code(t.text) for t in entry.tags):
            return  # a bullet of inline code (a shell line), not tags without a title
        if entry.tags:
            start = entry.bullet_span.start_offset
            end = max(entry.tags[-1].span.end_offset, start + 1)
            if entry.trailing_span is not None:
                end = max(end, entry.trailing_span.end_offset)
            tags = " ".join(
                ctx.source.text[t.span.start_offset : t.span.end_offset] for t in entry.tags
            )
            yield self.finding(
                ctx, ctx.span(start, end), f"entry has tags but no title: {tags}", entry=entry
            )
        else:
            yield self.finding(
                ctx, entry.bullet_span, "empty bullet: the entry has no title", entry=entry
            )

"""A backtick on the entry line that is never closed.

## What it does
Reports a single backtick on an entry's bullet line (title and tags) with no closing backtick
after it, such as `` `ICCV `` where `` `ICCV` `` was meant.

## Why is this bad?
Tags are the text between two backticks. After an unclosed backtick, nothing on the line is read
as a tag: the tags that follow are silently lost to every tag check, search and export, and the
backtick shows up as a stray character in the rendered notes.

## Example
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `SNT `LU`
    > Point cloud to CAD code with an LLM.
```

## Use instead
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `SNT` `LU`
    > Point cloud to CAD code with an LLM.
```

## Fix safety
No fix: where the closing backtick belongs cannot be told from the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Entry, Section
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule

_AFTER = 20


class UnclosedBacktick(Rule):
    code = "NL108"
    name = "unclosed-backtick"
    category = Category.STRUCTURE
    severity = Severity.ERROR
    fixable = FixAvailability.NONE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        span = entry.unclosed_backtick
        if span is None:
            return
        source = ctx.source
        line_start = source.line_starts[span.start_line - 1]
        line_end = source.line_ends[span.start_line - 1]
        # The two words before the backtick and what follows: enough to find it on the line.
        before = source.text[line_start : span.start_offset].split()[-2:]
        after = source.text[span.start_offset : line_end].rstrip()
        if len(after) > _AFTER:
            after = after[: _AFTER - 1] + "…"
        excerpt = " ".join(before)
        if excerpt and source.text[span.start_offset - 1] in " \t":
            excerpt += " "
        excerpt += after
        yield self.finding(
            ctx,
            span,
            f'unclosed backtick in "{excerpt}"',
            entry=entry,
        )

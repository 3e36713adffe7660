"""A tag with nothing in it.

## What it does
Reports a tag whose text is empty (` `` `) or only whitespace (`` ` ` ``), typically a tag
whose text was deleted, or a placeholder never filled in.

## Why is this bad?
An empty tag says nothing, yet it renders as an empty code box in the notes and counts as a tag
in exports and statistics.

## Example
```markdown
# arXiv

* ARC Is a Vision Problem `MIT` `` `US`
    > Solve ARC with a vision model trained from scratch on rendered grids.
```

## Use instead
```markdown
# arXiv

* ARC Is a Vision Problem `MIT` `US`
    > Solve ARC with a vision model trained from scratch on rendered grids.
```

## Fix safety
Safe: the fix removes the empty tag and one space next to it (or, for a tag glued to words on
both sides, replaces it with a space); no text is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from notelint.model.document import Entry, Tag
from notelint.model.findings import Applicability, Category, Finding, Fix, FixAvailability, Severity
from notelint.rules._helpers import joins_line_endings
from notelint.rules.base import CheckContext, Rule


class EmptyTag(Rule):
    code = "NL109"
    name = "empty-tag"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_tag(self, tag: Tag, entry: Entry, ctx: CheckContext) -> Sequence[Finding]:
        if tag.text.strip():
            return ()  # called for every tag: no generator on the common path
        start, end, content = _removal(ctx, tag, entry)
        message = "empty tag" if not tag.text else "tag contains only whitespace"
        fix: Fix | None = None
        if not joins_line_endings(ctx.source.text, start, end, content):
            edit = ctx.edit(start, end, content)
            fix = ctx.fix("remove the empty tag", [edit], Applicability.SAFE)
        return (self.finding(ctx, tag.span, message, fix, entry=entry),)


def _removal(ctx: CheckContext, tag: Tag, entry: Entry) -> tuple[int, int, str]:
    """The tag and one adjacent space: the one after it, else the one before it, unless that
    one separates the bullet marker from the text. A tag glued to text on both sides becomes a
    space, so that the words around it stay apart."""
    text = ctx.source.text
    start, end = tag.span.start_offset, tag.span.end_offset
    if end < len(text) and text[end] in " \t":
        return start, end + 1, ""
    if start > 0 and text[start - 1] in " \t":
        before = text[entry.bullet_span.end_offset : start - 1]
        if before.strip():
            return start - 1, end, ""
        return start, end, ""
    if start > 0 and end < len(text) and not text[start - 1].isspace() and not text[end].isspace():
        return start, end, " "
    return start, end, ""

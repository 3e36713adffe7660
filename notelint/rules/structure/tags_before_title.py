"""Tags written before the entry's title.

## What it does
Reports an entry whose bullet line starts with tags and has the title after them
(`` * `ICCV` `LU` CAD-Recode: Reverse Engineering… ``). Notes keep the title first and the tags
after it. A bullet that starts with inline code (`` * `tf.multiply()` replaced `tf.mul()` ``) is
not an entry with tags, and is left alone.

## Why is this bad?
The title is what you scan for in a list of papers; leading tags push it out of line with every
other entry. Tools that read the first words as the title (exports, duplicate checks, online
verification) see tags instead.

## Example
```markdown
# ICCV

* `ICCV` `SNT` CAD-Recode: Reverse Engineering CAD Code from Point Clouds `LU`
    > Point cloud to CAD code with an LLM.
```

## Use instead
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `SNT` `LU`
    > Point cloud to CAD code with an LLM.
```

## Fix safety
Unsafe: the fix moves the leading tags, as written, to just after the title. It moves content
and changes the order of the tags.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Entry, Section
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.vocabulary.code_spans import looks_like_code


class TagsBeforeTitle(Rule):
    code = "NL110"
    name = "tags-before-title"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.UNSAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        title = entry.title_span
        if not entry.tags_before_title or title is None:
            return
        leading = [t for t in entry.tags if t.span.end_offset <= title.start_offset]
        if not leading or any(looks_like_code(t.text) for t in leading):
            return  # `tf.mul()` replaced …: a bullet that starts with inline code, not tags
        text = ctx.source.text
        start = leading[0].span.start_offset
        end = leading[-1].span.end_offset
        moved = text[start:end]
        edits = [
            ctx.edit(start, title.start_offset, ""),
            ctx.edit(title.end_offset, title.end_offset, " " + moved),
        ]
        fix = ctx.fix("move the tags after the title", edits, Applicability.UNSAFE)
        if len(leading) == 1:
            message = f"tag {moved} comes before the title"
        else:
            message = f"tags {moved} come before the title"
        yield self.finding(ctx, ctx.span(start, end), message, fix, entry=entry)

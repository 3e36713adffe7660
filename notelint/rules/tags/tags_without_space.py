"""Two tags written with no space between them.

## What it does
Reports two backticked tags that touch (`` `arXiv``Transformers` ``). notelint reads them as
the two tags the author meant, and offers to insert the missing space.

## Why is this bad?
Markdown does not see two tags there: a single backtick only closes on a single backtick, so
the whole run renders as one code span, `` arXiv``Transformers ``, and every other tool that
reads the notes (search, a vocabulary, a script) sees one tag nobody meant.

## Example
```markdown
# arXiv

* Scaling Vision Transformers `arXiv``Google`
        > Scale ViT models and data together.
```

## Use instead
```markdown
# arXiv

* Scaling Vision Transformers `arXiv` `Google`
        > Scale ViT models and data together.
```

## Fix safety
Safe: the fix inserts one space between the two backticks. The tags keep their text, and the
notes render the two tags the author wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise

from notelint.model.document import Entry, Section, TagSyntax
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule


class TagsWithoutSpace(Rule):
    code = "NL309"
    name = "tags-without-space"
    category = Category.TAGS
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        tags = entry.tags
        if len(tags) < 2:
            return ()
        return self._check(entry, ctx)

    def _check(self, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        for first, second in pairwise(entry.tags):
            joint = first.span.end_offset
            if joint != second.span.start_offset or not (
                first.syntax is second.syntax is TagSyntax.BACKTICK
            ):
                continue
            yield self.finding(
                ctx,
                ctx.span(first.span.start_offset, second.span.end_offset),
                f"tags `{first.text}` and `{second.text}` have no space between them, so "
                "they render as one code span",
                ctx.fix("insert a space", [ctx.edit(joint, joint, " ")], Applicability.SAFE),
                entry=entry,
            )

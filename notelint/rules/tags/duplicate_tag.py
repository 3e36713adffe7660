"""The same tag written twice on one entry.

## What it does
Reports every repetition of a tag text on the same entry (`ICCV` ... `ICCV`). The first
occurrence stays; the later ones are reported. Two *different* spellings of one tag (`GB` and
`UK`) are `redundant-tags` (NL305).

## Why is this bad?
A repeated tag adds nothing and usually means a copy-paste slip; it also makes the tag line
longer to scan.

## Example
```markdown
# ICCV

* Segment Anything `ICCV` `Meta` `US` `ICCV`
```

## Use instead
```markdown
# ICCV

* Segment Anything `ICCV` `Meta` `US`
```

## Fix safety
Safe: the fix removes the later copy and one adjacent space; the identical first copy stays, so
the entry keeps every tag it had.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from notelint.model.document import Entry, Section
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import entry_facts, remove_tag


class DuplicateTag(Rule):
    code = "NL304"
    name = "duplicate-tag"
    category = Category.TAGS
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        return self._check(entry, ctx) if entry_facts(ctx, entry).duplicates else ()

    def _check(self, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        seen: set[str] = set()
        for tag in entry.tags:
            if not tag.text.strip() or not tag.in_place:
                continue  # empty tags are the format rules' business; older syntaxes migrate's
            if tag.text not in seen:
                seen.add(tag.text)
                continue
            yield self.finding(
                ctx,
                tag.span,
                f"duplicate tag `{tag.text}`",
                ctx.fix(
                    f"remove the repeated `{tag.text}`", [remove_tag(ctx, tag)], Applicability.SAFE
                ),
                entry=entry,
            )

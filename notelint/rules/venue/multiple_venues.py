"""An entry tagged with two different venues.

## What it does
Reports an entry that carries tags of two or more different conferences or journals
(`ICML` and `NeurIPS`). Tracks such as `Workshop` or `Oral` are not venues, and neither are
workshop or preprint venues, so a conference with its own workshop, or a conference paper that
is also on arXiv, is fine. Two spellings of the same venue (`NeurIPS`, `NIPS`) are
`redundant-tags` (NL305).

## Why is this bad?
A paper is published at one venue. Two venue tags usually mean a slip when copying tags from
another entry, and they put the paper in two venues' lists.

## Example
```markdown
# Reading list

* Attention Is All You Need `NeurIPS` `ICCV` `Google`
```

## Use instead
```markdown
# Reading list

* Attention Is All You Need `NeurIPS` `Google`
```

## Fix safety
No fix: only the author knows which venue is right.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from notelint.model.document import Entry, Section, Tag
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import entry_facts
from notelint.rules.venue._shared import venue_tags
from notelint.vocabulary.tags import VocabEntry


class MultipleVenues(Rule):
    code = "NL402"
    name = "multiple-venues"
    category = Category.VENUE
    severity = Severity.WARNING
    fixable = FixAvailability.NONE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        if len(entry_facts(ctx, entry).venues) < 2:
            return ()
        tags = venue_tags(ctx, entry)
        return self._check(tags, entry, ctx) if len(tags) > 1 else ()

    def _check(
        self, tags: list[tuple[Tag, VocabEntry]], entry: Entry, ctx: CheckContext
    ) -> Iterator[Finding]:
        distinct: dict[str, str] = {}
        second = None
        for tag, venue in tags:
            if venue.canonical in distinct:
                continue
            distinct[venue.canonical] = tag.text
            if len(distinct) == 2:
                second = tag
        if second is None:
            return
        names = [f"`{name}`" for name in distinct.values()]
        listed = f"{', '.join(names[:-1])} and {names[-1]}"
        yield self.finding(
            ctx, second.span, f"entry has {len(names)} venues: {listed}", entry=entry
        )

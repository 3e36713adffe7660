"""An entry whose venue tag names another venue than its section heading.

## What it does
When a section heading names a venue (`# CVPR`, `# ICLR 2025`, `# CVPR'24`; exact, alias or
letter-case match), every entry below it that carries a conference or journal tag should carry
that venue. The rule reports an entry whose venue tags all name other venues. Headings that are
not venues (`# Generic`, `# Reading list`) never trigger it, nor do preprint headings
(`# arXiv`): a preprint listed there may have been published since, which the online rules
check.

## Why is this bad?
One of the two is wrong: the paper was filed under the wrong heading, or tagged with the wrong
venue. Either way, a reader looking for the venue's papers gets a wrong answer.

## Example
```markdown
# CVPR

* Segment Anything `ICCV` `Meta` `US`
```

## Use instead
```markdown
# ICCV

* Segment Anything `ICCV` `Meta` `US`
```

## Fix safety
No fix: only the author knows whether the heading or the tag is right.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Section
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.venue._shared import heading_venue, venue_tags

_HEADING_KINDS = frozenset({None, "conference", "journal", "workshop"})


class VenueContradictsHeading(Rule):
    code = "NL401"
    name = "venue-contradicts-heading"
    category = Category.VENUE
    severity = Severity.WARNING
    fixable = FixAvailability.NONE

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        if not section.entries:
            return
        venue = heading_venue(section, ctx.source, ctx.vocabulary)
        if venue is None or venue.kind not in _HEADING_KINDS:
            return
        for entry in section.entries:
            tags = venue_tags(ctx, entry)
            if not tags:
                continue
            if any(self._agrees(venue.canonical, venue.kind, v.canonical) for _, v in tags):
                continue
            tag = tags[0][0]
            yield self.finding(
                ctx,
                tag.span,
                f"venue `{tag.text}` contradicts the section heading `{section.heading}`",
                entry=entry,
            )

    @staticmethod
    def _agrees(heading: str, heading_kind: str | None, tag: str) -> bool:
        # Under a workshop heading (`CVPRW`), the parent conference's tag (`CVPR`) is fine.
        return heading == tag or (heading_kind == "workshop" and heading.startswith(tag))

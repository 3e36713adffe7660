"""A section heading that looks like a misspelt venue.

## What it does
Checks section headings that look like venue names — one word, optionally followed by a year
(`# CVPR`, `# ICLR 2025`, `# CVPR'24`). A heading in the wrong letter case (`# Neurips 2024`)
gets the vocabulary's spelling. A heading that is not a venue but is a near miss of one
(`# CPVR`, `# ICCLR 2025`) gets a suggestion. Headings of several words (`# Reading list`)
and ordinary words without a year (`# Generic`) are never checked for typos.

## Why is this bad?
Headings are how notes are grouped by venue. A misspelt heading is not recognised as a venue,
so `venue-contradicts-heading` (NL401) cannot check the entries below it.

## Example
```markdown
# Neurips 2024

* Attention Is All You Need `NeurIPS` `Google`

# CPVR

* Segment Anything `Meta` `US`
```

## Use instead
```markdown
# NeurIPS 2024

* Attention Is All You Need `NeurIPS` `Google`

# CVPR

* Segment Anything `Meta` `US`
```

## Fix safety
Unsafe. The fix writes the venue's spelling into the heading: a heading is prose, and a fix
that changes words is never applied by `--fix` alone (even a letter-case change). A typo may
also be a venue the vocabulary does not list yet.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Section, TagMatch
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.venue._shared import HeadingName, heading_name
from notelint.vocabulary.near_misses import fuzzy_index


def _venue_like(name: HeadingName) -> bool:
    """One word, and either a year after it or capitals inside it (an acronym: `CPVR`)."""
    if any(ch.isspace() for ch in name.text):
        return False
    return name.had_year or sum(1 for ch in name.text if ch.isupper()) >= 2


class UnknownVenueHeading(Rule):
    code = "NL404"
    name = "unknown-venue-heading"
    category = Category.VENUE
    severity = Severity.WARNING
    fixable = FixAvailability.UNSAFE

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        name = heading_name(section, ctx.source)
        if name is None:
            return
        ref = ctx.vocabulary.resolve(name.text)
        if ref is not None:
            if ref.category != "venue" or ref.match is not TagMatch.CASE:
                return
            venue = ctx.vocabulary.get(ref.canonical)
            spellings = [ref.canonical, *(venue.aliases if venue is not None else [])]
            spelling = next((s for s in spellings if s.lower() == name.text.lower()), ref.canonical)
            yield self.finding(
                ctx,
                ctx.span(name.start, name.end),
                f"heading `{name.text}` should be written `{spelling}`",
                ctx.fix(
                    f"write `{spelling}`",
                    [ctx.edit(name.start, name.end, spelling)],
                    Applicability.UNSAFE,
                ),
            )
            return
        if not _venue_like(name):
            return
        suggestion = fuzzy_index(ctx.vocabulary).suggest(name.text, category="venue")
        if suggestion is None:
            return
        target = suggestion.unique
        fix = None
        if target is not None:
            fix = ctx.fix(
                f"replace with `{target.canonical}`",
                [ctx.edit(name.start, name.end, target.canonical)],
                Applicability.UNSAFE,
            )
        yield self.finding(
            ctx,
            ctx.span(name.start, name.end),
            f"heading `{name.text}` is not a venue; did you mean {suggestion.names()}?",
            fix,
        )

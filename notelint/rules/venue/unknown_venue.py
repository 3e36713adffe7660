"""A tag that is not in the vocabulary but is close to a known venue.

## What it does
Reports a tag that the vocabulary does not know and that looks like a misspelt venue: a typo
(`ICCLR` for `ICLR`, `CVRP` for `CVPR`) or other punctuation (`Neur-IPS`). It names the venue
it probably meant. `unknown-tag` (NL301) stays silent for such tags, so each gets one finding.
With `closed-vocabulary = true` the finding is an error.

## Why is this bad?
A misspelt venue tag drops the paper from its venue's list, and the venue checks (heading,
online verification) cannot see it.

## Example
```markdown
# Reading list

* Segment Anything `ICCVV` `Meta` `US`
```

## Use instead
```markdown
# Reading list

* Segment Anything `ICCV` `Meta` `US`
```

## Fix safety
When there is exactly one close venue, the fix replaces the tag with it. It is unsafe: the tag
may be a venue the vocabulary does not list yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from notelint.model.document import Entry, Section, Tag
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import entry_facts, has_canonical, remove_tag, replace_text
from notelint.vocabulary.near_misses import fuzzy_index


class UnknownVenue(Rule):
    code = "NL403"
    name = "unknown-venue"
    category = Category.VENUE
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        unresolved = entry_facts(ctx, entry).unresolved
        return self._check(unresolved, entry, ctx) if unresolved else ()

    def _check(self, tags: list[Tag], entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        index = fuzzy_index(ctx.vocabulary)
        for tag in tags:
            suggestion = index.suggest(tag.text)
            if suggestion is None or not suggestion.is_venue:
                continue
            fix = None
            target = suggestion.unique if tag.in_place else None
            if target is not None:
                if has_canonical(entry, target.canonical):
                    edit = remove_tag(ctx, tag)
                    fix_message = f"remove `{tag.text}` (the entry has `{target.canonical}`)"
                else:
                    edit = replace_text(ctx, tag, target.canonical)
                    fix_message = f"replace with `{target.canonical}`"
                fix = ctx.fix(fix_message, [edit], Applicability.UNSAFE)
            yield self.finding(
                ctx,
                tag.span,
                f"unknown venue `{tag.text}`; did you mean {suggestion.names()}?",
                fix,
                entry=entry,
                severity=Severity.ERROR if self.settings.closed_vocabulary else None,
            )

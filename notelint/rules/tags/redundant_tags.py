"""Two different spellings of the same tag on one entry.

## What it does
Reports an entry that carries two or more tags resolving to the same vocabulary entry, such as
`GB` and `UK`, `NeurIPS` and `NIPS`, or `SnT` and `SNT`. One finding per group, on the first
tag that would go. The canonical spelling is kept; when none of them is canonical, the first is
kept and rewritten to the canonical spelling.

## Why is this bad?
The second spelling says nothing new. It is usually a leftover from a rename, and it makes the
entry look as if it had two countries, venues or organisations when it has one.

## Example
```markdown
# ICCV

* Segment Anything `ICCV` `Meta` `US` `USA`
```

## Use instead
```markdown
# ICCV

* Segment Anything `ICCV` `Meta` `US`
```

## Fix safety
Safe: the tags that go have exactly the meaning of the one that stays (the vocabulary says they
are spellings of one entry), so no information is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from notelint.model.document import Entry, Section, Tag, TagMatch
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import EntryFacts, entry_facts, remove_tag, replace_text


def _quoted(tags: list[Tag]) -> str:
    names = [f"`{t.text}`" for t in tags]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class RedundantTags(Rule):
    code = "NL305"
    name = "redundant-tags"
    category = Category.TAGS
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        facts = entry_facts(ctx, entry)
        return self._check(facts, entry, ctx) if facts.shared else ()

    def _check(self, facts: EntryFacts, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        groups: dict[str, list[Tag]] = {}
        for tag in facts.first:
            if tag.resolved is not None and tag.resolved.canonical in facts.shared:
                groups.setdefault(tag.resolved.canonical, []).append(tag)
        for canonical, tags in groups.items():
            keep = next(
                (t for t in tags if t.resolved is not None and t.resolved.match is TagMatch.EXACT),
                tags[0],
            )
            drop = [t for t in tags if t is not keep]
            edits = [remove_tag(ctx, t) for t in drop]
            if keep.text == canonical:
                verb = "means" if len(drop) == 1 else "mean"
                message = f"{_quoted(drop)} {verb} the same as `{canonical}`"
                fix_message = f"remove {_quoted(drop)}"
            else:
                edits.append(replace_text(ctx, keep, canonical))
                message = f"{_quoted(tags)} all mean `{canonical}`"
                if len(tags) == 2:
                    message = f"{_quoted(tags)} both mean `{canonical}`"
                fix_message = f"keep one `{canonical}`"
            edits.sort(key=lambda e: e.span.start_offset)
            editable = all(t.in_place for t in tags)
            yield self.finding(
                ctx,
                drop[0].span,
                message,
                ctx.fix(fix_message, edits, Applicability.SAFE) if editable else None,
                entry=entry,
            )

"""A tag written as one of its aliases instead of its canonical spelling.

## What it does
Reports a tag that the vocabulary knows as an alias, another spelling of the same tag (`USA`,
`Stanford University`), and offers its canonical spelling (`US`, `Stanford`). A former name
(`NIPS`, `Facebook`) is not a spelling: it is left to the opt-in `former-name` (NL310). A
letter-case variant of an alias (`usa`) is reported here too, with the same fix. When the
entry also carries another spelling of the same tag, `redundant-tags` (NL305) reports the pair
instead; a deprecated tag is left to `deprecated-tag` (NL307).

## Why is this bad?
Two spellings of one tag split the notes in two: searching for `US` misses the papers tagged
`USA`, and counts per tag come out wrong.

## Example
```markdown
# NeurIPS

* Attention Is All You Need `NeurIPS` `Google` `USA`
```

## Use instead
```markdown
# NeurIPS

* Attention Is All You Need `NeurIPS` `Google` `US`
```

## Fix safety
Safe: the alias and the canonical spelling name the same vocabulary entry, so replacing one
with the other cannot change what the notes say. Only spellings are aliases; the built-in data
keeps renamed and merged entities apart (`former-names`, or two tags), so this fix never
renames an entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from notelint.model.document import Entry, Section, TagMatch
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import EntryFacts, entry_facts, replace_text


class TagAlias(Rule):
    code = "NL302"
    name = "tag-alias"
    category = Category.TAGS
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        facts = entry_facts(ctx, entry)
        return self._check(facts, entry, ctx) if facts.respelt else ()

    def _check(self, facts: EntryFacts, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        for tag in facts.respelt:
            ref = tag.resolved
            assert ref is not None
            if tag.name.lower() == ref.canonical.lower() and (
                ref.match is TagMatch.CASE or not tag.in_place
            ):
                continue  # the canonical spelling in another case: tag-case (NL303)
            if ref.canonical in facts.shared:
                continue  # redundant-tags (NL305)
            fix = None
            if tag.in_place:  # others are rewritten by `notelint migrate`
                fix = ctx.fix(
                    f"replace with `{ref.canonical}`",
                    [replace_text(ctx, tag, ref.canonical)],
                    Applicability.SAFE,
                )
            yield self.finding(
                ctx,
                tag.span,
                f"tag `{tag.name}` is an alias of `{ref.canonical}`",
                fix,
                entry=entry,
            )

"""A tag written with an entity's former name (opt-in).

## What it does
Reports a tag that the vocabulary lists among an entity's `former-names` (`NIPS` for
`NeurIPS`, `Facebook` for `Meta`), for a repository that has decided to write every paper
under today's names. Off by default: enable it with `extend-select = ["NL310"]`.

## Why is this bad?
Usually it is not: a 2017 paper was presented at NIPS, and a 2019 paper came from Facebook.
That is why this rule is off unless a repository asks for it, and why `tag-alias` (NL302),
which rewrites spellings safely, never touches former names. A repository that wants one
name per entity, for searching and counting, turns it on.

## Example
```markdown
# NeurIPS

* Attention Is All You Need `NIPS` `Google` `US`
        > The Transformer.
```

## Use instead
```markdown
# NeurIPS

* Attention Is All You Need `NeurIPS` `Google` `US`
        > The Transformer.
```

## Fix safety
Unsafe: the fix replaces the former name with the current one, which changes what the notes
record about the paper's time (a venue's or an organisation's name then). Applied only with
`--unsafe-fixes`.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Entry, Section, TagMatch
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import replace_text


class FormerName(Rule):
    code = "NL310"
    name = "former-name"
    category = Category.TAGS
    severity = Severity.INFO
    fixable = FixAvailability.UNSAFE
    default_enabled = False

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        for tag in entry.tags:
            ref = tag.resolved
            if ref is None or ref.match is not TagMatch.FORMER:
                continue
            if any(
                other.resolved is not None
                and other is not tag
                and other.resolved.canonical == ref.canonical
                and other.resolved.match is not TagMatch.FORMER
                for other in entry.tags
            ):
                continue  # both names on one entry: redundant-tags (NL305) reports the pair
            fix = None
            if tag.in_place:
                fix = ctx.fix(
                    f"replace with `{ref.canonical}`",
                    [replace_text(ctx, tag, ref.canonical)],
                    Applicability.UNSAFE,
                )
            yield self.finding(
                ctx,
                tag.span,
                f"tag `{tag.name}` is a former name of `{ref.canonical}`",
                fix,
                entry=entry,
            )

"""A known tag written in the wrong letter case.

## What it does
Reports a tag that matches a vocabulary tag except for letter case (`academia` for `Academia`,
`INRIA` for `Inria`, `Neurips` for `NeurIPS`) and offers the canonical spelling. A case variant
of an alias is reported by `tag-alias` (NL302); when the entry also carries another spelling of
the same tag, `redundant-tags` (NL305) reports the pair instead.

## Why is this bad?
Tags are compared as written: `Academia` and `academia` become two tags in every search,
count and export.

## Example
```markdown
# Reading list

* Attention Is All You Need `Neurips` `google` `US`
```

## Use instead
```markdown
# Reading list

* Attention Is All You Need `NeurIPS` `Google` `US`
```

## Fix safety
Safe: only the letter case changes, to the vocabulary's own spelling of the same tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from notelint.model.document import Entry, Section, TagMatch
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import EntryFacts, entry_facts, replace_text


class TagCase(Rule):
    code = "NL303"
    name = "tag-case"
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
            if ref.match is not TagMatch.CASE or tag.name.lower() != ref.canonical.lower():
                continue  # an alias, or a case variant of one: tag-alias (NL302)
            if ref.canonical in facts.shared:
                continue  # redundant-tags (NL305)
            if not tag.in_place:
                # `#cvpr2019`, `:hash:amazon`, `iccv2017`: older notes wrote hashtags and
                # venue-years in lower case; `notelint migrate` writes the canonical case.
                continue
            yield self.finding(
                ctx,
                tag.span,
                f"tag `{tag.text}` should be written `{ref.canonical}`",
                ctx.fix(
                    f"write `{ref.canonical}`",
                    [replace_text(ctx, tag, ref.canonical)],
                    Applicability.SAFE,
                ),
                entry=entry,
            )

"""An organisation whose country is missing from the entry's country tags.

## What it does
The vocabulary can give an organisation a country (`Stanford` is in `US`). When an entry has
country tags but not the country of one of its organisations, this rule reports the
organisation. Entries without any country tag are left alone: they do not track countries.
Opt-in (`extend-select = ["NL306"]`): multinational organisations often publish from another
country than their headquarters.

## Why is this bad?
Country tags that cover some of an entry's organisations but not others make per-country
counts and searches quietly incomplete.

## Example
```markdown
# ICML

* Sparse Attention at Scale `ICML` `Stanford` `CN`
```

## Use instead
```markdown
# ICML

* Sparse Attention at Scale `ICML` `Stanford` `CN` `US`
```

## Fix safety
Unsafe: the fix adds the country tag after the last country tag, but the paper may come from
an office of the organisation in another country.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Entry, Section, Tag, TagSyntax
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule


class MissingImpliedCountry(Rule):
    code = "NL306"
    name = "missing-implied-country"
    category = Category.TAGS
    severity = Severity.INFO
    fixable = FixAvailability.UNSAFE
    default_enabled = False

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        countries: set[str] = set()
        last_country: Tag | None = None
        organisations: list[Tag] = []
        for tag in entry.tags:
            ref = tag.resolved
            if ref is None:
                continue
            if ref.category == "country":
                countries.add(ref.canonical)
                last_country = tag
            elif ref.category == "organisation" and ref.country:
                organisations.append(tag)
        if last_country is None or not organisations:
            return
        reported: set[str] = set()
        for tag in organisations:
            assert tag.resolved is not None and tag.resolved.country is not None
            implied = tag.resolved.country
            known = ctx.vocabulary.lookup(implied)
            if known is not None and known.category == "country":
                implied = known.canonical
            if implied in countries or implied in reported:
                continue
            reported.add(implied)
            end = last_country.span.end_offset
            yield self.finding(
                ctx,
                tag.span,
                f"`{tag.text}` is in `{implied}`, which is not among the entry's country tags",
                ctx.fix(
                    f"add `{implied}`",
                    [ctx.edit(end, end, f" `{implied}`")],
                    Applicability.UNSAFE,
                )
                if last_country.syntax is TagSyntax.BACKTICK
                else None,
                entry=entry,
            )

"""Tags that are not in the canonical order of their categories.

## What it does
Checks that an entry's tags follow one order of categories, by default venue, track,
organisation, country, sector, person, label. Only tags with a known category take part: an
unknown tag, or one of a category the order does not list, moves with the tag before it. Opt-in
(`extend-select = ["NL308"]`). The order is configurable:

```toml
[tool.notelint.rules.NL308]
order = ["venue", "track", "organisation", "country", "sector", "person", "label"]
```

## Why is this bad?
Tags in a fixed order can be read at a glance — the venue first, then who and where — and
diffs between versions of the notes stay small.

## Example
```markdown
# ICCV

* Segment Anything `US` `Meta` `ICCV`
```

## Use instead
```markdown
# ICCV

* Segment Anything `ICCV` `Meta` `US`
```

## Fix safety
Unsafe: the fix moves tags (in one edit from the first tag to the last), which is moving
content, although no tag is added or lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field, field_validator

from notelint.config.settings import Settings
from notelint.model.document import Entry, Section, Tag, TagSyntax
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.options import RuleOptions

DEFAULT_ORDER = ("venue", "track", "organisation", "country", "sector", "person", "label")


class TagOrderOptions(RuleOptions):
    order: tuple[str, ...] = Field(
        DEFAULT_ORDER,
        description="the categories in the order tags are written (also how migrate writes them)",
    )

    @field_validator("order", mode="before")
    @classmethod
    def _categories(cls, value: Any) -> Any:
        if not isinstance(value, (list, tuple)) or not all(isinstance(c, str) for c in value):
            raise ValueError(f"must be a list of category names, e.g. {list(DEFAULT_ORDER)}")
        if len(set(value)) != len(value):
            raise ValueError("names a category twice")
        return tuple(value)


class TagOrder(Rule):
    code = "NL308"
    name = "tag-order"
    category = Category.TAGS
    severity = Severity.INFO
    Options = TagOrderOptions
    options: TagOrderOptions
    fixable = FixAvailability.UNSAFE
    default_enabled = False

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.order = self.options.order
        self.rank = {category: i for i, category in enumerate(self.order)}

    def _rank(self, tag: Tag) -> int | None:
        return self.rank.get(tag.resolved.category) if tag.resolved is not None else None

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        tags = entry.tags
        if len(tags) < 2 or any(t.syntax is not TagSyntax.BACKTICK for t in tags):
            return  # older syntaxes: `notelint migrate` writes the tags in order
        ranked = [(i, r) for i, t in enumerate(tags) if (r := self._rank(t)) is not None]
        first_wrong = next(
            (k for k in range(1, len(ranked)) if ranked[k][1] < ranked[k - 1][1]), None
        )
        if first_wrong is None:
            return
        # A tag without a rank travels with the ranked tag before it (`Richard S. Sutton`
        # `Alan` stay together); tags before the first ranked one stay in front. Groups are
        # sorted stably by rank, and the text between tag positions stays where it is.
        groups: list[tuple[int, list[Tag]]] = [(-1, [])]
        for tag in tags:
            rank = self._rank(tag)
            if rank is None:
                groups[-1][1].append(tag)
            else:
                groups.append((rank, [tag]))
        groups.sort(key=lambda group: group[0])
        placed = [tag for _, members in groups for tag in members]
        text = ctx.source.text
        start, end = tags[0].span.start_offset, tags[-1].span.end_offset
        pieces: list[str] = []
        for i, tag in enumerate(placed):
            pieces.append(text[tag.span.start_offset : tag.span.end_offset])
            if i + 1 < len(tags):
                pieces.append(text[tags[i].span.end_offset : tags[i + 1].span.start_offset])
        culprit = tags[ranked[first_wrong][0]]
        before = tags[ranked[first_wrong - 1][0]]
        assert culprit.resolved is not None and before.resolved is not None
        message = (
            f"tag `{culprit.text}` ({culprit.resolved.category}) should come before "
            f"`{before.text}` ({before.resolved.category})"
        )
        yield self.finding(
            ctx,
            culprit.span,
            message,
            ctx.fix(
                "put the tags in category order",
                [ctx.edit(start, end, "".join(pieces))],
                Applicability.UNSAFE,
            ),
            entry=entry,
        )

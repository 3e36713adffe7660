"""One name written as two tags, which the vocabulary knows as one.

## What it does
Reports two neighbouring tags whose words together are a tag of the vocabulary, when at least
one of the two means nothing on its own (it is unknown, or only a word under `[label]`):
`` `Nature` `Medicine` `` is the journal *Nature Medicine*, `` `IEEE` `Access` `` the journal
*IEEE Access*, `` `Microsoft` `Research` `` the lab. The words are joined with a space, with
"of", or with nothing (`` `Open` `AI` ``).

Two tags that are each a tag of their own are left alone, even when their words also name one:
`` `Google` `DeepMind` `` tags the company and its lab on purpose.

## Why is this bad?
Split, the name means something else: `Nature` alone is the journal *Nature*, so the entry is
counted under the wrong venue, and `Medicine` is an unknown tag. Statistics, exports and the
venue checks all read the two tags, not the name the author meant.

## Example
```markdown
# Journals

* Foundation Models for Generalist Medical AI `Nature` `Medicine` `Stanford`
    > One model across imaging, text and records.
```

## Use instead
```markdown
# Journals

* Foundation Models for Generalist Medical AI `Nature Medicine` `Stanford`
    > One model across imaging, text and records.
```

## Fix safety
Unsafe: the fix writes the two tags as the one tag of the vocabulary, which changes what the
entry is tagged with; check that the name is what you meant.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise

from notelint.model.document import Entry, Section, Tag, TagSyntax
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.vocabulary.tags import UNSORTED_CATEGORY, Vocabulary

_JOINS = (" ", " of ", "")


class SplitTag(Rule):
    code = "NL311"
    name = "split-tag"
    category = Category.TAGS
    severity = Severity.WARNING
    fixable = FixAvailability.UNSAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        if len(entry.tags) < 2:
            return ()
        return self._check(entry, ctx)

    def _check(self, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        taken = -1  # a tag already reported as the second half of a pair
        for index, (first, second) in enumerate(pairwise(entry.tags)):
            if index == taken or not _neighbours(first, second, ctx):
                continue
            if _means_itself(first) and _means_itself(second):
                continue  # two tags, each meaning something: `Google` `DeepMind`
            name = _joined_name(first, second, ctx.vocabulary)
            if name is None:
                continue
            taken = index + 1
            start, end = first.span.start_offset, second.span.end_offset
            fix = ctx.fix(
                f"write them as `{name}`",
                [ctx.edit(start, end, f"`{name}`")],
                Applicability.UNSAFE,
            )
            yield self.finding(
                ctx,
                ctx.span(start, end),
                f"`{first.text}` `{second.text}` is one name split in two tags: `{name}`",
                fix,
                entry=entry,
            )


def _means_itself(tag: Tag) -> bool:
    """Whether a tag names something on its own: a venue, an organisation, a country…, not
    only a word filed under `[label]` (where `init` puts every tag it cannot place)."""
    return tag.resolved is not None and tag.resolved.category != UNSORTED_CATEGORY


def _neighbours(first: Tag, second: Tag, ctx: CheckContext) -> bool:
    """Two backticked tags with only spaces between them."""
    if not (first.syntax is second.syntax is TagSyntax.BACKTICK):
        return False
    between = ctx.source.text[first.span.end_offset : second.span.start_offset]
    return not between.strip(" \t")


def _joined_name(first: Tag, second: Tag, vocabulary: Vocabulary) -> str | None:
    """The two tags' words as one name the vocabulary knows (as written: an alias or another
    case is then tag-alias's or tag-case's to report), if there is one."""
    for join in _JOINS:
        joined = f"{first.text}{join}{second.text}"
        if vocabulary.resolve(joined) is not None:
            return joined
    return None

"""A tag the vocabulary marks as deprecated.

## What it does
Reports a tag whose vocabulary entry has `deprecated = true`, and offers its replacement when
the entry names one (`replaced-by = "..."`). When the entry already carries the replacement, the
fix removes the deprecated tag instead.

## Why is this bad?
A deprecated tag is one the notes agreed to stop using: a retired label, a category merged
into another. Entries still carrying it are missed by searches for its replacement. (A venue's
or a lab's former name is not deprecated, it is history: see `former-name`, NL310.)

## Example
With this in the repository's `rules/tags.toml`:

```toml
[label]
SSL = { name = "Self-supervised learning" }
"Self-Supervised" = { deprecated = true, replaced-by = "SSL" }
```

```markdown
# Reading list

* Masked Autoencoders Are Scalable Vision Learners `CVPR` `Self-Supervised`
        > Mask most patches and reconstruct them.
```

## Use instead
```markdown
# Reading list

* Masked Autoencoders Are Scalable Vision Learners `CVPR` `SSL`
        > Mask most patches and reconstruct them.
```

## Fix safety
Safe when the vocabulary names the replacement: the repository's vocabulary says the two tags
mean the same thing, so the notes keep their meaning. Without a replacement there is no fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from notelint.model.document import Entry, Section, Tag
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import (
    entry_facts,
    has_canonical,
    remove_tag,
    replace_text,
)


class DeprecatedTag(Rule):
    code = "NL307"
    name = "deprecated-tag"
    category = Category.TAGS
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        deprecated = entry_facts(ctx, entry).deprecated
        return self._check(deprecated, entry, ctx) if deprecated else ()

    def _check(self, tags: list[Tag], entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        for tag in tags:
            ref = tag.resolved
            assert ref is not None
            replacement = ref.replaced_by
            if replacement is not None:
                known = ctx.vocabulary.lookup(replacement)
                if known is not None:
                    replacement = known.canonical
            if not replacement:
                yield self.finding(ctx, tag.span, f"tag `{tag.text}` is deprecated", entry=entry)
                continue
            if has_canonical(entry, replacement):
                edit = remove_tag(ctx, tag)
                fix_message = f"remove `{tag.text}` (the entry has `{replacement}`)"
            else:
                edit = replace_text(ctx, tag, replacement)
                fix_message = f"replace with `{replacement}`"
            yield self.finding(
                ctx,
                tag.span,
                f"tag `{tag.text}` is deprecated; use `{replacement}`",
                ctx.fix(fix_message, [edit], Applicability.SAFE) if tag.in_place else None,
                entry=entry,
            )

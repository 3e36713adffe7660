"""A note written in one of the older shapes that `notelint migrate` rewrites.

## What it does
Reports the shapes of older notes that notelint reads but that the current format writes
differently: tags as bold hashtags (`**#cvpr2019**`) or `:hash:` shortcodes, a venue with its
year fused on (`ECCV2018`), a comment after ` -- ` on the bullet line instead of a `> `
summary, hashtag labels at the end of a heading (`### Topic #Label`) and a quote marker with
no space after it (`>text`).

The rule is off by default: notes kept in the shape they were written in are not defects, and
every other rule reads them the same as the current format. Turn it on when a repository has
decided to move on, and `notelint migrate` rewrites the files.

## Why is this bad?
Two syntaxes for one thing make the notes harder to search and to edit by hand: a search for
`` `CVPR` `` misses `**#cvpr2019**`, and a script that reads the notes must know every shape.

## Example
```markdown
# arXiv

* Ranking Losses Revisited **#cvpr2019** -- converges faster
```

## Use instead
```markdown
# arXiv

* Ranking Losses Revisited `CVPR` `2019`
        > converges faster
```

## Fix safety
No fix: `notelint migrate` rewrites whole files (tags in the configured order, comments into
summaries) and checks that the result reads back to the same notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Entry, Section, TagSyntax
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.parse.parser import TIGHT_QUOTE_RE
from notelint.rules.base import CheckContext, Rule

_HINT = "`notelint migrate` rewrites it"


class LegacySyntax(Rule):
    code = "NL210"
    name = "legacy-syntax"
    category = Category.FORMAT
    severity = Severity.INFO
    fixable = FixAvailability.NONE
    default_enabled = False

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        for label in section.labels:
            yield self.finding(
                ctx,
                label.span,
                f"heading label `#{label.text}`: the current format tags each entry; {_HINT}",
            )

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        for tag in entry.tags:
            written = ctx.source.text[tag.span.start_offset : tag.span.end_offset]
            if tag.syntax is TagSyntax.HASHTAG:
                message = f"tag written as a bold hashtag {written}"
            elif tag.syntax is TagSyntax.SHORTCODE:
                message = f"tag written as a `:hash:` shortcode `{written}`"
            elif tag.year is not None and tag.resolved is not None:
                message = f"venue and year in one tag `{tag.text}`"
            else:
                continue
            yield self.finding(ctx, tag.span, f"{message}; {_HINT}", entry=entry)
        if entry.comment_span is not None:
            yield self.finding(
                ctx,
                entry.comment_span,
                f"comment after ` -- ` on the bullet line: the current format puts it in a "
                f"`> ` summary; {_HINT}",
                entry=entry,
            )
        for block in entry.summary:
            line = block.span.start_line
            for offset, text in enumerate(block.text.split("\n")):
                match = TIGHT_QUOTE_RE.match(text)
                if match is None:
                    continue
                start = ctx.source.line_starts[line + offset - 1] + match.end() - 1
                yield self.finding(
                    ctx,
                    ctx.span(start, start + 1),
                    f"`>` with no space after it; {_HINT}",
                    entry=entry,
                )

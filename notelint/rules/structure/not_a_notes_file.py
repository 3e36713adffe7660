"""A Markdown file that is not a notes file: a README, a review, a table, a list of links.

## What it does
Looks at the shape of each file before any other rule does (see `notelint/parse/shape.py` for the
measures). A file with no paper entries but paragraphs of prose, a file whose bullets are mostly
sentences rather than papers, or a file whose prose outweighs its entries by far gets this one
finding, on its first line, and no others but the prose checks: the other rules are for notes,
while spelling, trailing and whitespace-only lines, invisible characters and the final line
break are about any Markdown file.

A file that has paper bullets and a short preface, a reading list without summaries, or an
empty notes file with only its venue headings is a notes file.

## Why is this bad?
It is not bad to keep other documents next to the notes; it is bad to lint them as notes. A
review written in paragraphs would get an `entry-without-summary` for every bullet and a
`heading-level` for every numbered heading, and the findings that matter in the real notes
would drown. `notelint init` lists such files under `prose-files` (with the reason), where they
are checked as prose without this finding; this finding says why a file that is not listed
there was passed over.

To lint a file as notes anyway, ignore this rule for it:
`per-file-ignores = { "reviews/*.md" = ["NL003"] }`.

## Example
```markdown
# VLM Review

## Architecture and training objectives

Contrastive pre-training on image and text pairs crawled from the web gives a shared embedding
space. The later models add captioning and matching losses on the same pairs, and the largest
ones freeze both the vision encoder and the language model to keep the cost down. What follows
compares them on data, objectives and cost.

1. Image-text contrastive, like CLIP and ALIGN.
2. Image-text matching, a binary loss on whether the pair matches.
```

## Use instead
```markdown
# arXiv

* Learning Transferable Visual Models From Natural Language Supervision `OpenAI` `US`
    > Contrastive pre-training on image and text pairs crawled from the web.
```

## Fix safety
No fix: nothing is wrong with the file; exclude it or ignore this rule for it.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Document
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.parse.shape import measure
from notelint.rules.base import CheckContext, Rule


class NotANotesFile(Rule):
    code = "NL003"
    name = "not-a-notes-file"
    category = Category.STRUCTURE
    severity = Severity.INFO
    fixable = FixAvailability.NONE
    # The engine runs this rule first and, when it reports, no other rule on the file.
    gates_file = True

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        reason = measure(document, ctx.source).not_notes_reason()
        if reason is None:
            return
        yield self.finding(
            ctx,
            ctx.source.line_span(1),
            f"not a notes file: {reason}; only checked as prose (spelling, whitespace)",
        )

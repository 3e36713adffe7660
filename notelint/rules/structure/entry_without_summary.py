"""An entry with a title but no summary at all.

## What it does
Opt-in: select it with `extend-select = ["NL102"]`. Reports an entry whose bullet line (title and
tags) is followed by no summary: no quoted (`> …`) paragraph and no other text belonging to the
entry.

Only where summaries are the habit: in a section where at least three in four entries have
one. A section where most entries have none is a reading list, and its entries are left alone. A
section with fewer than three entries follows the habit of the whole file. Two or more entries
in a row without a summary are a reading list inside the section, and are left alone too: what
is reported is the lone entry whose summary was forgotten between entries that have one. A
comment on the bullet line after ` -- ` (`* Title -- opens a new genre of loss`) is the entry's
note, and counts as a summary. To report every entry without a summary, reading lists included, set
`require = "always"` in `[tool.notelint.rules.NL102]`.

## Why is this bad?
The summary is the point of keeping notes: what the paper does and what you took from it. A
title with tags and nothing below it is a reading-list item, not a note, and is easy to forget
once it scrolls out of view. Text that sits in the entry but outside the quote counts as a
summary here (see `summary-outside-quote`, NL103), and so does a code block.

## Example
```markdown
# arXiv

* ARC Is a Vision Problem `MIT` `US`

* Back to Basics: Let Denoising Generative Models Denoise `MIT`
    > Predict the clean image, not the noise.

* Words or Vision: Do Vision-Language Models Have Blind Faith in Text? `SG` `NUS`
    > VLMs over-rely on text, even when it is corrupted.

* Next-Embedding Prediction Makes Strong Vision Learners `US` `NYU` `Princeton`
    > Pre-train a ViT to predict the next embedding instead of the next pixel.
```

## Use instead
```markdown
# arXiv

* ARC Is a Vision Problem `MIT` `US`
    > Solve the ARC benchmark with a vision model trained from scratch on rendered grids.

* Back to Basics: Let Denoising Generative Models Denoise `MIT`
    > Predict the clean image, not the noise.

* Words or Vision: Do Vision-Language Models Have Blind Faith in Text? `SG` `NUS`
    > VLMs over-rely on text, even when it is corrupted.

* Next-Embedding Prediction Makes Strong Vision Learners `US` `NYU` `Princeton`
    > Pre-train a ViT to predict the next embedding instead of the next pixel.
```

## Fix safety
No fix: the summary has to be written by you.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

from pydantic import Field

from notelint.config.settings import Settings
from notelint.model.document import Entry, Section
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.parse.shape import has_line_comment
from notelint.rules._helpers import quoted
from notelint.rules.base import CheckContext, Rule
from notelint.rules.options import RuleOptions

_SMALL_SECTION = 3


class EntryWithoutSummaryOptions(RuleOptions):
    require: Literal["learned", "always"] = Field(
        "learned",
        description=(
            "learned: only where the file's habit is to summarise (reading lists are left "
            "alone); always: every entry needs a summary"
        ),
    )


def _noted(entry: Entry) -> bool:
    return bool(entry.summary) or has_line_comment(entry)


def _expects_summaries(entries: Sequence[Entry]) -> bool:
    titled = [e for e in entries if e.title]
    return bool(titled) and 4 * sum(_noted(e) for e in titled) >= 3 * len(titled)


class EntryWithoutSummary(Rule):
    code = "NL102"
    name = "entry-without-summary"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    Options = EntryWithoutSummaryOptions
    options: EntryWithoutSummaryOptions
    fixable = FixAvailability.NONE
    # Opt-in (`extend-select = ["NL102"]`): on real repositories, even after learning where
    # summaries are the habit, the entries without one were reading marks the author meant,
    # nearly every time (0 of 6 judged findings worth changing). A repository that wants
    # every entry summarised turns it on, with `require = "always"` if it likes.
    default_enabled = False

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.require = self.options.require

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        entries = section.entries
        if self.require == "learned":
            titled = sum(1 for e in entries if e.title)
            scope: Sequence[Entry] = entries
            if titled < _SMALL_SECTION:
                scope = [e for s in ctx.document.sections for e in s.entries]
            if not _expects_summaries(scope):
                return
        code_starts = [span.start_line for span in ctx.document.code_blocks]
        noted = [_noted(e) for e in entries]
        for index, entry in enumerate(entries):
            if not entry.title or entry.title_span is None or noted[index]:
                continue
            if self.require == "learned" and (
                (index > 0 and not noted[index - 1])
                or (index + 1 < len(entries) and not noted[index + 1])
            ):
                continue  # a run of papers without summaries: a reading list in the section
            if code_starts:
                # A code block under the entry is content too (summaries are prose, but when in
                # doubt, say nothing).
                stop = (
                    entries[index + 1].span.start_line
                    if index + 1 < len(entries)
                    else section.span.end_line + 1
                )
                head_end = entry.head_span.end_line
                if any(head_end < line < stop for line in code_starts):
                    continue
            yield self.finding(
                ctx, entry.title_span, f"entry {quoted(entry.title)} has no summary", entry=entry
            )

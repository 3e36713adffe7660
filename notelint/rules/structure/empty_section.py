"""A heading with nothing under it.

## What it does
Reports a heading followed by no entries and no other content before the next heading of the
same or a higher level (or the end of the file). A heading whose subsections hold entries or
text is not empty; a heading whose subsections are all empty is, and so is each of them.

Only headings that file papers are read so: a venue (`# NeurIPS`, `## CVPR 2024`) or a date
(`## 2014-07`, `# 2023`). A page's own sections (`#### Technical details` left empty in a
template) are the author's outline, not a list of papers with a hole in it.

## Why is this bad?
An empty section is usually left over: its entries were moved or deleted, or it was created for
papers that never came. It adds a line to the outline and the table of contents that leads
nowhere.

## Example
```markdown
# ICLR

* PhiNets: Brain-inspired Non-contrastive Learning `JP`
    > Predictive coding for self-supervised learning.

# NeurIPS

# CVPR

* Improving Accuracy and Calibration via Differentiated Deep Mutual Learning `CN`
    > Tricks to reduce the calibration error of ensembles.
```

## Use instead
```markdown
# ICLR

* PhiNets: Brain-inspired Non-contrastive Learning `JP`
    > Predictive coding for self-supervised learning.

# CVPR

* Improving Accuracy and Calibration via Differentiated Deep Mutual Learning `CN`
    > Tricks to reduce the calibration error of ensembles.
```

## Fix safety
No fix: removing the heading removes text; delete it yourself, or add the entries it was meant
for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notelint.model.document import Document, Section
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.rules._helpers import line_content_span, quoted
from notelint.rules.base import CheckContext, Rule
from notelint.rules.venue._shared import heading_venue

# A heading that files papers by date: `2023`, `2014-07`, `2019 H1`, `July 2014`.
_DATE_RE = re.compile(
    r"^(?:(?:19|20)\d{2}(?:[-/. ](?:\d{1,2}|H[12]|Q[1-4]))?|[A-Z][a-z]{2,8}\.? (?:19|20)\d{2})$"
)


def _has_content(section: Section) -> bool:
    """Entries, or any non-blank line after the heading (the section span ends at its last
    non-blank line)."""
    if section.entries:
        return True
    heading = section.heading_span
    return heading is None or section.span.end_line > heading.end_line


def _files_papers(section: Section, ctx: CheckContext) -> bool:
    heading = (section.heading or "").strip()
    if _DATE_RE.match(heading):
        return True
    return heading_venue(section, ctx.source, ctx.vocabulary) is not None


class EmptySection(Rule):
    code = "NL106"
    name = "empty-section"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.NONE

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        sections = document.sections
        # Walk backwards: a section's subtree has content when it or any subsection has.
        filled = [False] * len(sections)
        for index in range(len(sections) - 1, -1, -1):
            section = sections[index]
            if _has_content(section):
                filled[index] = True
                continue
            following = index + 1
            while following < len(sections) and sections[following].level > section.level:
                if filled[following]:
                    filled[index] = True
                    break
                following += 1
        for section, has_content in zip(sections, filled, strict=True):
            if has_content or section.heading_span is None or not _files_papers(section, ctx):
                continue
            span = line_content_span(ctx.source, section.heading_span.start_line)
            yield self.finding(ctx, span, f"section {quoted(section.heading or '')} is empty")

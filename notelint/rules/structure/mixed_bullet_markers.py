"""Entries of one file written with different bullet markers.

## What it does
Opt-in: select it with `extend-select = ["NL107"]`. Reports an entry whose bullet marker (`*`,
`-` or `+`) differs from the marker most entries of the file use. On a tie, the marker of the
first entry wins.

## Why is this bad?
In Markdown a change of marker ends one list and starts another, so the entries no longer form
one list: the spacing between them changes in the rendered notes, and a search for lines
starting with `* ` misses the odd ones out. Mixed markers are also a sign of entries pasted from
elsewhere.

## Example
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `LU`
    > Point cloud to CAD code with an LLM.

- CAD-Assistant: Tool-Augmented VLLMs as Generic CAD Task Solvers `ICCV` `LU`
    > A tool-using VLLM agent for computer-aided design.

* Vulnerability-Aware Spatio-Temporal Learning for Deepfake Video Detection `ICCV` `LU`
    > Localise fake regions in space and time to generalise.
```

## Use instead
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `LU`
    > Point cloud to CAD code with an LLM.

* CAD-Assistant: Tool-Augmented VLLMs as Generic CAD Task Solvers `ICCV` `LU`
    > A tool-using VLLM agent for computer-aided design.

* Vulnerability-Aware Spatio-Temporal Learning for Deepfake Video Detection `ICCV` `LU`
    > Localise fake regions in space and time to generalise.
```

## Fix safety
Safe: only the marker character changes. An empty bullet gets no fix (a lone `-` under a line
of text would turn that line into a heading).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from notelint.model.document import Document
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule

_TOC_RE = re.compile(r"\[[^\]]*\]\(#[^)]*\).*")


class MixedBulletMarkers(Rule):
    code = "NL107"
    name = "mixed-bullet-markers"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE
    # Opt-in (`extend-select = ["NL107"]`): judged on six public notes repositories, a
    # bullet that differs from the file's usual marker was never worth changing (0 of 7):
    # Markdown renders `*`, `-` and `+` alike, and talk notes and lists mix them freely.
    default_enabled = False

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        # Numbered entries are another kind of list, not another bullet; a table of contents
        # (bullets that only link to a heading of the page) is not a list of papers.
        entries = [
            e for e in document.entries if e.bullet in "*-+" and not _TOC_RE.fullmatch(e.title)
        ]
        counts = Counter(entry.bullet for entry in entries)
        if len(counts) < 2:
            return
        # most_common keeps first-seen order among equal counts: the first entry's wins a tie.
        majority, majority_count = counts.most_common(1)[0]
        for entry in entries:
            if entry.bullet == majority:
                continue
            span = entry.bullet_span
            fix = None
            if entry.title or entry.tags:
                fix = ctx.fix(
                    f"use `{majority}`",
                    [ctx.edit(span.start_offset, span.end_offset, majority)],
                    Applicability.SAFE,
                )
            message = (
                f"bullet `{entry.bullet}` differs from the `{majority}` used by "
                f"{majority_count} of {len(entries)} entries"
            )
            yield self.finding(ctx, span, message, fix, entry=entry)

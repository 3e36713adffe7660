"""An entry that follows the previous one without a blank line, where the section uses them.

## What it does
Opt-in: select it with `extend-select = ["NL206"]`. In a section where at least three in four
entries are separated by a blank line, reports an entry that starts on the line right after the
previous entry. Each section keeps its own habit: a compact section (a reading list written line
after line) is left alone even when the rest of the file uses blank lines. A section with only
two entries follows the habit of the whole file. Only entries that follow an entry with a
summary are compared: one-line bullets (papers without a summary yet) may form a compact list. A
line holding only whitespace counts as blank.

## Why is this bad?
The blank line is what makes a long list of papers readable as separate notes. Without it two
entries run together in the text, and the last summary line of one is easily taken for the start
of the next.

## Example
```markdown
# CVPR

* Improving Accuracy and Calibration via Differentiated Deep Mutual Learning `CN`
    > Tricks to reduce the calibration error of ensembles.

* DINOv2 Meets Text: A Unified Framework for Vision-Language Alignment `Meta` `FR`
    > Align a frozen DINOv2 with text through a few trainable blocks.
* Words or Vision: Do Vision-Language Models Have Blind Faith in Text? `SG` `NUS`
    > VLMs over-rely on text, even when it is corrupted.

* Just Dance with π! A Poly-modal Inductor for Video Anomaly Detection `Toyota` `FR`
    > Induce extra modalities from video to detect anomalies with weak labels.

* ARC Is a Vision Problem `MIT` `US`
    > Solve the ARC benchmark with a vision model trained on rendered grids.
```

## Use instead
```markdown
# CVPR

* Improving Accuracy and Calibration via Differentiated Deep Mutual Learning `CN`
    > Tricks to reduce the calibration error of ensembles.

* DINOv2 Meets Text: A Unified Framework for Vision-Language Alignment `Meta` `FR`
    > Align a frozen DINOv2 with text through a few trainable blocks.

* Words or Vision: Do Vision-Language Models Have Blind Faith in Text? `SG` `NUS`
    > VLMs over-rely on text, even when it is corrupted.

* Just Dance with π! A Poly-modal Inductor for Video Anomaly Detection `Toyota` `FR`
    > Induce extra modalities from video to detect anomalies with weak labels.

* ARC Is a Vision Problem `MIT` `US`
    > Solve the ARC benchmark with a vision model trained on rendered grids.
```

## Fix safety
Safe: the fix inserts an empty line (with the file's line ending) before the entry, or before the
comments directly above it. The list already has blank lines between its items, so it renders
the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notelint.model.document import Document, Entry
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules._helpers import joins_line_endings, quoted
from notelint.rules.base import CheckContext, Rule

_COMMENT_LINE_RE = re.compile(r"[ \t]*<!--.*-->[ \t]*")


def _habit(separated: int, joined: int) -> bool:
    """Blank lines are the habit when at least three in four entries have one: an author who
    writes half of them each way has no habit to hold a slip against."""
    return separated >= 3 * joined


class MissingBlankLine(Rule):
    code = "NL206"
    name = "missing-blank-line"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE
    # Opt-in (`extend-select = ["NL206"]`): judged on six public notes repositories, the
    # entries it reported were the author's compact style nearly every time (1 of 5 worth
    # changing; 0 of 22 before the habit was learned), even where three in four entries are
    # spaced.
    default_enabled = False

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        # Per section: how many entries are separated, and the joined ones (entry and the line
        # to insert the blank line at). A section's own habit decides; with a single pair, the
        # file's habit does (one pair says nothing about a habit).
        per_section: list[tuple[int, list[tuple[Entry, int]]]] = []
        for section in document.sections:
            separated = 0
            joined_here: list[tuple[Entry, int]] = []
            for previous, entry in zip(section.entries, section.entries[1:], strict=False):
                if previous.head_span.end_line == previous.span.end_line:
                    continue  # one-line bullets may form a compact list
                line = self._insert_line(ctx, previous, entry)
                if line is None:
                    separated += 1
                else:
                    joined_here.append((entry, line))
            per_section.append((separated, joined_here))
        file_separated = sum(s for s, _ in per_section)
        file_joined = sum(len(j) for _, j in per_section)
        joined: list[tuple[Entry, int]] = []
        for separated, joined_here in per_section:
            if not joined_here:
                continue
            if separated + len(joined_here) >= 2:
                if _habit(separated, len(joined_here)):
                    joined.extend(joined_here)
            elif _habit(file_separated, file_joined):
                joined.extend(joined_here)
        if not joined:
            return
        source = ctx.source
        newline = ctx.document.newline
        for entry, line in joined:
            at = source.line_starts[line - 1]
            blank = newline
            if joins_line_endings(source.text, at, at, blank):
                blank = source.line_ending(line - 1)  # a lone \r: repeat it
            fix = ctx.fix("insert a blank line", [ctx.edit(at, at, blank)], Applicability.SAFE)
            yield self.finding(
                ctx,
                entry.bullet_span,
                f"no blank line before the entry {quoted(entry.title or '')}",
                fix,
                entry=entry,
            )

    @staticmethod
    def _insert_line(ctx: CheckContext, previous: Entry, entry: Entry) -> int | None:
        """None when a blank line precedes the entry (above any comment lines right before its
        bullet); else the line where the blank line goes."""
        source = ctx.source
        line = entry.bullet_span.start_line
        stop = previous.head_span.start_line
        while line - 1 > stop:
            text = source.line_text(line - 1)
            if not text.strip():
                return None
            if not _COMMENT_LINE_RE.fullmatch(text):
                return line
            line -= 1
        return line

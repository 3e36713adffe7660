"""A heading whose level skips a level or differs from the file's other sections.

## What it does
Reports a heading that is more than one level deeper than the heading it sits under (`#` then
`###`) where the file is not consistent about it, and a venue section at a different level from
the file's other venue sections (`## CVPR` when `# ICLR`, `# ICCV` and `# arXiv` are level 1).

A venue section is a heading that names a conference, journal or preprint server of the tag
vocabulary (`ICLR`, `CVPR 2025`, `arXiv`). The level of venue sections is only compared where
the intent is clear: one level is used by more than half of them, and no other heading without
entries sits at or below that depth (a grouping heading such as `# Conferences` means the levels
differ on purpose). Sections such as `## Workshops` or `## Orals` under a venue are not venue
sections and may nest. The first heading of a file may have any level. A file that always puts
the same level below a given one (every section `###` under a `#` title) has a habit, not a
hole: that is left alone, and only headings that break the habit are reported.

## Why is this bad?
The heading level is the structure of the notes: a `## CVPR` under `# ICLR` makes CVPR a part of
ICLR in the outline, the table of contents and every export grouped by section. A skipped level
leaves a hole in the outline: a table of contents indents the section under a level that does
not exist.

## Example
```markdown
# ICLR

* PhiNets: Brain-inspired Non-contrastive Learning `JP`
    > Predictive coding for self-supervised learning.

# CVPR

* Improving Accuracy and Calibration via Differentiated Deep Mutual Learning `CN`
    > Tricks to reduce the calibration error of ensembles.

### ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `LU`
    > Point cloud to CAD code with an LLM.
```

## Use instead
```markdown
# ICLR

* PhiNets: Brain-inspired Non-contrastive Learning `JP`
    > Predictive coding for self-supervised learning.

# CVPR

* Improving Accuracy and Calibration via Differentiated Deep Mutual Learning `CN`
    > Tricks to reduce the calibration error of ensembles.

# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `LU`
    > Point cloud to CAD code with an LLM.
```

## Fix safety
Unsafe: the fix changes the number of `#` (or, for an underlined heading, switches between `===`
and `---`); the outline of the file changes, which is what you want unless the level was
deliberate. An underlined heading that would need level 3 or deeper gets no fix.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from notelint.model.document import Document, Section
from notelint.model.findings import Applicability, Category, Finding, Fix, FixAvailability, Severity
from notelint.rules._helpers import quoted
from notelint.rules.base import CheckContext, Rule
from notelint.vocabulary.tags import Vocabulary

_ATX_RE = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_SETEXT_RE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_YEAR_RE = re.compile(r"[ \t]*(?:(?:19|20)\d\d|'\d\d)$")
_VENUE_KINDS = frozenset({"conference", "journal", "preprint"})


@dataclass
class _Heading:
    section: Section
    level: int
    venue: bool
    expected: int | None = None
    message: str = ""


class HeadingLevel(Rule):
    code = "NL105"
    name = "heading-level"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.UNSAFE

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        headings = [
            _Heading(section, section.level, _names_venue(section.heading, ctx.vocabulary))
            for section in document.sections
            if section.heading is not None and section.heading_span is not None
        ]
        if len(headings) < 2:
            return
        _mark_inconsistent(headings)
        _mark_skipped(headings)
        for heading in headings:
            if heading.expected is None or heading.expected == heading.level:
                continue
            span = heading.section.heading_span
            assert span is not None
            fix = self._fix(ctx, heading, heading.expected)
            yield self.finding(ctx, span, heading.message, fix)

    def _fix(self, ctx: CheckContext, heading: _Heading, expected: int) -> Fix | None:
        source = ctx.source
        span = heading.section.heading_span
        assert span is not None
        message = f"make it a level {expected} heading"
        atx = _ATX_RE.match(source.line_text(span.start_line))
        if atx is not None:
            start = source.line_starts[span.start_line - 1] + atx.start(1)
            written = atx.end(1) - atx.start(1)
            if expected < written:
                edit = ctx.edit(start + expected, start + written, "")
            else:
                edit = ctx.edit(start + written, start + written, "#" * (expected - written))
            return ctx.fix(message, [edit], Applicability.UNSAFE)
        if expected > 2 or span.end_line == span.start_line:
            return None
        underline = _SETEXT_RE.match(source.line_text(span.end_line))
        if underline is None:
            return None
        start = source.line_starts[span.end_line - 1] + underline.start(1)
        length = underline.end(1) - underline.start(1)
        char = "=" if expected == 1 else "-"
        return ctx.fix(
            message, [ctx.edit(start, start + length, char * length)], Applicability.UNSAFE
        )


def _names_venue(heading: str | None, vocabulary: Vocabulary) -> bool:
    """Whether the heading is a conference, journal or preprint server (``ICLR 2025``)."""
    if not heading:
        return False
    text = _YEAR_RE.sub("", heading.strip())
    ref = vocabulary.resolve(text) if text else None
    if ref is None or ref.category != "venue":
        return False
    entry = vocabulary.get(ref.canonical)
    return entry is not None and entry.kind in _VENUE_KINDS


def _mark_inconsistent(headings: list[_Heading]) -> None:
    """Venue sections at a level other than the one most of them use, in files without
    grouping headings (where the levels are meant to be equal)."""
    venues = [h for h in headings if h.venue]
    if len(venues) < 3:
        return
    counts = Counter(h.level for h in venues)
    if len(counts) == 1:
        return
    majority, count = counts.most_common(1)[0]
    if count * 2 <= len(venues):
        return
    shallowest = min(counts)
    if any(not h.venue and not h.section.entries and h.level >= shallowest for h in headings):
        return  # a heading that only groups others: differing levels are deliberate
    for heading in venues:
        if heading.level != majority:
            heading.expected = majority
            heading.message = (
                f"venue heading {quoted(heading.section.heading or '')} is level "
                f"{heading.level} but the other venue headings are level {majority}"
            )


def _mark_skipped(headings: list[_Heading]) -> None:
    """Headings more than one level below their parent. The expected level keeps siblings
    equal: ``#``, ``###``, ``###`` becomes ``#``, ``##``, ``##``."""
    # The levels written directly below headings of each level: when every heading below a
    # level-1 title is level 3, skipping level 2 is the author's style, not a slip.
    below: dict[int, set[int]] = {}
    written: list[int] = []
    for heading in headings:
        while written and written[-1] >= heading.level:
            written.pop()
        if written:
            below.setdefault(written[-1], set()).add(heading.level)
        written.append(heading.level)
    # (heading, level as written, level it should have)
    stack: list[tuple[_Heading, int, int]] = []
    for heading in headings:
        level = heading.level
        while stack and stack[-1][1] >= level:
            stack.pop()
        if heading.expected is not None:
            stack.append((heading, level, heading.expected))
            continue
        if not stack:
            stack.append((heading, level, level))
            continue
        parent, parent_written, parent_expected = stack[-1]
        expected = parent_expected + 1
        if expected < level and below.get(parent_written) == {level}:
            expected = level  # the file's consistent habit
        if expected < level:
            heading.expected = expected
            title = quoted(heading.section.heading or "")
            parent_title = quoted(parent.section.heading or "")
            skipped = level - parent_written - 1
            if skipped >= 1:
                levels = "a level" if skipped == 1 else f"{skipped} levels"
                heading.message = (
                    f"heading {title} skips {levels}: level {level} under {parent_title} "
                    f"(level {parent_written})"
                )
            else:
                heading.message = (
                    f"heading {title} should be level {expected}, one below {parent_title}"
                )
        stack.append((heading, level, expected))

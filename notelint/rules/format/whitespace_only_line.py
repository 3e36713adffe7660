"""A line that holds only spaces or tabs.

## What it does
Reports a line made only of spaces and tabs, such as the tab-indented "blank" lines an editor
leaves between entries when it keeps the indentation of the summary above. Lines inside code
blocks are left alone.

## Why is this bad?
The line looks empty but is not: it shows up in diffs, defeats searches for blank lines, and
some tools and renderers treat it differently from a truly empty line.

## Example
```markdown
# ICLR

* PhiNets: Brain-inspired Non-contrastive Learning `JP` `Tokyo`
    > Predictive coding for self-supervised learning.
\x20\x20\x20\x20
* Feast Your Eyes: Mixture-of-Resolution Adaptation for Multimodal LLMs `CN`
    > Two visual encoders: a ViT at low and a ConvNeXt at high resolution.
```

## Use instead
```markdown
# ICLR

* PhiNets: Brain-inspired Non-contrastive Learning `JP` `Tokyo`
    > Predictive coding for self-supervised learning.

* Feast Your Eyes: Mixture-of-Resolution Adaptation for Multimodal LLMs `CN`
    > Two visual encoders: a ViT at low and a ConvNeXt at high resolution.
```

## Fix safety
Safe: the line is emptied and keeps its line ending; Markdown reads both as the same blank line.
(In a file that mixes line endings, a line between a lone `\\r` and a `\\n` gets no fix: emptying
it would merge the two line endings.)
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import Document
from notelint.model.findings import (
    Applicability,
    Category,
    Edit,
    Finding,
    FixAvailability,
    Severity,
)
from notelint.rules._helpers import describe_whitespace, joins_line_endings
from notelint.rules.base import CheckContext, Rule


class WhitespaceOnlyLine(Rule):
    code = "NL202"
    name = "whitespace-only-line"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE
    # Any Markdown file has lines: also checked in a file that is not notes.
    reads_any_prose = True

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        source = ctx.source
        text = source.text
        code_lines = ctx.code_lines
        line_ends = source.line_ends
        for index, start in enumerate(source.line_starts):
            end = line_ends[index]
            if start == end or text[start] not in " \t":
                continue
            if text[start:end].strip(" \t") or (index + 1) in code_lines:
                continue
            span = ctx.span(start, end)
            fix = None
            if not joins_line_endings(text, start, end, ""):
                edit = Edit.model_construct(span=span, content="")
                fix = ctx.fix("empty the line", [edit], Applicability.SAFE)
            message = f"line holds only whitespace ({describe_whitespace(text[start:end])})"
            yield self.finding(ctx, span, message, fix)

"""Summaries indented with tabs in some entries and with spaces in others.

## What it does
Looks at how the summary lines of each entry are indented (the whitespace before `>` or the
text) and finds the style most entries of the file use: tabs, or spaces. A summary line that
is indented by one level in the other style is reported, one finding per entry: one tab
where the file uses spaces, or one level of spaces (the space indentation most used in the file,
4 when no entry uses spaces) where the file uses tabs. On a tie, the first entry's style wins.

Deeper or mixed indentation (two tabs, a tab and spaces) is not reported: its meaning depends
on the lists around it.

## Why is this bad?
A tab and four spaces look the same in most editors, but not in all of them, not in diffs, and
not to Markdown, which counts a tab as up to four columns: an entry indented differently from
its neighbours can render differently (a quote becomes a code block, a list item falls out of
the entry) when it is moved or edited.

## Example
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `LU`
\t> Point cloud to CAD code with an LLM.

* CAD-Assistant: Tool-Augmented VLLMs as Generic CAD Task Solvers `ICCV` `LU`
    > A tool-using VLLM agent for computer-aided design.

* Vulnerability-Aware Spatio-Temporal Learning for Deepfake Video Detection `ICCV` `LU`
\t> Localise fake regions in space and time to generalise.
```

## Use instead
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `LU`
\t> Point cloud to CAD code with an LLM.

* CAD-Assistant: Tool-Augmented VLLMs as Generic CAD Task Solvers `ICCV` `LU`
\t> A tool-using VLLM agent for computer-aided design.

* Vulnerability-Aware Spatio-Temporal Learning for Deepfake Video Detection `ICCV` `LU`
\t> Localise fake regions in space and time to generalise.
```

## Fix safety
Safe: a one-level indentation is replaced by the file's own one level (a tab for four spaces, or
the other way round), which Markdown reads at the same depth.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from notelint.model.document import Document, Entry
from notelint.model.findings import (
    Applicability,
    Category,
    Edit,
    Finding,
    FixAvailability,
    Severity,
)
from notelint.rules._helpers import leading_whitespace, plural
from notelint.rules.base import CheckContext, Rule

DEFAULT_SPACE_WIDTH = 4
_TAB = "tab"
_SPACE = "space"


def _style(indent: str) -> str | None:
    if not indent:
        return None
    if indent.strip("\t") == "":
        return _TAB
    if indent.strip(" ") == "":
        return _SPACE
    return None


class InconsistentIndentation(Rule):
    code = "NL204"
    name = "inconsistent-indentation"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        source = ctx.source
        styles: Counter[str] = Counter()
        widths: Counter[int] = Counter()
        entries: list[Entry] = []
        for entry in document.entries:
            if not entry.summary:
                continue
            entries.append(entry)
            style = next(
                (s for b in entry.summary if (s := _style(b.first_line_indent)) is not None), None
            )
            if style is not None:
                styles[style] += 1
            for block in entry.summary:
                if _style(block.first_line_indent) == _SPACE:
                    widths[len(block.first_line_indent)] += 1
        if len(styles) < 2:
            return
        majority = styles.most_common(1)[0][0]
        width = widths.most_common(1)[0][0] if widths else DEFAULT_SPACE_WIDTH
        if majority == _TAB:
            odd, level, described = " " * width, "\t", plural(width, "space")
        else:
            odd, level, described = "\t", " " * width, "a tab"
        file_style = "tabs" if majority == _TAB else plural(width, "space")
        for entry in entries:
            edits: list[Edit] = []
            for block in entry.summary:
                for line in range(block.span.start_line, block.span.end_line + 1):
                    if leading_whitespace(source.line_text(line)) != odd:
                        continue
                    start = source.line_starts[line - 1]
                    edits.append(ctx.edit(start, start + len(odd), level))
            if not edits:
                continue
            lines = plural(len(edits), "summary line")
            message = f"{lines} indented with {described}; this file indents with {file_style}"
            fix = ctx.fix(f"indent with {file_style}", edits, Applicability.SAFE)
            yield self.finding(ctx, edits[0].span, message, fix, entry=entry)

"""Summary text that fell out of the entry's quote.

## What it does
Reports, in an entry whose summary is a quote (`> …`), each block of summary lines written
without the `>` marker: typically a numbered list typed under a quote line that ends in "…
because" or "Key observations:", or a line that a soft wrap pushed to column 1. There is one
finding per block of consecutive lines, on its first line.

Lines that render inside the quote anyway (Markdown's "lazy continuation": a line without `>`
that directly continues the quote's paragraph) are reported too, with a message saying that they
continue the quote without `>`: they join the quote's paragraph, so a numbered list written that
way renders as one run-on paragraph instead of a list, and the next edit that puts a list item or
a blank line before them drops them out of the quote.

An entry with no quote at all is not reported: its unquoted text is its summary. Under a bullet
without tags (a page's list of linked papers, an outline), a paragraph at the margin after a
blank line and a nested list are the page's own text, not a summary, and are not reported.

## Why is this bad?
A Markdown quote ends at the first line without `>` that starts something new, such as a list
item. Everything after it renders as ordinary text below the quote: the summary is cut in two,
and tools that read the quote as the summary (exports, search, the other rules) see only its
first part.

## Example
```markdown
# Generic

* Measuring the Impact of Early-2025 AI on Experienced Open-Source Developer Productivity `METR`
    > AI tools can slow experienced developers on complex projects because
    1. developers expect too much from the tools and overuse them;
    2. AI tools struggle with large and complex repositories.
```

## Use instead
```markdown
# Generic

* Measuring the Impact of Early-2025 AI on Experienced Open-Source Developer Productivity `METR`
    > AI tools can slow experienced developers on complex projects because
    > 1. developers expect too much from the tools and overuse them;
    > 2. AI tools struggle with large and complex repositories.
```

## Fix safety
Unsafe: the fix puts each line back into the quote by adding the entry's quote marker (the
indentation and `> ` of its first quoted line), keeping any deeper indentation after the marker.
That changes how the notes render, which is the point, but check nested lists afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from notelint.model.document import BlockKind, Entry, Section, SummaryBlock
from notelint.model.findings import (
    Applicability,
    Category,
    Edit,
    Finding,
    FixAvailability,
    Severity,
)
from notelint.parse.shape import LIST_ITEM_RE
from notelint.rules._helpers import (
    leading_whitespace,
    line_content_span,
    merged_entry_line,
    plural,
)
from notelint.rules.base import CheckContext, Rule

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from notelint.parse.source import SourceText

_QUOTE_MARKER_RE = re.compile(r"([ \t]*)>([ \t]?)")
# Starts that end a paragraph (and so a quote) when no deeper than the quote: a list item that
# may interrupt a paragraph, an ATX heading, a fence.
_INTERRUPTS_RE = re.compile(r"[ \t]*(?:(?:1[.)]|[-*+])[ \t]+\S|#{1,6}(?:[ \t]|$)|```|~~~)")


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # (on first use: a cached run never parses)

    md = MarkdownIt("commonmark")
    md.disable(["inline", "text_join"], ignoreInvalid=True)
    return md


class SummaryOutsideQuote(Rule):
    code = "NL103"
    name = "summary-outside-quote"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.UNSAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        blocks = entry.summary
        if len(blocks) < 2:
            return
        first_quote = next((b for b in blocks if b.kind is BlockKind.QUOTE), None)
        if first_quote is None:
            return  # no quote at all: the loose text is the summary
        source = ctx.source
        marker_match = _QUOTE_MARKER_RE.match(source.line_text(first_quote.span.start_line))
        indent, after = marker_match.groups() if marker_match else ("", " ")
        marker = ">" + (after or " ")
        previous: SummaryBlock | None = None
        for block in blocks:
            if block.kind is not BlockKind.LOOSE:
                pass
            elif not entry.tags and _page_text(source, block):
                pass  # a page's own text, not a summary
            elif merged_entry_line(source, block.span.start_line, ctx.vocabulary):
                pass  # another paper's line whose bullet is missing: missing-bullet reports it
            else:
                yield self._finding(ctx, entry, block, previous, indent, marker)
            previous = block

    def _finding(
        self,
        ctx: CheckContext,
        entry: Entry,
        block: SummaryBlock,
        previous: SummaryBlock | None,
        indent: str,
        marker: str,
    ) -> Finding:
        source = ctx.source
        first, last = block.span.start_line, block.span.end_line
        count = last - first + 1
        lines = plural(count, "summary line")
        verb = "is" if count == 1 else "are"
        message = f"{lines} {verb} outside the quote"
        if (
            previous is not None
            and previous.kind is BlockKind.QUOTE
            and previous.span.end_line + 1 == first
            and not _interrupts(source.line_text(first), source.line_text(first - 1))
            and _lazy_continuation(ctx, entry, first, last)
        ):
            verb = "continues" if count == 1 else "continue"
            message = f"{lines} {verb} the quote without `>`"
        edits: list[Edit] = []
        for line in range(first, last + 1):
            start = source.line_starts[line - 1]
            ws = leading_whitespace(source.line_text(line))
            if ws.startswith(indent):
                at = start + len(indent)
                edits.append(ctx.edit(at, at, marker))
            else:
                edits.append(ctx.edit(start, start + len(ws), indent + marker))
        fix = ctx.fix(
            f"add `{marker.strip()}` to {plural(count, 'line')}", edits, Applicability.UNSAFE
        )
        return self.finding(ctx, line_content_span(source, first), message, fix, entry=entry)


def _columns(indent: str) -> int:
    """Width of leading whitespace, tabs stopping at multiples of 4 (as CommonMark counts)."""
    column = 0
    for char in indent:
        column = column + 4 - column % 4 if char == "\t" else column + 1
    return column


def _interrupts(line: str, quote_line: str) -> bool:
    """A cheap, certain answer for the common case: a list item (or heading, or fence) no deeper
    than the quote marker above it ends the quote."""
    if not _INTERRUPTS_RE.match(line):
        return False
    return _columns(leading_whitespace(line)) <= _columns(leading_whitespace(quote_line))


def _lazy_continuation(ctx: CheckContext, entry: Entry, first: int, last: int) -> bool:
    """Whether every line of the block renders inside the quote above it.

    The entry is a top-level list item, so its own lines parse the same on their own; only
    entries with a loose block right under a quote line get here, which keeps this rare."""
    source = ctx.source
    head_line = entry.head_span.start_line
    snippet = source.text[source.line_starts[head_line - 1] : source.line_ends[last - 1]]
    quoted_lines: set[int] = set()
    for token in _markdown().parse(snippet):
        if token.type == "blockquote_open" and token.map is not None:
            quoted_lines.update(range(token.map[0] + head_line, token.map[1] + head_line))
    return all(line in quoted_lines for line in range(first, last + 1))


def _page_text(source: SourceText, block: SummaryBlock) -> bool:
    """Text of a page, not a summary that lost its quote: a paragraph at the margin after a
    blank line, or a nested list (an outline). Only said of a bullet without tags: under an
    entry with tags, both are its summary."""
    first = block.span.start_line
    text = source.line_text(first)
    if text[:1].isspace() and LIST_ITEM_RE.match(text):
        return True  # an indented list item: nested under the bullet
    return (
        bool(text)
        and not text[0].isspace()
        and first > 1
        and not source.line_text(first - 1).strip()
    )

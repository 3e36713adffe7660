"""A title broken over two lines of the bullet, with the entry's tags on the second.

## What it does
Reports an entry whose title runs onto the next line before its tags
(`* Ask Me Anything:` then `  Dynamic Memory Networks … `ICML``): the bullet is one paragraph,
so the title holds a line break. Only entries with tags are read this way, as the notes format
keeps the title and its tags on one line; a wrapped line in a list of links, or a bullet without
tags, is the author's layout and is not reported.

## Why is this bad?
A notes file keeps one paper per bullet line: searching, sorting and diffing the notes by line
find half a title, and a title with a line break in it matches nothing in a paper database or
another notes file. It usually comes from pasting a title out of a PDF.

## Example
```markdown
# ICML

* Ask Me Anything:
  Dynamic Memory Networks for Natural Language Processing `ICML` `Salesforce`
    > A memory network that answers questions over a text.
```

## Use instead
```markdown
# ICML

* Ask Me Anything: Dynamic Memory Networks for Natural Language Processing `ICML` `Salesforce`
    > A memory network that answers questions over a text.
```

## Fix safety
Safe: the line break and the next line's indentation become one space, which is what the
rendered notes show already; no word changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notelint.model.document import Entry, Section
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules._helpers import quoted
from notelint.rules.base import CheckContext, Rule

# A line break inside the title, with the spaces around it.
_BREAK_RE = re.compile(r"[ \t]*\r?\n[ \t]*")
_WORD_LIMIT = 30


class WrappedTitle(Rule):
    code = "NL111"
    name = "wrapped-title"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        title = entry.title_span
        if title is None or not entry.tags or "\n" not in entry.title:
            return
        text = ctx.source.text
        start, end = title.start_offset, title.end_offset
        if any(text[t.span.start_offset : t.span.end_offset].count("\n") for t in entry.tags):
            return  # a tag broken over lines is the backtick rules' business
        if any(line.lstrip().startswith(">") for line in entry.title.splitlines()[1:]):
            return  # a summary line that fell into the title: summary-outside-quote's
        edits = []
        for match in _BREAK_RE.finditer(text, start, end):
            edits.append(ctx.edit(match.start(), match.end(), " "))
        if not edits:
            return
        first_line = text[start : edits[0].span.start_offset].strip()
        lines = len(edits) + 1
        message = f"the title is broken over {lines} lines after {quoted(first_line, _WORD_LIMIT)}"
        fix = ctx.fix("join the title's lines", edits, Applicability.SAFE)
        yield self.finding(ctx, ctx.span(start, end), message, fix, entry=entry)

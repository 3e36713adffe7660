"""Rules for the CI tests, loaded as a local plugin (``plugins = ["ci_rules.py"]``).

They stand in for the built-in rules, which change while notelint grows: each test knows
exactly which findings its notes produce.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from notelint.model.document import Entry, Section, Tag
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule

_TODO = re.compile(r"TODO")


class TodoMarker(Rule):
    """A TODO left in the notes.

    ## What it does
    Finds `TODO` markers.

    ## Why is this bad?
    A note with a TODO is unfinished.

    ## Example
    ```markdown
    * A paper `ICCV`
      > TODO
    ```

    ## Use instead
    ```markdown
    * A paper `ICCV`
      > Read.
    ```

    ## Fix safety
    Unsafe: the marker becomes `DONE`, which changes the words.
    """

    code = "NL901"
    name = "todo-marker"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.UNSAFE

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterable[Finding]:
        entry = next(
            (e for e in ctx.document.entries if e.span.start_line <= line <= e.span.end_line),
            None,
        )
        for match in _TODO.finditer(text):
            start = ctx.source.line_starts[line - 1] + match.start()
            span = ctx.span(start, start + 4)
            fix = ctx.fix(
                "Replace TODO with DONE",
                [ctx.edit(start, start + 4, "DONE")],
                Applicability.UNSAFE,
            )
            yield self.finding(ctx, span, f"TODO left in: {text.strip()}", fix, entry=entry)


class ShortSummary(Rule):
    """An entry whose summary is missing or shorter than three words.

    ## What it does
    Finds entries with fewer than three words of summary; the finding is about the entry as a
    whole and points at its title.

    ## Why is this bad?
    A title alone says little.

    ## Example
    ```markdown
    * A paper `ICCV`
    ```

    ## Use instead
    ```markdown
    * A paper `ICCV`
      > What it found, in words.
    ```

    ## Fix safety
    No fix.
    """

    code = "NL902"
    name = "short-summary"
    category = Category.STRUCTURE
    severity = Severity.ERROR

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        words = sum(len(block.text.replace(">", " ").split()) for block in entry.summary)
        if words < 3 and entry.title_span is not None:
            yield self.finding(ctx, entry.title_span, "entry has no real summary", entry=entry)


class DraftTag(Rule):
    """A `draft` tag.

    ## What it does
    Notes entries still tagged `draft`.

    ## Why is this bad?
    It is information only.

    ## Example
    ```markdown
    * A paper `draft`
      > Read.
    ```

    ## Use instead
    ```markdown
    * A paper `ICCV`
      > Read.
    ```

    ## Fix safety
    No fix.
    """

    code = "NL903"
    name = "draft-tag"
    category = Category.TAGS
    severity = Severity.INFO

    def check_tag(self, tag: Tag, entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
        if tag.text == "draft":
            yield self.finding(ctx, tag.span, "entry is still a draft", entry=entry)


class TrailingSpaces(Rule):
    """Spaces at the end of a line.

    ## What it does
    Finds spaces and tabs before a line ending.

    ## Why is this bad?
    They are invisible and make diffs noisy.

    ## Example
    ```markdown
    * A paper `ICCV`\x20\x20
      > Read it.
    ```

    ## Use instead
    ```markdown
    * A paper `ICCV`
      > Read it.
    ```

    ## Fix safety
    Safe: only whitespace goes.
    """

    code = "NL904"
    name = "trailing-spaces"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterable[Finding]:
        kept = len(text.rstrip(" \t"))
        if kept == len(text):
            return
        start = ctx.source.line_starts[line - 1]
        fix = ctx.fix("Remove trailing whitespace", [ctx.edit(start + kept, start + len(text), "")])
        yield self.finding(
            ctx, ctx.span(start + kept, start + len(text)), "trailing whitespace", fix
        )

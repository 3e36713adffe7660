"""Rules that exist only to exercise the fixer: well-behaved, buggy and hostile fixes.

Loaded as a local plugin (``plugins = ["…/fake_rules.py"]``) and selected one by one, so the
fixer's behaviour is tested independently of the real rules. Codes are NL9xx, a range no
built-in rule uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from notelint.model.document import BlockKind, Document, Entry, Section, Tag
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule

_DOC = """{summary}

## What it does
A test rule.

## Why is this bad?
It is not; this rule exercises the fixer.

## Example
```markdown
* Title `US`
```

## Use instead
```markdown
* Title `US`
```

## Fix safety
See the summary.
"""


def _doc(summary: str) -> str:
    return _DOC.format(summary=summary)


class _Fake(Rule):
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE
    default_enabled = False


def _prose_line(line: int, ctx: CheckContext) -> bool:
    return line not in ctx.code_lines


class FakeTrailingSpace(_Fake):
    __doc__ = _doc("Trailing spaces and tabs, removed (skips code).")
    code = "NL901"
    name = "fake-trailing-space"

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterator[Finding]:
        stripped = text.rstrip(" \t")
        if stripped != text and _prose_line(line, ctx):
            start = ctx.source.line_starts[line - 1] + len(stripped)
            end = ctx.source.line_ends[line - 1]
            span = ctx.span(start, end)
            yield self.finding(
                ctx, span, "trailing whitespace", ctx.fix("remove it", [ctx.edit(start, end, "")])
            )


class FakeTypo(_Fake):
    __doc__ = _doc("'teh' → 'the' (unsafe: it changes a word).")
    code = "NL902"
    name = "fake-typo"
    fixable = FixAvailability.UNSAFE

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not _prose_line(line, ctx):
            return
        base = ctx.source.line_starts[line - 1]
        for match in re.finditer(r"\bteh\b", text):
            start, end = base + match.start(), base + match.end()
            fix = ctx.fix("the", [ctx.edit(start, end, "the")], Applicability.UNSAFE)
            yield self.finding(ctx, ctx.span(start, end), "typo", fix)


class FakeWordSwap(_Fake):
    __doc__ = _doc("'good' → 'bad', wrongly marked safe: the safety net must refuse it.")
    code = "NL903"
    name = "fake-word-swap"

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterator[Finding]:
        base = ctx.source.line_starts[line - 1]
        for match in re.finditer(r"\bgood\b", text):
            start, end = base + match.start(), base + match.end()
            fix = ctx.fix("bad", [ctx.edit(start, end, "bad")])
            yield self.finding(ctx, ctx.span(start, end), "good", fix)


_TAB_QUOTE = re.compile(r"\t>")
_SPACE_QUOTE = re.compile(r"  >")


class FakeTabToSpaces(_Fake):
    __doc__ = _doc("A tab before '>' becomes two spaces (fights NL905).")
    code = "NL904"
    name = "fake-tab-to-spaces"

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if text.startswith("\t>"):
            start = ctx.source.line_starts[line - 1]
            fix = ctx.fix("spaces", [ctx.edit(start, start + 1, "  ")])
            yield self.finding(ctx, ctx.span(start, start + 1), "tab", fix)


class FakeSpacesToTab(_Fake):
    __doc__ = _doc("Two spaces before '>' become a tab (fights NL904).")
    code = "NL905"
    name = "fake-spaces-to-tab"

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if text.startswith("  >"):
            start = ctx.source.line_starts[line - 1]
            fix = ctx.fix("tab", [ctx.edit(start, start + 2, "\t")])
            yield self.finding(ctx, ctx.span(start, start + 2), "spaces", fix)


class FakeGrowingHeading(_Fake):
    __doc__ = _doc("Always adds a space after a heading: never settles.")
    code = "NL906"
    name = "fake-growing-heading"

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        if section.heading_span is not None:
            end = section.heading_span.end_offset
            fix = ctx.fix("grow", [ctx.edit(end, end, " ")])
            yield self.finding(ctx, section.heading_span, "grow", fix)


class FakeDoubleSpace(_Fake):
    __doc__ = _doc("Runs of spaces in a title collapse to one, one space per fix.")
    code = "NL907"
    name = "fake-double-space"

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        if entry.title_span is None:
            return
        base = entry.title_span.start_offset
        for match in re.finditer(r"  +", entry.title):
            start, end = base + match.start(), base + match.end()
            # Two findings per run: the same fix twice (applied once) ...
            for _ in range(2):
                fix = ctx.fix("one space", [ctx.edit(start, end, " ")])
                yield self.finding(ctx, ctx.span(start, end), "double space", fix)
            # ... and one that overlaps them (waits for the next round, then is gone).
            if end - start >= 3:
                fix = ctx.fix("drop one", [ctx.edit(start + 1, start + 2, "")])
                yield self.finding(ctx, ctx.span(start, end), "triple space", fix)


class FakePairedEdits(_Fake):
    __doc__ = _doc(
        "Uppercases the first letter of the title and trims a trailing space of the line, "
        "in one fix of two edits (all or nothing); the title part makes it unsafe."
    )
    code = "NL908"
    name = "fake-paired-edits"
    fixable = FixAvailability.UNSAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        if entry.title_span is None or not entry.title[:1].islower():
            return
        start = entry.title_span.start_offset
        line = entry.head_span.start_line
        text = ctx.source.line_text(line)
        edits = [ctx.edit(start, start + 1, entry.title[0].upper())]
        if text.endswith(" "):
            end = ctx.source.line_ends[line - 1]
            edits.append(ctx.edit(end - 1, end, ""))
        fix = ctx.fix("capitalise", edits, Applicability.UNSAFE)
        yield self.finding(ctx, entry.title_span, "lower-case title", fix)


class FakeIndentHeading(_Fake):
    __doc__ = _doc("Indents headings by four spaces (whitespace only, but makes them code).")
    code = "NL909"
    name = "fake-indent-heading"

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        if section.heading_span is not None and section.heading_span.start_column == 1:
            start = section.heading_span.start_offset
            fix = ctx.fix("indent", [ctx.edit(start, start, "    ")])
            yield self.finding(ctx, section.heading_span, "indent", fix)


class FakeBlankLineBetweenEntries(_Fake):
    __doc__ = _doc("Inserts a blank line (written as '\\n') before an entry that lacks one.")
    code = "NL910"
    name = "fake-blank-line"

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        for entry in section.entries[1:]:
            line = entry.head_span.start_line
            if line > 1 and ctx.source.line_text(line - 1).strip():
                start = ctx.source.line_starts[line - 1]
                fix = ctx.fix("blank line", [ctx.edit(start, start, "\n")])
                yield self.finding(ctx, entry.head_span, "no blank line", fix)


class FakeBadOffset(_Fake):
    __doc__ = _doc("Offers an edit past the end of the file (a rule bug).")
    code = "NL911"
    name = "fake-bad-offset"

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        size = len(ctx.source.text)
        bad = ctx.edit(0, 0, "").model_copy(
            update={"span": ctx.span(0, 0).model_copy(update={"end_offset": size + 5})}
        )
        yield self.finding(ctx, ctx.span(0, 0), "bad", ctx.fix("bad", [bad]))


class FakeTrailingSpaceEverywhere(_Fake):
    __doc__ = _doc("Trailing whitespace removed even inside code blocks (changes code).")
    code = "NL912"
    name = "fake-trailing-space-everywhere"

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterator[Finding]:
        stripped = text.rstrip(" \t")
        if stripped != text:
            start = ctx.source.line_starts[line - 1] + len(stripped)
            end = ctx.source.line_ends[line - 1]
            yield self.finding(
                ctx, ctx.span(start, end), "ws", ctx.fix("ws", [ctx.edit(start, end, "")])
            )


class FakeInvisible(_Fake):
    __doc__ = _doc("Zero-width spaces and ligatures normalised (safe).")
    code = "NL913"
    name = "fake-invisible"

    _TABLE: ClassVar[dict[str, str]] = {"\u200b": "", "\ufb03": "ffi", "\ufb01": "fi", "\u00ad": ""}

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterator[Finding]:
        base = ctx.source.line_starts[line - 1]
        for offset, char in enumerate(text):
            if char in self._TABLE:
                start = base + offset
                edit = ctx.edit(start, start + 1, self._TABLE[char])
                yield self.finding(
                    ctx, ctx.span(start, start + 1), "odd character", ctx.fix("normalise", [edit])
                )


class FakeQuoteBack(_Fake):
    __doc__ = _doc("Summary lines outside the quote are put back into it (unsafe).")
    code = "NL914"
    name = "fake-quote-back"
    fixable = FixAvailability.UNSAFE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        for block in entry.summary:
            if block.kind is not BlockKind.LOOSE:
                continue
            edits = []
            for line in range(block.span.start_line, block.span.end_line + 1):
                text = ctx.source.line_text(line)
                indent = len(text) - len(text.lstrip(" \t"))
                start = ctx.source.line_starts[line - 1]
                edits.append(ctx.edit(start, start + indent, "\t> "))
            fix = ctx.fix("quote", edits, Applicability.UNSAFE)
            yield self.finding(ctx, block.span, "loose summary", fix)


class FakeTagCanonical(_Fake):
    __doc__ = _doc("Tags written as an alias or in another case get the canonical spelling.")
    code = "NL915"
    name = "fake-tag-canonical"

    def check_tag(self, tag: Tag, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        if tag.resolved is not None and tag.resolved.canonical != tag.text:
            edit = ctx.edit(
                tag.span.start_offset + 1, tag.span.end_offset - 1, tag.resolved.canonical
            )
            yield self.finding(ctx, tag.span, "alias", ctx.fix("canonical", [edit]))


class FakeTagWrong(_Fake):
    __doc__ = _doc("Replaces `US` with `FR`, marked safe: the safety net must refuse it.")
    code = "NL916"
    name = "fake-tag-wrong"

    def check_tag(self, tag: Tag, entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        if tag.text == "US":
            edit = ctx.edit(tag.span.start_offset + 1, tag.span.end_offset - 1, "FR")
            yield self.finding(ctx, tag.span, "US", ctx.fix("FR", [edit]))


class FakeDuplicateTag(_Fake):
    __doc__ = _doc("A tag repeated in the same entry (same canonical tag) is removed.")
    code = "NL917"
    name = "fake-duplicate-tag"

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        seen: set[str] = set()
        for tag in entry.tags:
            key = tag.resolved.canonical if tag.resolved is not None else tag.text
            if key in seen:
                start, end = tag.span.start_offset - 1, tag.span.end_offset
                fix = ctx.fix("remove", [ctx.edit(start, end, "")])
                yield self.finding(ctx, tag.span, "duplicate", fix)
            seen.add(key)


class FakeBulletStar(_Fake):
    __doc__ = _doc("Every entry's bullet becomes '*'.")
    code = "NL918"
    name = "fake-bullet-star"

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        if entry.bullet != "*":
            span = entry.bullet_span
            edit = ctx.edit(span.start_offset, span.end_offset, "*")
            yield self.finding(ctx, span, "bullet", ctx.fix("star", [edit]))


class FakeNestEntries(_Fake):
    __doc__ = _doc(
        "Indents every entry after the first by four spaces: whitespace only, but "
        "it nests them in the first entry (the safety net must refuse it)."
    )
    code = "NL919"
    name = "fake-nest-entries"

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        for entry in section.entries[1:]:
            start = ctx.source.line_starts[entry.head_span.start_line - 1]
            fix = ctx.fix("indent", [ctx.edit(start, start, "    ")])
            yield self.finding(ctx, entry.head_span, "indent", fix)


RULES = [
    cls
    for cls in list(globals().values())
    if isinstance(cls, type) and issubclass(cls, _Fake) and cls is not _Fake
]

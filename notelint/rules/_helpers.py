"""Helpers shared by the structure and format rules (not a rule module: the leading underscore
keeps it out of the rule collection)."""

from __future__ import annotations

import re

from notelint.model.document import Span
from notelint.parse.source import SourceText
from notelint.vocabulary.tags import Vocabulary

TITLE_LIMIT = 60


def quoted(text: str, limit: int = TITLE_LIMIT) -> str:
    """``text`` in double quotes for a message, on one line and shortened to ``limit``."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f'"{text}"'


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 line``, ``2 lines``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def describe_whitespace(run: str) -> str:
    """``2 spaces``, ``1 tab``, ``1 space and 2 tabs``."""
    spaces = run.count(" ")
    tabs = run.count("\t")
    parts = []
    if spaces:
        parts.append(plural(spaces, "space"))
    if tabs:
        parts.append(plural(tabs, "tab"))
    other = len(run) - spaces - tabs
    if other:
        parts.append(plural(other, "other whitespace character"))
    return " and ".join(parts)


def leading_whitespace(line: str) -> str:
    """The spaces and tabs a line starts with."""
    return line[: len(line) - len(line.lstrip(" \t"))]


def line_content_span(source: SourceText, line: int) -> Span:
    """1-based ``line`` without its indentation and trailing whitespace (the line start when
    the line is blank)."""
    start = source.line_starts[line - 1]
    end = source.line_ends[line - 1]
    text = source.text
    content_start = start
    while content_start < end and text[content_start] in " \t":
        content_start += 1
    content_end = end
    while content_end > content_start and text[content_end - 1] in " \t":
        content_end -= 1
    if content_start == content_end:
        return source.span(start, start)
    return source.span(content_start, content_end)


def joins_line_endings(text: str, start: int, end: int, content: str) -> bool:
    """Whether replacing ``text[start:end]`` with ``content`` would put a ``\\n`` right after a
    lone ``\\r`` line ending, turning two line endings into one ``\\r\\n`` (files with mixed
    line endings): such an edit would remove a line, not just change one."""
    if start == 0 or text[start - 1] != "\r":
        return False
    following = content or text[end : end + 1]
    return following.startswith("\n")


# A line with a title and backticked tags at its end: `Paper B Title `CVPR` `Google``.
_ENTRY_LINE_RE = re.compile(
    r"[ \t]*(?P<title>[^\s`>*+\-#|][^`]*?)[ \t]+(?P<tags>(?:`[^`\n]+`[ \t]*)+)$"
)
_TAG_RE = re.compile(r"`([^`\n]+)`")


def merged_entry_line(source: SourceText, line: int, vocabulary: Vocabulary) -> bool:
    """Whether summary line ``line`` is another paper's bullet line without its bullet: a
    title of two words or more, then tags that the vocabulary knows, then a quoted summary
    on the next line (``* A `ICCV``, ``> …``, ``B `CVPR` `US``, ``> …``)."""
    match = _ENTRY_LINE_RE.fullmatch(source.line_text(line))
    if match is None or len(match["title"].split()) < 2 or line >= source.line_count:
        return False
    if not source.line_text(line + 1).lstrip().startswith(">"):
        return False
    tags = _TAG_RE.findall(match["tags"])
    return all(vocabulary.resolve(tag) is not None for tag in tags)

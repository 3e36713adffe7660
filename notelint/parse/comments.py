"""HTML comments and inline directives, found in linear time.

A lazy ``<!--.*?-->`` scan restarts at every unclosed ``<!--`` and reads to the end of the
text each time: a line of ``<!--`` repeated takes quadratic time. Here each ``<!--`` looks for
its ``-->`` once, and the first one that finds none ends the search, because no later opener
can find one either.
"""

from __future__ import annotations

from collections.abc import Iterator

OPEN = "<!--"
CLOSE = "-->"


def comment_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each closed comment in ``text[start:end]``, as ``<!--.*?-->`` would
    find them (``-->`` may not overlap the opener: ``<!-->`` is not a comment)."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    position = start
    while True:
        opened = text.find(OPEN, position, stop)
        if opened < 0:
            return spans
        closed = text.find(CLOSE, opened + len(OPEN), stop)
        if closed < 0:
            return spans
        position = closed + len(CLOSE)
        spans.append((opened, position))


def strip_comments(text: str) -> str:
    """``text`` without its closed comments."""
    if OPEN not in text:
        return text
    pieces: list[str] = []
    cursor = 0
    for begin, finish in comment_spans(text):
        pieces.append(text[cursor:begin])
        cursor = finish
    pieces.append(text[cursor:])
    return "".join(pieces)


def directives(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, body)`` of each one-line ``<!-- notelint-… -->`` comment; ``body`` is
    the text from ``notelint-`` to the last non-blank before ``-->``."""
    length = len(text)
    position = 0
    while True:
        opened = text.find(OPEN, position)
        if opened < 0:
            return
        line_end = text.find("\n", opened)
        if line_end < 0:
            line_end = length
        closed = text.find(CLOSE, opened + len(OPEN), line_end)
        if closed < 0:
            # No opener later on this line can close on it either.
            position = line_end + 1
            continue
        position = closed + len(CLOSE)
        body = text[opened + len(OPEN) : closed].strip(" \t")
        if body.startswith("notelint-"):
            yield opened, position, body

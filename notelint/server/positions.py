"""Source offsets (code points) as LSP positions (lines from 0, UTF-16 code units).

LSP's default position encoding counts UTF-16 code units: a character outside the Basic
Multilingual Plane (an emoji, some CJK) is two. notelint's spans count code points, so every
column is converted through the text of its line.
"""

from __future__ import annotations

import bisect

from lsprotocol import types

BOM = "\ufeff"


class LineIndex:
    """Offsets of line starts in one text, for offset ↔ position in O(log lines).

    Offsets are into the text as notelint reads it, without a leading byte-order mark;
    positions are in the editor's text, which may hold one (a BOM is a character to LSP): the
    index of a text that starts with a BOM shifts by one between the two."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.shift = 1 if text.startswith(BOM) else 0
        self.starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.starts.append(index + 1)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset + self.shift, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        before = self.text[self.starts[line] : offset]
        return types.Position(line=line, character=_utf16_length(before))

    def offset(self, position: types.Position) -> int:
        return max(0, self._offset(position) - self.shift)

    def _offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = (
            self.starts[position.line + 1] - 1
            if position.line + 1 < len(self.starts)
            else len(self.text)
        )
        units = 0
        for index in range(start, end):
            if units >= position.character:
                return index
            units += 2 if ord(self.text[index]) > 0xFFFF else 1
        return end

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)

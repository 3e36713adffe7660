"""Source text as read from disk: decoding, line index, and offset ↔ line/column mapping.

Offsets are 0-based indices into the decoded text (the BOM, if any, is not part of the text).
Lines and columns are 1-based and count Unicode code points, as editors and CI annotations do.
A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r`` (the CommonMark definition); the line's
text excludes its ending.
"""

from __future__ import annotations

import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from notelint.model.document import Span, make_span

UTF8_BOM = b"\xef\xbb\xbf"
LINE_END_RE = re.compile(r"\r\n|\r|\n")
# An ASCII control character that is no tab or line ending: shown by no renderer, obeyed by
# terminals (ESC, BEL), forbidden in XML.
ASCII_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# The largest notes file read. The user's eight years of notes are under 1 MB; a file above
# this is not notes (or is a committed symlink to something that never ends).
MAX_NOTES_BYTES = 4 * 1024 * 1024


class SourceError(Exception):
    """A file that cannot be read as notes (undecodable, binary, unreadable)."""


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_notes_bytes(path: Path, limit: int = MAX_NOTES_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`SourceError`.

    Opened without blocking and checked before reading, so a FIFO never hangs the run and a
    symlink to ``/dev/zero`` is never read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
            raise SourceError(f"not a regular file ({kind}); only regular files are read")
        if info.st_size > limit:
            raise SourceError(_too_large(info.st_size, limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # grew while being read
            raise SourceError(_too_large(size, limit))
        return b"".join(chunks)
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return (
        f"{size / 1048576:.1f} MB is larger than the {limit // 1048576} MB limit for a notes"
        " file; not read"
    )


@dataclass(slots=True)
class SourceText:
    """Decoded text of one file plus everything needed to write it back byte for byte."""

    text: str
    path: str = "<string>"
    bom: bool = False
    line_starts: list[int] = field(default_factory=list)
    line_ends: list[int] = field(default_factory=list)  # offset where each line's ending begins

    def __post_init__(self) -> None:
        if not self.line_starts:
            self._index()

    def _index(self) -> None:
        text = self.text
        if "\r" not in text:
            # Only ``\n`` endings (nearly every file): split in C rather than match each line.
            lengths = [len(line) for line in text.split("\n")]
            starts = list(accumulate((n + 1 for n in lengths[:-1]), initial=0))
            self.line_starts = starts
            self.line_ends = [start + n for start, n in zip(starts, lengths, strict=True)]
            return
        starts = [0]
        ends: list[int] = []
        for match in LINE_END_RE.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(self.text))
        self.line_starts = starts
        self.line_ends = ends

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<string>") -> SourceText:
        bom = data.startswith(UTF8_BOM)
        if bom:
            data = data[len(UTF8_BOM) :]
        if b"\x00" in data:
            raise SourceError("looks like a binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
        return cls(text=text, path=path, bom=bom)

    @classmethod
    def read(cls, path: Path, display_path: str | None = None) -> SourceText:
        data = read_notes_bytes(path)
        return cls.from_bytes(data, display_path if display_path is not None else str(path))

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_text(self, line: int) -> str:
        """Text of 1-based ``line`` without its ending."""
        return self.text[self.line_starts[line - 1] : self.line_ends[line - 1]]

    def line_ending(self, line: int) -> str:
        end = self.line_ends[line - 1]
        nxt = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[end:nxt]

    def line_of(self, offset: int) -> int:
        """1-based line containing ``offset`` (an offset on a line ending belongs to that line)."""
        return bisect_right(self.line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        # The parser makes ~9 spans per entry: the two positions are inlined here.
        starts = self.line_starts
        start_line = bisect_right(starts, start)
        line_start = starts[start_line - 1]
        if end == start or (
            end > start and (start_line == len(starts) or end < starts[start_line])
        ):
            return make_span(
                start_line, start - line_start + 1, start, start_line, end - line_start + 1, end
            )  # same line: no second search
        end_line = bisect_right(starts, end)
        end_column = end - starts[end_line - 1] + 1
        return make_span(start_line, start - line_start + 1, start, end_line, end_column, end)

    def line_span(self, line: int, *, with_ending: bool = False) -> Span:
        start = self.line_starts[line - 1]
        if with_ending and line < len(self.line_starts):
            return self.span(start, self.line_starts[line])
        return self.span(start, self.line_ends[line - 1])

    def newline(self) -> str:
        """The file's dominant line ending, used when a fix inserts a new line."""
        text = self.text
        crlf = text.count("\r\n")
        # Every ending is one of these three (see _index), so counting them in C is the same
        # as asking each line for its ending.
        counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
        best = max(counts, key=lambda k: counts[k])
        return best if counts[best] else "\n"

    def encode(self, text: str | None = None) -> bytes:
        """Bytes to write back: same encoding and BOM as read."""
        body = (self.text if text is None else text).encode("utf-8")
        return UTF8_BOM + body if self.bom else body

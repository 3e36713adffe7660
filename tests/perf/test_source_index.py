"""The fast line index (files with ``\\n`` endings only) agrees with the general one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from notelint.parse.source import LINE_END_RE, SourceText


def general_index(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [0], []
    for match in LINE_END_RE.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    return starts, ends


@given(st.lists(st.sampled_from(["a", "é", " ", "\t", "\n", "\r", "\r\n", "`"])).map("".join))
def test_line_index_matches_the_general_scan(text: str) -> None:
    source = SourceText(text=text)
    assert (source.line_starts, source.line_ends) == general_index(text)


@given(st.lists(st.sampled_from(["a", "\n", "\r", "\r\n", "\n\r"])).map("".join))
def test_dominant_newline_is_the_most_common_line_ending(text: str) -> None:
    # What a fix writes when it inserts a line: the ending most lines have, "\n" first on a
    # tie, "\n" for a file with one line.
    source = SourceText(text=text)
    endings = [source.line_ending(line) for line in range(1, source.line_count)]
    best = max(["\n", "\r\n", "\r"], key=endings.count)
    assert source.newline() == (best if endings else "\n")

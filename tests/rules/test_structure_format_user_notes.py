"""The structure and format rules on the user's real notes (tests/fixtures/user-notes.md, a
verbatim copy of the notes the project started from).

Every expected finding below was reviewed by reading the notes: each is one a careful reader
agrees with, and nothing a careful reader would shrug at is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import lint_text
from notelint.model.findings import Applicability, Finding
from tests.helpers import apply_fixes

NOTES = Path(__file__).resolve().parent.parent / "fixtures" / "user-notes.md"
CODES = [f"NL{n}" for n in range(101, 111)] + [f"NL{n}" for n in range(201, 207)]

# Numbered lists (and one wrapped line) typed under a `\t> …` line without `>`. Lines 25 and
# 171-174 render inside the quote as lazy continuation lines (the DINOv2 list as one run-on
# paragraph); the message says so.
NL103_LINES = [17, 25, 46, 56, 72, 98, 106, 108, 113, 116, 118, 171]
# `# ICLR `, a title line ending in "`US` ", and summary lines ending in a space.
NL201_LINES = [31, 34, 46, 47, 50, 52, 105, 109, 124, 148, 153, 157, 162]
# The tab-only "blank" lines between entries and between Motivation/Method paragraphs.
NL202_LINES = [
    *(8, 11, 14, 26, 29, 32, 38, 40, 43, 53, 65, 80, 86, 88, 90, 95),
    *(112, 115, 122, 125, 132, 135, 137, 140, 145, 155, 158, 161, 163, 168, 178),
]
# "Performance  `WR`", "Observation  Tasks", "TabPFN  `GE`".
NL203_LINES = [81, 120, 130]
# "Eﬃcient" with the U+FB03 ligature (copied from the PDF).
NL205_LINES = [12]

EXPECTED = sorted(
    [("NL103", line) for line in NL103_LINES]
    + [("NL201", line) for line in NL201_LINES]
    + [("NL202", line) for line in NL202_LINES]
    + [("NL203", line) for line in NL203_LINES]
    + [("NL205", line) for line in NL205_LINES]
)


def notes_text() -> str:
    return NOTES.read_bytes().decode("utf-8")


def lint(text: str, tmp_path: Path) -> list[Finding]:
    return lint_text(text, path="user-notes.md", settings=Settings(root=tmp_path), select=CODES)


def keys(findings: list[Finding]) -> list[tuple[str, int]]:
    return sorted((f.code, f.span.start_line) for f in findings)


def test_fixture_is_the_users_notes() -> None:
    text = notes_text()
    assert text.startswith("# Generic\n\n* LASER: Attention with Exponential Transformation")
    assert text.count("\n") == 179 and not text.endswith("\n")


def test_exact_findings(tmp_path: Path) -> None:
    assert keys(lint(notes_text(), tmp_path)) == EXPECTED


def test_messages(tmp_path: Path) -> None:
    by_key = {(f.code, f.span.start_line): f for f in lint(notes_text(), tmp_path)}
    messages = {key: f.message for key, f in by_key.items()}
    assert messages[("NL103", 17)] == "5 summary lines are outside the quote"
    assert messages[("NL103", 25)] == "1 summary line continues the quote without `>`"
    assert messages[("NL103", 46)] == "7 summary lines are outside the quote"  # to line 52
    assert messages[("NL103", 171)] == "4 summary lines continue the quote without `>`"
    assert messages[("NL201", 148)] == "trailing whitespace (1 space)"
    assert messages[("NL202", 112)] == "line holds only whitespace (2 tabs)"
    assert messages[("NL203", 81)] == "2 spaces between the title and `WR`"
    assert messages[("NL203", 120)] == '2 spaces between "Observation" and "Tasks"'
    assert messages[("NL205", 12)] == "ligature U+FB03 LATIN SMALL LIGATURE FFI"
    nl103 = by_key[("NL103", 46)]
    assert nl103.entry_title is not None and nl103.entry_title.startswith("Canaries in the")
    span = by_key[("NL205", 12)].span
    assert (span.start_column, span.end_column) == (12, 13)


def test_safe_fixes_only_touch_whitespace_and_the_ligature(tmp_path: Path) -> None:
    text = notes_text()
    findings = lint(text, tmp_path)
    safe = [f for f in findings if f.fix and f.fix.applicability is Applicability.SAFE]
    assert {f.code for f in safe} == {"NL201", "NL202", "NL203", "NL205"}
    fixed = apply_fixes(text, safe)

    def squeeze(value: str) -> str:
        return re.sub(r"\s+", "", value)

    assert squeeze(fixed) == squeeze(text.replace("\ufb03", "ffi"))
    assert keys(lint(fixed, tmp_path)) == [("NL103", line) for line in NL103_LINES]


def test_all_fixes_leave_nothing_to_report(tmp_path: Path) -> None:
    text = notes_text()
    fixed = apply_fixes(text, lint(text, tmp_path))
    assert lint(fixed, tmp_path) == []
    assert "\t> 1. Developers have high expectation" in fixed
    assert "\t> graduates and ones with a low college share.\n" in fixed
    assert "\t> \t1. Freeze DINOv2 backbone" in fixed


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\t", "    "), id="spaces"),
    ],
)
def test_line_ending_and_indentation_variants(
    variant: Callable[[str], str], tmp_path: Path
) -> None:
    assert keys(lint(variant(notes_text()), tmp_path)) == EXPECTED


def test_crlf_fixes_keep_crlf(tmp_path: Path) -> None:
    text = notes_text().replace("\n", "\r\n")
    fixed = apply_fixes(text, lint(text, tmp_path))
    assert "\n" not in fixed.replace("\r\n", "")
    assert lint(fixed, tmp_path) == []


def test_one_entry_indented_with_spaces(tmp_path: Path) -> None:
    """The DINOv3 entry (lines 54-61) re-indented with four spaces: NL204 reports it once."""
    lines = notes_text().split("\n")
    for index in range(54, 61):  # lines 55-61, 0-based
        lines[index] = lines[index].replace("\t", "    ", 1)
    text = "\n".join(lines)
    findings = lint(text, tmp_path)
    nl204 = [f for f in findings if f.code == "NL204"]
    assert [(f.span.start_line, f.message) for f in nl204] == [
        (55, "7 summary lines indented with 4 spaces; this file indents with tabs")
    ]
    assert sorted(set(keys(findings)) - {("NL204", 55)}) == EXPECTED

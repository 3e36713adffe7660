"""The tag and venue rules on the user's real notes, with this repository's own vocabulary.

Every finding listed here is one a careful reader agrees with, and each of the notes'
inconsistencies gives exactly one finding. When the vocabulary in ``rules/`` changes, this
list is expected to change with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import Linter, lint_text
from notelint.fix.rounds import fix_source
from notelint.model.findings import Applicability, Finding, Severity
from notelint.parse.source import SourceText

REPO = Path(__file__).resolve().parents[2]
NOTES = REPO / "tests" / "fixtures" / "user-notes.md"
RULES = [
    "NL301",
    "NL302",
    "NL303",
    "NL304",
    "NL305",
    "NL307",
    "NL401",
    "NL402",
    "NL403",
    "NL404",
]

NEW = "is not in the vocabulary; if it is a new tag, add it to rules/tags.toml"
EXPECTED = [
    ("NL302", 3, "UAustinTexas", "tag `UAustinTexas` is an alias of `UT Austin`"),
    ("NL301", 9, "Alan", f"tag `Alan` {NEW}"),
    ("NL301", 9, "Turning", f"tag `Turning` {NEW}"),
    ("NL305", 9, "UK", "`UK` means the same as `GB`"),
    ("NL302", 36, "USA", "tag `USA` is an alias of `US`"),
    ("NL302", 41, "Imaging Informatics and Artificial Intelligence",
     "tag `Imaging Informatics and Artificial Intelligence` is an alias of `European Radiology`"),
    ("NL303", 63, "academia", "tag `academia` should be written `Academia`"),
    ("NL303", 70, "Github", "tag `Github` should be written `GitHub`"),
    ("NL302", 81, "RadAI", "tag `RadAI` is an alias of `Radiology: AI`"),
    ("NL302", 84, "GE", "tag `GE` is an alias of `DE`"),
    ("NL302", 120, "SnT", "tag `SnT` is an alias of `SNT`"),
    ("NL302", 126, "UK", "tag `UK` is an alias of `GB`"),
    ("NL302", 126, "GE", "tag `GE` is an alias of `DE`"),
    ("NL302", 130, "GE", "tag `GE` is an alias of `DE`"),
    ("NL302", 133, "USA", "tag `USA` is an alias of `US`"),
    ("NL303", 179, "INRIA", "tag `INRIA` should be written `Inria`"),
]  # fmt: skip


@pytest.fixture(scope="module")
def text() -> str:
    return NOTES.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def findings(text: str) -> list[Finding]:
    settings = Settings(root=REPO)
    return lint_text(text, path="user-notes.md", settings=settings, select=RULES)


def _tag_at(text: str, finding: Finding) -> str:
    return text[finding.span.start_offset + 1 : finding.span.end_offset - 1]


def test_findings_on_the_user_notes(text: str, findings: list[Finding]) -> None:
    got = [(f.code, f.span.start_line, _tag_at(text, f), f.message) for f in findings]
    assert got == EXPECTED


def test_severities_and_fixes(findings: list[Finding]) -> None:
    for finding in findings:
        if finding.code == "NL301":  # new tags: information, nothing to fix automatically
            assert finding.severity is Severity.INFO and finding.fix is None
        else:
            assert finding.severity is Severity.WARNING
            assert finding.fix is not None
            assert finding.fix.applicability is Applicability.SAFE


def test_one_finding_per_tag(findings: list[Finding]) -> None:
    spans = [(f.span.start_offset, f.span.end_offset) for f in findings]
    assert len(spans) == len(set(spans))


def test_safe_fixes_settle_and_leave_only_the_new_tags(text: str) -> None:
    linter = Linter(Settings(root=REPO), select=RULES)
    result = fix_source(linter, SourceText(text=text, path="user-notes.md"))
    assert result.error is None
    assert result.rounds == 1
    remaining = lint_text(
        result.text, path="user-notes.md", settings=Settings(root=REPO), select=RULES
    )
    assert [(f.code, f.span.start_line) for f in remaining] == [("NL301", 9), ("NL301", 9)]
    fixed_lines = result.text.splitlines()
    assert fixed_lines[8].endswith("`DeepMind` `CA` `GB`")
    assert fixed_lines[125].endswith("`WACV` `Siemens` `GB` `US` `DE` `WR` `JRC`")
    assert fixed_lines[119].endswith("`SNT` `LU`")

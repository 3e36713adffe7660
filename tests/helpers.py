"""Small helpers shared by tests: a notes project on disk and a CLI runner."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from notelint.cli import main
from notelint.findings import Finding

PLUGIN = Path(__file__).parent / "fixtures" / "plugins" / "fixme_rule.py"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    code = main(list(args))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def make_project(root: Path, config: str = "", notes: dict[str, str] | None = None) -> Path:
    """A notes project: pyproject.toml with [tool.notelint] and notes files."""
    (root / "pyproject.toml").write_text(
        f'[tool.notelint]\npaths = ["notes"]\n{config}\n', encoding="utf-8"
    )
    for name, text in (notes or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def apply_fixes(text: str, findings: Sequence[Finding]) -> str:
    """Apply every finding's edits, last offset first, as a user's --fix would in one round
    (the edits must not overlap)."""
    edits = sorted(
        (edit for f in findings if f.fix is not None for edit in f.fix.edits),
        key=lambda e: (e.span.start_offset, e.span.end_offset),
    )
    for before, after in itertools.pairwise(edits):
        assert before.span.end_offset <= after.span.start_offset, "overlapping edits"
    for edit in reversed(edits):
        text = text[: edit.span.start_offset] + edit.content + text[edit.span.end_offset :]
    return text

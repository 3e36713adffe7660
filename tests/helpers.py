"""Small helpers shared by tests: a notes project on disk and a CLI runner."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from notelint.cli import main

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

"""Small helpers shared by tests: a notes project on disk and a CLI runner."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from notelint.cli import main
from notelint.config.settings import Settings
from notelint.model.findings import Finding

PROJECT = Path(__file__).resolve().parent.parent

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


def lint_rule(text: str, code: str, root: Path) -> list[Finding]:
    """Findings of one rule on ``text``, with default settings rooted at ``root``."""
    from notelint.config.settings import Settings
    from notelint.engine.linter import lint_text

    findings = lint_text(text, settings=Settings(root=root), select=[code])
    return [f for f in findings if f.code == code]


def where(finding: Finding) -> tuple[int, int, int, int]:
    """(start line, start column, end line, end column), as a user reads them."""
    s = finding.span
    return (s.start_line, s.start_column, s.end_line, s.end_column)


def assert_fixed(
    text: str, code: str, root: Path, expected: str, *, safe_only: bool = False
) -> None:
    """The rule's fixes turn ``text`` into ``expected``, and linting that again finds nothing."""
    from notelint.model.findings import Applicability

    findings = lint_rule(text, code, root)
    if safe_only:
        assert all(f.fix and f.fix.applicability is Applicability.SAFE for f in findings)
    fixed = apply_fixes(text, findings)
    assert fixed == expected
    assert lint_rule(fixed, code, root) == []


def settings_with_vocabulary(root: Path, vocabulary: str, **options: object) -> Settings:
    """Settings whose only vocabulary is ``vocabulary`` (written to root/rules/tags.toml)."""
    from notelint.config.settings import Settings

    rules = root / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "tags.toml").write_text(vocabulary, encoding="utf-8")
    return Settings.model_validate({"root": root, "builtin_vocabulary": False, **options})


def assert_safe_fixed(text: str, code: str, root: Path, expected: str) -> None:
    """:func:`assert_fixed`, and every fix on offer is safe."""
    assert_fixed(text, code, root, expected, safe_only=True)


def project_files() -> Iterator[Path]:
    """The project's own files: what git tracks or would add, or (in an unpacked sdist, where
    there is no git) everything but caches and build output."""
    if (PROJECT / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for name in filter(None, listed.split("\0")):
            if (PROJECT / name).is_file():
                yield Path(name)
        return
    skip = {".venv", "build", "dist", ".notelint_cache", "__pycache__", ".mypy_cache"}
    for path in PROJECT.rglob("*"):
        relative = path.relative_to(PROJECT)
        if path.is_file() and not skip & set(relative.parts) and ".egg-info" not in str(relative):
            yield relative

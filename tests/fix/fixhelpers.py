"""Helpers for the fixer tests: a project folder with a config, and the CLI run in-process.

(Imported by ``conftest.py`` for the fixtures and by test modules for the helpers.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from notelint.cli import main
from notelint.config.settings import Settings
from notelint.engine.linter import Linter

REPO = Path(__file__).resolve().parents[2]
FAKE_RULES = Path(__file__).resolve().parent / "fake_rules.py"
FIX_FIXTURES = REPO / "tests" / "fixtures" / "fix"
USER_NOTES = REPO / "tests" / "fixtures" / "user-notes.md"


def write_config(root: Path, *, fake_rules: bool = False, vocabulary: Path | None = None) -> None:
    """A ``pyproject.toml`` whose ``[tool.notelint]`` uses the repository's vocabulary."""
    lines = ["[tool.notelint]", f'vocabulary = "{(vocabulary or REPO / "rules").as_posix()}"']
    if fake_rules:
        lines.append(f'plugins = ["{FAKE_RULES.as_posix()}"]')
    (root / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class Run:
    code: int
    out: str
    err: str


@dataclass
class Project:
    root: Path
    capsys: pytest.CaptureFixture[str]

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    def read(self, name: str) -> str:
        return (self.root / name).read_bytes().decode("utf-8")

    def run(self, *args: str) -> Run:
        self.capsys.readouterr()
        command = [args[0]] if args and args[0] == "check" else []
        code = main([*command, "--no-cache", "--no-color", *args[len(command) :]])
        captured = self.capsys.readouterr()
        return Run(code, captured.out, captured.err)


@pytest.fixture
def project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Project:
    """An empty notes project using the repository vocabulary and the fake test rules."""
    write_config(tmp_path, fake_rules=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NOTELINT_DEBUG", raising=False)
    return Project(tmp_path, capsys)


@pytest.fixture
def user_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Project:
    """A project as a user has it: the repository vocabulary, no test rules."""
    write_config(tmp_path)
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path, capsys)


def fake_linter(root: Path, select: Sequence[str]) -> Linter:
    settings = Settings(root=root, plugins=[str(FAKE_RULES)], vocabulary=str(REPO / "rules"))
    return Linter(settings, select=list(select))

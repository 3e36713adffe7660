"""A notes repository in tmp_path, checked with the local plugin rules of plugin_rules.py."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

CONFIG = """\
[tool.notelint]
paths = ["notes"]
plugins = ["ci_rules.py"]
select = ["NL9"]
"""

# Findings: NL901 on line 4 (warning, fixable), NL902 on line 5 (error), NL903 on line 5 (info).
NOTES = """\
# Reading list

* Attention Is All You Need `NeurIPS`
  > TODO summarise: 100% of it, really
* Lonely Paper `draft`
"""

CLEAN = """\
# Reading list

* Attention Is All You Need `NeurIPS`
  > Attention replaces recurrence.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def init_git(repo: Path) -> None:
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "user.name", "CI")
    git(repo, "config", "commit.gpgsign", "false")


def commit_all(repo: Path, message: str = "commit") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


class NotesRepo:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def commit(self, message: str = "commit") -> str:
        return commit_all(self.root, message)


@pytest.fixture
def notes_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> NotesRepo:
    """A git repository (the working directory) with config, plugin rules and notes/a.md."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(HERE / "plugin_rules.py", root / "ci_rules.py")
    repo = NotesRepo(root)
    repo.write("pyproject.toml", CONFIG)
    repo.write("notes/a.md", NOTES)
    init_git(root)
    repo.commit("initial")
    monkeypatch.chdir(root)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return repo


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run_cli("check", "--output-format", "sarif")`` → (exit code, stdout, stderr)."""
    from notelint.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run

"""The pre-commit hooks, driven through the real ``pre-commit`` program.

pre-commit clones the hook repository at a commit and pip-installs it into an environment of
its own, so the working tree (committed or not) is copied into a temporary git repository and
committed there; pre-commit's environment installs notelint's dependencies from the package
index. Everything else (``PRE_COMMIT_HOME``, the notes repository) lives in tmp_path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CLEAN, HERE, commit_all, init_git

pytest.importorskip("pre_commit")

REPO = HERE.parent.parent
# What pip needs to build and install notelint, and the hook manifest.
PACKAGE_FILES = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")

CONFIG = """\
[tool.notelint]
plugins = ["ci_rules.py"]
select = ["NL9"]
extend-exclude = ["drafts/"]
"""
BROKEN = CLEAN.replace("> Attention", "> TODO")
# Trailing spaces: a safe fix (what the fix hook applies).
FIXABLE = CLEAN.replace("recurrence.", "recurrence.   ")


def snapshot_checkout(target: Path) -> str:
    """The working tree's package, committed in a repository of its own; returns the commit."""
    target.mkdir()
    for name in PACKAGE_FILES:
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, target / name)
    shutil.copytree(REPO / "notelint", target / "notelint", ignore=IGNORED)
    init_git(target)
    return commit_all(target, "snapshot of the working tree")


@dataclass
class PreCommit:
    notes: Path
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
            cwd=self.notes,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
        )


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    base = tmp_path_factory.mktemp("pre-commit")
    rev = snapshot_checkout(base / "notelint-src")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT", "PYTHON", "VIRTUAL_ENV", "PIP_REQUIRE"))
    }
    env["PRE_COMMIT_HOME"] = str(base / "home")
    env["NO_COLOR"] = "1"
    env["SKIP"] = ""
    yield env | {"_NOTELINT_SRC": str(base / "notelint-src"), "_NOTELINT_REV": rev}


def notes_repository(root: Path, env: dict[str, str]) -> PreCommit:
    root.mkdir()
    shutil.copy(HERE / "plugin_rules.py", root / "ci_rules.py")
    (root / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (root / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {env['_NOTELINT_SRC']}\n"
        f"    rev: {env['_NOTELINT_REV']}\n"
        "    hooks:\n"
        "      - id: notelint\n"
        "      - id: notelint-fix\n",
        encoding="utf-8",
    )
    (root / "notes").mkdir()
    (root / "notes" / "a.md").write_text(CLEAN, encoding="utf-8")
    # Broken, but excluded by the configuration: must stay out even when named explicitly.
    (root / "drafts").mkdir()
    (root / "drafts" / "wip.md").write_text(BROKEN, encoding="utf-8")
    init_git(root)
    commit_all(root, "notes")
    return PreCommit(notes=root, env=env)


def test_check_hook(pre_commit_env: dict[str, str], tmp_path: Path) -> None:
    hooks = notes_repository(tmp_path / "notes-repo", pre_commit_env)

    clean = hooks.run("notelint", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "notelint" in clean.stdout and "Passed" in clean.stdout

    # drafts/ is excluded by the configuration, even though pre-commit names the file.
    excluded = hooks.run("notelint", "--files", "drafts/wip.md")
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr

    (hooks.notes / "notes" / "a.md").write_text(BROKEN, encoding="utf-8")
    commit_all(hooks.notes, "break the notes")
    broken = hooks.run("notelint", "--all-files")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert "notes/a.md:4:5: NL901 [todo-marker]" in broken.stdout
    assert "drafts/wip.md" not in broken.stdout


def test_fix_hook(pre_commit_env: dict[str, str], tmp_path: Path) -> None:
    hooks = notes_repository(tmp_path / "notes-repo", pre_commit_env)
    notes = hooks.notes / "notes" / "a.md"
    notes.write_text(FIXABLE, encoding="utf-8")
    commit_all(hooks.notes, "break the notes")

    first = hooks.run("notelint-fix", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert notes.read_text(encoding="utf-8") == CLEAN
    # The excluded draft is left alone.
    assert (hooks.notes / "drafts" / "wip.md").read_text(encoding="utf-8") == BROKEN

    second = hooks.run("notelint-fix", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    assert hooks.run("notelint", "--all-files").returncode == 0

"""The pre-commit configurations of docs/ci.md, run for real by pre-commit on a scratch repo.

Each configuration is the YAML block of the docs, copied as a user would; the one that installs
notelint from a repository gets a throwaway clone of this checkout (its working tree as it is)
in place of notelint's URL. What a user must see: the notes file fixed by ``notelint-fix``, the
finding it cannot fix reported once by ``notelint``, and the README and CHANGELOG (which would have
findings of their own) left byte for byte alone because ``paths`` bounds what the hooks check.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import project_files

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs" / "ci.md"
RELEASED_URL = "https://github.com/notelint/notelint"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# Not notes: findings of their own (trailing whitespace, a double space) that the hooks must
# not touch or report, because `paths` does not include them.
OTHER_DOCUMENT = "# Changelog\n\n* fixed a thing   \n* Title  `Foo`\n"
NOTES = "# ICCV\n\n* A Paper on Things `ICCV` \n  > It wroks well on images.\n"
FIXED_NOTES = NOTES.replace("`ICCV` \n", "`ICCV`\n")


def documented_configs() -> dict[str, str]:
    """The ``.pre-commit-config.yaml`` blocks of docs/ci.md, by the repo they name."""
    blocks = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", DOCS.read_text(), re.S)
    configs = {}
    for block in blocks:
        kind = "local" if "repo: local" in block else "released"
        configs[kind] = block
    assert set(configs) == {"local", "released"}, "docs/ci.md lost a pre-commit configuration"
    return configs


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


def init_repo(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", "ci@example.invalid")
    git(path, "config", "user.name", "CI")
    git(path, "config", "commit.gpgsign", "false")


def notelint_clone(tmp_path: Path) -> Path:
    """This checkout's working tree (tracked and new files, as they are now) as a repository
    with a ``v0.1.0`` tag, standing in for the published one."""
    clone = tmp_path / "notelint-src"
    init_repo(clone)
    for relative in project_files():
        target = clone / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, target)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "--no-verify", "-m", "snapshot")
    git(clone, "tag", "v0.1.0")
    return clone


def scratch_notes_repo(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "notes-repo"
    init_repo(repo)
    (repo / "notelint.toml").write_text('paths = ["notes"]\n', encoding="utf-8")
    (repo / "README.md").write_text(OTHER_DOCUMENT, encoding="utf-8")
    (repo / "CHANGELOG.md").write_text(OTHER_DOCUMENT, encoding="utf-8")
    (repo / "notes").mkdir()
    (repo / "notes" / "conf_2024.md").write_text(NOTES, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(repo, "add", "-A")
    return repo


def pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        # The local hooks run the notelint of this test run's environment.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def assert_hooks_did_what_the_docs_say(repo: Path, run: subprocess.CompletedProcess[str]) -> None:
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert (repo / "notes" / "conf_2024.md").read_text(encoding="utf-8") == FIXED_NOTES
    assert (repo / "README.md").read_text(encoding="utf-8") == OTHER_DOCUMENT
    assert (repo / "CHANGELOG.md").read_text(encoding="utf-8") == OTHER_DOCUMENT
    assert re.search(r"notelint \(fix\)\.+Failed", output), output
    assert "files were modified by this hook" in output
    # The finding no safe fix repairs, reported once (by the check hook, not the fix hook).
    assert output.count("'wroks' is a common misspelling of 'works'") == 1, output
    assert "README.md" not in output and "CHANGELOG.md" not in output
    assert "trailing whitespace" not in output  # fixed before the check hook ran


def test_the_documented_local_hooks_work_as_written(tmp_path: Path) -> None:
    repo = scratch_notes_repo(tmp_path, documented_configs()["local"])
    assert_hooks_did_what_the_docs_say(repo, pre_commit(repo, tmp_path))


def test_the_documented_released_hooks_install_and_work(tmp_path: Path) -> None:
    """pre-commit clones notelint at the tag, builds its environment (from the package index)
    and runs the hooks of ``.pre-commit-hooks.yaml``."""
    clone = notelint_clone(tmp_path)
    config = documented_configs()["released"]
    assert RELEASED_URL in config
    repo = scratch_notes_repo(tmp_path, config.replace(RELEASED_URL, clone.as_uri()))
    assert_hooks_did_what_the_docs_say(repo, pre_commit(repo, tmp_path))


def test_our_own_hook_definitions_match_the_local_form() -> None:
    """The two forms run the same commands: the local hooks are the published hooks' entries."""
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    local = documented_configs()["local"]
    for entry in re.findall(r"entry: (.+)", hooks):
        assert f"entry: {entry}" in local

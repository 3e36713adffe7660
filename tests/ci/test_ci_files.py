"""The files other tools read: the hook manifest, our pre-commit config, the action, the docs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from notelint.config.settings import OUTPUT_FORMATS
from notelint.reporters import get_renderer

from .conftest import HERE

REPO = HERE.parent.parent
yaml = pytest.importorskip("yaml")


def _load(name: str) -> Any:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def _pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("pre_commit")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], capture_output=True, text=True, cwd=REPO
    )


def test_every_output_format_has_a_reporter() -> None:
    for fmt in OUTPUT_FORMATS:
        assert callable(get_renderer(fmt)), fmt


def test_hook_manifest() -> None:
    result = _pre_commit("validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {hook["id"]: hook for hook in _load(".pre-commit-hooks.yaml")}
    assert set(hooks) == {"notelint", "notelint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
        assert hook["entry"].split()[:2] == ["notelint", "check"]
        assert "--force-exclude" in hook["entry"].split()
    # The fix hook fixes and says nothing more; the check hook reports each finding once.
    assert "--fix-only" in hooks["notelint-fix"]["entry"].split()
    assert not {"--fix", "--fix-only"} & set(hooks["notelint"]["entry"].split())


def test_our_pre_commit_config_needs_no_download() -> None:
    result = _pre_commit("validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    config = _load(".pre-commit-config.yaml")
    assert all(repo["repo"] == "local" for repo in config["repos"])
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"notelint", "ruff", "ruff-format"} <= set(hooks)
    assert hooks["notelint"]["files"] == "^notes/"
    assert hooks["notelint"]["entry"].startswith("notelint check")
    assert hooks["ruff"]["entry"].startswith("ruff check")
    assert hooks["ruff-format"]["entry"].startswith("ruff format")
    assert all(hook["language"] in ("system", "python") for hook in hooks.values())


def test_action() -> None:
    action = _load("action.yml")
    assert action["runs"]["using"] == "composite"
    assert {"args", "version", "diff-base", "sarif", "baseline"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "--output-format github" in scripts
    assert "--diff-base" in scripts and "pull_request.base.sha" in str(steps)
    assert "--output-format sarif" in scripts
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action"))
    assert "inputs.sarif == 'true'" in upload["if"]
    assert all(step.get("shell") == "bash" for step in steps if "run" in step)


def test_docs_cover_every_format_and_both_hooks() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    for fmt in OUTPUT_FORMATS:
        assert f"`{fmt}`" in text, fmt
    for needle in ("id: notelint-fix\n", "id: notelint\n", "--diff-base", "--baseline", "gitlab"):
        assert needle in text


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
    )


def test_the_action_metadata_is_valid_for_github() -> None:
    result = _check_jsonschema("vendor.github-actions", REPO / "action.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_documented_workflows_are_valid_github_workflows(tmp_path: Path) -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    workflows = [b for b in blocks if "\njobs:" in b and "runs-on:" in b]
    assert len(workflows) >= 3  # the action, the action from a checkout, without the action
    files = []
    for number, block in enumerate(workflows):
        path = tmp_path / f"workflow-{number}.yml"
        path.write_text(block, encoding="utf-8")
        files.append(path)
    result = _check_jsonschema("vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    # Each `with:` key given to the action is one of its inputs.
    inputs = set(_load("action.yml")["inputs"])
    for block in workflows:
        for step in (s for job in yaml.safe_load(block)["jobs"].values() for s in job["steps"]):
            if "notelint" in str(step.get("uses", "")) or step.get("uses") == "./.notelint":
                assert set(step.get("with", {})) <= inputs, step

"""The Action's own steps, run for real in bash as a runner would run them.

GitHub is not here, so the steps that ``uses:`` another action are stood in for (setup-python
answers with this interpreter; the cache and the SARIF upload do nothing), and the ``${{ }}``
expressions of ``action.yml`` are evaluated by a small evaluator that knows the few forms the
file uses. Everything else, the install (pip, from this checkout), the argument splitting, the
annotations, the step summary, the outputs and the exit code, is the real thing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import CLEAN, HERE, commit_all, init_git

yaml = pytest.importorskip("yaml")
REPO = HERE.parent.parent
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


class Expressions:
    """``${{ … }}`` for the forms action.yml uses: contexts, ``||``, ``&&``, ``==``, ``!=``,
    ``always()``."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context

    def value(self, expression: str) -> Any:
        expression = expression.strip()
        if " || " in expression:
            left, right = expression.split(" || ", 1)
            return self.value(left) or self.value(right)
        if " && " in expression:
            return all(self.value(part) for part in expression.split(" && "))
        if " != " in expression:
            left, right = expression.split(" != ", 1)
            return self.value(left) != self.value(right)
        if " == " in expression:
            left, right = expression.split(" == ", 1)
            return self.value(left) == self.value(right)
        if expression == "always()":
            return True
        if expression.startswith("'"):
            return expression.strip("'")
        node: Any = self.context
        for part in expression.split("."):
            node = node.get(part, "") if isinstance(node, dict) else ""
        return node

    def text(self, template: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(self.value(m[1])), template)


def run_action(workspace: Path, runner_temp: Path, inputs: dict[str, str]) -> dict[str, Any]:
    """Run every step; return the steps' outputs, the summary, the log and the exit status."""
    defaults = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    steps: dict[str, dict[str, Any]] = {}
    context = {
        "inputs": {**defaults, **inputs},
        "github": {"action_path": str(REPO), "action_ref": "test", "event_name": "push"},
        "runner": {"temp": str(runner_temp), "os": "Linux"},
        "steps": steps,
    }
    evaluate = Expressions(context)
    summary = runner_temp / "step-summary.md"
    github_path = runner_temp / "github-path"
    github_env = runner_temp / "github-env"
    for file in (summary, github_path, github_env):
        file.write_text("", encoding="utf-8")
    log: list[str] = []
    status = 0
    for step in ACTION["runs"]["steps"]:
        step_id = step.get("id", step["name"])
        if "if" in step and not evaluate.value(step["if"].strip("${} ")):
            continue
        if "uses" in step:
            outputs = {"python-path": sys.executable} if "setup-python" in step["uses"] else {}
            steps[step_id] = {"outputs": outputs, "outcome": "success"}
            continue
        output_file = runner_temp / f"output-{len(steps)}"
        output_file.write_text("", encoding="utf-8")
        env = {
            **os.environ,
            **{k: evaluate.text(str(v)) for k, v in step.get("env", {}).items()},
            "RUNNER_TEMP": str(runner_temp),
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_PATH": str(github_path),
            "GITHUB_ENV": str(github_env),
        }
        cwd = workspace / evaluate.text(step.get("working-directory", "."))
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", evaluate.text(step["run"])],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        log.append(done.stdout + done.stderr)
        outputs = dict(
            line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
        )
        outcome = "success" if done.returncode == 0 else "failure"
        steps[step_id] = {"outputs": outputs, "outcome": outcome}
        if done.returncode != 0:
            status = done.returncode
            if step["name"] != "Result":
                raise AssertionError(f"step {step['name']!r} failed:\n{log[-1]}")
    return {
        "steps": steps,
        "summary": summary.read_text(encoding="utf-8"),
        "log": "\n".join(log),
        "status": status,
        "path_changes": github_path.read_text() + github_env.read_text(),
    }


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One runner's temp folder for the module: the install happens once, as a cache would."""
    return tmp_path_factory.mktemp("runner-temp")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "my notes repo"
    (root / "reading notes").mkdir(parents=True)
    (root / "notelint.toml").write_text('paths = ["reading notes"]\n', encoding="utf-8")
    (root / "reading notes" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (root / "reading notes" / "conf 2024.md").write_text(
        "# ICCV\n\n* A Paper on Things `ICCV` \n  > It wroks well on images.\n", encoding="utf-8"
    )
    init_git(root)
    commit_all(root, "notes")
    return root


def test_a_path_with_spaces_annotations_summary_and_outputs(
    workspace: Path, runner_temp: Path
) -> None:
    result = run_action(workspace, runner_temp, {"args": '"reading notes/conf 2024.md" --no-cache'})
    check = result["steps"]["check"]["outputs"]
    assert check["exit-code"] == "1" and result["status"] == 1
    assert "::warning file=reading notes/conf 2024.md,line=3" in result["log"]
    counts = result["steps"]["report"]["outputs"]
    assert counts == {"findings": "2", "errors": "0", "warnings": "2", "info": "0"}
    summary = result["summary"]
    assert summary.startswith("## notelint: 2 findings (2 warnings) in 1 of 1 file")
    assert "| NL201 `trailing-whitespace` | 1 | 1 |  |" in summary
    assert "| reading notes/conf 2024.md |  | 2 |  |" in summary
    # The calling job's PATH and environment are left as they were.
    assert result["path_changes"] == ""


def test_nothing_in_args_is_expanded_by_a_shell(workspace: Path, runner_temp: Path) -> None:
    (workspace / "reading notes" / "$HOME.md").write_text(CLEAN, encoding="utf-8")
    result = run_action(workspace, runner_temp, {"args": "'reading notes/$HOME.md' *.md"})
    # `*.md` reached notelint as it was written (no such file), not as the shell's expansion.
    assert result["steps"]["check"]["outputs"]["exit-code"] == "2"
    assert "*.md: no such file or directory" in result["log"]
    assert "report" not in result["steps"]  # no summary after a usage error


def test_a_clean_run_passes_and_says_so(workspace: Path, runner_temp: Path) -> None:
    result = run_action(
        workspace, runner_temp, {"args": '"reading notes/clean.md"', "summary": "true"}
    )
    assert result["status"] == 0
    assert result["steps"]["report"]["outputs"]["findings"] == "0"
    assert result["summary"] == "## notelint: no findings in 1 file\n"


def test_an_unclosed_quote_in_args_is_a_clear_error(workspace: Path, runner_temp: Path) -> None:
    result = run_action(workspace, runner_temp, {"args": '"reading notes'})
    assert result["steps"]["check"]["outputs"]["exit-code"] == "2"
    assert "cannot read the args input: No closing quotation" in result["log"]

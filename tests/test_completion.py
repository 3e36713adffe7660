"""`notelint completion SHELL`: the script completes what the parser offers, in a real bash."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run_cli

COMPLETE = """
source {script}
t() {{ COMP_WORDS=("$@"); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); COMPREPLY=(); _notelint;
      echo "${{COMPREPLY[*]}}"; }}
t notelint ch
t notelint check --stat
t notelint check --output-format ju
t notelint rule --a
t notelint --show-
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_options_and_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys, "completion", "bash")
    assert run.code == 0
    script = tmp_path / "notelint.bash"
    script.write_text(run.out, encoding="utf-8")
    result = subprocess.run(
        ["bash", "-c", COMPLETE.format(script=script)], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == [
        "check",
        "--statistics",
        "junit junit-strict",
        "--all",
        "--show-files --show-fixes --show-settings",
    ]


def test_zsh_and_fish_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    zsh = run_cli(capsys, "completion", "zsh").out
    assert zsh.startswith("#compdef notelint") and "bashcompinit" in zsh
    fish = run_cli(capsys, "completion", "fish").out
    assert "-l show-settings" in fish and "-xa 'concise" in fish
    assert run_cli(capsys, "completion", "tcsh").code == 2

"""The command line as users meet it: exit codes, output, selection, config errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import PLUGIN, make_project, run_cli

BASE_CONFIG = (
    f'[tool.notelint]\npaths = ["notes"]\nplugins = ["{PLUGIN.as_posix()}"]\nselect = ["NL901"]\n'
)
CLEAN = "# ICCV\n\n* A Good Paper `ICCV` `US`\n\t> A summary.\n"
FIXME = "# ICCV\n\n* A FIXME Paper `ICCV` `US`\n\t> A summary.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return make_project(
        tmp_path,
        f'plugins = ["{PLUGIN.as_posix()}"]\nselect = ["NL901"]',
        {"notes/a.md": CLEAN, "notes/b.md": FIXME},
    )


def test_clean_run_exits_zero_and_says_little(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys, "check", "notes/a.md")
    assert run.code == 0
    assert run.out == "All checks passed (1 file).\n"
    assert run_cli(capsys, "notes/a.md", "--quiet").out == ""


def test_findings_exit_one_with_location_source_and_summary(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys)  # no paths: the config's paths
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == "notes/b.md:3:5: NL901 [fixme-title] title says FIXME"
    assert lines[2] == "3 | * A FIXME Paper `ICCV` `US`"
    assert lines[3] == "  |     ^^^^^"
    assert "fix: replace with TODO" in lines[4]
    assert lines[-1].startswith("Found 1 finding (1 warning) in 1 of 2 files.")
    assert "\x1b[" not in run.out


def test_json_output_is_the_documented_contract(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys, "--output-format", "json")
    [item] = run.json()
    assert {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "name",
        "category",
        "severity",
        "message",
        "fix",
    } <= set(item)
    assert (item["path"], item["line"], item["column"], item["end_column"]) == (
        "notes/b.md",
        3,
        5,
        10,
    )
    assert item["rule"] == "NL901" and item["severity"] == "warning"
    assert item["fix"] == {
        "applicability": "safe",
        "message": "replace with TODO",
        "edits": [
            {"start": {"line": 3, "column": 5}, "end": {"line": 3, "column": 10}, "content": "TODO"}
        ],
    }


def test_ignore_exit_zero_and_statistics(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "--ignore", "fixme-title").code == 0
    assert run_cli(capsys, "--exit-zero").code == 0
    stats = run_cli(capsys, "--statistics")
    assert stats.out.splitlines()[0] == "1  NL901  [*] fixme-title"


def test_colour_only_when_asked(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli(capsys).out
    assert "\x1b[" not in run_cli(capsys, "--no-color").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli(capsys).out


def test_per_file_ignores_and_severity_override(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        BASE_CONFIG + '[tool.notelint.per-file-ignores]\n"notes/b.md" = ["NL9"]\n',
        encoding="utf-8",
    )
    assert run_cli(capsys).code == 0
    (project / "pyproject.toml").write_text(
        BASE_CONFIG + 'severity = { NL901 = "info" }\n',
        encoding="utf-8",
    )
    run = run_cli(capsys, "--output-format", "json")
    assert run.json()[0]["severity"] == "info"
    assert run.code == 0  # info findings are reported but do not fail the run (fail-on)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("selct = []", "unknown key 'selct'"),
        ('select = ["NL999"]', "unknown rule selector 'NL999'"),
        ('fail-on = "fatal"', "'fail-on'"),
        ("paths = [", "invalid TOML"),
        ('output-format = "xml"', "must be one of"),
    ],
)
def test_config_errors_exit_two_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    config: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notelint.toml").write_text(config + "\n", encoding="utf-8")
    run = run_cli(capsys, "check", ".")
    assert run.code == 2
    assert message in run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
    assert "notelint.toml" in run.err


def test_usage_errors_exit_two(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "check", "missing.md").code == 2
    assert run_cli(capsys, "--select", "NL999").code == 2
    assert run_cli(capsys, "--no-such-flag").code == 2
    assert run_cli(capsys, "rule", "NL999").code == 2


def test_bad_files_get_a_finding_and_the_run_continues(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "notes" / "latin1.md").write_bytes(b"# caf\xe9\n")
    (project / "notes" / "image.md").write_bytes(b"\x89PNG\x00\x00")
    (project / "notes" / "empty.md").write_bytes(b"")
    run = run_cli(capsys, "--output-format", "json")
    by_path = {(f["path"], f["rule"]) for f in run.json()}
    assert ("notes/latin1.md", "NL000") in by_path
    assert ("notes/image.md", "NL000") in by_path
    assert ("notes/b.md", "NL901") in by_path
    assert run.code == 1 and "Traceback" not in run.err


def test_gitignore_and_excludes_are_respected(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (project / "notes" / "drafts").mkdir()
    (project / "notes" / "drafts" / "x.md").write_text(FIXME, encoding="utf-8")
    (project / "notes" / "skip.md").write_text(FIXME, encoding="utf-8")
    (project / "pyproject.toml").write_text(
        (project / "pyproject.toml").read_text() + 'extend-exclude = ["notes/skip.md"]\n',
        encoding="utf-8",
    )
    paths = {f["path"] for f in run_cli(capsys, "--output-format", "json").json()}
    assert paths == {"notes/b.md"}
    # Named explicitly, an excluded file is checked unless --force-exclude (pre-commit's case).
    assert run_cli(capsys, "notes/skip.md").code == 1
    assert run_cli(capsys, "--force-exclude", "notes/skip.md").code == 0


def test_rule_and_rules_commands(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "rule", "fixme-title")
    assert run.code == 0
    assert "# fixme-title (NL901)" in run.out and "## Example" in run.out
    table = run_cli(capsys, "rules").out
    assert "NL901  fixme-title" in table
    assert "NL001  invalid-suppression" in table


def test_export_prints_the_model_as_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "export", "notes/b.md")
    [document] = run.json()
    entry = document["sections"][0]["entries"][0]
    assert entry["title"] == "A FIXME Paper"
    assert [t["text"] for t in entry["tags"]] == ["ICCV", "US"]
    assert entry["tags"][0]["span"]["start_line"] == 3
    schema = run_cli(capsys, "export", "--schema").json()
    assert schema["title"] == "Document"


def test_module_entry_point(project: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "notelint", "notes/a.md"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr


def test_the_console_script_flushes_everything_before_it_exits(project: Path) -> None:
    # ``notelint.cli:run`` ends with os._exit (no interpreter teardown): all output, well
    # past a pipe's buffer, must still arrive, and the exit code must be main()'s.
    import subprocess
    import sys

    many = "# ICCV\n\n" + "".join(
        f"* A FIXME Paper {n} `ICCV` `US`\n\t> A summary.\n\n" for n in range(3000)
    )
    (project / "notes" / "b.md").write_text(many)
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "notelint", "check", "--no-cache", "notes"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count(": NL901 [fixme-title]") == 3000
    assert len(result.stdout) > 200_000
    assert result.stdout.rstrip().endswith("3000 fixable with `notelint --fix`.")
    written = subprocess.run(
        [*command, "--output-format", "json", "--output-file", "out.json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert written.returncode == 1, written.stderr
    import json

    assert len(json.loads((project / "out.json").read_text())) == 3000
    clean = subprocess.run([*command[:-1], "notes/a.md"], capture_output=True, env=env)
    assert clean.returncode == 0

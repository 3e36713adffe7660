"""The options a ruff user reaches for (issue 17), as such a user runs them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import make_project, run_cli

# Trailing whitespace (NL201, safe fix) and a typo (NL501, unsafe fix).
NOTES = "# ICCV\n\n* A Paper `ICCV`   \n  > We recieve the inputs.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_project(
        tmp_path, 'select = ["NL201", "NL501"]', {"notes/a.md": NOTES, "notes/old/b.md": NOTES}
    )


def codes(out: str) -> set[str]:
    return {word for word in out.split() if word.startswith("NL") and word[2:].isdigit()}


def test_extend_ignore_adds_to_ignore(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "check", "--output-format", "concise", "--extend-ignore", "NL501")
    assert codes(run.out) == {"NL201"}


def test_exclude_and_extend_exclude(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "check", "--output-format", "concise", "--extend-exclude", "old/")
    assert "old/b.md" not in run.out and "a.md" in run.out
    run = run_cli(capsys, "check", "--output-format", "concise", "--exclude", "a.md")
    assert "notes/a.md" not in run.out and "old/b.md" in run.out


def test_fixable_and_unfixable(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "check", "--fix", "--unsafe-fixes", "--unfixable", "NL501", "notes/a.md")
    text = (project / "notes/a.md").read_text(encoding="utf-8")
    assert "recieve" in text and "`ICCV`\n" in text
    run_cli(capsys, "check", "--fix", "--unsafe-fixes", "--fixable", "spelling", "notes/old/b.md")
    text = (project / "notes/old/b.md").read_text(encoding="utf-8")
    assert "receive" in text and "`ICCV`   \n" in text
    bad = run_cli(capsys, "check", "--fix", "--fixable", "NL9999")
    assert bad.code == 2 and "--fixable: unknown rule selector 'NL9999'" in bad.err


def test_inline_config_overrides(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "check", "--output-format", "concise", "--config", 'ignore = ["NL201"]')
    assert codes(run.out) == {"NL501"}
    bad = run_cli(capsys, "check", "--config", "select = [")
    assert bad.code == 2 and "not a config file and not a KEY = VALUE setting" in bad.err
    typo = run_cli(capsys, "check", "--config", "selct = []")
    assert typo.code == 2 and "unknown key 'selct'" in typo.err


def test_isolated_ignores_configuration(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "check", "--isolated", "--output-format", "concise", "notes")
    assert len(codes(run.out)) > 2  # every default rule, not the project's two


def test_silent_and_verbose(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    silent = run_cli(capsys, "check", "--silent")
    assert silent.code == 1 and silent.out == ""
    verbose = run_cli(capsys, "check", "--verbose")
    assert "configuration: " in verbose.err and "2 file(s) to check" in verbose.err


def test_show_settings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "check", "--show-settings")
    assert run.code == 0
    assert f"Configuration file: {project / 'pyproject.toml'}" in run.out
    assert "NL201 trailing-whitespace" in run.out and "NL301" not in run.out
    assert "built-in: venues.toml" in run.out


def test_show_files_says_why_others_are_left_out(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys, "check", "--show-files", "--extend-exclude", "old/")
    assert run.code == 0
    assert run.out.splitlines()[0] == "notes/a.md"
    assert "notes/old/  (extend-exclude pattern 'old/')" in run.out


def test_statistics_as_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "check", "--statistics", "--output-format", "json")
    assert run.json() == [
        {"code": "NL201", "name": "trailing-whitespace", "count": 2, "fixable": 2},
        {"code": "NL501", "name": "misspelled-word", "count": 2, "fixable": 0},
    ]
    other = run_cli(capsys, "check", "--statistics", "--output-format", "sarif")
    assert other.code == 2 and "--statistics" in other.err


def test_rule_all(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "rule", "--all")
    assert run.code == 0 and "# trailing-whitespace (NL201)" in run.out
    assert "# misspelled-word (NL501)" in run.out
    listed = run_cli(capsys, "rule", "--all", "--output-format", "json").json()
    assert len(listed) > 30 and listed[0]["code"] < listed[-1]["code"]
    assert run_cli(capsys, "rule").code == 2
    typo = run_cli(capsys, "rule", "NL2O1")
    assert typo.code == 2 and "did you mean" in typo.err


def test_option_abbreviations_are_not_accepted(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys, "check", "--stat")
    assert run.code == 2 and "unrecognized arguments: --stat" in run.err
    assert run_cli(capsys, "rule", "--al").code == 2


def test_add_suppressions_silences_todays_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = NOTES + "\n```\nrecieve in code\n```\n"
    (project / "notes/a.md").write_text(text, encoding="utf-8")
    run = run_cli(capsys, "check", "--add-suppressions", "notes/a.md")
    assert run.code == 1  # the trailing whitespace cannot be silenced on its line
    assert "Added 1 suppression directive(s) in 1 file" in run.out
    assert "notes/a.md:3:17: NL201 not silenced" in run.err and "--fix` repairs it" in run.err
    written = (project / "notes/a.md").read_text(encoding="utf-8")
    assert written == text.replace(
        "the inputs.", "the inputs. <!-- notelint-disable-line NL501 -- TODO: why -->"
    )
    after = run_cli(capsys, "check", "--output-format", "concise", "notes/a.md")
    assert codes(after.out) == {"NL201"}
    again = run_cli(capsys, "check", "--add-suppressions", "notes/a.md")
    assert "Added 0 suppression directive(s)" in again.out


def test_every_concise_line_names_its_severity_where_compilers_do() -> None:
    """Editors read ``file:line:col: severity: message`` (vim's %t, VS Code's problem matchers)."""
    snapshot = Path(__file__).resolve().parent / "snapshots" / "user-notes.concise.txt"
    lines = [line for line in snapshot.read_text(encoding="utf-8").splitlines() if ".md:" in line]
    shape = re.compile(r"^[^:]+\.md:\d+:\d+: (error|warning|info): NL\d{3} (\[\*\] )?\S")
    assert lines and all(shape.match(line) for line in lines)
    assert {shape.match(line).group(1) for line in lines} >= {"warning", "info"}  # type: ignore[union-attr]

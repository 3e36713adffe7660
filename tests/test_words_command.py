"""`notelint words add` and `notelint words learn` as a team adopting notelint uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_project, run_cli

NOTES = "# ICCV\n\n* Tireline Networks `ICCV`\n\t> Tireline models quuxify the baseline.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    return make_project(tmp_path, 'select = ["NL501"]', {"notes/a.md": NOTES})


def test_add_sorts_and_deduplicates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "words", "add", "tireline", "quuxify", "tireline")
    assert run.code == 0 and "Added 2 words" in run.out
    text = (project / "rules" / "words.txt").read_text(encoding="utf-8")
    words = [w for w in text.splitlines() if w and not w.startswith("#")]
    assert words == ["quuxify", "tireline"]
    assert run_cli(capsys, "check").code == 0


def test_learn_lists_then_writes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "check").code == 1
    listed = run_cli(capsys, "words", "learn")
    assert listed.code == 1
    assert [line.split("\t")[0] for line in listed.out.splitlines()] == ["quuxify", "Tireline"]
    assert run_cli(capsys, "words", "learn", "--write").code == 0
    assert run_cli(capsys, "check").code == 0
    assert run_cli(capsys, "words", "learn").out == ""

"""A per-file-ignores, extend-exclude or prose-files pattern that matches no file is said, once
per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", "--no-cache", *argv])
    return code, capsys.readouterr().err


def test_patterns_that_match_nothing_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "notes" / "a.md").write_text("* T `US`\n  > S.\n", encoding="utf-8")
    (tmp_path / "drafts" / "b.md").write_text("* T `US`\n  > S.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.notelint]\n"
        'extend-exclude = ["drafts/", "draft/"]\n'
        'per-file-ignores = { "notes/*.md" = ["NL5"], "README.md" = ["NL102"] }\n'
        'prose-files = ["notes/a.md", "docs/"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, err = _run(capsys)
    assert code == 0
    assert "extend-exclude pattern 'draft/' matches no file" in err
    assert "per-file-ignores pattern 'README.md' matches no file" in err
    assert "prose-files pattern 'docs/' matches no file" in err
    assert "'drafts/'" not in err and "'notes/*.md'" not in err and "'notes/a.md'" not in err
    assert err.count("matches no file") == 3

"""``stats`` and ``report`` read years from papers an online run looked up, from the cache only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import make_project, run_cli

from .scholar import FakeScholar, online_config

TITLE = "Sparse Voxel Fields for Fast Novel View Synthesis"
NOTES = {
    # The heading gives no year and the file name says 2025; DBLP says the paper is from 2024.
    "notes/conf_2025.md": f"# Vision\n\n* {TITLE} `ECCV`\n  > Voxels.\n\n"
    "* Another Paper Nobody Looked Up `ECCV`\n  > Not in the cache.\n",
}


def _toml(table: dict[str, Any], prefix: str) -> str:
    lines = [f"[{prefix}]"]
    tables = []
    for key, value in table.items():
        if isinstance(value, dict):
            tables.append(_toml(value, f"{prefix}.{key}"))
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join([*lines, *tables]) + "\n"


@pytest.fixture
def project(
    fake: FakeScholar, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    fake.on("dblp", TITLE, "dblp/eccv_single_author.json")
    config = online_config(fake, tmp_path)
    del config["enabled"]  # on only where --online says so
    make_project(tmp_path, _toml(config, "tool.notelint.online"), NOTES)
    monkeypatch.chdir(tmp_path)
    return tmp_path, Path(config["cache-path"])


def _years(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    run = run_cli(capsys, "stats", "--by", "year", "--format", "json")
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


def test_a_cached_record_gives_the_year_and_nothing_is_sent(
    project: tuple[Path, Path], fake: FakeScholar, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "check", "--online")
    asked = fake.count()
    assert asked > 0
    data = _years(capsys)
    assert fake.count() == asked  # stats only read the cache
    assert data["year_sources"] == {"online": 1, "file": 1}
    by_year = {row["values"][0]: row for row in data["rows"]}
    assert by_year[2024]["year_from"] == {"online": 1}  # better than the file's 2025
    assert by_year[2025]["year_from"] == {"file": 1}


def test_without_a_cache_file_stats_creates_none(
    project: tuple[Path, Path], fake: FakeScholar, capsys: pytest.CaptureFixture[str]
) -> None:
    _, cache = project
    data = _years(capsys)
    assert data["year_sources"] == {"file": 2}
    assert not cache.exists() and fake.count() == 0


def test_the_report_counts_the_cached_year(
    project: tuple[Path, Path], fake: FakeScholar, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = project
    run_cli(capsys, "check", "--online")
    asked = fake.count()
    run = run_cli(capsys, "report", "--no-history", "-o", "report.html")
    assert run.code in (0, 1), run.err
    page = (root / "report.html").read_text(encoding="utf-8")
    assert "2024" in page
    assert fake.count() == asked

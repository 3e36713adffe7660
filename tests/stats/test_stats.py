"""``notelint stats``: counts a user can check against ``export``, in every format."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import run_cli
from tests.stats.notes import write_notes


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(write_notes(tmp_path))
    return tmp_path


def stats_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    run = run_cli(capsys, "stats", "--format", "json", *args)
    assert run.code == 0, run.err
    data: dict[str, object] = json.loads(run.out)
    return data


def rows(data: dict[str, object]) -> dict[tuple[object, ...], int]:
    return {tuple(r["values"]): r["entries"] for r in data["rows"]}  # type: ignore[attr-defined]


def test_organisation_counts_equal_what_export_resolves(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = run_cli(capsys, "export")
    expected: Counter[str] = Counter()
    for document in json.loads(exported.out):
        for section in document["sections"]:
            for entry in section["entries"]:
                found = {
                    tag["resolved"]["canonical"]
                    for tag in entry["tags"]
                    if tag["resolved"] and tag["resolved"]["category"] == "organisation"
                }
                expected.update(found)
    data = stats_json(capsys, "--by", "organisation")
    assert rows(data) == {(name,): n for name, n in expected.items()}
    assert data["entries"] == 7 and data["files"] == 3


def test_countries_are_implied_by_organisations_and_counted_once_an_entry(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Segment Anything: Meta (US) and `US` written; Scaling Laws: Google (US), DeepMind (GB).
    counted = rows(stats_json(capsys, "--by", "country"))
    assert counted[("US",)] == 6 and counted[("GB",)] == 2 and counted[("FR",)] == 1


def test_years_say_where_they_came_from(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = stats_json(capsys, "--by", "year")
    assert data["year_sources"] == {"file": 4, "heading": 1, "none": 1, "tag": 1}
    by_year = {r["values"][0]: r for r in data["rows"]}  # type: ignore[attr-defined,index]
    assert by_year[2022]["year_from"] == {"tag": 1}  # `NeurIPS2022` beats conf_2025.md
    assert by_year[2023]["year_from"] == {"heading": 1}  # "# ICLR 2023"
    assert by_year[2025]["year_from"] == {"file": 2}
    assert by_year[None]["entries"] == 1  # the reading list's entry has no year


def test_a_cross_table_of_venue_and_year(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = stats_json(capsys, "--by", "venue", "--by", "year")
    assert rows(data) == {
        ("CVPR", 2024): 2,  # the heading names the venue
        ("ICML", 2025): 2,
        ("ICLR", 2023): 1,
        ("NeurIPS", 2022): 1,
        (None, None): 1,
    }
    table = run_cli(capsys, "stats", "--by", "venue", "--by", "year", "--no-color").out
    header, cvpr = table.splitlines()[0].split(), table.splitlines()[1].split()
    assert header == ["venue", "\\", "year", "2022", "2023", "2024", "2025", "(none)", "total"]
    assert cvpr == ["CVPR", "·", "·", "2", "·", "·", "2"]


def test_since_until_and_top(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = stats_json(capsys, "--by", "year", "--since", "2024", "--until", "2024")
    assert rows(data) == {(2024,): 2} and data["entries"] == 2
    assert data["without_year"] == 1  # the reading list's entry: counted, not hidden
    table = run_cli(capsys, "stats", "--by", "year", "--since", "2024").out
    assert "1 entry with no year left out by --since/--until" in table
    assert stats_json(capsys, "--by", "year")["without_year"] == 0  # no filter, none left out
    top = stats_json(capsys, "--by", "organisation", "--top", "1")
    assert rows(top) == {("Google",): 3} and top["left_out"] == 6


def test_the_json_matches_its_published_schema(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.loads(run_cli(capsys, "stats", "--schema").out)
    for by in (["venue"], ["year"], ["venue", "year"], ["organisation", "country"]):
        args = [a for field in by for a in ("--by", field)]
        jsonschema.validate(stats_json(capsys, *args), schema)


def test_csv_and_markdown(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(capsys, "stats", "--by", "venue", "--by", "year", "--format", "csv").out
    parsed = list(csv.reader(io.StringIO(out)))
    assert parsed[0] == ["venue", "year", "entries"]
    assert ["CVPR", "2024", "2"] in parsed and ["", "", "1"] in parsed
    markdown = run_cli(capsys, "stats", "--by", "venue", "--format", "markdown").out
    assert "| venue | entries |" in markdown and "| CVPR | 2 |" in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour"], "--by colour: not a field; use one of venue, year"),
        (["--by", "venue", "--by", "year", "--by", "tag"], "at most two fields"),
        (["--top", "0"], "--top: a whole number of at least 1"),
    ],
)
def test_bad_options_are_usage_errors(
    notes: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    run = run_cli(capsys, "stats", *args)
    assert run.code == 2 and message in run.err

"""What a user sees when a note holds control characters, and when they mistype a name: every
report printable and well-formed, every mistake named where it was made, with a suggestion."""

from __future__ import annotations

import re
import xml.dom.minidom
from pathlib import Path

import pytest

from notelint.config.settings import OUTPUT_FORMATS
from tests.helpers import run_cli

FORMATS = OUTPUT_FORMATS
# ESC (a colour sequence), BEL and a C1 CSI, in a title, a tag and a summary.
NOTES = "# ICCV\n\n* A Ti\x1b[31mtle `ICCV` `Go\x1bgle`\n\t> ok\x07 fine \x9b2J here.\n"
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "n.md").write_text(NOTES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "n.md"


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_report_prints_a_control_character(
    notes: Path, output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys, "check", "--no-cache", "--output-format", output_format, "n.md")
    assert run.code == 1, run.err
    assert not _RAW_CONTROL.search(run.out), repr(run.out[:400])
    if output_format == "junit":
        xml.dom.minidom.parseString(run.out)  # well-formed: CI can read it


def test_the_text_report_shows_them_and_the_carets_still_line_up(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run_cli(capsys, "check", "--no-cache", "--select", "NL301", "n.md").out
    line = next(text for text in out.splitlines() if text.startswith("3 | "))
    carets = next(text for text in out.splitlines() if "^" in text)
    assert line == "3 | * A Ti\u241b[31mtle `ICCV` `Go\u241bgle`"
    assert line.index("`Go") == carets.index("^")


def test_invisible_character_reports_them_and_fix_removes_them(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(
        capsys, "check", "--no-cache", "--select", "NL205", "--output-format", "concise", "n.md"
    )
    assert "n.md:3:7: warning: NL205 [*] control character U+001B" in run.out
    assert "n.md:4:6: warning: NL205 [*] control character U+0007" in run.out
    assert "n.md:4:13: warning: NL205 [*] control character U+009B" in run.out
    fixed = run_cli(capsys, "check", "--no-cache", "--select", "NL205", "--fix", "n.md")
    assert "fix refused" not in fixed.err
    assert notes.read_text(encoding="utf-8") == (
        "# ICCV\n\n* A Ti[31mtle `ICCV` `Gogle`\n\t> ok fine 2J here.\n"
    )


def test_a_mistyped_command_is_not_taken_for_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    run = run_cli(capsys, "chekc", "notes/")
    assert run.code == 2
    assert run.err == "notelint: error: unknown command 'chekc'; did you mean 'check'?" + (
        " (`notelint --help` lists them)\n"
    )
    # A file that happens to be named like a command is checked, as before.
    (tmp_path / "chekc").write_text("# ICCV\n\n* A Title `ICCV`\n\t> Fine.\n", encoding="utf-8")
    assert run_cli(capsys, "chekc").code == 0


def test_a_selector_is_blamed_on_where_it_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.notelint]\nignore = ["tag-alais"]\n', encoding="utf-8"
    )
    (tmp_path / "n.md").write_text("# ICCV\n\n* A Title `ICCV`\n\t> Fine.\n", encoding="utf-8")
    from_file = run_cli(capsys, "check", "n.md")
    assert from_file.code == 2
    assert "pyproject.toml: unknown rule selector 'tag-alais'; did you mean 'tag-alias'?" in (
        from_file.err
    )
    (tmp_path / "pyproject.toml").write_text("[tool.notelint]\n", encoding="utf-8")
    for option in ("--select", "--extend-select", "--ignore"):
        run = run_cli(capsys, "check", option, "NL999", "n.md")
        assert run.code == 2
        assert run.err.startswith(f"notelint: error: {option}: unknown rule selector 'NL999'")
        assert "pyproject.toml" not in run.err


def test_rule_tables_and_options_suggest_the_name_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "n.md").write_text("# ICCV\n\n* A Title `ICCV`\n\t> Fine.\n", encoding="utf-8")
    cases = {
        "[tool.notelint.rules.NL308]\nordr = []\n": (
            "[rules.NL308] has no option 'ordr'; did you mean 'order'? (allowed: order)"
        ),
        "[tool.notelint.rules.tag-ordr]\norder = []\n": (
            "[rules.tag-ordr] names no known rule; did you mean 'tag-order'?"
        ),
        "[tool.notelint.rules.NL999]\norder = []\n": "[rules.NL999] names no known rule\n",
    }
    for config, message in cases.items():
        (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
        run = run_cli(capsys, "check", "n.md")
        assert run.code == 2 and message in run.err, run.err


def test_clean_removes_only_a_cache_notelint_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "n.md").write_text("# ICCV\n\n* A Title `ICCV`\n\t> Fine.\n", encoding="utf-8")
    assert run_cli(capsys, "check", "n.md").code == 0
    assert (tmp_path / ".notelint_cache" / "CACHEDIR.TAG").is_file()
    run = run_cli(capsys, "clean")
    assert run.code == 0 and run.out.startswith("Removed ") and "notelint_cache" in run.out
    assert not (tmp_path / ".notelint_cache").exists()
    assert run_cli(capsys, "clean").out.startswith("No cache to remove")
    # A cache-dir pointing at someone else's folder is refused, and the folder kept.
    (tmp_path / "pyproject.toml").write_text('[tool.notelint]\ncache-dir = "."\n', "utf-8")
    refused = run_cli(capsys, "clean")
    assert refused.code == 2 and "not a notelint cache folder; left as it is" in refused.err
    assert (tmp_path / "n.md").is_file()


def test_version_is_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    from notelint import __version__

    run = run_cli(capsys, "version")
    assert (run.code, run.out) == (0, f"notelint {__version__}\n")


def test_statistics_mark_only_what_fix_repairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    # `Gogle` has only an unsafe fix (unknown-tag); the trailing space a safe one.
    (tmp_path / "n.md").write_text("# ICCV\n\n* A Title `ICCV` `Gogle` \n\t> Fine.\n", "utf-8")
    out = run_cli(capsys, "check", "--no-cache", "--statistics", "n.md").out
    assert "NL301  [ ] unknown-tag" in out and "NL201  [*] trailing-whitespace" in out

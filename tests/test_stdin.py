"""``notelint check --stdin-filename PATH -``: what an editor piping its buffer sees.

Real processes with real pipes: the text goes in on standard input, the fixed text comes back on
standard output, the report on the stream the convention gives it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import make_project

MESSY = "# Vision\n\n* Sparse  Voxel Fields `ECCV` \n  > Voxels.\n"
TIDY = "# Vision\n\n* Sparse Voxel Fields `ECCV`\n  > Voxels.\n"


def notelint(cwd: Path, stdin: bytes | str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NOTELINT_CACHE_HOME": str(cwd / ".user-cache"), "NO_COLOR": "1"}
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "notelint", "check", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, "", {"notes/kept.md": TIDY})


def test_the_report_names_the_stdin_filename(project: Path) -> None:
    run = notelint(project, MESSY, "--stdin-filename", "notes/new.md", "-")
    assert run.returncode == 1
    out = run.stdout.decode()
    assert "notes/new.md:3:9: NL203" in out and "notes/new.md:3:30: NL201" in out
    assert not (project / "notes/new.md").exists()  # nothing is written


def test_fix_prints_the_fixed_text_and_reports_on_stderr(project: Path) -> None:
    run = notelint(project, MESSY, "--fix", "--stdin-filename", "notes/kept.md", "-")
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode() == TIDY
    assert "Fixed 2 findings" in run.stderr.decode()
    assert (project / "notes/kept.md").read_text() == TIDY  # the file on disk is not touched


def test_fix_with_findings_left_prints_the_text_and_exits_1(project: Path) -> None:
    text = "# Vision\n\n* Sparse  Voxel Fields `ECCV`\n\n* Sparse Voxel Fields `ECCV`\n"
    run = notelint(project, text, "--fix", "--stdin-filename", "notes/x.md", "-")
    assert run.returncode == 1
    assert run.stdout.decode().startswith("# Vision\n\n* Sparse Voxel Fields `ECCV`\n")
    assert "notes/x.md:" in run.stderr.decode()


def test_fix_keeps_crlf_and_the_bom(project: Path) -> None:
    data = b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode()
    run = notelint(project, data, "--fix", "--stdin-filename", "notes/x.md", "-")
    assert run.stdout == b"\xef\xbb\xbf" + TIDY.replace("\n", "\r\n").encode()


def test_text_that_is_not_utf8_comes_back_byte_for_byte(project: Path) -> None:
    data = b"# Vision\n\n* Caf\xe9 Paper `ECCV`\n"
    run = notelint(project, data, "--fix", "--stdin-filename", "notes/x.md", "-")
    assert run.stdout == data
    assert run.returncode == 1
    assert "not valid UTF-8" in run.stderr.decode()
    assert b"Traceback" not in run.stderr


def test_fix_only_prints_the_text_and_no_report(project: Path) -> None:
    text = "# Vision\n\n* Sparse  Voxel Fields `ECCV`\n\n* Sparse Voxel Fields `ECCV`\n"
    run = notelint(project, text, "--fix-only", "--stdin-filename", "notes/x.md", "-")
    assert run.returncode == 0
    assert "NL" not in run.stderr.decode()
    assert run.stdout.decode().count("* Sparse Voxel Fields") == 2


def test_diff_prints_a_diff(project: Path) -> None:
    run = notelint(project, MESSY, "--diff", "--stdin-filename", "notes/x.md", "-")
    assert run.returncode == 1
    out = run.stdout.decode()
    assert "--- a/notes/x.md" in out and "+* Sparse Voxel Fields `ECCV`" in out


def test_per_file_ignores_and_config_follow_the_stdin_filename(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    make_project(
        tmp_path / "repo",
        '[tool.notelint.per-file-ignores]\n"drafts/*" = ["NL203"]\n',
        {"drafts/.keep": ""},
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Run from another folder: the configuration is found from the file's folder up.
    run = notelint(elsewhere, MESSY, "--stdin-filename", str(tmp_path / "repo/drafts/a.md"))
    out = run.stdout.decode()
    assert "NL201" in out and "NL203" not in out


def test_force_exclude_skips_an_excluded_path_and_echoes_it(tmp_path: Path) -> None:
    make_project(tmp_path, 'extend-exclude = ["archive/"]\n', {"archive/.keep": ""})
    run = notelint(
        tmp_path, MESSY, "--fix", "--force-exclude", "--stdin-filename", "archive/old.md", "-"
    )
    assert run.returncode == 0
    assert run.stdout.decode() == MESSY


def test_dash_alone_reads_stdin_and_is_never_replayed(project: Path) -> None:
    first = notelint(project, MESSY, "-")
    second = notelint(project, TIDY, "-")
    assert first.returncode == 1 and "-:3:9: NL203" in first.stdout.decode()
    assert second.returncode == 0  # the same command line, other text: a real run


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["notes", "-"], "not with paths (notes)"),
        (["--add-suppressions", "-"], "--add-suppressions works on files"),
    ],
)
def test_options_that_need_files_are_refused_clearly(
    project: Path, args: list[str], message: str
) -> None:
    run = notelint(project, MESSY, *args)
    assert run.returncode == 2
    assert message in run.stderr.decode() and b"Traceback" not in run.stderr

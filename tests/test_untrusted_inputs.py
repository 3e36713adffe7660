"""What a cloned repository, or a careless configuration, can make notelint do, and what it
never does: special files, symlinks that leave the project, oversized files, plugins outside
the project, plugin helpers and data files that change, configuration that used to crash."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from notelint.store import atomic
from notelint.store.atomic import AtomicWriteError, write_atomic
from tests.helpers import make_project, run_cli

GOOD = "# Vision\n\n* A Paper Title `ICCV`\n\t> A summary.\n"
FIXABLE = "# Vision\n\n* A Paper Title `ICCV`   \n\t> A summary.\n"


def _cli(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notelint", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


# -- special and oversized files --------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_never_blocks_the_run(tmp_path: Path) -> None:
    root = make_project(tmp_path, notes={"notes/a.md": GOOD})
    os.mkfifo(root / "notes" / "pipe.md")
    started = time.monotonic()
    result = _cli(root, "check", "--no-cache", "notes")
    assert time.monotonic() - started < 20
    assert result.returncode == 1, result.stderr
    assert "notes/pipe.md:1:1: NL000" in result.stdout
    assert "not a regular file (a named pipe)" in result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    root = make_project(tmp_path, notes={"notes/a.md": GOOD})
    (root / "notes" / "zero.md").symlink_to("/dev/zero")
    started = time.monotonic()
    result = _cli(root, "check", "--no-cache", "--fix", "notes")
    assert time.monotonic() - started < 20
    assert "notes/zero.md:1:1: NL000" in result.stdout
    assert "character device" in result.stdout
    assert "Traceback" not in result.stderr


def test_an_oversized_file_is_a_clear_finding(tmp_path: Path) -> None:
    root = make_project(tmp_path, notes={"notes/a.md": GOOD})
    (root / "notes" / "big.md").write_bytes(b"* A Title `ICCV`\n" * 300_000)  # 5.1 MB
    result = _cli(root, "check", "--no-cache", "notes")
    assert result.returncode == 1
    assert "notes/big.md:1:1: NL000" in result.stdout
    assert "larger than the 4 MB limit" in result.stdout


# -- writes stay inside the project ---------------------------------------------------------


def test_a_symlink_leaving_the_project_is_linted_but_never_written(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "personal.md"
    outside.parent.mkdir()
    outside.write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "repo").mkdir()
    other = GOOD.replace("A Paper Title", "Another Paper")
    root = make_project(tmp_path / "repo", notes={"notes/a.md": other})
    (root / "notes" / "x.md").symlink_to(outside)
    result = _cli(root, "check", "--no-cache", "--fix", "notes")
    assert outside.read_text(encoding="utf-8") == FIXABLE
    assert "outside the project; notelint does not write there" in result.stderr
    assert "NOTELINT_ALLOW_WRITES_OUTSIDE_ROOT=1" in result.stderr
    assert result.returncode == 1
    # The user may allow it, from their environment (a repository cannot).
    allowed = _cli(
        root,
        "check",
        "--no-cache",
        "--fix",
        "notes",
        env={"NOTELINT_ALLOW_WRITES_OUTSIDE_ROOT": "1"},
    )
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert outside.read_text(encoding="utf-8") == GOOD
    assert (root / "notes" / "x.md").is_symlink()


def test_a_symlink_inside_the_project_is_written_through(tmp_path: Path) -> None:
    root = make_project(tmp_path, notes={"notes/real/a.md": FIXABLE})
    (root / "notes" / "link.md").symlink_to(root / "notes" / "real" / "a.md")
    result = _cli(root, "check", "--no-cache", "--fix", "notes/link.md")
    assert result.returncode == 0, result.stderr
    assert (root / "notes" / "real" / "a.md").read_text(encoding="utf-8") == GOOD


def test_an_edit_during_the_sync_is_never_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("old\n", encoding="utf-8")
    real_fsync = os.fsync

    def editor_saves_meanwhile(fd: int) -> None:
        real_fsync(fd)
        target.write_text("the user's edit\n", encoding="utf-8")

    monkeypatch.setattr(atomic.os, "fsync", editor_saves_meanwhile)
    with pytest.raises(AtomicWriteError, match="changed on disk"):
        write_atomic(target, b"fixed\n", expected=b"old\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "the user's edit\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_racing_edits_are_kept_or_refused(tmp_path: Path) -> None:
    """An editor saving in a loop while fixes are written: every write either lands whole or is
    refused, nothing but AtomicWriteError is raised, no temporary file is left, and the file
    always holds an editor's save, with or without the fix after it."""
    target = tmp_path / "a.md"
    target.write_text("v0\n", encoding="utf-8")
    stop = threading.Event()
    saved: list[str] = ["v0\n", ""]  # "" : read between an editor's truncate and its write

    def editor() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            text = f"v{n}\n"
            saved.append(text)
            target.write_text(text, encoding="utf-8")

    thread = threading.Thread(target=editor)
    thread.start()
    try:
        for _ in range(150):
            before = target.read_bytes()
            with contextlib.suppress(AtomicWriteError):
                write_atomic(target, before + b"fixed\n", expected=before)
    finally:
        stop.set()
        thread.join()
    final = target.read_text(encoding="utf-8")
    assert final.removesuffix("fixed\n") in set(saved)
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_save_inside_the_rename_window_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor saves into the file after the last comparison and before the rename: the
    fix is refused and the editor's text is what the file holds."""
    target = tmp_path / "a.md"
    target.write_text("v1\n", encoding="utf-8")
    real_replace = os.replace

    def replace_after_a_save(src: str, dst: object) -> None:
        with open(target, "r+b") as handle:  # the editor writes in place, as many do
            handle.truncate(0)
            handle.write(b"v2 from the editor\n")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", replace_after_a_save)
    with pytest.raises(AtomicWriteError, match="changed on disk"):
        write_atomic(target, b"v1\nfixed\n", expected=b"v1\n")
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert target.read_text(encoding="utf-8") == "v2 from the editor\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


# -- plugins ---------------------------------------------------------------------------------

PLUGIN_DOC = '''"""A title holding the word the helper module names.

## What it does
Flags entries whose title holds a word listed by a helper module and a data file.

## Why is this bad?
The group does not use those words.

## Example
```markdown
* Alpha title `US`
        > Summary.
```

## Use instead
```markdown
* Other title `US`
        > Summary.
```

## Fix safety
No fix.
"""
'''

PLUGIN_CODE = """
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
import banned_helper  # noqa: E402

from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.model.document import Entry, Section
from notelint.rules.base import CheckContext, Rule


class BannedWord(Rule):
    code = "NL902"
    name = "banned-word"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.NONE

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        data = Path(__file__).with_name("banned.txt").read_text(encoding="utf-8").split()
        words = {banned_helper.WORD, *data}
        if entry.title_span is not None and words & set(entry.title.split()):
            yield self.finding(ctx, entry.title_span, "a banned word")
"""


def _plugin_project(root: Path) -> Path:
    make_project(
        root,
        'plugins = ["local/banned.py"]\ncache-key-files = ["local/*.txt"]\n',
        {"notes/a.md": "* Alpha Beta Gamma `ICCV`\n\t> A summary.\n"},
    )
    (root / "local").mkdir()
    (root / "local" / "banned.py").write_text(PLUGIN_DOC + PLUGIN_CODE, encoding="utf-8")
    (root / "local" / "banned_helper.py").write_text('WORD = "Alpha"\n', encoding="utf-8")
    (root / "local" / "banned.txt").write_text("", encoding="utf-8")
    return root


def test_a_change_to_a_plugins_helper_module_invalidates_cached_results(tmp_path: Path) -> None:
    root = _plugin_project(tmp_path)
    first = _cli(root, "check", "notes")
    assert "NL902" in first.stdout, first.stdout + first.stderr
    assert "NL902" in _cli(root, "check", "notes").stdout  # cached, still right
    (root / "local" / "banned_helper.py").write_text('WORD = "Delta"\n', encoding="utf-8")
    assert "NL902" not in _cli(root, "check", "notes").stdout


def test_a_change_to_a_cache_key_file_invalidates_cached_results(tmp_path: Path) -> None:
    root = _plugin_project(tmp_path)
    (root / "local" / "banned_helper.py").write_text('WORD = "Delta"\n', encoding="utf-8")
    assert "NL902" not in _cli(root, "check", "notes").stdout
    assert "NL902" not in _cli(root, "check", "notes").stdout
    (root / "local" / "banned.txt").write_text("Gamma\n", encoding="utf-8")
    assert "NL902" in _cli(root, "check", "notes").stdout


@pytest.mark.parametrize("command", [["check", "notes"], ["rules"], ["rule", "NL201"]])
def test_a_plugin_outside_the_project_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    marker = tmp_path / "ran"
    (elsewhere / "x.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    (tmp_path / "repo").mkdir()
    root = make_project(tmp_path / "repo", 'plugins = ["../elsewhere/x.py"]', {"notes/a.md": GOOD})
    monkeypatch.chdir(root)
    monkeypatch.delenv("NOTELINT_ALLOW_PLUGINS_OUTSIDE_ROOT")
    run = run_cli(capsys, *command)
    assert run.code == 2
    assert "outside the project" in run.err
    assert "NOTELINT_ALLOW_PLUGINS_OUTSIDE_ROOT=1" in run.err
    assert not marker.exists()


# -- configuration that used to crash -----------------------------------------------------------


def test_deeply_nested_toml_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, notes={"notes/a.md": GOOD})
    nested = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    (root / "pyproject.toml").write_text(
        f'[tool.notelint]\npaths = ["notes"]\n{nested}', encoding="utf-8"
    )
    monkeypatch.chdir(root)
    run = run_cli(capsys, "check")
    assert run.code == 2
    assert "nested too deeply" in run.err
    assert "Traceback" not in run.err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_vocabulary_that_is_not_a_folder_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 'vocabulary = "/dev/zero"', {"notes/a.md": GOOD})
    monkeypatch.chdir(root)
    run = run_cli(capsys, "check")
    assert run.code == 2
    assert "'vocabulary' names /dev/zero, which is not a directory" in run.err


def test_a_non_ascii_contact_keeps_the_offline_findings(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        textwrap.dedent(
            """
            [tool.notelint.online]
            contact = "josé@example.org"
            deadline = 3
            cache = false
            [tool.notelint.online.dblp]
            base-url = "http://127.0.0.1:9"
            """
        ),
        {"notes/a.md": FIXABLE},
    )
    result = _cli(root, "check", "--no-cache", "--online", "notes")
    assert "Traceback" not in result.stderr
    assert "NL201" in result.stdout
    assert result.returncode == 1

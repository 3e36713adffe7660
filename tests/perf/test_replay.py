"""The replay cache (notelint.store.replay): an unchanged ``notelint check`` prints the recorded
output byte for byte without building the linter, and any change to what the run read makes
it a real run again.

Each run is a fresh ``python -X importtime -m notelint`` process: whether pydantic was imported
tells a real run from a replay. (The replay key stamps notelint's own files, so editing the
package while these tests run can turn an expected replay into a real run.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from notelint.store.keys import package_stamp

NOTES = """# ICCV

* A Paper Noted Twice `ICCV` `Google` `US`
\t> The first note about it.

* A Paper With A Bad Tag `ICCV` `Gogle` `US`
\t> A summary.
"""
OTHER = """# CVPR

* A Paper Noted Twice `CVPR` `Google` `US`
\t> The second note about it.
"""


@dataclass
class Run:
    code: int
    out: bytes
    err: bytes
    replayed: bool


def run(folder: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR") and not k.startswith("NOTELINT_")
    }
    environment.update(env or {})
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "notelint", "check", *args],
        cwd=folder,
        env=environment,
        capture_output=True,
        check=False,
    )
    lines = done.stderr.splitlines(keepends=True)
    imports = [line for line in lines if line.startswith(b"import time:")]
    err = b"".join(line for line in lines if not line.startswith(b"import time:"))
    was_replayed = not any(b" pydantic" in line for line in imports)
    return Run(done.returncode, done.stdout, err, was_replayed)


_STAMP: list[object] = []


@pytest.fixture(autouse=True)
def _package_stamp() -> None:
    _STAMP[:] = [package_stamp()]


def replayed(result: Run) -> bool:
    """Whether ``result`` was replayed; skips the test if notelint's own files changed while it
    ran (someone editing the package: every manifest is rightly stale then)."""
    if not result.replayed and package_stamp() != _STAMP[0]:
        pytest.skip("the notelint package was edited while this test ran")
    return result.replayed


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "notelint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(NOTES, encoding="utf-8")
    (notes / "b.md").write_text(OTHER, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    return tmp_path


def settle(folder: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """A real run (recording), then a replay that prints exactly the same."""
    first = run(folder, *args, env=env)
    assert not first.replayed
    assert first.code == 1, first.err
    again = run(folder, *args, env=env)
    assert replayed(again)
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    return first


def test_replays_only_when_nothing_changed(project: Path) -> None:
    first = settle(project)
    assert b"duplicate entry" in first.out
    assert replayed(run(project))
    assert run(project, "--output-format", "json").replayed is False


def test_replay_is_byte_identical_for_each_format(project: Path) -> None:
    for fmt in ("text", "json", "concise"):
        settle(project, "--output-format", fmt, "--statistics")
    for fmt in ("sarif", "github"):  # formats without a statistics form (it is an error there)
        settle(project, "--output-format", fmt)


@pytest.mark.parametrize(
    "change",
    [
        "edit-same-size-same-mtime",
        "add-file",
        "delete-file",
        "add-folder",
        "config",
        "config-above",
        "vocabulary",
        "gitignore",
    ],
)
def test_each_change_makes_a_real_run(project: Path, change: str) -> None:
    first = settle(project)
    notes = project / "notes"
    if change == "edit-same-size-same-mtime":
        path = notes / "b.md"
        info = path.stat()
        path.write_text(OTHER.replace("Twice", "Twixe"), encoding="utf-8")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert path.stat().st_size == info.st_size
    elif change == "add-file":
        (notes / "c.md").write_text(OTHER, encoding="utf-8")
    elif change == "delete-file":
        (notes / "b.md").unlink()
    elif change == "add-folder":
        (notes / "more").mkdir()
        (notes / "more" / "c.md").write_text(OTHER, encoding="utf-8")
    elif change == "config":
        (project / "notelint.toml").write_text('ignore = ["NL104"]\n', encoding="utf-8")
    elif change == "config-above":
        # A config file appearing in the checked folder's own directory changes the root.
        (notes / "notelint.toml").write_text('ignore = ["NL104"]\n', encoding="utf-8")
    elif change == "vocabulary":
        (project / "rules" / "tags.toml").write_text(
            "[organisation]\nGogle = {}\n", encoding="utf-8"
        )
    elif change == "gitignore":
        (project / ".gitignore").write_text("notes/b.md\n", encoding="utf-8")
    else:
        raise AssertionError(change)
    cwd = notes if change == "config-above" else project
    after = run(cwd, *(("a.md", "b.md") if change == "config-above" else ()))
    assert not after.replayed, change
    if change != "config-above":
        assert after.out != first.out
    # … and the new state is recorded and replayed in turn.
    again = run(cwd, *(("a.md", "b.md") if change == "config-above" else ()))
    assert replayed(again)
    assert (again.code, again.out, again.err) == (after.code, after.out, after.err)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        ((), {"NO_COLOR": "1"}),
        ((), {"FORCE_COLOR": "1"}),
        ((), {"NOTELINT_ANYTHING": "1"}),
        (("--select", "NL104"), {}),
        (("notes",), {}),
        (("--jobs", "1"), {}),
    ],
)
def test_argv_and_environment_are_part_of_the_key(
    project: Path, args: Sequence[str], env: dict[str, str]
) -> None:
    settle(project)
    assert not run(project, *args, env=env).replayed
    assert replayed(run(project, *args, env=env))
    assert replayed(run(project))


@pytest.mark.parametrize(
    "args",
    [
        ("--no-cache",),
        ("--diff",),
        ("--fix",),
        ("--output-file", "report.txt"),
        ("--baseline", "base.json"),
        ("--write-baseline", "base.json"),
        ("--fi",),  # an abbreviation argparse would accept
    ],
)
def test_only_plain_check_runs_replay(project: Path, args: Sequence[str]) -> None:
    for _ in range(2):
        assert not run(project, *args).replayed


def test_config_cache_false_and_damaged_manifest(project: Path) -> None:
    settle(project)
    for manifest in (project / ".notelint_cache").glob("replay-*.bin"):
        manifest.write_bytes(manifest.read_bytes()[:-3])
    assert not run(project).replayed
    assert replayed(run(project))
    (project / "notelint.toml").write_text("cache = false\n", encoding="utf-8")
    assert not run(project).replayed
    assert not run(project).replayed


def test_cache_dir_option(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("cache")
    settle(project, "--cache-dir", str(elsewhere))
    assert list(elsewhere.glob("replay-*.bin"))

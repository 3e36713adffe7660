"""``notelint check --watch``: a real process that re-checks as files change, stopped by Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import make_project

TIDY = "# Vision\n\n* Sparse Voxel Fields `ECCV`\n  > Voxels.\n"
MESSY = "# Vision\n\n* Sparse  Voxel Fields `ECCV`\n  > Voxels.\n"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is SIGINT here")


class Watcher:
    def __init__(self, cwd: Path, *args: str) -> None:
        env = {**os.environ, "NOTELINT_CACHE_HOME": str(cwd / ".user-cache"), "NO_COLOR": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "notelint", "check", "--watch", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, sink in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, sink), daemon=True).start()

    @staticmethod
    def _pump(stream: object, sink: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            sink.append(line)

    def wait_for(self, what: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not what():
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"not seen in time\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}")
            time.sleep(0.05)

    def watching(self, times: int) -> Callable[[], bool]:
        return lambda: self.stderr.count("watching") >= times

    @property
    def stdout(self) -> str:
        return "".join(self.out)

    @property
    def stderr(self) -> str:
        return "".join(self.err)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


@pytest.fixture
def watcher(tmp_path: Path) -> Iterator[Callable[..., Watcher]]:
    started: list[Watcher] = []

    def start(*args: str) -> Watcher:
        started.append(Watcher(tmp_path, *args))
        return started[-1]

    yield start
    for w in started:
        if w.process.poll() is None:
            w.process.kill()
            w.process.wait()


def test_a_change_is_checked_again_and_ctrl_c_ends_cleanly(
    tmp_path: Path, watcher: Callable[..., Watcher]
) -> None:
    make_project(tmp_path, "", {"notes/a.md": TIDY})
    w = watcher()
    w.wait_for(w.watching(1))
    assert "All checks passed" in w.stdout
    (tmp_path / "notes/a.md").write_text(MESSY, encoding="utf-8")
    w.wait_for(lambda: "NL203" in w.stdout)
    assert "1 file changed: notes/a.md" in w.stderr
    (tmp_path / "notes/b.md").write_text(MESSY, encoding="utf-8")  # a new file is picked up
    w.wait_for(lambda: "notes/b.md:3:9: NL203" in w.stdout)
    assert w.stop() == 0
    assert "Traceback" not in w.stderr


def test_broken_configuration_is_reported_and_the_watch_goes_on(
    tmp_path: Path, watcher: Callable[..., Watcher]
) -> None:
    make_project(tmp_path, "", {"notes/a.md": MESSY})
    w = watcher()
    w.wait_for(w.watching(1))
    pyproject = tmp_path / "pyproject.toml"
    good = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(good + "select = [\n", encoding="utf-8")
    w.wait_for(lambda: "notelint: error:" in w.stderr)
    pyproject.write_text(good + 'ignore = ["NL203"]\n', encoding="utf-8")
    w.wait_for(lambda: w.stdout.count("All checks passed") >= 1)
    assert w.stop() == 0


def test_what_fix_writes_is_not_taken_for_a_new_change(
    tmp_path: Path, watcher: Callable[..., Watcher]
) -> None:
    make_project(tmp_path, "", {"notes/a.md": TIDY})
    w = watcher("--fix")
    w.wait_for(w.watching(1))
    (tmp_path / "notes/a.md").write_text(MESSY, encoding="utf-8")
    w.wait_for(w.watching(2))
    assert (tmp_path / "notes/a.md").read_text(encoding="utf-8") == TIDY
    time.sleep(1.5)  # several polls: the fix itself does not start another round
    assert w.stderr.count("checking again") == 1
    assert w.stop() == 0


def test_watch_refuses_standard_input(tmp_path: Path) -> None:
    make_project(tmp_path, "", {"notes/a.md": TIDY})
    run = subprocess.run(
        [sys.executable, "-m", "notelint", "check", "--watch", "-"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        input="",
        timeout=60,
        check=False,
    )
    assert run.returncode == 2 and "standard input is read once" in run.stderr

"""Every shape of the older notes (../shared/legacy-formats.md), in files written here: init,
check and --fix behave on them as on the newest notes (no traceback, a configuration that
loads, fixes that settle, no entity renamed, no word lost)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent / "legacy"
_TAG = re.compile(r"`([^`]+)`")


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notelint", *args], cwd=cwd, capture_output=True, text=True
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", _TAG.sub(" ", text))


def test_legacy_shapes_init_check_fix(tmp_path: Path) -> None:
    root = tmp_path / "notes"
    shutil.copytree(HERE, root)
    init = _run(root, "init")
    assert init.returncode == 0, init.stderr
    assert "README.md: it" in init.stdout  # the prose document is excluded, with its reason
    check = _run(root, "check", "--no-cache")
    assert check.returncode in (0, 1) and "Traceback" not in check.stderr, check.stderr
    assert "README.md" not in check.stdout
    before = (root / "conf_2019.md").read_text(encoding="utf-8")
    first = _run(root, "check", "--no-cache", "--fix")
    assert first.returncode in (0, 1) and "Traceback" not in first.stderr, first.stderr
    after = (root / "conf_2019.md").read_text(encoding="utf-8")
    second = _run(root, "check", "--no-cache", "--fix")
    assert (root / "conf_2019.md").read_text(encoding="utf-8") == after  # settled
    assert "Fixed " not in second.stdout
    # No word lost, no entity renamed: the same words, and every tag still there as written
    # or as a spelling of the same tag (here: none is a former name rewritten).
    assert _words(after) == _words(before)
    for former in ("NIPS", "Facebook", "Google Brain", "UK"):
        assert before.count(former) <= after.count(former)
    # The ` -- ` comments and the reading-list sections are notes, not missing summaries.
    assert "NL102" not in check.stdout

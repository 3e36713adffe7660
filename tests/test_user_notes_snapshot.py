"""The findings on the user's original notes, pinned.

Every line of the snapshot was read by a person and is a finding a careful reader agrees with
(see the review notes in tests/snapshots/README.md). A change to notelint that adds, drops or
rewords a finding shows up here as a diff; regenerate deliberately with
``NOTELINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_user_notes_snapshot.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run_cli

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT = REPO / "tests" / "snapshots" / "user-notes.concise.txt"


def test_findings_on_the_original_notes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    run = run_cli(
        capsys, "check", "tests/fixtures/user-notes.md", "--output-format", "concise", "--no-cache"
    )
    assert run.code == 1
    if os.environ.get("NOTELINT_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(run.out, encoding="utf-8")
    assert run.out == SNAPSHOT.read_text(encoding="utf-8")

"""Precision and recall on real notes repositories, against hand judgments (judgments.tsv).

The repositories are not committed (their text is theirs): a test runs where a snapshot is
present, under ``$NOTELINT_REALWORLD`` (one folder per repository, named ``owner+name``, holding
its files) or as a git mirror under ``/work/.mirror/owner+name/repo``. Each runs ``init``
then ``check`` on a fresh copy, exactly as a new user would, and compares the findings with
the judgments: a finding judged wrong that comes back lowers the precision, a finding judged
right that disappears lowers the recall. The floors are the figures measured when the
judgments were made, less a margin, so that a regression shows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).parent
JUDGMENTS = HERE / "judgments.tsv"
# (precision floor, recall floor) per repository: measured 2026-12-03, less 0.05.
FLOORS = {
    "ahmdtaha/conference_notes": (0.83, 0.95),
    "dennybritz/deeplearning-papernotes": (0.72, 0.95),
    "terryum/awesome-deep-learning-papers": (0.35, 0.85),
    "eugeneyan/applied-ml": (0.34, 0.95),
}
_FINDING = re.compile(r"^(\S+:\d+:\d+): (NL\d+) ")


def _judgments() -> dict[str, dict[tuple[str, str], str]]:
    table: dict[str, dict[tuple[str, str], str]] = {}
    for line in JUDGMENTS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        repo, _commit, place, code, verdict, _why = line.split("\t")
        table.setdefault(repo, {})[(place, code)] = verdict
    return table


def _snapshot(repo: str, into: Path) -> bool:
    key = repo.replace("/", "+")
    given = os.environ.get("NOTELINT_REALWORLD")
    if given and (Path(given) / key).is_dir():
        shutil.copytree(Path(given) / key, into)
        return True
    mirror = Path("/work/.mirror") / key / "repo"
    git_dir = mirror / ".git" if (mirror / ".git").is_dir() else mirror
    if not (git_dir / "HEAD").is_file():
        return False
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "--git-dir", str(git_dir), "archive", "HEAD"], capture_output=True, check=False
    )
    if archive.returncode != 0:
        return False
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return True


def _notelint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notelint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_judgments_are_well_formed() -> None:
    table = _judgments()
    assert set(table) == set(FLOORS)
    verdicts = Counter(v for rows in table.values() for v in rows.values())
    assert set(verdicts) <= {"right", "wrong"} and sum(verdicts.values()) >= 300


@pytest.mark.parametrize("repo", sorted(FLOORS))
def test_precision_and_recall_on_a_real_repository(repo: str, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    if not _snapshot(repo, root):
        pytest.skip(f"no snapshot of {repo} on this machine")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    init = _notelint(root, "init")
    assert init.returncode == 0 and "Traceback" not in init.stderr, init.stderr
    check = _notelint(root, "check", "--no-cache", "--output-format", "concise")
    assert check.returncode in (0, 1) and "Traceback" not in check.stderr, check.stderr
    reported = {
        (m.group(1), m.group(2))
        for line in check.stdout.splitlines()
        if (m := _FINDING.match(line))
    }
    judged = _judgments()[repo]
    still = [verdict for key, verdict in judged.items() if key in reported]
    right = [key for key, verdict in judged.items() if verdict == "right"]
    precision = still.count("right") / len(still) if still else 1.0
    recall = sum(1 for key in right if key in reported) / len(right) if right else 1.0
    floor_precision, floor_recall = FLOORS[repo]
    assert precision >= floor_precision, f"precision {precision:.3f} on {repo}"
    assert recall >= floor_recall, f"recall {recall:.3f} of the judged defects on {repo}"
    # --fix twice: the second run changes nothing.
    first = _notelint(root, "check", "--no-cache", "--fix")
    assert first.returncode in (0, 1) and "Traceback" not in first.stderr, first.stderr
    second = _notelint(root, "check", "--no-cache", "--fix")
    assert "Fixed " not in second.stdout, second.stdout

"""How the collection grew: entries added per month, from git history.

An entry added is a bullet line (``* Title …``) added to a Markdown file of the report, as
``git log -p`` shows it, counted in the month of its commit (author date); an entry that moved
between files counts once per addition, which is rare in notes. Outside a git work tree, or
without git, there is no history and the report says so.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from notelint.discovery.git import run_git

# An added line that starts a bullet with a title: "+* Title", "+- Title", "+1. Title".
_ADDED_ENTRY = re.compile(r"^\+ {0,3}(?:[*+-]|\d{1,3}[.)]) +\S")
_GIT_TIMEOUT_SECONDS = 120.0


def entries_added_per_month(root: Path, paths: Sequence[str]) -> list[tuple[str, int]] | None:
    """``[("2024-01", 12), …]`` for every month from the first to the last, or None."""
    if shutil.which("git") is None or not paths:
        return None
    output = run_git(
        root,
        "log",
        "--no-merges",
        "--format=@@month %ad",
        "--date=format:%Y-%m",
        "-p",
        "--unified=0",
        "--no-color",
        "--no-ext-diff",
        "--",
        *paths,
        timeout=_GIT_TIMEOUT_SECONDS,
    )
    if output is None:
        return None
    added: Counter[str] = Counter()
    month = None
    for line in output.splitlines():
        if line.startswith("@@month "):
            month = line[len("@@month ") :].strip()
        elif month and not line.startswith("+++") and _ADDED_ENTRY.match(line):
            added[month] += 1
    if not added:
        return None
    return [(m, added[m]) for m in _months(min(added), max(added))]


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out

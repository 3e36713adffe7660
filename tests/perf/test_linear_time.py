"""Every rule and the parser stay linear on hostile input.

Each pattern is repeated 1k, 2k, … 128k times in one notes file and the whole file is checked
(parser, every rule, suppressions). The growth of the time is fitted on the larger half of the
sizes, where fixed costs no longer hide it: the test fails when the time grows faster than
about 2.5x per doubling (a quadratic step gives 4x). A pattern that fails is measured once
more before the test says so, because a loaded machine can slow one size down.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import lint_text

HEAD = "# Venue\n\n"
HOSTILE: dict[str, Callable[[int], str]] = {
    "comment-openers-in-a-title": lambda n: f"{HEAD}* T {'<!--' * n} `ICCV`\n\t> s.\n",
    "comment-openers-in-a-summary": lambda n: f"{HEAD}* T `ICCV`\n\t> {'<!--' * n}\n",
    "unclosed-directives": lambda n: f"{HEAD}* T `ICCV`\n\t> {'<!-- notelint-disable ' * n}\n",
    "one-long-word": lambda n: f"{HEAD}* T `ICCV`\n\t> {'abcdefghij' * (n // 10 + 1)}\n",
    "apostrophes": lambda n: HEAD + "* T `ICCV`\n\t> " + "'" * n + " x" + "'" * n + "\n",
    "suppressions": lambda n: (
        HEAD
        + "".join(
            f"<!-- notelint-disable-next-line NL102 -->\n* Title{i} `Gogle{i}`\n"
            for i in range(n // 8)
        )
    ),
    "one-tag-repeated": lambda n: f"{HEAD}* T{' `ICCV`' * n}\n\t> s.\n",
    "double-backticks": lambda n: f"{HEAD}* T{' ``' * n}\n\t> s.\n",
    "display-math-openers": lambda n: f"{HEAD}* T `ICCV`\n\t> {'$$a ' * n}\n",
    "link-openers": lambda n: f"{HEAD}* T `ICCV`\n\t> {'](' * n}\n",
    "entities": lambda n: f"{HEAD}* T `ICCV`\n\t> {'&amp' * n}\n",
}
SIZES = [1000 * 2**k for k in range(8)]  # 1k … 128k
MAX_GROWTH = 2.5  # per doubling


def _times(make: Callable[[int], str], settings: Settings) -> list[float]:
    times = []
    for size in SIZES:
        text = make(size)
        started = time.perf_counter()
        lint_text(text, path="hostile.md", settings=settings)
        times.append(time.perf_counter() - started)
    return times


def _growth(times: list[float]) -> float:
    """Time factor per doubling, from a least-squares fit over the larger half of the sizes."""
    half = len(SIZES) // 2
    xs = [math.log2(s) for s in SIZES[half:]]
    ys = [math.log2(max(t, 1e-6)) for t in times[half:]]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return float(2**slope)


@pytest.mark.parametrize("pattern", sorted(HOSTILE))
def test_checking_time_grows_linearly(pattern: str, tmp_path: Path) -> None:
    settings = Settings(root=tmp_path)
    make = HOSTILE[pattern]
    lint_text(make(SIZES[0]), path="warm.md", settings=settings)  # imports, dictionaries
    times = _times(make, settings)
    growth = _growth(times)
    if growth > MAX_GROWTH:
        times = [min(a, b) for a, b in zip(times, _times(make, settings), strict=True)]
        growth = _growth(times)
    shown = ", ".join(f"{t:.3f}" for t in times)
    assert growth <= MAX_GROWTH, f"{pattern}: x{growth:.2f} per doubling (seconds: {shown})"

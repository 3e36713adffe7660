"""What a long online check says while it runs, and what it did at the end.

On a terminal (and not in CI) a progress bar; anywhere else, a CI log above all, a plain line
every ``progress-interval`` seconds, so that minutes of lookups are not minutes of silence::

    notelint: online: 120/480 lookups done, 85 answers from the cache, 3 rate-limit waits, ...

(then an estimate of the time left).
At the end of a check with at least :data:`MIN_LOOKUPS` lookups, one line per provider (requests
sent, rate-limit answers, retries) after the totals. ``--quiet`` (``progress = false``) turns all
of it off. rich is imported only when a bar is actually shown.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

# Fewer lookups than this finish too fast for progress to help.
MIN_LOOKUPS = 5


def wanted(total: int, enabled: bool) -> bool:
    """Whether to draw a bar: a terminal, outside CI, a check long enough to need one."""
    if not enabled or total < MIN_LOOKUPS or os.environ.get("CI"):
        return False
    stream = sys.stderr
    return bool(getattr(stream, "isatty", None)) and stream.isatty()


@dataclass
class OnlineTally:
    """The counts a check keeps as it goes (the verifier and the HTTP client add to them)."""

    total: int
    done: int = 0
    cache_hits: int = 0
    requests: Counter[str] = field(default_factory=Counter)  # provider → requests sent
    rate_limited: Counter[str] = field(default_factory=Counter)  # provider → 429 answers
    retries: Counter[str] = field(default_factory=Counter)  # provider → retried requests
    started: float = field(default_factory=time.monotonic)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


def progress_line(tally: OnlineTally, now: float | None = None) -> str:
    elapsed = (time.monotonic() if now is None else now) - tally.started
    parts = [
        f"{tally.done}/{tally.total} lookups done",
        f"{tally.cache_hits} answers from the cache",
    ]
    waits = sum(tally.rate_limited.values())
    if waits:
        parts.append(f"{waits} rate-limit wait{'s' if waits != 1 else ''}")
    if 0 < tally.done < tally.total and elapsed > 0:
        left = elapsed / tally.done * (tally.total - tally.done)
        parts.append(f"about {_duration(left)} left")
    return "notelint: online: " + ", ".join(parts)


def summary_lines(tally: OnlineTally, labels: dict[str, str]) -> list[str]:
    elapsed = time.monotonic() - tally.started
    lines = [
        f"notelint: online: {tally.total} lookups in {_duration(elapsed)}, "
        f"{tally.cache_hits} answered from the cache"
    ]
    for provider in sorted(tally.requests):
        extra = []
        if tally.rate_limited[provider]:
            extra.append(f"{tally.rate_limited[provider]} rate-limited")
        if tally.retries[provider]:
            extra.append(f"{tally.retries[provider]} retried")
        label = labels.get(provider, provider)
        count = tally.requests[provider]
        detail = f" ({', '.join(extra)})" if extra else ""
        lines.append(f"  {label}: {count} request{'s' if count != 1 else ''}{detail}")
    return lines


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    """Yields a function to call once per finished lookup (a bar on a terminal only)."""
    if not wanted(total, enabled):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("verifying venues online"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("online", total=total)
        yield lambda: progress.advance(task)


async def report_at_intervals(tally: OnlineTally, interval: float, stream: TextIO) -> None:
    """Print :func:`progress_line` every ``interval`` seconds until cancelled."""
    while True:
        await asyncio.sleep(interval)
        print(progress_line(tally), file=stream, flush=True)


def plain_lines_wanted(total: int, enabled: bool) -> bool:
    """The plain progress line and the summary: long checks where no bar is drawn."""
    return enabled and total >= MIN_LOOKUPS and not wanted(total, enabled)

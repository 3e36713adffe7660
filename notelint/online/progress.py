"""A progress bar for long online checks: on a terminal only, never in CI or with ``--quiet``.

rich is imported only when a bar is actually shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Fewer lookups than this finish too fast for a bar to help.
MIN_LOOKUPS = 5


def wanted(total: int, enabled: bool) -> bool:
    if not enabled or total < MIN_LOOKUPS or os.environ.get("CI"):
        return False
    stream = sys.stderr
    return bool(getattr(stream, "isatty", None)) and stream.isatty()


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    """Yields a function to call once per finished lookup."""
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

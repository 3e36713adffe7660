"""``notelint check --watch``: check, then check again whenever a file changes, until Ctrl-C.

Each round is a whole ``check`` with the same options (the per-file cache makes the unchanged
files cost next to nothing, and cross-file rules still see every file). What is watched is what
the run reads: the files discovery finds (found again every round, so a new notes file is
picked up and a deleted one dropped), the configuration file and the vocabulary folder. Polling,
not OS notifications: a notes repository has hundreds of files, not hundreds of thousands, and
polling behaves the same on every system and file system (network drives, containers).

A round that fails on bad configuration (a half-typed ``pyproject.toml``) prints its error and
the watch goes on; the next save re-checks. What changes while a round runs is checked by the
next one; with ``--fix``, what the round itself wrote is not taken for a change. Ctrl-C ends
the watch with exit code 0.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from notelint.errors import EXIT_CLEAN, USAGE_ERRORS, UsageError

POLL_SECONDS = 0.3
_NOT_WITH_WATCH = (
    ("add_suppressions", "--add-suppressions"),
    ("write_baseline", "--write-baseline"),
    ("show_files", "--show-files"),
    ("show_settings", "--show-settings"),
    ("diff", "--diff"),
)

Snapshot = dict[str, tuple[int, int]]


def _validate(args: argparse.Namespace) -> None:
    for attribute, option in _NOT_WITH_WATCH:
        if getattr(args, attribute, None):
            raise UsageError(f"--watch re-checks files as they change; not with {option}")


def _state(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _watched(args: argparse.Namespace) -> list[Path]:
    """Everything a round reads: the notes files, the configuration, the vocabulary."""
    from notelint.commands.check_inputs import files_for, settings_for

    settings = settings_for(args)
    paths = [path for path, _ in files_for(args, settings, force_exclude=args.force_exclude)]
    if settings.config_path is not None:
        paths.append(Path(settings.config_path))
    vocabulary = settings.vocabulary_dir()
    if vocabulary is not None and vocabulary.is_dir():
        paths.extend(p for p in sorted(vocabulary.rglob("*")) if p.is_file())
    return paths


def snapshot(args: argparse.Namespace) -> Snapshot | None:
    """Each watched file's (modification time, size); None when the configuration is broken."""
    try:
        paths = _watched(args)
    except USAGE_ERRORS:
        return None
    found = {}
    for path in paths:
        state = _state(path)
        if state is not None:
            found[os.path.abspath(path)] = state
    return found


def changed_files(before: Snapshot | None, after: Snapshot | None) -> list[str]:
    if before is None or after is None:
        return [] if before == after else ["the configuration"]
    return sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )


def _describe(changed: Iterable[str]) -> str:
    names = [os.path.relpath(p) if os.path.isabs(p) else p for p in changed]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{len(names)} file{'' if len(names) == 1 else 's'} changed: {shown}"


def watch(
    args: argparse.Namespace,
    check_once: Callable[[argparse.Namespace], int],
    *,
    poll: float = POLL_SECONDS,
    rounds: int | None = None,
) -> int:
    """Run ``check_once`` now and after every change; ``rounds`` (tests) stops after that many
    re-checks."""
    _validate(args)
    once = copy.copy(args)
    once.watch = False

    def one_round() -> Snapshot | None:
        """Check once; the state to compare the next poll with: as before the round, except
        for the files the round itself wrote, so a change made meanwhile is not missed."""
        before = snapshot(args)
        once.written_files = []
        try:
            check_once(once)
        except USAGE_ERRORS as exc:
            print(f"notelint: error: {exc}", file=sys.stderr)
        sys.stdout.flush()
        after = snapshot(args)
        if before is None or after is None:
            return after
        ours = set(once.written_files)
        state = dict(after)
        for path in changed_files(before, after):
            if path in ours:
                continue
            if path in before:
                state[path] = before[path]
            else:
                state.pop(path, None)  # new since the round began: the next poll sees it
        return state

    try:
        state = one_round()
        print(_waiting(state), file=sys.stderr, flush=True)
        done = 0
        while rounds is None or done < rounds:
            time.sleep(poll)
            now = snapshot(args)
            changed = changed_files(state, now)
            if not changed:
                continue
            stamp = datetime.now().strftime("%H:%M:%S")
            print(f"\n[{stamp}] {_describe(changed)}; checking again", file=sys.stderr, flush=True)
            state = one_round()
            print(_waiting(state), file=sys.stderr, flush=True)
            done += 1
    except KeyboardInterrupt:
        print("notelint: watch stopped", file=sys.stderr)
    return EXIT_CLEAN


def _waiting(state: Snapshot | None) -> str:
    if state is None:
        return "notelint: watching for changes (fix the configuration; Ctrl-C to stop)"
    return f"notelint: watching {len(state)} files for changes (Ctrl-C to stop)"

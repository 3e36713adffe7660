"""Running a check over many files: results from the cache, then the rest in this process or in
worker processes, then the project-wide second stage here.

The first stage of a file (:meth:`Linter.lint_source`) depends only on the file's text and the
settings, so it can come from the cache (:mod:`notelint.store.results`) or run anywhere. The second
stage (:meth:`Linter.finish`: duplicate entries across files, unused suppressions, severity
overrides, sorting) always runs in this process over every file's result, so a run's output is
the same whichever way its first stage went: cached or not, serial or parallel.

Small runs stay in this process: pre-commit usually passes one to three files, and starting
workers would cost more than it saves. A larger run uses ``jobs`` processes (default: the
cores this process may use). On Linux, ``jobs - 1`` children are forked after the
:class:`Linter` is built, so they share it and the files' bytes and start at once, and this
process is the last worker (see :func:`_lint_forked`). Elsewhere a pool of ``jobs`` spawned
processes each builds its own Linter once. Workers return a file's result packed in the
cache's compact form, which this process also stores.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notelint.engine.linter import Linter, LinterHandover, unreadable_finding
from notelint.model.results import FileResult, RunResult
from notelint.parse.source import SourceError, read_notes_bytes

if TYPE_CHECKING:
    from notelint.config.settings import Settings
    from notelint.store.results import ResultCache

# Below this much text to lint (about 700 entries), or with fewer than two files, a run stays in
# this process: starting workers costs more than the time they would save.
PARALLEL_MIN_BYTES = 256 * 1024


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass
class RunStats:
    """What a run did (for tests and diagnostics)."""

    files: int = 0
    cached: int = 0
    linted: int = 0
    workers: int = 0


@dataclass
class _Pending:
    index: int
    display: str
    data: bytes
    absolute: str
    content: bytes  # content digest ("" without a cache)


def lint_files(
    linter: Linter,
    files: Iterable[tuple[Path, str]],
    *,
    cache: bool | None = None,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    stats: RunStats | None = None,
) -> RunResult:
    """Check ``files`` (path, display path): each file's first stage (``Linter.lint_path``) from
    the cache or in worker processes, then ``Linter.finish`` over all of them. ``cache`` and
    ``jobs`` default to the linter's settings."""
    settings = linter.settings
    use_cache = settings.cache if cache is None else cache
    stats = stats if stats is not None else RunStats()

    files = list(files)
    with _fewer_collections():
        store = _open_cache(linter, cache_dir) if use_cache else None
        results: list[FileResult | None] = [None] * len(files)
        pending: list[_Pending] = []
        with _collections_paused():
            _read_files(files, results, pending, store, stats)
        stats.files = len(files)
        stats.linted = len(pending)
        workers = _worker_count(settings, jobs, pending)
        stats.workers = workers
        if workers > 1:
            _lint_parallel(linter, pending, results, store, workers)
        else:
            _lint_serial(linter, pending, results, store)
        done = [r for r in results if r is not None]
        with _collections_paused():
            findings = linter.finish(done)
    if store is not None:
        # The cache is an optimisation: never fail a run over it.
        with contextlib.suppress(Exception):
            store.save()
    return RunResult(findings=findings, files=done)


# The first stage allocates millions of small objects that all live until the end of the run
# (the model, findings, results), so the cyclic garbage collector's default thresholds make it
# scan them again and again: a third of the run time for nothing, since they hold no cycles.
GC_THRESHOLD = 100_000


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect rarely during the run, and never scan what existed before it (the settings,
    rules, vocabulary): ``gc.freeze`` also keeps forked workers from copying those pages."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(before[0], GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


@contextlib.contextmanager
def _collections_paused() -> Iterator[None]:
    """No collections while a phase only builds objects that live until the end of the run
    (cached and workers' results decoded, the findings), and none that scans them afterwards:
    they are frozen on the way out. A collection there would find nothing to free and, with
    the high threshold, cost tens of milliseconds of a run's serial part."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _read_files(
    files: Sequence[tuple[Path, str]],
    results: list[FileResult | None],
    pending: list[_Pending],
    store: ResultCache | None,
    stats: RunStats,
) -> None:
    """Read every file: a cache hit goes to ``results``, the rest to ``pending``."""
    for index, (path, display) in enumerate(files):
        absolute = os.path.abspath(path)
        try:
            data = read_notes_bytes(path)
        except SourceError as exc:
            results[index] = _unreadable(display, str(exc))
            continue
        content = b""
        if store is not None:
            from notelint.store.keys import digest

            content = digest(data)
            hit = store.get(absolute, content, display)
            if hit is not None:
                results[index] = hit
                stats.cached += 1
                continue
        pending.append(_Pending(index, display, data, absolute, content))


def _open_cache(linter: Linter, folder: Path | None) -> ResultCache | None:
    try:
        from notelint.store.results import ResultCache

        return ResultCache.for_linter(linter, folder)
    except Exception:  # an unusable cache folder or key: run without the cache
        return None


def _worker_count(settings: Settings, jobs: int | None, pending: Sequence[_Pending]) -> int:
    wanted = jobs if jobs is not None else settings.jobs
    if wanted is None:
        wanted = available_cores()
    wanted = min(wanted, len(pending))
    if wanted < 2 or sum(len(p.data) for p in pending) < PARALLEL_MIN_BYTES:
        return 1
    return wanted


def _unreadable(display: str, reason: str) -> FileResult:
    return FileResult(
        path=display,
        findings=[unreadable_finding(display, f"cannot check this file: {reason}")],
        error=reason,
    )


def lint_bytes(linter: Linter, data: bytes, display: str) -> FileResult:
    """The first stage of one file's bytes (what :meth:`Linter.lint_path` does after reading)."""
    from notelint.parse.source import SourceError, SourceText

    try:
        source = SourceText.from_bytes(data, display)
    except SourceError as exc:
        return _unreadable(display, str(exc))
    return linter.lint_source(source)


def _lint_serial(
    linter: Linter,
    pending: Sequence[_Pending],
    results: list[FileResult | None],
    store: ResultCache | None,
) -> None:
    from notelint.store.codec import pack

    for item in pending:
        result = lint_bytes(linter, item.data, item.display)
        if store is not None:
            # Packed before ``finish`` adds project findings to the result.
            store.put(item.absolute, item.content, item.display, pack(result))
        results[item.index] = result


# -- worker processes -------------------------------------------------------------------------

_worker_linter: Linter | None = None


def _init_built(handover: LinterHandover) -> None:
    """Spawn: build this worker's Linter once, with exactly the parent's rules."""
    global _worker_linter
    _worker_linter = Linter.from_handover(handover)


def start_method() -> str:
    """``fork`` on Linux (workers inherit the built Linter), ``spawn`` elsewhere (macOS and
    Windows, where forking a process that has started threads is unsafe or impossible)."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _lint_task(task: tuple[int, str, bytes]) -> tuple[int, Any]:
    from notelint.store.codec import pack

    index, display, data = task
    linter = _worker_linter
    assert linter is not None, "worker started without a Linter"
    result = lint_bytes(linter, data, display)
    blob = pack(result)
    return index, (blob if blob is not None else result)


def _lint_forked(
    linter: Linter,
    pending: Sequence[_Pending],
    results: list[FileResult | None],
    store: ResultCache | None,
    workers: int,
) -> None:
    """Fork ``workers - 1`` children; this process is the last worker.

    All take the next file (largest first) from a shared counter. This process lints its
    files in place, with nothing to pack, pickle or decode, and it does no other work while the
    children run (a pool's own threads and the decoding of every result cost about a tenth of
    a core on a two-core machine, taken from the workers). A child sends each result, packed,
    through a queue whose feeder thread never blocks the child's linting; this process reads
    them when its own share is done. A file whose result never arrives (a child that failed or
    was killed) is linted here, so a broken child costs time, never a result; a rule's own
    exception then surfaces from this process, as in a serial run."""
    import multiprocessing

    global _worker_linter
    context = multiprocessing.get_context("fork")
    order = sorted(pending, key=lambda item: -len(item.data))
    linter.prepare_for_fork()
    counter = context.Value("i", 0)
    channel: Any = context.Queue()
    _worker_linter = linter
    children = [
        context.Process(target=_child, args=(order, counter, channel), daemon=True)
        for _ in range(workers - 1)
    ]
    try:
        for child in children:
            child.start()
        for item in _claim(order, counter):
            _finish_item(item, lint_bytes(linter, item.data, item.display), results, store, None)
        with _collections_paused():
            _gather(children, channel, pending, results, store)
        for item in order:  # whatever a child claimed and never delivered
            if results[item.index] is None:
                result = lint_bytes(linter, item.data, item.display)
                _finish_item(item, result, results, store, None)
    finally:
        _worker_linter = None
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
        channel.close()
        channel.cancel_join_thread()


def _gather(
    children: Sequence[Any],
    channel: Any,
    pending: Sequence[_Pending],
    results: list[FileResult | None],
    store: ResultCache | None,
) -> None:
    """Receive the children's results until each has said it is done (or has died)."""
    import queue as queue_module

    from notelint.store.codec import unpack

    by_index = {item.index: item for item in pending}
    finished = 0
    while finished < len(children):
        try:
            message = channel.get(timeout=0.2)
        except queue_module.Empty:
            if not any(child.is_alive() for child in children) and channel.empty():
                break  # a child died without saying goodbye
            continue
        if message is None:
            finished += 1
            continue
        index, payload = message
        if isinstance(payload, bytes):
            _finish_item(by_index[index], unpack(payload), results, store, payload)
        elif payload is not None:
            _finish_item(by_index[index], payload, results, store, None)


def _claim(order: Sequence[_Pending], counter: Any) -> Iterator[_Pending]:
    """The files this process takes, one at a time, from the shared counter."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= len(order):
            return
        yield order[index]


def _child(order: Sequence[_Pending], counter: Any, channel: Any) -> None:
    """A forked worker: lint claimed files, send each packed result, then ``None``. A failure
    sends ``(index, None)``: the parent lints that file itself."""
    import signal

    from notelint.store.codec import pack

    # Ctrl-C is the parent's to handle (it stops the children); a child would only print a
    # traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    linter = _worker_linter
    assert linter is not None, "worker forked without a Linter"
    for item in _claim(order, counter):
        try:
            result = lint_bytes(linter, item.data, item.display)
            blob = pack(result)
            channel.put((item.index, blob if blob is not None else result))
        except Exception:
            channel.put((item.index, None))
    channel.put(None)


def _finish_item(
    item: _Pending,
    result: FileResult,
    results: list[FileResult | None],
    store: ResultCache | None,
    blob: bytes | None,
) -> None:
    """Record a parallel run's result for ``item`` (and store it in the cache)."""
    if store is not None:
        from notelint.store.codec import pack

        store.put(item.absolute, item.content, item.display, blob or pack(result))
    results[item.index] = result


def _lint_parallel(
    linter: Linter,
    pending: Sequence[_Pending],
    results: list[FileResult | None],
    store: ResultCache | None,
    workers: int,
) -> None:
    if start_method() == "fork":
        _lint_forked(linter, pending, results, store, workers)
    else:
        _lint_spawned(linter, pending, results, store, workers)


def _lint_spawned(
    linter: Linter,
    pending: Sequence[_Pending],
    results: list[FileResult | None],
    store: ResultCache | None,
    workers: int,
) -> None:
    """A pool of ``workers`` spawned processes, each building its own Linter once."""
    import multiprocessing

    from notelint.store.codec import unpack

    context = multiprocessing.get_context("spawn")
    initargs = (linter.handover(),)
    by_index = {item.index: item for item in pending}
    # Largest files first, so that no worker is left with a big file at the end.
    tasks = [
        (item.index, item.display, item.data)
        for item in sorted(pending, key=lambda item: -len(item.data))
    ]
    with (
        context.Pool(workers, initializer=_init_built, initargs=initargs) as pool,
        _collections_paused(),
    ):
        for index, payload in pool.imap_unordered(_lint_task, tasks, chunksize=1):
            item = by_index[index]
            if isinstance(payload, bytes):
                _finish_item(item, unpack(payload), results, store, payload)
            else:
                _finish_item(item, payload, results, store, None)


__all__ = ["PARALLEL_MIN_BYTES", "RunStats", "available_cores", "lint_bytes", "lint_files"]

"""The result cache: each file's first-stage result, reused while nothing that could change
it has changed (see :mod:`notelint.store.keys` for what that is).

What is stored is the whole first stage of a file — findings, the facts that project rules
collected, the suppression directives and their scopes — so cross-file rules (duplicate
entries) still see every file: the second stage always runs, over cached and fresh results
alike. A run key has one cache file, ``<cache-dir>/results-<key>.bin``; a changed setting
starts a new one and the few most recent are kept.

Fixing cannot see a stale entry: the key is the content, so a file that ``--fix`` rewrote has a
new key. Entries of files that no longer exist are dropped when the cache is written. A cache
that cannot be read (truncated, corrupt, from another format, unreadable) is ignored and
rebuilt; a cache that cannot be written is skipped. Neither is ever an error.

Format: a small header (magic, format version, BLAKE2 checksum of the payload) and a
``marshal``-ed payload of plain tuples (:mod:`notelint.store.codec`).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.store.atomic import write_output
from notelint.store.codec import FORMAT_VERSION, MARSHAL_VERSION, unpack
from notelint.store.keys import run_key

if TYPE_CHECKING:
    from notelint.model.results import FileResult
    from notelint.store.keys import KeyedLinter

MAGIC = b"NLCACHE\x00"
_HEADER = len(MAGIC) + 2 + 32  # magic, format version (2 bytes), BLAKE2b-256 of the payload
KEEP_KEYS = 8  # cache files (run keys) kept side by side in one cache folder
GITIGNORE = "# Automatically created by notelint.\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by notelint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


# -- the cache file ---------------------------------------------------------------------------

# One entry: absolute path -> (content digest, display path, packed result).
Entry = tuple[bytes, str, bytes]


class ResultCache:
    """The entries of one run key, loaded at the start of a run and written at its end."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.file = folder / f"results-{key}.bin"
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        self._touched: set[str] = set()  # paths this run checked (or found damaged)
        self._loaded_stamp: tuple[int, int, int] | None = None
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_linter(cls, linter: KeyedLinter, folder: Path | None = None) -> ResultCache:
        settings = linter.settings
        if folder is None:
            folder = Path(settings.cache_dir)
            if not folder.is_absolute():
                folder = settings.root / folder
        cache = cls(folder, run_key(linter))
        cache.load()
        return cache

    # -- reading ---------------------------------------------------------------------------
    def load(self) -> None:
        """Read the cache file; anything wrong with it means an empty cache."""
        self._loaded_stamp = _stamp(self.file)
        try:
            raw = self.file.read_bytes()
        except OSError:
            return
        try:
            self.entries = _parse(raw)
        except Exception:  # corrupt in any way: ignore it, it will be rewritten
            self.entries = {}
            self.dirty = True

    def get(self, absolute: str, content: bytes, display: str) -> FileResult | None:
        entry = self.entries.get(absolute)
        if entry is None or entry[0] != content or entry[1] != display:
            self.misses += 1
            return None
        try:
            result = unpack(entry[2])
        except Exception:  # a damaged entry: drop it and lint the file
            del self.entries[absolute]
            self._touched.add(absolute)
            self.dirty = True
            self.misses += 1
            return None
        self.hits += 1
        return result

    # -- writing ---------------------------------------------------------------------------
    def put(self, absolute: str, content: bytes, display: str, blob: bytes | None) -> None:
        self._touched.add(absolute)
        if blob is None:
            if self.entries.pop(absolute, None) is not None:
                self.dirty = True
            return
        self.entries[absolute] = (content, display, blob)
        self.dirty = True

    def _merge_concurrent(self) -> None:
        """Another run (pre-commit starts several at once) may have written the cache since
        this one read it: keep its entries for files this run did not check."""
        if _stamp(self.file) == self._loaded_stamp:
            return
        try:
            theirs = _parse(self.file.read_bytes())
        except Exception:
            return
        for path, entry in theirs.items():
            if path not in self._touched:
                self.entries[path] = entry

    def prune(self) -> None:
        """Forget files that no longer exist."""
        gone = [path for path in self.entries if not os.path.exists(path)]
        for path in gone:
            del self.entries[path]
        if gone:
            self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed; failures are ignored (the next run relints)."""
        self.prune()
        if not self.dirty:
            return
        self._merge_concurrent()
        self.prune()
        try:
            self._prepare_folder()
            payload = marshal.dumps(
                [(path, *entry) for path, entry in self.entries.items()], MARSHAL_VERSION
            )
            header = MAGIC + FORMAT_VERSION.to_bytes(2, "little")
            data = header + hashlib.blake2b(payload, digest_size=32).digest() + payload
            write_output(self.file, data)
            self._forget_old_keys()
        except (OSError, ValueError):
            return
        self.dirty = False

    def _prepare_folder(self) -> None:
        if self.folder.is_dir():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        (self.folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")

    def _forget_old_keys(self) -> None:
        others = []
        for path in self.folder.glob("results-*.bin"):
            if path != self.file:
                try:
                    others.append((path.stat().st_mtime_ns, path))
                except OSError:
                    continue
        others.sort(reverse=True)
        for _mtime, path in others[KEEP_KEYS - 1 :]:
            with contextlib.suppress(OSError):
                path.unlink()


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _parse(raw: bytes) -> dict[str, Entry]:
    if len(raw) < _HEADER or not raw.startswith(MAGIC):
        raise ValueError("not a notelint cache file")
    version = int.from_bytes(raw[len(MAGIC) : len(MAGIC) + 2], "little")
    if version != FORMAT_VERSION:
        raise ValueError("another cache format")
    checksum = raw[len(MAGIC) + 2 : _HEADER]
    payload = raw[_HEADER:]
    if hashlib.blake2b(payload, digest_size=32).digest() != checksum:
        raise ValueError("checksum mismatch")
    rows = marshal.loads(payload)
    entries: dict[str, Entry] = {}
    for path, content, display, blob in _rows(rows):
        entries[path] = (content, display, blob)
    return entries


def _rows(rows: object) -> Iterator[tuple[str, bytes, str, bytes]]:
    if not isinstance(rows, list):
        raise ValueError("bad payload")
    for row in rows:
        if not (isinstance(row, tuple) and len(row) == 4):
            raise ValueError("bad row")
        path, content, display, blob = row
        if not (
            isinstance(path, str)
            and isinstance(content, bytes)
            and isinstance(display, str)
            and isinstance(blob, bytes)
        ):
            raise ValueError("bad row")
        yield path, content, display, blob


def clear(folder: Path) -> None:
    """Remove notelint's cache files from ``folder`` (the folder itself stays)."""
    for path in _cache_files(folder):
        with contextlib.suppress(OSError):
            path.unlink()


def _cache_files(folder: Path) -> Iterable[Path]:
    return folder.glob("results-*.bin") if folder.is_dir() else ()

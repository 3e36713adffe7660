"""The result cache: each file's first-stage result, reused while nothing that could change
it has changed (see :mod:`notelint.store.keys` for what that is).

What is stored is the whole first stage of a file — findings, the facts that project rules
collected, the suppression directives and their scopes — so cross-file rules (duplicate
entries) still see every file: the second stage always runs, over cached and fresh results
alike. A run key has one folder, ``<cache-dir>/results-<key>/``; a changed setting starts a
new one and the few most recent are kept.

The folder holds :data:`SHARDS` shard files, a file's entry in the shard its path hashes to. A
run reads only the shards of the files it checks, and writes only the shards it changed: a
pre-commit run on one file of a large repository reads and writes one small shard, not the
whole repository's results, so its cost does not grow with the repository.

Fixing cannot see a stale entry: the key is the content, so a file that ``--fix`` rewrote has a
new key. Entries of files that no longer exist are dropped when their shard is written. A
shard that cannot be read (truncated, corrupt, from another format, unreadable) is ignored and
rebuilt; one that cannot be written is skipped. Neither is ever an error. Runs that write the
same shard at once (pre-commit starts several) merge: each keeps the other's entries for files
it did not check.

Format of a shard: a small header (magic, format version, BLAKE2 checksum of the payload) and a
``marshal``-ed payload of plain tuples (:mod:`notelint.store.codec`).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
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
KEEP_KEYS = 8  # run keys kept side by side in one cache folder
# Enough that one shard of a 50k-entry repository (250 files) holds a handful of files; few
# enough that a whole-repository run opens a few dozen small files, not hundreds.
SHARDS = 64
GITIGNORE = "# Automatically created by notelint.\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by notelint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


# -- the cache folder -------------------------------------------------------------------------

# One entry: absolute path -> (content digest, display path, packed result).
Entry = tuple[bytes, str, bytes]


def shard_of(absolute: str) -> int:
    """The shard a file's entry lives in: stable across runs and machines."""
    return (
        hashlib.blake2b(absolute.encode("utf-8", "surrogatepass"), digest_size=2).digest()[0]
        % SHARDS
    )


class _Shard:
    """The entries of one shard file, as read at the start of a run and changed by it."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        self.touched: set[str] = set()  # paths this run checked (or found damaged)
        self.loaded_stamp = _stamp(file)
        try:
            raw = file.read_bytes()
        except OSError:
            return
        try:
            self.entries = _parse(raw)
        except Exception:  # corrupt in any way: ignore it, it will be rewritten
            self.dirty = True

    def merge_concurrent(self) -> None:
        """Another run may have written this shard since this one read it: keep its entries
        for files this run did not check."""
        if _stamp(self.file) == self.loaded_stamp:
            return
        try:
            theirs = _parse(self.file.read_bytes())
        except Exception:
            return
        for path, entry in theirs.items():
            if path not in self.touched:
                self.entries[path] = entry

    def prune(self) -> None:
        """Forget files that no longer exist."""
        gone = [path for path in self.entries if not os.path.exists(path)]
        for path in gone:
            del self.entries[path]
        if gone:
            self.dirty = True

    def write(self) -> None:
        payload = marshal.dumps(
            [(path, *entry) for path, entry in self.entries.items()], MARSHAL_VERSION
        )
        header = MAGIC + FORMAT_VERSION.to_bytes(2, "little")
        write_output(
            self.file, header + hashlib.blake2b(payload, digest_size=32).digest() + payload
        )
        self.dirty = False


class ResultCache:
    """The entries of one run key: each shard read when a file of it is first asked for, and
    written at the end of the run if the run changed it."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.directory = folder / f"results-{key}"
        self._shards: dict[int, _Shard] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_linter(cls, linter: KeyedLinter, folder: Path | None = None) -> ResultCache:
        settings = linter.settings
        if folder is None:
            folder = Path(settings.cache_dir)
            if not folder.is_absolute():
                folder = settings.root / folder
        return cls(folder, run_key(linter))

    def _shard(self, absolute: str) -> _Shard:
        index = shard_of(absolute)
        shard = self._shards.get(index)
        if shard is None:
            shard = self._shards[index] = _Shard(self.directory / f"{index:02x}.bin")
        return shard

    # -- reading ---------------------------------------------------------------------------
    def get(self, absolute: str, content: bytes, display: str) -> FileResult | None:
        shard = self._shard(absolute)
        entry = shard.entries.get(absolute)
        if entry is None or entry[0] != content or entry[1] != display:
            self.misses += 1
            return None
        try:
            result = unpack(entry[2])
        except Exception:  # a damaged entry: drop it and lint the file
            del shard.entries[absolute]
            shard.touched.add(absolute)
            shard.dirty = True
            self.misses += 1
            return None
        self.hits += 1
        return result

    # -- writing ---------------------------------------------------------------------------
    def put(self, absolute: str, content: bytes, display: str, blob: bytes | None) -> None:
        shard = self._shard(absolute)
        shard.touched.add(absolute)
        if blob is None:
            if shard.entries.pop(absolute, None) is not None:
                shard.dirty = True
            return
        shard.entries[absolute] = (content, display, blob)
        shard.dirty = True

    def save(self) -> None:
        """Write the shards this run changed; failures are ignored (the next run relints)."""
        changed = []
        for shard in self._shards.values():
            shard.prune()
            if shard.dirty:
                changed.append(shard)
        if not changed:
            return
        try:
            self._prepare_folder()
        except OSError:
            return
        for shard in changed:
            shard.merge_concurrent()
            shard.prune()
            with contextlib.suppress(OSError, ValueError):
                shard.write()
        with contextlib.suppress(OSError):
            self._forget_old_keys()

    def _prepare_folder(self) -> None:
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
            (self.folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")
        self.directory.mkdir(exist_ok=True)

    def _forget_old_keys(self) -> None:
        others = []
        for path in _cache_entries(self.folder):
            if path != self.directory:
                try:
                    others.append((path.stat().st_mtime_ns, path))
                except OSError:
                    continue
        others.sort(reverse=True)
        for _mtime, path in others[KEEP_KEYS - 1 :]:
            _remove(path)


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
    """Remove notelint's result caches from ``folder`` (the folder itself stays)."""
    for path in list(_cache_entries(folder)):
        _remove(path)


def _cache_entries(folder: Path) -> Iterable[Path]:
    """Each run key's folder, and the single files of the format before shards."""
    return folder.glob("results-*") if folder.is_dir() else ()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()

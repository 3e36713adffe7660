"""The lookup cache: SQLite, shared by every run on the machine.

One row per (provider, endpoint, query): the records the provider answered, as JSON. An answer
with records (a hit) is kept for ``hit-ttl-days`` (weeks: venues do not change often), an empty
answer (a miss) for ``miss-ttl-days`` (a paper may appear tomorrow). Failures are never stored.
``--refresh`` skips reading but still writes.

Two runs may share the file: WAL journal and a busy timeout let one write while the other reads.
API keys never reach the cache: keys are built from the query and the base URL only.

Only notelint's own cache is ever deleted or replaced. ``cache-path`` comes from a repository's
configuration, so it may name any file the user can write (a typo, or a hostile repository):
a file that is not recognisably a notelint cache (its tables, or its place in notelint's own
cache directory) is left byte for byte as it is, and the run goes on without a cache, with a
warning. A corrupt notelint cache is replaced. A transient error (disk full, I/O error, a
read-only directory) is not corruption: that run goes without the cache and the file is kept.
Expired rows are pruned when the cache is opened, so the file stays as large as the answers
still in use.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notelint.config.settings import Settings

logger = logging.getLogger("notelint.online")

SCHEMA_VERSION = 1
_DAY = 86400.0
_SQLITE_HEADER = b"SQLite format 3\x00"
_OUR_TABLES = frozenset({"meta", "lookups"})
# Messages of errors that say the file itself is damaged (sqlite3 gives no finer type).
_CORRUPT = ("file is not a database", "malformed", "file is encrypted", "not a database")


class NotOurs(Exception):
    """The file at the cache path is something else; it must not be touched."""


def default_cache_path() -> Path:
    """``online.sqlite3`` in the user's notelint cache folder (:mod:`notelint.config.userdirs`)."""
    from notelint.config.userdirs import user_cache_root

    root = user_cache_root()
    if root is None:
        raise RuntimeError("no user cache folder: set online.cache-path or NOTELINT_CACHE_HOME")
    return root / "online.sqlite3"


def configured_cache_path(settings: Settings) -> Path:
    """The cache file the settings name (``online.cache-path``), else the default one; raises
    ``RuntimeError`` where there is no user cache folder."""
    if settings.online.cache_path:
        return Path(settings.resolve(settings.online.cache_path))
    return default_cache_path()


class LookupCache:
    def __init__(
        self,
        path: Path,
        *,
        hit_ttl_days: float,
        miss_ttl_days: float,
        read: bool = True,
        busy_timeout: float = 10.0,
    ) -> None:
        self.path = path
        self.hit_ttl = hit_ttl_days * _DAY
        self.miss_ttl = miss_ttl_days * _DAY
        self.read = read
        self.busy_timeout = busy_timeout
        self.warnings: list[str] = []
        self._db: sqlite3.Connection | None = self._open()

    # -- opening -----------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS lookups ("
                " provider TEXT NOT NULL, key TEXT NOT NULL, stored REAL NOT NULL,"
                " hit INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (provider, key))"
            )
            db.execute("INSERT OR IGNORE INTO meta VALUES ('app', 'notelint')")
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                db.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
                )
            elif row[0] != str(SCHEMA_VERSION):
                db.execute("DELETE FROM lookups")
                db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))
            db.execute("SELECT count(*) FROM lookups").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _open(self) -> sqlite3.Connection | None:
        try:
            self._check_ours()
        except NotOurs as why:
            self._warn(
                f"online cache path {self.path} {why}; it is left untouched and this run has"
                " no online cache (set online.cache-path to a new file)"
            )
            return None
        except OSError as exc:
            return self._without(exc)
        try:
            db = self._connect()
        except sqlite3.OperationalError as exc:
            if _is_corrupt(exc):
                return self._replace(exc)
            # Locked, busy, disk full, I/O error, read-only: transient, the file is kept.
            return self._without(exc)
        except sqlite3.DatabaseError as exc:
            if _is_corrupt(exc):
                return self._replace(exc)
            return self._without(exc)
        except OSError as exc:
            return self._without(exc)
        self._prune(db)
        return db

    def _check_ours(self) -> None:
        """Raise :class:`NotOurs` unless the path is absent, empty or notelint's cache."""
        if not self.path.exists() and not self.path.is_symlink():
            return
        if not self.path.is_file():
            raise NotOurs("is not a regular file")
        with self.path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
        if not head:
            return  # an empty file: nothing to lose
        if head != _SQLITE_HEADER:
            if self._in_our_directory():
                return  # our own cache, damaged: replaced once connecting fails
            raise NotOurs("is not a notelint cache (not an SQLite database)")
        try:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            probe = sqlite3.connect(uri, uri=True, timeout=self.busy_timeout)
            try:
                tables = {
                    row[0]
                    for row in probe.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
            finally:
                probe.close()
        except sqlite3.DatabaseError as exc:
            if self._in_our_directory() or not _is_corrupt(exc):
                return
            raise NotOurs("is an SQLite file that cannot be read as a notelint cache") from None
        if not tables >= _OUR_TABLES and not self._in_our_directory():
            raise NotOurs("is another program's SQLite database")

    def _in_our_directory(self) -> bool:
        """A file in notelint's own cache directory is notelint's, whatever it holds."""
        try:
            return self.path.resolve() == default_cache_path().resolve()
        except (OSError, RuntimeError):
            return False

    def _prune(self, db: sqlite3.Connection) -> None:
        now = time.time()
        # Pruning is housekeeping: a busy or full disk must not stop the run.
        with contextlib.suppress(sqlite3.Error):
            db.execute(
                "DELETE FROM lookups WHERE (hit = 1 AND stored < ?) OR (hit = 0 AND stored < ?)",
                (now - self.hit_ttl, now - self.miss_ttl),
            )

    def _without(self, exc: Exception) -> sqlite3.Connection | None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self._warn(f"online cache {self.path} cannot be used ({reason}); running without it")
        return None

    def _replace(self, exc: Exception) -> sqlite3.Connection | None:
        self._warn(f"online cache {self.path} is damaged ({exc}); starting a new one")
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._connect()
        except (sqlite3.Error, OSError) as again:
            self._warn(f"online cache {self.path} cannot be created ({again}); running without it")
            return None

    def _warn(self, message: str) -> None:
        logger.warning("%s", message)
        self.warnings.append(message)

    # -- use ---------------------------------------------------------------------------------
    def get(self, provider: str, key: str) -> list[dict[str, Any]] | None:
        """Cached records (an empty list for a cached miss), or None when not cached or stale."""
        if self._db is None or not self.read:
            return None
        try:
            row = self._db.execute(
                "SELECT stored, hit, body FROM lookups WHERE provider = ? AND key = ?",
                (provider, key),
            ).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if row is None:
            return None
        stored, hit, body = row
        ttl = self.hit_ttl if hit else self.miss_ttl
        if time.time() - float(stored) > ttl:
            return None
        try:
            value = json.loads(body)
        except ValueError:
            return None
        return value if isinstance(value, list) else None

    def put(self, provider: str, key: str, records: list[dict[str, Any]]) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO lookups (provider, key, stored, hit, body)"
                " VALUES (?, ?, ?, ?, ?)",
                (provider, key, time.time(), 1 if records else 0, json.dumps(records)),
            )
        except sqlite3.Error as exc:
            self._fail(exc)

    def _fail(self, exc: sqlite3.Error) -> None:
        self._warn(f"online cache {self.path} failed ({exc}); continuing without it")
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _is_corrupt(exc: Exception) -> bool:
    message = str(exc).lower()
    return any(marker in message for marker in _CORRUPT)

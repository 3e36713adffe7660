"""The lookup cache: SQLite, shared by every run on the machine.

One row per (provider, endpoint, query): the records the provider answered, as JSON. An answer
with records (a hit) is kept for ``hit-ttl-days`` (weeks: venues do not change often), an empty
answer (a miss) for ``miss-ttl-days`` (a paper may appear tomorrow). Failures are never stored.
``--refresh`` skips reading but still writes.

Two runs may share the file: WAL journal and a busy timeout let one write while the other reads.
A file that is not a usable cache (corrupt, or another program's database) is replaced, with a
warning. API keys never reach the cache: keys are built from the query and the base URL only.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger("notelint.online")

SCHEMA_VERSION = 1
_DAY = 86400.0


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "notelint" / "online.sqlite3"


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
            return self._connect()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                self._warn(f"online cache {self.path} is busy; running without it")
                return None
            return self._replace(exc)
        except sqlite3.DatabaseError as exc:
            return self._replace(exc)
        except OSError as exc:
            self._warn(
                f"online cache {self.path} cannot be used ({exc.strerror}); running without it"
            )
            return None

    def _replace(self, exc: Exception) -> sqlite3.Connection | None:
        self._warn(f"online cache {self.path} is not usable ({exc}); starting a new one")
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

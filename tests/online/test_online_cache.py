"""The SQLite lookup cache: TTLs, refresh, sharing, corruption."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from notelint.online import cache as cache_module
from notelint.online.cache import LookupCache, default_cache_path

HIT = [{"provider": "dblp", "title": "Segment Anything", "status": "published"}]


def open_cache(path: Path, **kw: object) -> LookupCache:
    options: dict[str, object] = {"hit_ttl_days": 28, "miss_ttl_days": 1, **kw}
    return LookupCache(path, **options)  # type: ignore[arg-type]


def test_hits_and_misses_have_their_own_ttl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_cache(tmp_path / "c.sqlite3")
    db.put("dblp", "hit", HIT)
    db.put("dblp", "miss", [])
    assert db.get("dblp", "hit") == HIT
    assert db.get("dblp", "miss") == []
    assert db.get("dblp", "other") is None
    now = cache_module.time.time()
    monkeypatch.setattr(cache_module.time, "time", lambda: now + 2 * 86400)
    assert db.get("dblp", "hit") == HIT  # weeks
    assert db.get("dblp", "miss") is None  # a day
    monkeypatch.setattr(cache_module.time, "time", lambda: now + 29 * 86400)
    assert db.get("dblp", "hit") is None
    db.close()


def test_refresh_reads_nothing_but_writes(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    first = open_cache(path)
    first.put("dblp", "k", HIT)
    first.close()
    refreshing = open_cache(path, read=False)
    assert refreshing.get("dblp", "k") is None
    refreshing.put("dblp", "k", [])
    refreshing.close()
    assert open_cache(path).get("dblp", "k") == []


def test_a_damaged_cache_of_ours_is_replaced_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite3"
    good = open_cache(path)
    good.put("dblp", "k", HIT)
    good.close()
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # our tables listed, their pages destroyed
    path.write_bytes(bytes(data))
    with caplog.at_level("WARNING", logger="notelint.online"):
        db = open_cache(path)
    assert "starting a new one" in caplog.text
    db.put("dblp", "k", HIT)
    assert db.get("dblp", "k") == HIT


def test_random_bytes_at_the_default_path_are_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = default_cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    db = open_cache(path)
    assert db.warnings and "starting a new one" in db.warnings[0]
    db.put("dblp", "k", HIT)
    assert db.get("dblp", "k") == HIT


@pytest.mark.parametrize(
    "content",
    [b"my important notes\n" * 50, b"", b"SQLite format 3\x00" + b"\x00" * 200],
    ids=["text", "empty-is-fine", "sqlite-header-garbage"],
)
def test_a_file_that_is_not_our_cache_is_never_touched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "important.txt"
    path.write_bytes(content)
    db = open_cache(path)
    db.put("dblp", "k", HIT)
    db.close()
    if content:
        assert path.read_bytes() == content
        assert "left untouched" in db.warnings[0]
        assert not Path(f"{path}-wal").exists()
    else:
        assert not db.warnings  # an empty file holds nothing: it becomes the cache


def test_another_programs_sqlite_database_is_never_touched(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "app.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE users (name TEXT)")
    other.execute("INSERT INTO users VALUES ('ann')")
    other.commit()
    other.close()
    before = path.read_bytes()
    db = open_cache(path)
    assert db.get("dblp", "k") is None
    db.put("dblp", "k", HIT)
    db.close()
    assert path.read_bytes() == before
    assert "another program's SQLite database" in db.warnings[0]


def test_a_transient_error_keeps_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    path = tmp_path / "c.sqlite3"
    good = open_cache(path)
    good.put("dblp", "k", HIT)
    good.close()
    real_connect = cache_module.sqlite3.connect

    def full_disk(*args: object, **kwargs: object) -> sqlite3.Connection:
        if kwargs.get("uri"):
            return real_connect(*args, **kwargs)  # type: ignore[arg-type]
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cache_module.sqlite3, "connect", full_disk)
    db = open_cache(path)
    assert "running without it" in db.warnings[0]
    monkeypatch.undo()
    assert open_cache(path).get("dblp", "k") == HIT


def test_a_full_disk_while_writing_keeps_the_cache(tmp_path: Path) -> None:
    """A real full disk where a small tmpfs can be mounted; a simulated one otherwise."""
    path = tmp_path / "c.sqlite3"
    db = open_cache(path)
    db.put("dblp", "k", HIT)

    class FullDisk:
        def execute(self, *args: object) -> None:
            import sqlite3

            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            pass

    real = db._db
    db._db = FullDisk()  # type: ignore[assignment]
    db.put("dblp", "other", HIT)
    assert "continuing without it" in db.warnings[0]
    assert real is not None
    real.close()
    assert open_cache(path).get("dblp", "k") == HIT


def test_expired_rows_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"
    db = open_cache(path)
    db.put("dblp", "old-miss", [])
    db.put("dblp", "old-hit", HIT)
    db.close()
    now = cache_module.time.time()
    monkeypatch.setattr(cache_module.time, "time", lambda: now + 2 * 86400)
    reopened = open_cache(path)
    assert reopened._db is not None
    keys = {row[0] for row in reopened._db.execute("SELECT key FROM lookups")}
    assert keys == {"old-hit"}


def test_two_runs_share_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    a, b = open_cache(path), open_cache(path)
    errors: list[BaseException] = []

    def write(db: LookupCache, prefix: str) -> None:
        try:
            for i in range(200):
                db.put("dblp", f"{prefix}{i}", HIT)
        except BaseException as exc:  # pragma: no cover - the failure we look for
            errors.append(exc)

    # sqlite3 connections belong to their thread: each writer opens its own, as two runs do.
    threads = [threading.Thread(target=lambda p=p: write(open_cache(path), p)) for p in ("x", "y")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert a.get("dblp", "x199") == HIT and b.get("dblp", "y0") == HIT
    assert not a.warnings and not b.warnings
    mode = a._db.execute("PRAGMA journal_mode").fetchone()[0]  # type: ignore[union-attr]
    assert mode == "wal"


def test_default_path_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_path() == tmp_path / "notelint" / "online.sqlite3"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert default_cache_path() == Path.home() / ".cache" / "notelint" / "online.sqlite3"

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


def test_corrupt_file_is_replaced_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level("WARNING", logger="notelint.online"):
        db = open_cache(path)
    assert db.warnings and "not usable" in db.warnings[0]
    assert "starting a new one" in caplog.text
    db.put("dblp", "k", HIT)
    assert db.get("dblp", "k") == HIT


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

"""Caches a user owns go where the platform keeps caches, or where NOTELINT_CACHE_HOME says."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from notelint.config.userdirs import user_cache_root
from notelint.online.cache import default_cache_path
from notelint.store.datacache import cache_dir


def test_notelint_cache_home_holds_every_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOTELINT_CACHE_HOME", str(tmp_path / "ci-cache"))
    monkeypatch.delenv("NOTELINT_DICTIONARY_CACHE", raising=False)
    assert default_cache_path() == tmp_path / "ci-cache" / "online.sqlite3"
    assert cache_dir() == tmp_path / "ci-cache" / "data"


def test_otherwise_the_platforms_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTELINT_CACHE_HOME", raising=False)
    assert user_cache_root() == platformdirs.user_cache_path("notelint", appauthor=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG layout is Linux's")
def test_on_linux_that_is_the_xdg_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NOTELINT_CACHE_HOME", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "notelint" / "online.sqlite3"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache_root() == tmp_path / "home" / ".cache" / "notelint"

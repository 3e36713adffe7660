"""Atomic writes: all or nothing, mode kept, symlinks written through."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from notelint.store import atomic
from notelint.store.atomic import AtomicWriteError, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".notelint-tmp"))


def test_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    write_atomic(path, b"new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real" / "notes.md"
    real.parent.mkdir()
    real.write_bytes(b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, b"new\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"
    assert _leftovers(real.parent) == [] and _leftovers(tmp_path) == []


def test_refuses_when_the_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(b"edited meanwhile\n")
    with pytest.raises(AtomicWriteError, match="changed on disk"):
        write_atomic(path, b"fixed\n", expected=b"as read\n")
    assert path.read_bytes() == b"edited meanwhile\n"


def test_a_failed_rename_leaves_the_original_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(b"old\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(AtomicWriteError, match="No space left on device"):
        write_atomic(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert _leftovers(tmp_path) == []


def test_refuses_things_that_are_not_regular_files(tmp_path: Path) -> None:
    with pytest.raises(AtomicWriteError, match="not a regular file"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(AtomicWriteError, match="cannot write"):
        write_atomic(tmp_path / "missing.md", b"x")
    assert os.listdir(tmp_path) == []

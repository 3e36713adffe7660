"""Writing a file so that a crash or a full disk never leaves it half written.

The new bytes go to a temporary file in the same directory as the target (so that the final
rename stays on one file system and is atomic), are flushed to disk, get the target's
permission bits, and then replace the target with ``os.replace``. A symlink is written through:
its target is replaced and the link itself stays a link. If anything fails, the temporary file
is removed and the original is untouched.

Encoding, BOM and line endings are not this module's business: callers hand it the exact bytes
(``SourceText.encode`` keeps the BOM; the fixer keeps every line's ending).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO


class AtomicWriteError(Exception):
    """The file could not be replaced; the original is unchanged."""


def resolve_target(path: Path) -> Path:
    """The file that writing ``path`` should change: symlinks followed to their target."""
    return Path(os.path.realpath(path))


def write_output(target: Path, data: bytes) -> None:
    """Create or replace a file notelint owns (a cache, a report): readers see the old bytes
    or the new ones, never half. Unlike :func:`write_atomic`, the file need not exist and is
    not a user's file: no permission bits are kept (it gets 0644) and nothing is compared."""
    fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes it private; a cache or a report is no secret
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(path: Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace the contents of ``path`` (or of the file it links to) with ``data``.

    ``expected``, when given, is what the file held when it was read: if it holds something
    else now (an editor saved it meanwhile), nothing is written and AtomicWriteError says so.
    The comparison is made twice: before the temporary file is written, and again after it is
    written and synced, immediately before the rename. What remains is the window between that
    last read and the rename (microseconds, not the milliseconds of an fsync). The old file is
    kept open across the rename and read again after it: a save that landed in it meanwhile is
    put back and the fix refused. Only a save that lands after that second read (into a file
    the editor opened before the rename) can still lose, as with every tool that rewrites files.
    """
    target = resolve_target(path)
    try:
        info = target.stat()
    except OSError as exc:
        raise AtomicWriteError(f"cannot write: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise AtomicWriteError("cannot write: not a regular file")
    if expected is not None:
        try:
            current = target.read_bytes()
        except OSError as exc:
            raise AtomicWriteError(f"cannot write: {exc.strerror or exc}") from None
        if current != expected:
            raise AtomicWriteError("the file changed on disk while it was being fixed")
    directory = target.parent
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".notelint-tmp", dir=directory
        )
    except OSError as exc:
        raise AtomicWriteError(
            f"cannot create a temporary file in {directory}: {exc.strerror or exc}"
        ) from None
    try:
        _fill(fd, temporary, data, info)
        with contextlib.suppress(OSError):  # only possible as root or as the owner already
            if hasattr(os, "chown") and (info.st_uid, info.st_gid) != _owner(temporary):
                os.chown(temporary, info.st_uid, info.st_gid)
        old: BinaryIO | None = None
        if expected is not None:
            # Kept open across the rename: a save that lands in the old file during the window
            # is seen afterwards, and put back.
            old = open(target, "rb")  # noqa: SIM115 (closed below, after the rename)
            if old.read() != expected:
                old.close()
                os.unlink(temporary)
                raise AtomicWriteError("the file changed on disk while it was being fixed")
        try:
            os.replace(temporary, target)
            if old is not None:
                old.seek(0)
                late = old.read()
                if late != expected:
                    _put_back(target, late, data, info)
                    raise AtomicWriteError("the file changed on disk while it was being fixed")
        finally:
            if old is not None:
                old.close()
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise AtomicWriteError(f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(directory)


def _fill(fd: int, temporary: str, data: bytes, info: os.stat_result) -> None:
    """Write ``data`` to the open temporary file, sync it, and give it the target's mode."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temporary, stat.S_IMODE(info.st_mode))


def _put_back(target: Path, data: bytes, ours: bytes, info: os.stat_result) -> None:
    """An editor saved into the old file while the fix was renamed over it: its text wins,
    unless the file holds something newer than the fix already (a later save)."""
    try:
        if target.read_bytes() != ours:
            return
    except OSError:
        return
    fd, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".notelint-tmp", dir=target.parent
    )
    try:
        _fill(fd, temporary, data, info)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _owner(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (a no-op where directories cannot be opened)."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:
        return
    try:
        fd = os.open(directory, os.O_RDONLY | flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

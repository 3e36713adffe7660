"""Decoded copies of the data files a run loads every time (pyspellchecker's dictionaries, the
built-in vocabulary), kept in the user's cache folder so that a run loads each with one
``marshal`` call instead of decoding JSON or TOML again.

A copy is named after a hash of the source bytes and the Python version, so a changed source or
another Python never reads a stale or foreign copy. Any problem with the folder or a copy
means decoding the source, never an error.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from notelint.store.atomic import write_output


def cache_dir() -> Path | None:
    """``$NOTELINT_DICTIONARY_CACHE``, else ``data`` in the user's notelint cache folder
    (:mod:`notelint.config.userdirs`); ``NOTELINT_DICTIONARY_CACHE=off`` turns it off."""
    explicit = os.environ.get("NOTELINT_DICTIONARY_CACHE")
    if explicit:
        return None if explicit.lower() in ("0", "off", "no", "false") else Path(explicit)
    from notelint.config.userdirs import user_cache_root

    root = user_cache_root()
    return None if root is None else root / "data"


def copy_path(folder: Path | None, name: str, source: bytes, kind: str = "") -> Path | None:
    """Where the decoded copy of ``source`` (a data file called ``name``) lives."""
    if folder is None:
        return None
    digest = hashlib.blake2b(source, digest_size=8).hexdigest()
    version = f"py{sys.version_info[0]}{sys.version_info[1]}"
    return folder / f"{name}-{digest}-{version}{kind}.marshal"


def read(path: Path | None) -> Any:
    """The stored copy, or None (no copy, or an unreadable one)."""
    if path is None:
        return None
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(path: Path | None, data: Any) -> None:
    """Store a copy atomically (a concurrent run reads the old copy or the new, never half)."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_output(path, marshal.dumps(data))
    except (OSError, ValueError):
        pass  # a copy that cannot be written is rebuilt next time

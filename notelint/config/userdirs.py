"""Where notelint keeps what it caches for the user rather than for one repository.

``$NOTELINT_CACHE_HOME`` when set (CI keeps it in a folder it restores between runs), else the
platform's own cache folder, as platformdirs knows it: ``$XDG_CACHE_HOME/notelint`` or
``~/.cache/notelint`` on Linux, ``~/Library/Caches/notelint`` on macOS,
``%LOCALAPPDATA%\\notelint\\Cache`` on Windows. The per-repository result cache is not here: it
is the project's ``cache-dir``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

CACHE_HOME_VARIABLE = "NOTELINT_CACHE_HOME"


def user_cache_root() -> Path | None:
    """The folder, or None where the platform has none (no home folder)."""
    explicit = os.environ.get(CACHE_HOME_VARIABLE)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if base and not os.path.isabs(base) and sys.platform not in ("win32", "darwin"):
        # The XDG spec says a relative path is to be ignored (older platformdirs use it).
        try:
            return Path.home() / ".cache" / "notelint"
        except RuntimeError:
            return None
    try:
        return platformdirs.user_cache_path("notelint", appauthor=False)
    except (RuntimeError, KeyError, OSError):
        return None

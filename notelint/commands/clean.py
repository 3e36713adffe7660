"""``notelint clean``: remove the project's result cache (as ``ruff clean`` does).

The folder is the configured ``cache-dir`` (``.notelint_cache`` by default), relative to the
project root. Only a folder that holds nothing but notelint's cache files is removed, never
the project root or a folder above it: a mistyped ``cache-dir = "."`` cannot delete the
project.
The online answers (``[tool.notelint.online] cache-path``) are kept: they cost network
requests to rebuild; ``--refresh`` re-asks them.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from notelint.commands.check_inputs import settings_for
from notelint.errors import EXIT_CLEAN, UsageError

_OURS = ("CACHEDIR.TAG", ".gitignore")


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    folder = Path(settings.cache_dir)
    if not folder.is_absolute():
        folder = settings.root / folder
    if not folder.exists():
        print(f"No cache to remove ({folder} does not exist).")
        return EXIT_CLEAN
    root = settings.root.resolve()
    resolved = folder.resolve()
    if resolved == root or resolved in root.parents or not _made_by_notelint(resolved):
        raise UsageError(f"{folder}: not a notelint cache folder; left as it is")
    shutil.rmtree(folder)
    print(f"Removed {folder}.")
    return EXIT_CLEAN


def _made_by_notelint(folder: Path) -> bool:
    if not folder.is_dir():
        return False
    names = {p.name for p in folder.iterdir()}
    return "CACHEDIR.TAG" in names and all(
        n in _OURS or n.startswith(("results-", "replay-")) for n in names
    )

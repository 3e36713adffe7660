"""Finding the configuration file, with the standard library only.

Kept apart from :mod:`notelint.config.settings` (which needs pydantic) so that the replay cache can
locate a run's configuration before anything heavy is imported.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG_FILES = ("notelint.toml", ".notelint.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a pyproject.toml counts only with
    a ``[tool.notelint]`` table, as ruff does)."""
    for folder in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except OSError:
                continue
            except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
                # Broken, and it may hold our table: the reader reports it, never skipped.
                if b"notelint" in candidate.read_bytes():
                    return candidate
                continue
            if isinstance(data.get("tool"), dict) and "notelint" in data["tool"]:
                return candidate
    return None

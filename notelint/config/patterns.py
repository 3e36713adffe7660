"""Configuration patterns that match no file: ``extend-exclude`` entries and ``per-file-ignores``
keys. A pattern that matches nothing is almost always a typo or a renamed folder, and it fails
silently (the file it meant is linted after all, or keeps its findings): so it is said.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pathspec

from notelint.config.settings import DEFAULT_EXCLUDE, Settings


def _project_paths(settings: Settings) -> Iterator[str]:
    """Every file and folder of the project, relative and in POSIX form (folders end in /),
    without descending into the folders notelint never reads (.git, node_modules, ...)."""
    root = settings.root
    skip = set(DEFAULT_EXCLUDE)
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        base = os.path.relpath(folder, root)
        prefix = "" if base == "." else base.replace(os.sep, "/") + "/"
        for name in dirs:
            yield f"{prefix}{name}/"
        for name in files:
            yield f"{prefix}{name}"


def unmatched_patterns(settings: Settings) -> list[str]:
    """Warnings, one per pattern that matches no file or folder of the project."""
    patterns = [("extend-exclude", p) for p in settings.extend_exclude]
    patterns += [("per-file-ignores", p) for p in settings.per_file_ignores]
    patterns += [("prose-files", p) for p in settings.prose_files]
    if not patterns:
        return []
    specs = [(key, p, pathspec.GitIgnoreSpec.from_lines([p])) for key, p in patterns]
    pending = list(range(len(specs)))
    for path in _project_paths(settings):
        name = path.rstrip("/").rsplit("/", 1)[-1]
        pending = [
            i for i in pending if not (specs[i][2].match_file(path) or specs[i][2].match_file(name))
        ]
        if not pending:
            return []
    where = settings.config_path or settings.root
    return [f"{where}: {specs[i][0]} pattern '{specs[i][1]}' matches no file" for i in pending]

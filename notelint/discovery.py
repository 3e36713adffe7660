"""Which files a run checks.

Directories are searched for Markdown files (``.md``, ``.markdown``), skipping what the
configuration excludes (``exclude`` + ``extend-exclude``, gitignore-style patterns relative to
the project root) and, unless ``respect-gitignore = false``, what ``.gitignore`` files ignore.
Files named explicitly are always checked, unless ``--force-exclude`` is given (pre-commit passes
file names explicitly, and excludes should still hold there).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pathspec

from notelint.config import Settings

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


class DiscoveryError(Exception):
    """A path given on the command line that does not exist."""


def _spec(patterns: Sequence[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


@dataclass
class _GitIgnores:
    """``.gitignore`` files met while walking, each applying below its own folder."""

    root: Path

    @cached_property
    def _specs(self) -> dict[Path, pathspec.GitIgnoreSpec | None]:
        return {}

    def _for(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            ignore = folder / ".gitignore"
            spec = None
            if ignore.is_file():
                try:
                    spec = _spec(ignore.read_text(encoding="utf-8", errors="replace").splitlines())
                except (OSError, ValueError):
                    spec = None
            self._specs[folder] = spec
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for folder in [path.parent, *path.parent.parents]:
            spec = self._for(folder)
            if spec is not None:
                relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
            if folder == self.root or folder == folder.parent:
                break
        return False


@dataclass
class FileFinder:
    settings: Settings
    force_exclude: bool = False
    # Every folder walked, in order (what the replay cache checks: notelint.replay).
    walked: list[str] = field(default_factory=list)

    def gitignore_folders(self) -> list[Path]:
        """The folders whose ``.gitignore`` was consulted (present or not)."""
        found = self.__dict__.get("_gitignore")
        return list(found._specs) if found is not None else []

    @cached_property
    def _exclude(self) -> pathspec.GitIgnoreSpec:
        return _spec([*self.settings.exclude, *self.settings.extend_exclude])

    @cached_property
    def _gitignore(self) -> _GitIgnores:
        return _GitIgnores(self.settings.root)

    def _relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.settings.root).as_posix()
        except ValueError:
            return None

    def why_excluded(self, path: Path, is_dir: bool) -> str | None:
        """Why a run leaves ``path`` out (the pattern, or .gitignore), or None."""
        if not self.excluded(path, is_dir):
            return None
        relative = self._relative(path) or path.name
        suffix = "/" if is_dir else ""
        for option, patterns in (
            ("exclude", self.settings.exclude),
            ("extend-exclude", self.settings.extend_exclude),
        ):
            for pattern in patterns:
                if _spec([pattern]).match_file(relative + suffix):
                    return f"{option} pattern {pattern!r}"
        return "ignored by .gitignore"

    def excluded(self, path: Path, is_dir: bool) -> bool:
        relative = self._relative(path)
        if relative is None:
            # Outside the project: only the name can match an exclude pattern.
            relative = path.name
        suffix = "/" if is_dir else ""
        if self._exclude.match_file(relative + suffix):
            return True
        if self.settings.respect_gitignore and self._relative(path) is not None:
            return self._gitignore.ignored(path.resolve(), is_dir)
        return False

    def find(self, paths: Sequence[Path]) -> Iterator[Path]:
        seen: set[Path] = set()
        for given in paths:
            if not given.exists() and not given.is_symlink():
                raise DiscoveryError(f"{given}: no such file or directory")
            if given.is_dir():
                for found in self._walk(given):
                    key = found.resolve()
                    if key not in seen:
                        seen.add(key)
                        yield found
            else:
                if self.force_exclude and self.excluded(given, is_dir=False):
                    continue
                key = given.resolve()
                if key not in seen:
                    seen.add(key)
                    yield given

    def _walk(self, top: Path) -> Iterator[Path]:
        if top.resolve() != self.settings.root and self.excluded(top, is_dir=True):
            return
        for folder, dirs, files in os.walk(top):
            self.walked.append(folder)
            base = Path(folder)
            dirs[:] = sorted(d for d in dirs if not self.excluded(base / d, is_dir=True))
            for name in sorted(files):
                path = base / name
                if path.suffix.lower() in MARKDOWN_SUFFIXES and not self.excluded(
                    path, is_dir=False
                ):
                    yield path


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as users expect to see it: relative to the working directory when below it."""
    absolute = Path(os.path.abspath(path))
    base = Path(os.path.abspath(cwd or Path.cwd()))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()

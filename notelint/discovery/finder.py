"""Which files a run checks.

Directories are searched for Markdown files (``.md``, ``.markdown``), skipping what the
configuration excludes (``exclude`` + ``extend-exclude``, gitignore-style patterns relative to
the project root), files that match none of the ``include`` patterns (when there are any) and,
unless ``respect-gitignore = false``, what git ignores: inside a git work tree git itself is asked
(:mod:`notelint.discovery.git`, so ``.git/info/exclude``, ``core.excludesFile`` and negations agree
with ``git status``); elsewhere the ``.gitignore`` files are read.

Files named explicitly are always checked, unless ``--force-exclude`` is given: pre-commit names
every Markdown file a commit touches, and then the excludes, ``include`` and the configured
``paths`` all bound what is checked, so a README or CHANGELOG outside the notes is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pathspec

from notelint.config.settings import Settings
from notelint.discovery.git import GitListing, git_listing
from notelint.discovery.markdown import MARKDOWN_SUFFIXES

__all__ = ["MARKDOWN_SUFFIXES", "DiscoveryError", "FileFinder", "display_path"]


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
    # Every folder walked, in order (what the replay cache checks: notelint.store.replay).
    walked: list[str] = field(default_factory=list)

    def discovery_inputs(self) -> list[str]:
        """Every file whose content decided which files this run found, present or not: the
        ``.gitignore`` files consulted and, inside a git work tree, what git read (the index,
        ``info/exclude``, the excludes file, git's configuration). The replay cache checks them."""
        found = self.__dict__.get("_gitignore")
        inputs = [str(folder / ".gitignore") for folder in (found._specs if found else ())]
        listing = self.__dict__.get("_git")
        if listing is not None:
            inputs.extend(listing.inputs)
            folders: set[str] = set()
            for walked in self.walked:
                folder = os.path.realpath(walked)
                while folder not in folders and listing.covers(folder):
                    folders.add(folder)
                    if folder == listing.top:
                        break
                    folder = os.path.dirname(folder)
            inputs.extend(os.path.join(folder, ".gitignore") for folder in sorted(folders))
        return inputs

    @cached_property
    def _exclude(self) -> pathspec.GitIgnoreSpec:
        return _spec([*self.settings.exclude, *self.settings.extend_exclude])

    @cached_property
    def _include(self) -> pathspec.GitIgnoreSpec | None:
        return _spec(self.settings.include) if self.settings.include else None

    @cached_property
    def _bounds(self) -> list[Path]:
        return [self.settings.resolve(p) for p in self.settings.paths]

    @cached_property
    def _git(self) -> GitListing | None:
        return git_listing(self.settings.root) if self.settings.respect_gitignore else None

    @cached_property
    def _gitignore(self) -> _GitIgnores:
        return _GitIgnores(self.settings.root)

    def _relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.settings.root).as_posix()
        except ValueError:
            return None

    def why_excluded(self, path: Path, is_dir: bool) -> str | None:
        """Why a run leaves ``path`` out (the pattern, ``include``, git), or None."""
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
        if not is_dir and self._include is not None and not self._include.match_file(relative):
            return "matches no include pattern"
        if self._git is not None and self._git.covers(str(path.resolve())):
            return "ignored by git"
        return "ignored by .gitignore"

    def why_not_named(self, path: Path) -> str | None:
        """Why ``--force-exclude`` leaves out a file named explicitly, or None."""
        if self._bounds:
            resolved = path.resolve()
            if not any(resolved == b or b in resolved.parents for b in self._bounds):
                return "outside the configured paths"
        return self.why_excluded(path, is_dir=False)

    def excluded(self, path: Path, is_dir: bool) -> bool:
        relative = self._relative(path)
        if relative is None:
            # Outside the project: only the name can match an exclude pattern.
            relative = path.name
        suffix = "/" if is_dir else ""
        if self._exclude.match_file(relative + suffix):
            return True
        if not is_dir and self._include is not None and not self._include.match_file(relative):
            return True
        if self.settings.respect_gitignore and self._relative(path) is not None:
            resolved = str(path.resolve())
            listing = self._git
            if listing is not None and listing.covers(resolved):
                return listing.ignored(resolved, is_dir)
            return self._gitignore.ignored(Path(resolved), is_dir)
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
                if self.force_exclude and self.why_not_named(given) is not None:
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

"""Which files git would add, asked of git itself.

Inside a git work tree, ``respect-gitignore`` means what ``git status`` means: a file is checked
when ``git ls-files --cached --others --exclude-standard`` lists it. Asking git, rather than
reading ``.gitignore`` files ourselves, is the only way to agree with it on everything that
decides: ``.git/info/exclude``, ``core.excludesFile`` (and its default,
``$XDG_CONFIG_HOME/git/ignore``), a negation in a child folder's ``.gitignore`` that re-includes
what a parent ignored, and tracked files that an ignore pattern matches (git keeps tracking them,
so they are checked). Submodules and nested repositories are not git's to list from here: below
them the ``.gitignore`` files are read as before (:mod:`notelint.discovery.finder`).

No git on the machine, a folder outside any work tree, a git that refuses the repository
(``safe.directory``), or a project whose own folder the enclosing repository ignores (a notes
project kept inside an ignored folder is not that repository's business): ``None``, and
discovery reads the ``.gitignore`` files from the project's folder down.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from notelint.discovery.markdown import is_markdown_name

# A repository's listing is read once per run; a git that hangs must not hang the run.
_GIT_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class GitListing:
    """The Markdown files git lists for one work tree, with what decides that list."""

    top: str
    files: frozenset[str]  # absolute paths of the listed Markdown files
    folders: frozenset[str]  # every folder holding one of them, up to ``top``
    nested: tuple[str, ...]  # submodules and nested repositories: git does not list inside
    inputs: tuple[str, ...]  # files git's answer depends on (for the replay cache)

    def covers(self, path: str) -> bool:
        """Whether git answers for ``path`` (inside the work tree, not in a nested repository)."""
        inside = path == self.top or path.startswith(self.top + os.sep)
        return inside and not self.nested_for(path)

    def nested_for(self, path: str) -> str | None:
        for nested in self.nested:
            if path == nested or path.startswith(nested + os.sep):
                return nested
        return None

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether git leaves ``path`` out (a folder: nothing listed below it)."""
        if is_dir:
            return path not in self.folders and not any(
                nested == path or nested.startswith(path + os.sep) for nested in self.nested
            )
        return path not in self.files


def run_git(folder: Path, *args: str, timeout: float = _GIT_TIMEOUT_SECONDS) -> str | None:
    """``git -C folder ARGS``'s output, or None when git fails, hangs or is not there."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="surrogateescape")


def _excludes_file(root: Path) -> str:
    configured = run_git(root, "config", "--path", "--get", "core.excludesFile")
    if configured and configured.strip():
        return os.path.abspath(os.path.expanduser(configured.strip()))
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(
        os.path.expanduser("~"), ".config"
    )
    return os.path.join(config_home, "git", "ignore")


def _config_files(git_dir: str) -> list[str]:
    home = os.path.expanduser("~")
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    return [
        os.path.join(git_dir, "config"),
        os.path.join(home, ".gitconfig"),
        os.path.join(config_home, "git", "config"),
    ]


def git_listing(root: Path) -> GitListing | None:
    """What git lists for the work tree holding ``root``, or None (see the module's docstring)."""
    if shutil.which("git") is None:
        return None
    where = run_git(root, "rev-parse", "--show-toplevel", "--absolute-git-dir", "--git-common-dir")
    if where is None:
        return None
    lines = where.splitlines()
    if len(lines) < 3 or not lines[0]:
        return None  # a bare repository, or a git too old to answer
    top = os.path.realpath(lines[0])
    if top != os.path.realpath(root) and run_git(root, "check-ignore", "-q", ".") is not None:
        return None  # the project's folder is one the enclosing repository ignores
    git_dir = lines[1]
    common_dir = os.path.realpath(os.path.join(str(root), lines[2]))
    listed = run_git(Path(top), "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if listed is None:
        return None
    files: set[str] = set()
    folders: set[str] = {top}
    nested: set[str] = set()
    for entry in listed.split("\0"):
        if not entry:
            continue
        if entry.endswith("/"):  # an untracked nested repository
            nested.add(os.path.join(top, entry.rstrip("/")))
            continue
        if not is_markdown_name(entry):
            continue
        path = os.path.join(top, entry)
        files.add(path)
        parent = os.path.dirname(path)
        while parent not in folders:
            folders.add(parent)
            parent = os.path.dirname(parent)
    if os.path.isfile(os.path.join(top, ".gitmodules")):
        submodules = run_git(Path(top), "config", "-f", ".gitmodules", "--get-regexp", r"\.path$")
        for line in (submodules or "").splitlines():
            _, _, relative = line.partition(" ")
            if relative:
                nested.add(os.path.join(top, relative))
    inputs = (
        os.path.join(git_dir, "index"),
        os.path.join(common_dir, "info", "exclude"),
        _excludes_file(root),
        *_config_files(common_dir),
    )
    return GitListing(
        top=top,
        files=frozenset(files),
        folders=frozenset(folders),
        nested=tuple(sorted(nested)),
        inputs=inputs,
    )

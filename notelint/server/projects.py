"""What the server knows per project: its settings and linter, and the workspace's results.

A project is the folder of a configuration file (or a workspace folder without one), found
for each document as ``check`` finds it: walking up from the document's folder. Its files are
linted once at start-up (the index); an open document replaces its file's result as it is
edited. Cross-file rules then see every file, as in ``notelint check``: the findings for a text
are those ``check`` reports for the same text in the same repository.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from notelint.commands.check_inputs import linter_for
from notelint.config.files import find_config
from notelint.config.settings import Settings, load_settings
from notelint.discovery.finder import FileFinder
from notelint.engine.linter import Linter
from notelint.model.findings import Finding
from notelint.model.results import FileResult
from notelint.parse.source import SourceText

_BACKTICKED = re.compile(r"`([^`\n]+)`")


@dataclass
class Project:
    settings: Settings
    linter: Linter
    results: dict[str, FileResult] = field(default_factory=dict)  # absolute path → result
    tag_uses: Counter[str] = field(default_factory=Counter)  # canonical tag → uses
    indexed: bool = False

    def files(self) -> Iterator[Path]:
        """The files ``check`` would check with no paths given."""
        finder = FileFinder(self.settings)
        tops = [self.settings.resolve(p) for p in self.settings.paths] or [self.settings.root]
        for path in finder.find([top for top in tops if top.exists()]):
            yield path.resolve()

    def lint(self, path: Path, text: str) -> None:
        source = SourceText.from_bytes(text.encode("utf-8"), str(path))
        self.results[str(path)] = self.linter.lint_source(source)

    def findings(self, path: Path) -> list[Finding]:
        """The file's findings after the cross-file stage, as ``check`` would report them."""
        key = str(path)
        return [f for f in self._finished(key) if f.path == key]

    def all_findings(self) -> dict[str, list[Finding]]:
        """Every indexed file's findings (the workspace's diagnostics), by absolute path; a
        file without findings has an empty list."""
        by_path: dict[str, list[Finding]] = {path: [] for path in self.results}
        for finding in self._finished():
            by_path.setdefault(finding.path, []).append(finding)
        return by_path

    def _finished(self, only: str | None = None) -> list[Finding]:
        # `finish` adds to the results it is given (with `only`, to that one): hand it copies
        # of those, keep the index as it is.
        copies = [
            dataclasses.replace(
                r, findings=list(r.findings), used_suppressions=set(r.used_suppressions)
            )
            if only is None or path == only
            else r
            for path, r in self.results.items()
        ]
        return self.linter.finish(copies, only)

    def count_tags(self, text: str) -> None:
        vocabulary = self.linter.vocabulary
        for match in _BACKTICKED.finditer(text):
            ref = vocabulary.resolve(match[1])
            if ref is not None:
                self.tag_uses[ref.canonical] += 1


class Projects:
    """Projects by configuration file, built on first use and dropped when one changes."""

    def __init__(self, fallback_root: Path) -> None:
        self.fallback_root = fallback_root
        self._by_key: dict[Path, Project] = {}

    def for_path(self, path: Path) -> Project:
        config = find_config(path.parent)
        key = config if config is not None else self.fallback_root
        project = self._by_key.get(key)
        if project is None:
            cwd = path.parent if config is not None else self.fallback_root
            settings = load_settings(cwd=cwd)
            project = Project(settings, linter_for(argparse.Namespace(), settings))
            self._by_key[key] = project
        return project

    def all(self) -> list[Project]:
        return list(self._by_key.values())

    def forget(self) -> None:
        """A configuration, vocabulary or word list changed: rebuild everything on next use."""
        self._by_key.clear()

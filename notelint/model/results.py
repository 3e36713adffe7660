"""What linting produces: one file's result and a whole run's.

Plain data, so that the result cache can store a file's result and a worker process can send
it back (:mod:`notelint.store.codec`), and the second stage can add to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from notelint.model.document import Suppression
from notelint.model.findings import Finding


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    used_suppressions: set[int] = field(default_factory=set)
    # Where each directive applies: (directive index, first line, last line, codes).
    suppression_scopes: list[tuple[int, int, int, tuple[str, ...]]] = field(default_factory=list)
    error: str | None = None


@dataclass
class RunResult:
    findings: list[Finding]
    files: list[FileResult]

    @property
    def files_checked(self) -> int:
        return len(self.files)

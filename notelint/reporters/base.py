"""What every reporter is given besides the findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from notelint.engine.registry import Registry
from notelint.model.findings import Finding, Severity


@dataclass
class ReportContext:
    registry: Registry
    root: Path
    files_checked: int = 0
    # The display paths of the files checked (reports that list clean files too: junit).
    files: list[str] = field(default_factory=list)
    color: bool = False
    quiet: bool = False
    show_source: bool = True
    statistics: bool = False
    fail_on: Severity = Severity.WARNING
    unsafe_fixes: bool = False
    # Fixes applied by this run, per path (``--fix``/``--show-fixes``).
    fixed: dict[str, list[Finding]] = field(default_factory=dict)
    # A --fix run happened, and how many of its fixes the safety net refused (each reported
    # on stderr with its line): what is still "fixable" after it is exactly those.
    fix_ran: bool = False
    refused: int = 0
    show_fixes: bool = False
    # Set by --write-baseline: what was recorded, said instead of "All checks passed".
    baseline_note: str | None = None
    # Text of a 1-based source line, for context under a finding (None when unknown).
    source_line: Callable[[str, int], str | None] = lambda _path, _line: None

    def failing(self, finding: Finding) -> bool:
        return finding.severity.rank >= self.fail_on.rank


def relative_uri(path: str, root: Path) -> str:
    """A repository-relative, forward-slash path (SARIF, GitLab and others want these)."""
    candidate = Path(path)
    try:
        absolute = candidate if candidate.is_absolute() else (Path.cwd() / candidate)
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return candidate.as_posix()

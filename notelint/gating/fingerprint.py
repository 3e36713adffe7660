"""Fingerprints that identify a finding without its line number, and repository-relative paths.

One definition serves the baseline (``--baseline``), GitLab Code Quality (``fingerprint``) and
SARIF (``partialFingerprints``), so a finding keeps its identity everywhere when lines move.

A finding's fingerprint hashes its rule code, its repository-relative path, the title of the
entry it belongs to and the offending text: the part of the first line of its span that it
points at, or, when that is blank (a zero-width span, whitespace), the whole stripped line.
Identical findings (same rule, entry and text in one file) are told apart by their order: the
second one's key ends in ``#2``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from notelint.model.findings import Finding

FINGERPRINT_VERSION = "1"
SourceLine = Callable[[str, int], str | None]


@cache
def repository_root(start: Path) -> Path:
    """The top of the git work tree holding ``start`` (``start`` itself outside git)."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=start,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return start
    top = result.stdout.strip()
    if result.returncode != 0 or not top:
        return start
    return Path(top)


def repo_relative(path: str, root: Path) -> str:
    """``path`` (as a finding shows it: relative to the working directory, or absolute) relative
    to the repository holding ``root``, with forward slashes; unchanged when outside it."""
    absolute = Path(os.path.realpath(path))
    top = Path(os.path.realpath(repository_root(root)))
    try:
        return absolute.relative_to(top).as_posix()
    except ValueError:
        return Path(path).as_posix()


def offending_text(finding: Finding, source_line: SourceLine) -> str:
    """The text a finding points at (first line of its span), or its stripped line if blank."""
    span = finding.span
    line = source_line(finding.path, span.start_line)
    if line is None:
        return ""
    start = max(span.start_column - 1, 0)
    end = span.end_column - 1 if span.end_line == span.start_line else len(line)
    part = line[start:end].strip()
    return part or line.strip()


def _digest(*parts: str) -> str:
    data = "\x1f".join(parts).encode("utf-8", errors="surrogatepass")
    return hashlib.sha256(data).hexdigest()


def base_key(finding: Finding, source_line: SourceLine, root: Path) -> str:
    """The line-independent identity of a finding (without the occurrence number)."""
    return _digest(
        FINGERPRINT_VERSION,
        finding.code,
        repo_relative(finding.path, root),
        finding.entry_title or "",
        offending_text(finding, source_line),
    )


def fingerprints(findings: Sequence[Finding], source_line: SourceLine, root: Path) -> list[str]:
    """One fingerprint per finding, in order; unique within the run, stable when lines move."""
    seen: dict[str, int] = {}
    result: list[str] = []
    for finding in findings:
        key = base_key(finding, source_line, root)
        seen[key] = seen.get(key, 0) + 1
        count = seen[key]
        result.append(key if count == 1 else _digest(key, str(count)))
    return result


def short(fingerprint: str, length: int = 32) -> str:
    """A shorter form for consumers that want a compact id (GitLab accepts any string)."""
    return fingerprint[:length]

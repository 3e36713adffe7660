"""``--output-format gitlab``: GitLab Code Quality JSON (``artifacts:reports:codequality``).

An array with one issue per finding: ``description`` (code and message), ``check_name`` (the
rule code), ``fingerprint`` (line-independent, so an issue that only moved is not reported as
fixed and new in a merge request; see :mod:`notelint.gating.fingerprint`), ``severity`` (error →
``major``, warning → ``minor``, info → ``info``), ``location.path`` (relative to the
repository) and ``location.lines.begin``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from notelint.gating.fingerprint import fingerprints, repo_relative
from notelint.model.findings import Category, Finding, Severity
from notelint.reporters.base import ReportContext

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
CATEGORIES = {
    Category.STRUCTURE: "Style",
    Category.FORMAT: "Style",
    Category.TAGS: "Style",
    Category.VENUE: "Bug Risk",
    Category.SPELLING: "Style",
}


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    prints = fingerprints(findings, ctx.source_line, ctx.root)
    issues: list[dict[str, Any]] = [
        {
            "type": "issue",
            "description": f"{f.code} [{f.name}] {f.message}",
            "check_name": f.code,
            "fingerprint": fp,
            "severity": SEVERITIES[f.severity],
            "categories": [CATEGORIES.get(f.category, "Style")],
            "location": {
                "path": repo_relative(f.path, ctx.root),
                "lines": {
                    "begin": f.span.start_line,
                    "end": max(f.span.end_line, f.span.start_line),
                },
            },
        }
        for f, fp in zip(findings, prints, strict=True)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"

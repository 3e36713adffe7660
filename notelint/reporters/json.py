"""``--output-format json``: an array of findings; a stable contract for tools.

Keys (1-based lines and columns; ``end_*`` exclusive): path, line, column, end_line,
end_column, rule, name, category, severity, message, fix (null or applicability, message,
edits with start/end line and column and content).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from notelint.model.findings import Finding
from notelint.reporters.base import ReportContext


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    span = finding.span
    fix = finding.fix
    return {
        "path": finding.path,
        "line": span.start_line,
        "column": span.start_column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "rule": finding.code,
        "name": finding.name,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "entry": finding.entry_title,
        "fix": None
        if fix is None
        else {
            "applicability": fix.applicability.value,
            "message": fix.message,
            "edits": [
                {
                    "start": {"line": e.span.start_line, "column": e.span.start_column},
                    "end": {"line": e.span.end_line, "column": e.span.end_column},
                    "content": e.content,
                }
                for e in fix.edits
            ],
        },
    }


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    return json.dumps([finding_to_dict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"

"""``--output-format rdjson``: reviewdog's Diagnostic JSON (``reviewdog -f=rdjson``).

``{"source": {"name": "notelint"}, "diagnostics": [...]}`` with, per finding, ``message``,
``severity`` (``ERROR``/``WARNING``/``INFO``), ``code`` (value = the rule code),
``location.path`` and ``location.range`` (1-based lines; columns count UTF-8 bytes, as
reviewdog's format defines them; the end is exclusive), and ``suggestions`` built from the fix,
which reviewdog can offer as suggested changes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from notelint.gating.fingerprint import repo_relative
from notelint.model.document import Span
from notelint.model.findings import Finding, Severity
from notelint.reporters.base import ReportContext

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _byte_column(ctx: ReportContext, path: str, line: int, column: int) -> int:
    """A 1-based code-point column → reviewdog's 1-based UTF-8 byte column."""
    text = ctx.source_line(path, line)
    if text is None:
        return column
    return len(text[: column - 1].encode("utf-8", errors="surrogatepass")) + 1


def _range(ctx: ReportContext, path: str, span: Span) -> dict[str, Any]:
    return {
        "start": {
            "line": span.start_line,
            "column": _byte_column(ctx, path, span.start_line, span.start_column),
        },
        "end": {
            "line": span.end_line,
            "column": _byte_column(ctx, path, span.end_line, span.end_column),
        },
    }


def diagnostic(finding: Finding, ctx: ReportContext) -> dict[str, Any]:
    path = repo_relative(finding.path, ctx.root)
    result: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": path, "range": _range(ctx, finding.path, finding.span)},
        "severity": SEVERITIES[finding.severity],
        "code": {"value": finding.code},
        "original_output": (
            f"{finding.path}:{finding.span.start_line}:{finding.span.start_column}: "
            f"{finding.code} [{finding.name}] {finding.message}"
        ),
    }
    if finding.fix is not None:
        result["suggestions"] = [
            {"range": _range(ctx, finding.path, edit.span), "text": edit.content}
            for edit in finding.fix.edits
        ]
    return result


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    payload = {
        "source": {"name": "notelint", "url": "https://pypi.org/project/notelint/"},
        "diagnostics": [diagnostic(f, ctx) for f in findings],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"

"""Findings as LSP diagnostics, fixes as text edits."""

from __future__ import annotations

from lsprotocol import types

from notelint.model.findings import Applicability, Finding, Severity
from notelint.server.positions import LineIndex

DOCS_URL = "https://github.com/notelint/notelint/blob/main/README.md#rules"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def diagnostic(finding: Finding, lines: LineIndex) -> types.Diagnostic:
    span = finding.span
    return types.Diagnostic(
        range=lines.range(span.start_offset, span.end_offset),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=f"{DOCS_URL}-{finding.code.lower()}"),
        source="notelint",
        data={"name": finding.name, "fix": fix_kind(finding)},
    )


def fix_kind(finding: Finding) -> str | None:
    if finding.fix is None:
        return None
    return "safe" if finding.fix.applicability is Applicability.SAFE else "unsafe"


def fix_edits(finding: Finding, lines: LineIndex) -> list[types.TextEdit]:
    assert finding.fix is not None
    return [
        types.TextEdit(
            range=lines.range(edit.span.start_offset, edit.span.end_offset), new_text=edit.content
        )
        for edit in finding.fix.edits
    ]


def whole_text_edit(old: str, new: str, lines: LineIndex) -> list[types.TextEdit]:
    """One edit replacing the document after any byte-order mark (what fix-all and formatting
    send), or none. ``old`` is the text as linted, ``lines`` the editor's text's index."""
    if old == new:
        return []
    return [types.TextEdit(range=lines.range(0, len(old)), new_text=new)]

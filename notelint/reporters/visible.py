"""Control characters made visible before any report is written.

A note is untrusted text: an ESC in it would recolour or rewrite the terminal of whoever prints
the report, and XML 1.0 cannot hold most C0 controls at all (a JUnit report with one is not
well-formed, and CI rejects the whole file). Every reporter gets findings, source lines and
paths in which each control character (tab and line endings aside) is replaced by one visible
character: its Unicode control picture (ESC → ␛, BEL → ␇, DEL → ␡) or, for the C1 controls,
U+FFFD. One character for one keeps every column, so the text report's carets still line up.
Fix edits are left as they are: they are what ``--fix`` writes, not what is shown.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from notelint.model.findings import Finding
from notelint.reporters.base import ReportContext

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PICTURES = {**{chr(c): chr(0x2400 + c) for c in range(0x20)}, "\x7f": "\u2421"}


def _picture(match: re.Match[str]) -> str:
    return _PICTURES.get(match.group(), "\ufffd")


def visible(text: str) -> str:
    """``text`` with its control characters shown (the same length)."""
    return _CONTROL_RE.sub(_picture, text) if _CONTROL_RE.search(text) else text


def _finding(finding: Finding) -> Finding:
    fix = finding.fix
    fix_message = fix.message if fix is not None else ""
    texts = (finding.path, finding.message, finding.entry_title or "", fix_message)
    if not any(_CONTROL_RE.search(text) for text in texts):
        return finding  # nearly always: no copy
    update: dict[str, object] = {
        "path": visible(finding.path),
        "message": visible(finding.message),
        "entry_title": visible(finding.entry_title) if finding.entry_title else None,
    }
    if fix is not None:
        update["fix"] = fix.model_copy(update={"message": visible(fix.message)})
    return finding.model_copy(update=update)


def visible_report(
    findings: Sequence[Finding], ctx: ReportContext
) -> tuple[list[Finding], ReportContext]:
    """The findings and the context a reporter may print as they are."""
    lines = ctx.source_line

    def source_line(path: str, line: int) -> str | None:
        text = lines(path, line)
        return visible(text) if text is not None else None

    def shown(group: list[Finding]) -> list[Finding]:
        return [_finding(f) for f in group]

    safe_ctx = dataclasses.replace(
        ctx,
        source_line=source_line,
        files=[visible(path) for path in ctx.files],
        fixed={visible(path): shown(group) for path, group in ctx.fixed.items()},
    )
    return [_finding(f) for f in findings], safe_ctx

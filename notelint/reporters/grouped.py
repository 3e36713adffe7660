"""``--output-format grouped``: findings under their file's name, for reading a whole run.

Each file with findings is a header line (the path), then one indented line per finding:
``line:col CODE [name] message``, columns aligned; a blank line between files; the summary line
of the text report at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from notelint.model.findings import Applicability, Finding, Severity
from notelint.reporters import text
from notelint.reporters.base import ReportContext


def _group(path: str, findings: list[Finding]) -> list[str]:
    positions = [f"{f.span.start_line}:{f.span.start_column}" for f in findings]
    width = max(len(p) for p in positions)
    lines = [f"{path}:"]
    for position, finding in zip(positions, findings, strict=True):
        fixable = finding.fix is not None and finding.fix.applicability is Applicability.SAFE
        severity = "" if finding.severity is Severity.WARNING else f"{finding.severity.value}: "
        lines.append(
            f"  {position:<{width}} {finding.code} {'[*] ' if fixable else ''}"
            f"[{finding.name}] {severity}{finding.message}"
        )
    return lines


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    shown = [f for f in findings if not (ctx.quiet and f.severity is Severity.INFO)]
    out: list[str] = []
    ordered = sorted(shown, key=lambda f: f.sort_key)
    for path, group in groupby(ordered, key=lambda f: f.path):
        out.extend(_group(path, list(group)))
        out.append("")
    out.extend(text.fixed_lines(ctx))
    if not (ctx.quiet and not any(ctx.failing(f) for f in shown)):
        out.extend(text.overview(shown, ctx))
        out.append(text.summary(shown, ctx))
    return "\n".join(out) + ("\n" if out else "")

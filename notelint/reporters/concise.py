"""``--output-format concise``: one line per finding, for editors and grep.

``path:line:col: severity: CODE [*] message``, the shape compilers print, so an editor's error
format reads the file, the position and the severity (``error``, ``warning`` or ``info``) without
a custom pattern; ``[*]`` marks a finding that ``--fix`` repairs. The summary line of the text
report follows (nothing more with ``--quiet`` when nothing fails).
"""

from __future__ import annotations

from collections.abc import Sequence

from notelint.model.findings import Applicability, Finding, Severity
from notelint.reporters import text
from notelint.reporters.base import ReportContext


def format_line(finding: Finding) -> str:
    span = finding.span
    fixable = finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    return (
        f"{finding.path}:{span.start_line}:{span.start_column}: {finding.severity.value}: "
        f"{finding.code} {'[*] ' if fixable else ''}{finding.message}"
    )


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    shown = [f for f in findings if not (ctx.quiet and f.severity is Severity.INFO)]
    out = [format_line(f) for f in shown]
    out.extend(text.fixed_lines(ctx))
    if not (ctx.quiet and not any(ctx.failing(f) for f in shown)):
        out.extend(text.overview(shown, ctx))
        out.append(text.summary(shown, ctx))
    return "\n".join(out) + ("\n" if out else "")

"""``--output-format github``: GitHub Actions workflow commands, then the full text report.

Each finding becomes an annotation on the pull request's diff::

    ::error file=notes/a.md,line=3,col=5,endLine=3,endColumn=9,title=notelint NL301 (unknown-tag)::…

(``error``, ``warning`` or ``notice`` after the finding's severity; paths relative to the
repository). Values are escaped as the runner expects: ``%``, ``\\r`` and ``\\n`` everywhere, and
``:`` and ``,`` in properties as well. GitHub shows only a limited number of annotations per
step, so the plain text report (without colour) follows, and the job log has every finding.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from notelint.gating.fingerprint import repo_relative
from notelint.model.findings import Finding, Severity
from notelint.reporters import text
from notelint.reporters.base import ReportContext

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, ctx: ReportContext) -> str:
    span = finding.span
    properties = [
        ("file", repo_relative(finding.path, ctx.root)),
        ("line", str(span.start_line)),
    ]
    if span.end_line == span.start_line:
        properties.append(("col", str(span.start_column)))
        properties.append(("endLine", str(span.end_line)))
        properties.append(("endColumn", str(max(span.end_column, span.start_column))))
    else:
        properties.append(("endLine", str(span.end_line)))
    properties.append(("title", f"notelint {finding.code} ({finding.name})"))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{LEVELS[finding.severity]} {props}::{escape_data(finding.message)}"


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    shown = [f for f in findings if not (ctx.quiet and f.severity is Severity.INFO)]
    lines = [annotation(f, ctx) for f in shown]
    report = text.render(findings, dataclasses.replace(ctx, color=False))
    return "".join(line + "\n" for line in lines) + report

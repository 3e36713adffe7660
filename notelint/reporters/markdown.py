"""``--output-format markdown``: a Markdown report for a CI step summary or a review comment.

A heading with the totals, a table of findings per rule (with what ``--fix`` and
``--unsafe-fixes`` would repair), a table per file, then every finding (file, line, rule,
severity, message) folded under ``<details>``. GitHub's step summary holds at most 1 MiB, so
the list of findings stops after :data:`MAX_LISTED` rows and says how many it left out; the
tables always count everything. Text from the notes is escaped so that it cannot end a table
cell or open an HTML tag.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from notelint.gating.fingerprint import repo_relative
from notelint.model.findings import Applicability, Finding, Severity
from notelint.reporters.base import ReportContext

MAX_LISTED = 1000

_ESCAPES = str.maketrans({"|": "\\|", "<": "&lt;", ">": "&gt;", "\n": " ", "\r": " "})


def cell(text: str) -> str:
    """``text`` as one Markdown table cell."""
    return text.translate(_ESCAPES)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _heading(findings: Sequence[Finding], ctx: ReportContext) -> str:
    files = ctx.files_checked
    if not findings:
        return f"## notelint: no findings in {_plural(files, 'file')}"
    severities = Counter(f.severity for f in findings)
    parts = [
        _plural(severities[s], word)
        for s, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"))
        if severities[s]
    ]
    if severities[Severity.INFO]:
        parts.append(f"{severities[Severity.INFO]} info")
    touched = len({f.path for f in findings})
    return (
        f"## notelint: {_plural(len(findings), 'finding')} ({', '.join(parts)}) "
        f"in {touched} of {_plural(files, 'file')}"
    )


def _by_rule(findings: Sequence[Finding]) -> list[str]:
    counts = Counter((f.code, f.name) for f in findings)
    fixes = Counter((f.code, f.fix.applicability) for f in findings if f.fix is not None)
    rows = ["| rule | findings | `--fix` | `--unsafe-fixes` |", "|---|--:|--:|--:|"]
    for (code, name), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        safe = fixes[(code, Applicability.SAFE)]
        unsafe = fixes[(code, Applicability.UNSAFE)]
        rows.append(f"| {code} `{name}` | {n} | {safe or ''} | {unsafe or ''} |")
    return rows


def _by_file(findings: Sequence[Finding], ctx: ReportContext) -> list[str]:
    counts: dict[str, Counter[Severity]] = {}
    for finding in findings:
        counts.setdefault(finding.path, Counter())[finding.severity] += 1
    rows = ["| file | errors | warnings | info |", "|---|--:|--:|--:|"]
    for path, by in sorted(counts.items(), key=lambda item: (-item[1].total(), item[0])):
        rows.append(
            f"| {cell(repo_relative(path, ctx.root))} | {by[Severity.ERROR] or ''} "
            f"| {by[Severity.WARNING] or ''} | {by[Severity.INFO] or ''} |"
        )
    return rows


def _listed(findings: Sequence[Finding], ctx: ReportContext) -> list[str]:
    rows = [
        "<details><summary>Every finding</summary>",
        "",
        "| file | line | rule | severity | message |",
        "|---|--:|---|---|---|",
    ]
    for finding in findings[:MAX_LISTED]:
        fix = ""
        if finding.fix is not None:
            fix = " [*]" if finding.fix.applicability is Applicability.SAFE else " (unsafe fix)"
        rows.append(
            f"| {cell(repo_relative(finding.path, ctx.root))} | {finding.span.start_line} "
            f"| {finding.code} | {finding.severity.value} | {cell(finding.message)}{fix} |"
        )
    if len(findings) > MAX_LISTED:
        rows.append("")
        rows.append(f"… and {len(findings) - MAX_LISTED} more (the job log has them all).")
    rows.extend(["", "</details>"])
    return rows


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    ordered = sorted(findings, key=lambda finding: finding.sort_key)
    out = [_heading(ordered, ctx)]
    if ordered:
        out.extend(
            ["", *_by_rule(ordered), "", *_by_file(ordered, ctx), "", *_listed(ordered, ctx)]
        )
    return "\n".join(out) + "\n"

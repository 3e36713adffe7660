"""``--output-format text`` (the default): for people at a terminal.

Each finding is ``path:line:col: CODE [slug] message``, followed by the source line with the
span underlined and the fix on offer. A summary line closes the report; a clean run prints one
short line (nothing with ``--quiet``). Colour only when asked for (a TTY without ``NO_COLOR``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from notelint.model.findings import Applicability, Finding, Severity
from notelint.reporters.base import ReportContext

_RESET = "\x1b[0m"
_STYLES = {
    "path": "\x1b[1m",
    "code": "\x1b[1;31m",
    "name": "\x1b[2m",
    "gutter": "\x1b[34m",
    "caret": "\x1b[1;31m",
    "fix": "\x1b[36m",
    Severity.ERROR.value: "\x1b[1;31m",
    Severity.WARNING.value: "\x1b[1;33m",
    Severity.INFO.value: "\x1b[1;34m",
}
_MAX_SHOWN_LINE = 160


def _paint(ctx: ReportContext, style: str, text: str) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if ctx.color else text


def _excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut very long lines around the span so the underline stays on screen."""
    line = line.replace("\t", " ")
    if len(line) <= _MAX_SHOWN_LINE:
        return line, start, end
    left = max(0, start - 40)
    right = min(len(line), max(end, start + 1) + 40, left + _MAX_SHOWN_LINE)
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    return shown, start - left + len(prefix), min(end, right) - left + len(prefix)


def format_finding(finding: Finding, ctx: ReportContext) -> list[str]:
    span = finding.span
    location = f"{finding.path}:{span.start_line}:{span.start_column}:"
    head = (
        f"{_paint(ctx, 'path', location)} {_paint(ctx, 'code', finding.code)} "
        f"{_paint(ctx, 'name', '[' + finding.name + ']')} "
    )
    if finding.severity is not Severity.WARNING:
        head += _paint(ctx, finding.severity.value, finding.severity.value) + ": "
    lines = [head + finding.message]
    if not ctx.show_source:
        return lines
    source = ctx.source_line(finding.path, span.start_line)
    if source is not None and source.strip():
        start = span.start_column - 1
        end = span.end_column - 1 if span.end_line == span.start_line else len(source)
        shown, start, end = _excerpt(source, start, end)
        number = str(span.start_line)
        pad = " " * len(number)
        gutter = _paint(ctx, "gutter", f"{pad} |")
        lines.append(gutter)
        lines.append(_paint(ctx, "gutter", f"{number} |") + f" {shown}")
        width = max(1, end - start)
        lines.append(gutter + " " + " " * start + _paint(ctx, "caret", "^" * width))
    fix = finding.fix
    if fix is not None:
        if fix.applicability is Applicability.SAFE:
            label = "fix"
        else:
            label = "unsafe fix" + ("" if ctx.unsafe_fixes else ", with --unsafe-fixes")
        lines.append(_paint(ctx, "fix", f"  = {label}: {fix.message}"))
    return lines


# More findings than this do not fit on a screen: the report then ends with an overview.
SCREENFUL = 40
_OVERVIEW_RULES = 8
_OVERVIEW_FILES = 3


def overview(findings: Sequence[Finding], ctx: ReportContext) -> list[str]:
    """What a long report holds, for the reader who scrolled past it: findings per rule, the
    files with the most, and what each kind of fix would do."""
    if len(findings) <= SCREENFUL or ctx.statistics:
        return []
    by_rule = Counter((f.code, f.name) for f in findings)
    fixable = Counter((f.code, f.fix.applicability) for f in findings if f.fix is not None)
    lines = ["", "By rule:"]
    for (code, name), n in by_rule.most_common(_OVERVIEW_RULES):
        safe = fixable[(code, Applicability.SAFE)]
        unsafe = fixable[(code, Applicability.UNSAFE)]
        how = []
        if safe:
            how.append(f"{safe} with --fix")
        if unsafe:
            how.append(f"{unsafe} with --unsafe-fixes")
        suffix = f"  ({', '.join(how)})" if how else ""
        lines.append(f"  {n:>5}  {code} {name}{suffix}")
    if len(by_rule) > _OVERVIEW_RULES:
        rest = sum(n for _, n in by_rule.most_common()[_OVERVIEW_RULES:])
        lines.append(f"  {rest:>5}  in {len(by_rule) - _OVERVIEW_RULES} other rules")
    by_file = Counter(f.path for f in findings)
    if len(by_file) > 1:
        top = ", ".join(f"{path} ({n})" for path, n in by_file.most_common(_OVERVIEW_FILES))
        lines.append(f"Most findings: {top}.")
    lines.append("")
    return lines


def summary(findings: Sequence[Finding], ctx: ReportContext) -> str:
    if not findings:
        noun = "file" if ctx.files_checked == 1 else "files"
        if ctx.baseline_note:
            return f"{ctx.baseline_note} ({ctx.files_checked} {noun} checked)."
        return f"All checks passed ({ctx.files_checked} {noun})."
    by_severity = Counter(f.severity for f in findings)
    parts = [
        f"{by_severity[s]} {s.value}{'' if s is Severity.INFO or by_severity[s] == 1 else 's'}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if by_severity[s]
    ]
    files = len({f.path for f in findings})
    total = len(findings)
    text = (
        f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) "
        f"in {files} of {ctx.files_checked} file{'s' if ctx.files_checked != 1 else ''}."
    )
    safe = sum(
        1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.SAFE
    )
    unsafe = sum(
        1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.UNSAFE
    )
    if ctx.fix_ran:
        # After --fix, a safe fix still on offer was refused (reported above) or waits for a
        # fix it overlapped: say so, instead of offering --fix again.
        if ctx.refused:
            text += (
                f" {ctx.refused} fix{'es' if ctx.refused != 1 else ''} refused by the safety net "
                "(listed above, with the reason)."
            )
        if unsafe and not ctx.unsafe_fixes:
            text += f" {unsafe} fixable with `notelint --fix --unsafe-fixes`."
    elif safe:
        text += f" {safe} fixable with `notelint --fix`"
        text += f" ({unsafe} more with `--unsafe-fixes`)." if unsafe else "."
    elif unsafe:
        text += f" {unsafe} fixable with `notelint --fix --unsafe-fixes`."
    return text


def statistics_rows(findings: Sequence[Finding]) -> list[tuple[str, str, int, int]]:
    """(code, name, findings, safely fixable) per rule, most findings first: what
    ``--statistics`` shows as a table or as JSON."""
    counts = Counter((f.code, f.name) for f in findings)
    # Fixable as `[*]` on every other line: what `--fix` repairs (a safe fix).
    fixable = Counter(
        (f.code, f.name)
        for f in findings
        if f.fix is not None and f.fix.applicability is Applicability.SAFE
    )
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [(code, name, n, fixable[(code, name)]) for (code, name), n in rows]


def statistics(findings: Sequence[Finding]) -> list[str]:
    rows = statistics_rows(findings)
    width = max((len(str(n)) for _, _, n, _ in rows), default=1)
    return [
        f"{n:>{width}}  {code}  [{'*' if safe else ' '}] {name}" for code, name, n, safe in rows
    ]


def fixed_lines(ctx: ReportContext) -> list[str]:
    lines: list[str] = []
    total = sum(len(v) for v in ctx.fixed.values())
    if not total:
        return lines
    if ctx.show_fixes:
        for path in sorted(ctx.fixed):
            counts = Counter((f.code, f.name) for f in ctx.fixed[path])
            lines.append(f"Fixed in {path}:")
            lines.extend(f"  {n} × {code} [{name}]" for (code, name), n in sorted(counts.items()))
    lines.append(f"Fixed {total} finding{'s' if total != 1 else ''}.")
    return lines


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    out: list[str] = []
    shown = [f for f in findings if not (ctx.quiet and f.severity is Severity.INFO)]
    if ctx.statistics:
        out.extend(statistics(shown))
    else:
        for finding in shown:
            out.extend(format_finding(finding, ctx))
            if ctx.show_source:
                out.append("")
    out.extend(fixed_lines(ctx))
    # Quiet runs print the summary only when something fails the run.
    if not ctx.quiet or (shown and any(ctx.failing(f) for f in findings)):
        block = overview(shown, ctx)
        if block and out and out[-1] == "":
            block = block[1:]  # the last finding already ends with a blank line
        out.extend(block)
        out.append(summary(shown, ctx))
    return "\n".join(out) + ("\n" if out else "")

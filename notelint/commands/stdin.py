"""``notelint check --stdin-filename PATH -``: check (or fix) text piped in by an editor.

ruff's convention, which editors and format-on-save plugins already speak:

- the text is read from standard input and checked as if it were the file ``PATH``: the
  configuration is found from ``PATH``'s folder up (the working directory when that folder does
  not exist), and ``per-file-ignores`` and inline directives apply to it as to that file;
- without ``--fix`` the report goes to standard output, as for files;
- with ``--fix`` (or ``--fix-only``) the fixed text goes to standard output, always whole: the
  text as it came when nothing could be fixed or the fixes did not settle, so an editor that
  replaces its buffer with the output never loses a line. The report of what remains goes to
  standard error (nothing with ``--fix-only``); refused fixes are named there with their line;
- with ``--diff`` the diff goes to standard output;
- with ``--force-exclude``, text whose ``PATH`` the configuration excludes is not checked (and
  is printed back unchanged with ``--fix``).

Text that is not UTF-8 or holds NUL bytes is reported as a finding on line 1, as an unreadable
file is; with ``--fix`` it is printed back byte for byte. Exit codes are those of ``check``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from notelint.commands.check_inputs import emit_report, linter_for, settings_for
from notelint.commands.fixing import describe_refusal, unified_diff
from notelint.config.settings import Settings
from notelint.discovery.finder import FileFinder, display_path
from notelint.engine.linter import Linter, unreadable_finding
from notelint.errors import EXIT_CLEAN, EXIT_FINDINGS, UsageError
from notelint.fix.rounds import FileFix, fix_source
from notelint.model.findings import Finding
from notelint.parse.source import MAX_NOTES_BYTES, SourceError, SourceText
from notelint.reporters import ReportContext

# Options that read or write other files than the one piped in.
_NOT_WITH_STDIN = (
    ("add_suppressions", "--add-suppressions"),
    ("write_baseline", "--write-baseline"),
    ("baseline", "--baseline"),
    ("diff_base", "--diff-base"),
    ("show_files", "--show-files"),
    ("show_settings", "--show-settings"),
)


def _validate(args: argparse.Namespace) -> None:
    others = [p for p in args.paths if p != "-"]
    if others:
        raise UsageError(
            f"standard input is checked on its own; not with paths ({', '.join(others)})"
        )
    for attribute, option in _NOT_WITH_STDIN:
        if getattr(args, attribute, None):
            raise UsageError(f"{option} works on files, not on standard input")


def _read_input(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_NOTES_BYTES + 1)
    if len(data) > MAX_NOTES_BYTES:
        raise UsageError(
            f"standard input is larger than {MAX_NOTES_BYTES // (1024 * 1024)} MB;"
            " notes files are far smaller"
        )
    return data


def _config_folder(stdin_filename: str | None) -> Path | None:
    if stdin_filename is None:
        return None
    folder = Path(os.path.abspath(stdin_filename)).parent
    return folder if folder.is_dir() else None


def _color(args: argparse.Namespace, stream: TextIO) -> bool:
    if args.no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return args.output_file is None and stream.isatty()


def _lint(linter: Linter, source: SourceText) -> list[Finding]:
    return linter.finish([linter.lint_source(source)])


def check_stdin(
    args: argparse.Namespace,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdin = stdin if stdin is not None else sys.stdin.buffer
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    _validate(args)
    settings = settings_for(args, cwd=_config_folder(args.stdin_filename))
    linter = linter_for(args, settings)
    display = display_path(Path(args.stdin_filename)) if args.stdin_filename else "-"
    raw = _read_input(stdin)
    fixing = bool(args.fix or args.fix_only)

    def echo(data: bytes) -> None:
        # Bytes, so the text goes back with its own encoding, BOM and line endings.
        out.flush()
        if hasattr(out, "buffer"):
            out.buffer.write(data)
        else:  # a text-only stream (tests' capture): the text itself
            out.write(data.decode("utf-8", errors="surrogateescape"))
        out.flush()

    if args.stdin_filename and (args.force_exclude or settings.force_exclude):
        finder = FileFinder(settings, force_exclude=True)
        why = finder.why_not_named(Path(args.stdin_filename))
        if why is not None:
            if fixing:
                echo(raw)
            if args.verbose:
                print(f"notelint: {display}: not checked: {why}", file=err)
            return EXIT_CLEAN

    try:
        source = SourceText.from_bytes(raw, display)
    except SourceError as exc:
        if fixing:
            echo(raw)
        finding = unreadable_finding(display, f"cannot check standard input: {exc}")
        return _report(args, settings, linter, display, [finding], None, {}, err if fixing else out)

    fixed: dict[str, list[Finding]] = {}
    result: FileFix | None = None
    if fixing or args.diff:
        result = fix_source(linter, source, unsafe=args.unsafe_fixes)
        if result.error is not None:
            print(f"notelint: {display}: fixes not applied: {result.error}", file=err)
        for refusal in result.refused:
            print(describe_refusal(display, refusal), file=err)
        if args.diff:
            diff = unified_diff(display, source.text, result.text) if result.changed else ""
            out.write(diff)
            changed = bool(diff) or result.error is not None
            return EXIT_FINDINGS if changed and not args.exit_zero else EXIT_CLEAN
        echo(result.encoded() if result.changed else raw)
        if result.changed:
            fixed[display] = result.fixed
            source = SourceText.from_bytes(result.encoded(), display)
    findings = _lint(linter, source)
    code = _report(args, settings, linter, display, findings, source, fixed, err if fixing else out)
    if args.exit_zero:
        return EXIT_CLEAN
    if args.exit_non_zero_on_fix and fixed:
        return EXIT_FINDINGS
    if result is not None and result.error is not None:
        return EXIT_FINDINGS
    if args.fix_only:
        return EXIT_CLEAN
    return code


def _report(
    args: argparse.Namespace,
    settings: Settings,
    linter: Linter,
    display: str,
    findings: list[Finding],
    source: SourceText | None,
    fixed: dict[str, list[Finding]],
    stream: TextIO,
) -> int:
    """Render the report to ``stream`` (or ``--output-file``); the exit code it implies."""

    def line_text(path: str, line: int) -> str | None:
        if source is None or path != source.path or not 1 <= line <= source.line_count:
            return None
        return source.line_text(line)

    ctx = ReportContext(
        registry=linter.registry,
        root=settings.root,
        files_checked=1,
        files=[display],
        color=_color(args, stream),
        quiet=args.quiet or args.fix_only,
        statistics=args.statistics,
        fail_on=settings.fail_on,
        unsafe_fixes=args.unsafe_fixes,
        fixed=fixed,
        fix_ran=bool(args.fix or args.fix_only),
        show_fixes=args.show_fixes,
        source_line=line_text,
    )
    emit_report(args, settings, [] if args.fix_only else findings, ctx, stream)
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(ctx.failing(f) for f in findings) else EXIT_CLEAN

"""``notelint check``: find the files, lint (and fix) them, report, choose the exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from notelint.commands.check_inputs import emit_report, files_for, linter_for, settings_for
from notelint.discovery.finder import FileFinder
from notelint.errors import EXIT_CLEAN, EXIT_FINDINGS, UsageError
from notelint.model.findings import Finding
from notelint.parse.source import SourceError, SourceText
from notelint.reporters import ReportContext
from notelint.store import replay


def _use_color(args: argparse.Namespace) -> bool:
    if args.no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return args.output_file is None and sys.stdout.isatty()


class _SourceLines:
    """Source lines for the report's context, read once per file and only when shown."""

    def __init__(self, files: Sequence[tuple[Path, str]]) -> None:
        self._paths = {display: path for path, display in files}
        self._sources: dict[str, SourceText | None] = {}

    def __call__(self, display: str, line: int) -> str | None:
        if display not in self._sources:
            path = self._paths.get(display)
            try:
                self._sources[display] = SourceText.read(path, display) if path else None
            except SourceError:
                self._sources[display] = None
        source = self._sources[display]
        if source is None or not 1 <= line <= source.line_count:
            return None
        return source.line_text(line)


def run(args: argparse.Namespace) -> int:
    if args.watch:
        from notelint.commands.watch import watch

        if args.stdin_filename is not None or "-" in args.paths:
            raise UsageError("--watch re-checks files; standard input is read once")
        return watch(args, run)
    if args.stdin_filename is not None or "-" in args.paths:
        from notelint.commands.stdin import check_stdin

        return check_stdin(args)
    settings = settings_for(args)
    linter = linter_for(args, settings)
    if args.statistics and settings.output_format not in (*_SUMMARY_FORMATS, "json"):
        raise UsageError(
            f"--statistics prints a table or JSON; not with --output-format "
            f"{settings.output_format}"
        )
    if args.show_settings:
        from notelint.commands.show import show_settings

        sys.stdout.write(show_settings(settings, linter))
        return EXIT_CLEAN
    finders: list[FileFinder] = []
    files = files_for(args, settings, force_exclude=args.force_exclude, finders=finders)
    if args.show_files:
        from notelint.commands.show import show_files

        given = (
            [Path(p) for p in args.paths]
            or [settings.resolve(p) for p in settings.paths]
            or [Path(".")]
        )
        sys.stdout.write(show_files(files, finders[0], settings, given))
        return EXIT_CLEAN
    if args.add_suppressions:
        from notelint.commands.add_suppressions import add_suppressions

        return add_suppressions(linter, files)
    if args.verbose:
        where = settings.config_path or "no configuration file (defaults)"
        print(f"notelint: configuration: {where}", file=sys.stderr)
        print(f"notelint: {len(files)} file(s) to check", file=sys.stderr)
    replay.note_check(
        settings,
        finders[0],
        [Path(p) for p in args.paths],
        files,
        [cls.__module__ for cls in linter.registry.rules],
    )
    if args.paths and not files:
        print("notelint: warning: no Markdown files found under the given paths", file=sys.stderr)
    if settings.extend_exclude or settings.per_file_ignores:
        from notelint.config.patterns import unmatched_patterns

        for warning in unmatched_patterns(settings):
            print(f"notelint: warning: {warning}", file=sys.stderr)

    fixed: dict[str, list[Finding]] = {}
    fix_ran = False
    refused = 0
    fix_failed = False  # a file left untouched (unreadable, did not settle, safety net)
    if args.fix or args.fix_only or args.diff:
        from notelint.commands.fixing import apply_fixes

        outcome = apply_fixes(
            linter, files, unsafe=args.unsafe_fixes, diff_only=args.diff, quiet=args.quiet
        )
        if args.diff:
            sys.stdout.write(outcome.diff_text)
            changes = outcome.diff_text or outcome.errors
            return EXIT_FINDINGS if changes and not args.exit_zero else EXIT_CLEAN
        fixed = outcome.fixed
        written = getattr(args, "written_files", None)
        if isinstance(written, list):  # --watch: what this round wrote is not a user's change
            written.extend(os.path.abspath(display) for display in outcome.written)
        fix_failed = bool(outcome.errors)
        fix_ran = not args.diff
        refused = outcome.refused_count

    from notelint.engine.runner import lint_files

    run_result = lint_files(linter, files)  # the cache and --jobs: see notelint.engine.runner
    findings = run_result.findings

    source_lines = _SourceLines(files)
    baseline_note: str | None = None
    if args.write_baseline or args.baseline or args.diff_base:
        from notelint.gating import baseline, diff_base

        if args.write_baseline:
            # Records every finding of this run, then reports none of them.
            count = baseline.write_baseline(
                Path(args.write_baseline),
                findings,
                source_lines,
                settings.root,
                checked=[display for _, display in files],
            )
            size = Path(args.write_baseline).stat().st_size
            baseline_note = (
                f"Recorded {count} finding{'s' if count != 1 else ''} in {args.write_baseline}"
                f" ({_kilobytes(size)}); `--baseline {args.write_baseline}` hides them"
            )
            if args.output_file or args.quiet or settings.output_format not in _SUMMARY_FORMATS:
                # (the text reports end with it; a machine report on stdout does not)
                print(f"notelint: {baseline_note[0].lower()}{baseline_note[1:]}", file=sys.stderr)
            findings = []
        if args.diff_base:
            findings = diff_base.only_changed(findings, args.diff_base, settings.root)
        if args.baseline:
            findings = baseline.hide_baselined(
                findings, Path(args.baseline), source_lines, settings.root
            )

    ctx = ReportContext(
        registry=linter.registry,
        root=settings.root,
        files_checked=run_result.files_checked,
        files=[display for _, display in files],
        color=_use_color(args),
        quiet=args.quiet or args.fix_only,  # --fix-only: what was fixed, not the rest
        statistics=args.statistics,
        fail_on=settings.fail_on,
        unsafe_fixes=args.unsafe_fixes,
        fixed=fixed,
        fix_ran=fix_ran,
        refused=refused,
        show_fixes=args.show_fixes,
        source_line=source_lines,
        baseline_note=baseline_note,
    )
    emit_report(args, settings, [] if args.fix_only else findings, ctx, sys.stdout)

    if args.exit_zero:
        return EXIT_CLEAN
    if args.exit_non_zero_on_fix and any(fixed.values()):
        return EXIT_FINDINGS
    if fix_failed:
        return EXIT_FINDINGS
    if args.fix_only:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(ctx.failing(f) for f in findings) else EXIT_CLEAN


_SUMMARY_FORMATS = frozenset({"text", "concise", "grouped"})


def _kilobytes(size: int) -> str:
    return f"{size} bytes" if size < 1024 else f"{size / 1024:.0f} KB"

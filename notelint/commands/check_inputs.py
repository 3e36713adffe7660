"""What every way of running a check shares: the settings and linter a command line asks for,
the files it names, and writing the report where it asks.

``check`` (:mod:`notelint.commands.check`), ``check -`` (:mod:`notelint.commands.stdin`),
``check --watch`` (:mod:`notelint.commands.watch`) and the commands that read notes
(:mod:`notelint.commands.loading`) all start here, so that they read one configuration the
same way.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from notelint.config.settings import Settings, is_override, load_settings
from notelint.discovery.finder import FileFinder, display_path
from notelint.engine.linter import Linter
from notelint.errors import UsageError
from notelint.model.findings import Finding
from notelint.reporters import ReportContext, get_renderer


def settings_for(args: argparse.Namespace, cwd: Path | None = None) -> Settings:
    """The settings the command line asks for; the configuration is found from ``cwd``
    (default: the working directory) up."""
    given = getattr(args, "config", None)
    values = [given] if isinstance(given, str) else list(given or [])
    overrides = [value for value in values if is_override(value)]
    files = [value for value in values if not is_override(value)]
    if len(files) > 1:
        raise UsageError(f"--config names two files ({files[0]}, {files[1]}); give one")
    settings = load_settings(
        Path(files[0]) if files else None,
        cwd,
        overrides=overrides,
        isolated=getattr(args, "isolated", False),
    )
    if getattr(args, "exclude", None) is not None:
        settings.exclude = list(args.exclude)
    if getattr(args, "extend_exclude", None):
        settings.extend_exclude = [*settings.extend_exclude, *args.extend_exclude]
    if getattr(args, "output_format", None):
        settings.output_format = args.output_format
    # --refresh and --online-strict only mean something online, so they imply --online.
    if getattr(args, "refresh", False):
        settings.online.refresh = True
        settings.online.enabled = True
    if getattr(args, "online_strict", False):
        settings.online.strict = True
        settings.online.enabled = True
    if getattr(args, "online", False):
        settings.online.enabled = True
    if getattr(args, "quiet", False):
        settings.online.progress = False
    if getattr(args, "no_cache", False):
        settings.cache = False
    if getattr(args, "cache_dir", None):
        settings.cache_dir = str(Path(args.cache_dir).resolve())
    if getattr(args, "jobs", None) is not None:
        if args.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        settings.jobs = args.jobs
    return settings


def linter_for(args: argparse.Namespace, settings: Settings) -> Linter:
    linter = Linter(
        settings,
        select=getattr(args, "select", None),
        extend_select=getattr(args, "extend_select", None) or [],
        ignore=[
            *(getattr(args, "ignore", None) or []),
            *(getattr(args, "extend_ignore", None) or []),
        ],
    )
    fixable = getattr(args, "fixable", None)
    unfixable = getattr(args, "unfixable", None) or []
    if fixable is not None or unfixable:
        linter.restrict_fixes(fixable, unfixable)
    return linter


def files_for(
    args: argparse.Namespace,
    settings: Settings,
    *,
    force_exclude: bool = False,
    finders: list[FileFinder] | None = None,
) -> list[tuple[Path, str]]:
    given: Sequence[str] = args.paths
    if given:
        paths = [Path(p) for p in given]
    elif settings.paths:
        paths = [settings.resolve(p) for p in settings.paths]
    else:
        paths = [Path(".")]
    finder = FileFinder(settings, force_exclude=force_exclude or settings.force_exclude)
    if finders is not None:
        finders.append(finder)
    return [(path, display_path(path)) for path in finder.find(paths)]


def emit_report(
    args: argparse.Namespace,
    settings: Settings,
    shown: Sequence[Finding],
    ctx: ReportContext,
    stream: TextIO,
) -> None:
    """Render the findings in the chosen format and write them to ``--output-file`` or
    ``stream`` (nothing with ``--silent``)."""
    if args.statistics and settings.output_format == "json":
        from notelint.commands.show import statistics_json

        report = statistics_json(list(shown))
    else:
        report = get_renderer(settings.output_format)(list(shown), ctx)
    if args.silent:
        report = ""
    if args.output_file:
        output = Path(args.output_file)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report, encoding="utf-8")
    elif report:
        stream.write(report)
        stream.flush()

"""The ``notelint`` command: a thin argparse shell over the library.

``notelint [PATHS]`` is ``notelint check [PATHS]``. Exit codes: 0 clean, 1 findings,
2 usage or configuration error. No traceback reaches the user: expected errors are one line,
and an unexpected one says how to get the traceback (``NOTELINT_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from notelint import __version__

# Nothing heavy (pydantic, the rules, markdown-it) is imported before ``main`` has tried the
# replay cache (notelint.store.replay): a run whose inputs are unchanged needs none of it.
EXIT_USAGE = 2  # as notelint.errors.EXIT_USAGE

SUBCOMMANDS = (
    "check",
    "rule",
    "rules",
    "export",
    "stats",
    "report",
    "server",
    "words",
    "init",
    "migrate",
    "clean",
    "schema",
    "version",
    "completion",
)


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class _ExtendCsv(argparse.Action):
    """``--select A,B --select C`` → ``[A, B, C]``."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        current = list(getattr(namespace, self.dest) or [])
        current.extend(_csv(str(values)))
        setattr(namespace, self.dest, current)


def _add_check_arguments(parser: argparse.ArgumentParser) -> None:
    from notelint.config.settings import OUTPUT_FORMATS

    parser.add_argument("paths", nargs="*", help="files or directories (default: config 'paths')")
    parser.add_argument(
        "--config",
        action="append",
        metavar="FILE|KEY=VALUE",
        help="use this config file; KEY=VALUE (TOML, e.g. 'spelling.min-word-length = 4') "
        "overrides one setting; may be given more than once",
    )
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    sel = parser.add_argument_group("rule selection")
    sel.add_argument("--select", action=_ExtendCsv, metavar="RULES", help="only these rules")
    sel.add_argument("--extend-select", action=_ExtendCsv, metavar="RULES", default=[])
    sel.add_argument("--ignore", action=_ExtendCsv, metavar="RULES", default=[])
    sel.add_argument(
        "--extend-ignore", action=_ExtendCsv, metavar="RULES", default=[],
        help="ignore these rules too (added to --ignore and the configuration's)",
    )  # fmt: skip
    out = parser.add_argument_group("output")
    out.add_argument("--output-format", choices=OUTPUT_FORMATS, default=None)
    out.add_argument("--output-file", metavar="PATH", help="write the report to PATH")
    out.add_argument("--statistics", action="store_true", help="count findings per rule")
    out.add_argument("-q", "--quiet", action="store_true", help="only what fails the run")
    out.add_argument(
        "-s", "--silent", action="store_true", help="print nothing; the exit code says it"
    )
    out.add_argument(
        "-v", "--verbose", action="store_true", help="also say which configuration and files"
    )
    out.add_argument(
        "--show-settings", action="store_true", help="print the resolved settings and exit"
    )
    out.add_argument(
        "--show-files", action="store_true", help="print the files a run would check and exit"
    )
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    out.add_argument("--no-color", action="store_true", help="no colour (also: NO_COLOR)")
    fix = parser.add_argument_group("fixing")
    fix.add_argument("--fix", action="store_true", help="apply safe fixes")
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    fix.add_argument("--diff", action="store_true", help="print what --fix would change")
    fix.add_argument("--fix-only", action="store_true", help="fix; do not report the rest")
    fix.add_argument("--show-fixes", action="store_true", help="list what was fixed")
    fix.add_argument("--exit-non-zero-on-fix", action="store_true")
    fix.add_argument(
        "--add-suppressions",
        action="store_true",
        help="silence today's findings with inline directives (ruff's --add-noqa)",
    )
    fix.add_argument(
        "--fixable", action=_ExtendCsv, metavar="RULES", help="only these rules' fixes"
    )
    fix.add_argument(
        "--unfixable", action=_ExtendCsv, metavar="RULES", default=[], help="never these fixes"
    )
    files = parser.add_argument_group("files")
    files.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply excludes to files named on the command line too (for pre-commit)",
    )
    files.add_argument(
        "--exclude", action=_ExtendCsv, metavar="PATTERNS", help="replace the exclude patterns"
    )
    files.add_argument(
        "--extend-exclude", action=_ExtendCsv, metavar="PATTERNS", default=[],
        help="exclude these too (gitignore-style patterns)",
    )  # fmt: skip
    files.add_argument(
        "--watch", action="store_true", help="check again whenever a file changes (Ctrl-C stops)"
    )
    files.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="read the notes from standard input (or give '-' as the path) and check them as"
        " PATH; with --fix, print the fixed text",
    )
    files.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    files.add_argument("--cache-dir", metavar="DIR")
    files.add_argument("--jobs", "-j", type=int, metavar="N", help="parallel processes")
    gate = parser.add_argument_group("gating pull requests")
    gate.add_argument("--diff-base", metavar="REV", help="only findings on lines changed since REV")
    gate.add_argument("--baseline", metavar="FILE", help="hide findings recorded in FILE")
    gate.add_argument("--write-baseline", metavar="FILE", help="record current findings")
    online = parser.add_argument_group("online verification")
    online.add_argument("--online", action="store_true", help="verify venues online")
    online.add_argument("--refresh", action="store_true", help="ignore cached lookups")
    online.add_argument("--online-strict", action="store_true", help="lookup failures fail")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="notelint",
        description="Lint and fix research-paper notes kept in Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"notelint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check notes (the default command)")
    _add_check_arguments(check)

    rule = sub.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code", nargs="?", help="a code (NL301) or name (unknown-tag)")
    rule.add_argument("--all", action="store_true", help="every rule's documentation")
    rule.add_argument("--config", metavar="FILE")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--config", metavar="FILE")
    rules.add_argument("--output-format", choices=("text", "json", "markdown"), default="text")

    export = sub.add_parser("export", help="print the parsed notes as JSON")
    export.add_argument("paths", nargs="*")
    export.add_argument("--config", metavar="FILE")
    export.add_argument("--schema", action="store_true", help="print the JSON schema instead")

    stats = sub.add_parser("stats", help="count the entries by venue, year, organisation, …")
    stats.add_argument("paths", nargs="*")
    stats.add_argument("--config", metavar="FILE")
    stats.add_argument(
        "--by",
        action="append",
        metavar="FIELD",
        help="venue, year, organisation, country, sector, tag, label, section or file; "
        "twice for a cross-table (default: venue)",
    )
    stats.add_argument(
        "--format", choices=("table", "json", "csv", "markdown"), default="table", dest="fmt"
    )
    stats.add_argument("--since", type=int, metavar="YEAR", help="only entries from YEAR on")
    stats.add_argument("--until", type=int, metavar="YEAR", help="only entries up to YEAR")
    stats.add_argument("--top", type=int, metavar="N", help="the N largest values of each field")
    stats.add_argument("--no-color", action="store_true", help="no colour in the table")
    stats.add_argument("--schema", action="store_true", help="print the JSON schema instead")

    report = sub.add_parser("report", help="write a self-contained HTML report of the notes")
    report.add_argument("paths", nargs="*")
    report.add_argument("--config", metavar="FILE")
    report.add_argument(
        "-o", "--output", metavar="FILE", default="report.html", help="default: report.html"
    )
    report.add_argument(
        "--link-base",
        metavar="URL",
        help="where entries link to: URL/PATH#Lline (e.g. a repository's blob URL); "
        "default: the file's path relative to the report",
    )
    report.add_argument("--no-history", action="store_true", help="leave out the git history")

    server = sub.add_parser("server", help="run the language server (LSP) for editors")
    server.add_argument(
        "--tcp", metavar="HOST:PORT", help="listen on a TCP port instead of stdio (debugging)"
    )

    words = sub.add_parser("words", help="manage the repository word list")
    words_sub = words.add_subparsers(dest="words_command", metavar="ACTION", required=True)
    add = words_sub.add_parser("add", help="add words to the word list")
    add.add_argument("words", nargs="+")
    add.add_argument("--config", metavar="FILE")
    learn = words_sub.add_parser("learn", help="list (or --write) every word flagged now")
    learn.add_argument("paths", nargs="*")
    learn.add_argument("--write", action="store_true")
    learn.add_argument("--config", metavar="FILE")

    migrate = sub.add_parser(
        "migrate", help="rewrite older notes (hashtags, ` -- ` comments) into the current format"
    )
    migrate.add_argument("paths", nargs="*")
    migrate.add_argument("--write", action="store_true", help="write the files (default: diff)")
    migrate.add_argument(
        "--heading-labels",
        choices=("entries", "keep"),
        help="put a heading's #Label on its entries (default) or keep it on the heading",
    )
    migrate.add_argument("--config", metavar="FILE")

    clean = sub.add_parser("clean", help="remove the project's result cache")
    clean.add_argument("--config", metavar="FILE")
    schema = sub.add_parser("schema", help="print the JSON schema of the configuration")
    schema.add_argument("--config", metavar="FILE")
    sub.add_parser("version", help="print notelint's version")
    completion = sub.add_parser("completion", help="print a shell completion script")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"))

    init = sub.add_parser("init", help="write a starter configuration and vocabulary")
    init.add_argument("paths", nargs="*")
    init.add_argument("--force", action="store_true", help="overwrite existing files")
    _no_abbreviations(parser)
    return parser


def _no_abbreviations(parser: argparse.ArgumentParser) -> None:
    """``--stat`` is not ``--statistics``: an accepted abbreviation is an interface that can
    never change (a new option starting the same way would break it)."""
    parser.allow_abbrev = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _no_abbreviations(child)


def _normalise_argv(argv: list[str]) -> list[str]:
    """``notelint [OPTIONS] [PATHS]`` means ``notelint check …``."""
    if not argv:
        return ["check"]
    if argv[0] in SUBCOMMANDS or argv[0] in ("-h", "--help", "--version"):
        return argv
    return ["check", *argv]


def _mistyped_command(argv: list[str]) -> str | None:
    """`notelint chekc`: a typo of a command, not a missing notes file to check."""
    if not argv or argv[0] in SUBCOMMANDS or argv[0].startswith("-"):
        return None
    from pathlib import Path

    from notelint.config.names import closest

    first = argv[0]
    match = closest(first, SUBCOMMANDS)
    if match is None or Path(first).exists():
        return None
    return f"unknown command '{first}'; did you mean '{match}'? (`notelint --help` lists them)"


class _LowercaseLevelFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.levelname = record.levelname.lower()
        return super().format(record)


def _log_warnings_to_stderr() -> None:
    """Library warnings (e.g. the online check's 'N entries could not be verified') reach the
    user as ``notelint: warning: …`` lines."""
    logger = logging.getLogger("notelint")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_LowercaseLevelFormatter("notelint: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    mistyped = _mistyped_command(given)
    if mistyped is not None:
        print(f"notelint: error: {mistyped}", file=sys.stderr)
        return EXIT_USAGE
    args_list = _normalise_argv(given)
    if argv is not None:
        # Called as a library (tests, embedding): always a real run.
        return _main(args_list)
    from notelint.store import replay

    replayed = replay.replay(args_list)
    if replayed is not None:
        return replayed
    recorder = replay.start(args_list)
    if recorder is None:
        return _main(args_list)
    with recorder:
        code = _main(args_list)
    replay.finish(recorder, code)
    return code


def run() -> NoReturn:
    """The ``notelint`` console script (and ``python -m notelint``): :func:`main`, then exit
    without tearing the interpreter down. Freeing a large run's objects one by one at exit
    takes 50 to 80 ms that nobody waits for gladly; everything a run writes (output, caches,
    the online cache's database) is flushed or closed before ``main`` returns, and the
    standard streams are flushed here.

    The cyclic garbage collector runs rarely here: start-up alone creates some hundred
    thousand long-lived objects (modules, pydantic schemas, rule tables), and at the default
    threshold the collector walks them over and over, ~7% of a pre-commit run, finding
    nothing (a run's objects hold next to no cycles, and the process is short-lived)."""
    gc.set_threshold(100_000, 50, 1000)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        if stream.closed:  # closed by its user (the language server's stdio): nothing is lost
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more to say
            code = code or EXIT_USAGE
    logging.shutdown()
    os._exit(code)


def _main(args_list: list[str]) -> int:
    from notelint.errors import USAGE_ERRORS

    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    _log_warnings_to_stderr()
    try:
        return _dispatch(args)
    except USAGE_ERRORS as exc:
        print(f"notelint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("notelint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_USAGE
    except Exception as exc:  # never a traceback for users; developers can ask for one
        if os.environ.get("NOTELINT_DEBUG"):
            raise
        print(
            f"notelint: internal error: {type(exc).__name__}: {exc} "
            "(run with NOTELINT_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "check":
        from notelint.commands import check

        return check.run(args)
    if command == "rule":
        from notelint.commands import rule

        return rule.run(args)
    if command == "rules":
        from notelint.commands import rules

        return rules.run(args)
    if command == "export":
        from notelint.commands import export

        return export.run(args)
    if command == "version":
        print(f"notelint {__version__}")
        return 0
    modules = ("words", "init", "migrate", "clean", "completion", "stats", "report", "server")
    if command in (*modules, "schema"):
        # Imported by name: these commands live in modules of their own that may be absent
        # from a partial install; a missing one is a usage error, not a traceback.
        import importlib

        module = importlib.import_module(f"notelint.commands.{command}")
        status: int = module.run(args)
        return status
    raise AssertionError(f"unhandled command {command!r}")

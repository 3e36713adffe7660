"""``notelint rules``: a table of every rule (text, JSON, or Markdown for the README)."""

from __future__ import annotations

import argparse
import json
import sys

from notelint.commands.check_inputs import settings_for
from notelint.engine.registry import Registry, load_registry
from notelint.errors import EXIT_CLEAN
from notelint.rules.base import doc_sections


def rows(registry: Registry) -> list[dict[str, str]]:
    table = []
    for rule in registry.rules:
        summary = doc_sections(rule.documentation()).get("", "").splitlines()
        table.append(
            {
                "code": rule.code,
                "name": rule.name,
                "category": rule.category.value,
                "severity": rule.severity.value,
                "fix": rule.fixable.value,
                "default": "on" if rule.default_enabled else "opt-in",
                "summary": summary[0] if summary else "",
                "online": "yes" if rule.online else "no",
            }
        )
    return table


def markdown_table(registry: Registry) -> str:
    lines = [
        "| Code | Name | Category | Severity | Fix | Default | What it catches |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows(registry):
        default = row["default"] + (" (--online)" if row["online"] == "yes" else "")
        lines.append(
            f"| {row['code']} | `{row['name']}` | {row['category']} | {row['severity']} | "
            f"{row['fix']} | {default} | {row['summary']} |"
        )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    registry = load_registry(settings.plugin_paths())
    if args.output_format == "json":
        sys.stdout.write(json.dumps(rows(registry), indent=2) + "\n")
    elif args.output_format == "markdown":
        sys.stdout.write(markdown_table(registry))
    else:
        for row in rows(registry):
            flags = f"{row['severity']:<7} fix:{row['fix']:<9} {row['default']:<6}"
            sys.stdout.write(
                f"{row['code']}  {row['name']:<34} {row['category']:<9} {flags} {row['summary']}\n"
            )
    return EXIT_CLEAN

"""``notelint rule CODE``: print a rule's documentation (its module docstring)."""

from __future__ import annotations

import argparse
import json
import sys

from notelint.commands.check import settings_for
from notelint.errors import EXIT_CLEAN, UsageError
from notelint.registry import load_registry


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    registry = load_registry(settings.plugin_paths())
    rule = registry.get(args.code)
    if rule is None:
        raise UsageError(f"unknown rule '{args.code}' ('notelint rules' lists them)")
    if args.output_format == "json":
        payload = {
            "code": rule.code,
            "name": rule.name,
            "category": rule.category.value,
            "severity": rule.severity.value,
            "fix": rule.fixable.value,
            "default_enabled": rule.default_enabled,
            "online": rule.online,
            "documentation": rule.documentation(),
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return EXIT_CLEAN
    header = f"# {rule.name} ({rule.code})"
    facts = (
        f"Category: {rule.category.value}. Default severity: {rule.severity.value}. "
        f"Fix: {rule.fixable.value}. "
        f"{'Enabled by default.' if rule.default_enabled else 'Opt-in (extend-select).'}"
        f"{' Needs --online.' if rule.online else ''}"
    )
    sys.stdout.write(f"{header}\n\n{facts}\n\n{rule.documentation()}\n")
    return EXIT_CLEAN

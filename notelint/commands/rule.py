"""``notelint rule CODE`` / ``notelint rule --all``: print rules' documentation (each rule
module's docstring)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from notelint.commands.check_inputs import settings_for
from notelint.config.names import did_you_mean
from notelint.engine.registry import load_registry
from notelint.errors import EXIT_CLEAN, UsageError
from notelint.rules.base import Rule
from notelint.rules.options import OptionInfo, describe


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    registry = load_registry(settings.plugin_paths())
    if args.all == bool(args.code):
        raise UsageError("give a rule's code or name, or --all (not both)")
    if args.all:
        rules = sorted(registry.rules, key=lambda rule: rule.code)
    else:
        found = registry.get(args.code)
        if found is None:
            names = [*(r.code for r in registry.rules), *(r.name for r in registry.rules)]
            hint = did_you_mean(args.code, names)
            raise UsageError(f"unknown rule '{args.code}'{hint} ('notelint rules' lists them)")
        rules = [found]
    if args.output_format == "json":
        payloads = [_payload(rule) for rule in rules]
        data: Any = payloads if args.all else payloads[0]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return EXIT_CLEAN
    sys.stdout.write("\n\n".join(_text(rule) for rule in rules))
    return EXIT_CLEAN


def _payload(rule: type[Rule]) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category.value,
        "severity": rule.severity.value,
        "fix": rule.fixable.value,
        "default_enabled": rule.default_enabled,
        "online": rule.online,
        "options": [asdict(option) for option in _options(rule)],
        "documentation": rule.documentation(),
    }


def _options(rule: type[Rule]) -> list[OptionInfo]:
    return describe(rule.Options) if rule.Options is not None else []


def _options_text(rule: type[Rule]) -> str:
    options = _options(rule)
    if not options:
        return ""
    lines = [f"Options (`[tool.notelint.rules.{rule.code}]`):"]
    for option in options:
        default = json.dumps(option.default)
        lines.append(f"- `{option.key}` ({option.type}, default {default}): {option.description}")
    return "\n".join(lines) + "\n\n"


def _text(rule: type[Rule]) -> str:
    header = f"# {rule.name} ({rule.code})"
    facts = (
        f"Category: {rule.category.value}. Default severity: {rule.severity.value}. "
        f"Fix: {rule.fixable.value}. "
        f"{'Enabled by default.' if rule.default_enabled else 'Opt-in (extend-select).'}"
        f"{' Needs --online.' if rule.online else ''}"
    )
    return f"{header}\n\n{facts}\n\n{_options_text(rule)}{rule.documentation()}\n"

"""``notelint schema``: the JSON schema of notelint's configuration, for editors.

An editor that validates TOML against a JSON schema (Taplo and the editors built on it: the
"Even Better TOML" extension, Zed, Helix) then completes and checks ``notelint.toml`` as it is
typed: unknown keys, wrong values and each rule's options. The schema is derived from the same
models the configuration is validated with (the settings and every rule's ``Options``), so it
cannot drift from what ``notelint check`` accepts. Rules from plugins in the configuration are
included; ``docs/notelint.schema.json`` is the schema of the built-in rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from notelint.commands.check_inputs import settings_for
from notelint.config.settings import Settings
from notelint.engine.registry import load_registry
from notelint.errors import EXIT_CLEAN
from notelint.rules.base import Rule
from notelint.rules.options import schema as options_schema

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Where a setting came from, not configuration: never written in a file.
_NOT_CONFIGURATION = ("root", "config-path", "config_path")


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    rules = load_registry(settings.plugin_paths()).rules
    sys.stdout.write(json.dumps(configuration_schema(rules), indent=2, sort_keys=True) + "\n")
    return EXIT_CLEAN


def configuration_schema(rules: tuple[type[Rule], ...] | list[type[Rule]]) -> dict[str, Any]:
    """The schema of ``notelint.toml`` (and of ``[tool.notelint]`` in ``pyproject.toml``)."""
    document = Settings.model_json_schema(by_alias=True)
    properties = document["properties"]
    for name in _NOT_CONFIGURATION:
        properties.pop(name, None)
    definitions = document.setdefault("$defs", {})
    by_table: dict[str, Any] = {}
    for rule in sorted(rules, key=lambda r: r.code):
        if rule.Options is None:
            continue  # a plugin rule that declares no options: its table is not checked
        table = options_schema(rule.Options)
        definitions.update(table.pop("$defs", {}))
        table["title"] = f"{rule.code} {rule.name}"
        table["description"] = f"[tool.notelint.rules.{rule.code}]: the options of {rule.name}"
        by_table[rule.code] = table
        by_table[rule.name] = {"$ref": f"#/properties/rules/properties/{rule.code}"}
    properties["rules"] = {
        "type": "object",
        "description": "Options of one rule, keyed by its code or its name",
        "properties": by_table,
        "additionalProperties": False,
    }
    document["$schema"] = SCHEMA_DIALECT
    document["title"] = "notelint configuration"
    document["description"] = (
        "notelint.toml or .notelint.toml, or [tool.notelint] in pyproject.toml"
    )
    return document

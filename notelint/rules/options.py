"""Typed rule options: each rule's ``[tool.notelint.rules.CODE]`` table as a small pydantic model.

A rule with options declares them once, as a :class:`RuleOptions` subclass on its ``Options``
class attribute: fields with types, defaults and a description. From that one declaration
come the configuration check (an unknown key or a wrong value is a one-line error naming the
file, the rule and the key, before any file is linted), what ``notelint rule CODE`` lists, and
the rule's part of the configuration's JSON schema (``notelint schema``). A rule reads its
options as attributes of ``self.options``, already validated.

Keys are kebab-case in the file, like every other setting (``min-length`` for a field
``min_length``); the field name is accepted too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticUndefined

from notelint.config.names import did_you_mean
from notelint.config.settings import ConfigError


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class RuleOptions(BaseModel):
    """A rule's options. The base has none: a table with any key is an error."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, alias_generator=_kebab
    )


@dataclass(frozen=True)
class OptionInfo:
    """One option as ``notelint rule CODE`` shows it."""

    key: str
    type: str
    default: Any  # as JSON would hold it
    description: str


def parse_options(
    options_class: type[RuleOptions], raw: Mapping[str, Any], where: str, table: str
) -> RuleOptions:
    """``raw`` validated into ``options_class``, or a ConfigError that names ``where`` (the
    configuration file), ``table`` (``rules.NL308``) and the key at fault."""
    try:
        return options_class.model_validate(dict(raw))
    except ValidationError as error:
        raise ConfigError(_message(options_class, error, where, table)) from None


def _message(
    options_class: type[RuleOptions], error: ValidationError, where: str, table: str
) -> str:
    problem = error.errors()[0]
    location = problem["loc"]
    key = str(location[0]) if location else "?"
    if problem["type"] == "extra_forbidden":
        allowed = sorted(_keys(options_class))
        hint = did_you_mean(key, allowed)
        listed = ", ".join(allowed) or "none"
        return f"{where}: [{table}] has no option '{key}'{hint} (allowed: {listed})"
    given = problem.get("input")
    if problem["type"] == "literal_error":
        expected = problem.get("ctx", {}).get("expected", "")
        what = f"must be one of {expected.replace(' or ', ', ')}"
    elif problem["type"] == "value_error":
        what = str(problem.get("ctx", {}).get("error", problem["msg"]))
    else:
        what = problem["msg"][0].lower() + problem["msg"][1:]
    return f"{where}: [{table}] '{_kebab(key)}' {what} (got {given!r})"


def _keys(options_class: type[RuleOptions]) -> list[str]:
    return [_kebab(name) for name in options_class.model_fields]


def describe(options_class: type[RuleOptions]) -> list[OptionInfo]:
    """Every option with its type (as the TOML is written), default and description."""
    properties = schema(options_class).get("properties", {})
    found = []
    for name, info in options_class.model_fields.items():
        key = _kebab(name)
        if info.default_factory is not None:
            default: Any = info.default_factory()  # type: ignore[call-arg]
        else:
            default = None if info.default is PydanticUndefined else info.default
        found.append(
            OptionInfo(
                key=key,
                type=_toml_type(properties.get(key, {})),
                default=json.loads(json.dumps(default, default=str)),
                description=info.description or "",
            )
        )
    return found


def _toml_type(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return "one of " + ", ".join(json.dumps(v) for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        inner = _toml_type(prop.get("items", {}))
        return f"list of {inner}s" if inner else "list"
    names = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}
    if isinstance(kind, str):
        return names.get(kind, kind)
    if "anyOf" in prop:
        return " or ".join(filter(None, (_toml_type(p) for p in prop["anyOf"])))
    return ""


def schema(options_class: type[RuleOptions]) -> dict[str, Any]:
    """The JSON schema of one rule's table (keys as they are written: kebab-case)."""
    return options_class.model_json_schema(by_alias=True)

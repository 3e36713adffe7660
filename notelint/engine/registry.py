"""Loading rules and resolving rule selectors.

Rules come from the ``notelint.rules`` entry-point group (the built-in rules use it too) and
from local rule modules named in the configuration (``plugins = ["rules/my_rules.py"]``). An
entry point may name a Rule class, an iterable of Rule classes, or a module (its ``RULES``
attribute, or else every Rule subclass it defines). Every rule is validated against the contract
when it loads; a malformed rule or a duplicate code or slug stops the run with a clear message.

A selector is ``ALL``, a code (``NL301``), a code prefix (``NL3``), a slug
(``unknown-tag``) or a category (``tags``). When selectors disagree, the most specific wins
(code or slug > longer prefix > shorter prefix > category > ALL), and ``ignore`` wins a tie.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from notelint.config.names import did_you_mean
from notelint.rules.base import ProjectRule, Rule, RuleDefinitionError, validate_rule_class
from notelint.rules.selectors import CATEGORIES, specificity

ENTRY_POINT_GROUP = "notelint.rules"


class SelectorError(Exception):
    """A selector that names no rule."""


@dataclass(frozen=True)
class Registry:
    rules: tuple[type[Rule], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {r.code: r for r in self.rules})
        object.__setattr__(self, "_by_name", {r.name: r for r in self.rules})

    def get(self, code_or_name: str) -> type[Rule] | None:
        by_code: dict[str, type[Rule]] = self._by_code  # type: ignore[attr-defined]
        by_name: dict[str, type[Rule]] = self._by_name  # type: ignore[attr-defined]
        return by_code.get(code_or_name.upper()) or by_name.get(code_or_name.lower())

    def is_known_selector(self, selector: str) -> bool:
        return any(specificity(selector, rule) is not None for rule in self.rules)

    def check_selectors(self, selectors: Iterable[str], where: str) -> None:
        for selector in selectors:
            if not self.is_known_selector(selector):
                names = [*(r.code for r in self.rules), *(r.name for r in self.rules)]
                hint = did_you_mean(selector, [*names, *CATEGORIES])
                raise SelectorError(
                    f"{where}: unknown rule selector '{selector}'{hint} (use a code such as "
                    "NL301, a prefix such as NL3, a rule name, a category, or ALL; "
                    "'notelint rules' lists them)"
                )


def best_match(selectors: Sequence[str], rule: type[Rule]) -> int | None:
    scores = [s for s in (specificity(sel, rule) for sel in selectors) if s is not None]
    return max(scores) if scores else None


def resolve_enabled(
    registry: Registry,
    *,
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
    online: bool,
) -> list[type[Rule]]:
    enabled: list[type[Rule]] = []
    for rule in registry.rules:
        if rule.online and not online:
            continue
        if select is None:
            positive: int | None = 0 if rule.default_enabled else None
        else:
            positive = best_match(select, rule)
        extended = best_match(extend_select, rule)
        if extended is not None and (positive is None or extended > positive):
            positive = extended
        # An online rule is selected by --online itself unless something ignores it.
        if rule.online and positive is None and rule.default_enabled:
            positive = 0
        negative = best_match(ignore, rule)
        if positive is None or (negative is not None and negative >= positive):
            continue
        enabled.append(rule)
    return enabled


# -- loading ---------------------------------------------------------------------------------


def _rules_from_object(obj: object, origin: str) -> list[type[Rule]]:
    if isinstance(obj, ModuleType):
        declared = getattr(obj, "RULES", None)
        if declared is not None:
            return _rules_from_object(declared, origin)
        return [
            value
            for value in vars(obj).values()
            if isinstance(value, type)
            and issubclass(value, Rule)
            and value not in (Rule, ProjectRule)
            and value.__module__ == obj.__name__
        ]
    if isinstance(obj, type):
        return [obj]  # (validated by load_registry, with every other rule)
    if isinstance(obj, Iterable) and not isinstance(obj, str | bytes):
        return list(obj)
    raise RuleDefinitionError(
        f"{origin}: expected a Rule class, a list of them or a module, got {type(obj).__name__}"
    )


def _load_local_module(path: Path) -> ModuleType:
    if not path.is_file():
        raise RuleDefinitionError(f"plugin '{path}': no such file")
    name = f"notelint_local_rules.{path.stem}_{abs(hash(str(path))):x}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RuleDefinitionError(f"plugin '{path}': cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a plugin's own import error: report it, don't crash
        raise RuleDefinitionError(f"plugin '{path}': import failed: {exc!r}") from None
    return module


_cache: dict[tuple[str, ...], Registry] = {}


def load_registry(local_plugins: Sequence[Path] = ()) -> Registry:
    key = tuple(str(p) for p in local_plugins)
    if key in _cache:
        return _cache[key]
    sources: list[tuple[str, list[type[Rule]]]] = []
    builtin_origins: set[str] = set()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        origin = f"entry point '{ep.name} = {ep.value}'"
        try:
            obj = ep.load()
        except Exception as exc:
            raise RuleDefinitionError(f"{origin}: import failed: {exc!r}") from None
        sources.append((origin, _rules_from_object(obj, origin)))
        if ep.value.startswith("notelint.rules.builtin"):
            builtin_origins.add(origin)
    if not builtin_origins:
        # Running from a source tree that was never installed: load the built-ins directly.
        from notelint.rules import builtin

        sources.insert(0, ("notelint.rules.builtin", list(builtin.RULES)))
        builtin_origins.add("notelint.rules.builtin")
    for path in local_plugins:
        origin = f"plugin '{path}'"
        sources.append((origin, _rules_from_object(_load_local_module(path), origin)))

    rules: list[type[Rule]] = []
    seen_code: dict[str, str] = {}
    seen_name: dict[str, str] = {}
    for origin, loaded in sources:
        # The built-in rules' documentation is checked by the test suite (parsing 40
        # docstrings on every run would cost more than the rest of loading them); a plugin's
        # is checked here, where its author sees the message.
        documentation = origin not in builtin_origins
        for rule in loaded:
            validate_rule_class(rule, origin, documentation=documentation)
            if rule.code in seen_code:
                raise RuleDefinitionError(
                    f"rule code {rule.code} is defined twice: by {seen_code[rule.code]} "
                    f"and by {origin} ({rule.__name__})"
                )
            if rule.name in seen_name:
                raise RuleDefinitionError(
                    f"rule name '{rule.name}' is used twice: by {seen_name[rule.name]} "
                    f"and by {origin} ({rule.__name__})"
                )
            seen_code[rule.code] = f"{origin} ({rule.__name__})"
            seen_name[rule.name] = f"{origin} ({rule.__name__})"
            rules.append(rule)
    registry = Registry(tuple(sorted(rules, key=lambda r: r.code)))
    _cache[key] = registry
    return registry

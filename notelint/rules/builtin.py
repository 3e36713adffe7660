"""The built-in rules, registered through the ``notelint.rules`` entry point like any plugin.

Each category package holds one rule per module; every module is imported and its Rule
subclasses collected, so adding a rule is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil

from notelint.rules.base import ProjectRule, Rule
from notelint.rules.options import RuleOptions

CATEGORY_PACKAGES = ("structure", "format", "tags", "venue", "spelling")


def _collect() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    for package_name in CATEGORY_PACKAGES:
        package = importlib.import_module(f"{__package__}.{package_name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, Rule)
                    and value not in (Rule, ProjectRule)
                    and value.__module__ == module.__name__
                ):
                    if value.Options is None:
                        value.Options = RuleOptions  # built-in: options are declared
                    found.append(value)
    return found


RULES: list[type[Rule]] = _collect()

"""Rule selectors: how specifically ``ALL``, a category, a code prefix or a slug names a rule.

Shared by the registry (``select``/``ignore``), suppression comments and the rule that reports
unused suppressions, so that all three read a selector the same way.
"""

from __future__ import annotations

from notelint.model.findings import Category
from notelint.rules.base import Rule

CATEGORIES = {c.value for c in Category}


def specificity(selector: str, rule: type[Rule]) -> int | None:
    """How specifically ``selector`` names ``rule`` (None: it does not)."""
    if selector == "ALL":
        return 0
    if selector.lower() in CATEGORIES:
        return 1 if rule.category.value == selector.lower() else None
    if selector.lower() == rule.name:
        return 100
    upper = selector.upper()
    if upper.startswith("NL") and rule.code.startswith(upper):
        return 100 if upper == rule.code else 2 + len(upper)
    return None

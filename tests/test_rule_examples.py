"""Every rule's documentation is complete: its sections, and the contract plugins are held to.

That the examples do what they say, finding by finding and fix by fix, is checked with the
rule's other cases (tests/rules/test_rule_cases.py: they are the first two of its case file).
"""

from __future__ import annotations

import pytest

from notelint.engine.registry import load_registry
from notelint.rules.base import (
    DOC_SECTIONS,
    Rule,
    doc_sections,
    validate_rule_class,
)

RULES = load_registry().rules


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_documentation_has_every_section(rule: type[Rule]) -> None:
    doc = rule.documentation()
    sections = doc_sections(doc)
    assert sections[""].strip(), "a one-line summary comes first"
    for name in DOC_SECTIONS:
        assert sections.get(name, "").strip(), f"'## {name}' is empty"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_meets_the_contract_plugins_are_held_to(rule: type[Rule]) -> None:
    # A run skips the documentation checks for the built-in rules: they are made here.
    assert validate_rule_class(rule, "built-in", documentation=True) is rule

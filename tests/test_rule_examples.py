"""Every rule's documentation is executable: its bad example fires, its good example is silent.

The examples run with the built-in vocabulary only and with just that rule selected, so a rule
cannot lean on another rule or on this repository's own vocabulary.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import lint_text
from notelint.engine.registry import load_registry
from notelint.rules.base import (
    DOC_SECTIONS,
    Rule,
    doc_example,
    doc_sections,
    validate_rule_class,
)

RULES = load_registry().rules


_TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.DOTALL)


def _settings(tmp_path: Path, rule: type[Rule]) -> Settings:
    """Built-in vocabulary, plus the repository vocabulary the Example section shows (as a
    ``toml`` block) when the rule needs one to have anything to say."""
    example = doc_sections(rule.documentation()).get("Example", "")
    vocabulary = _TOML_BLOCK.search(example)
    if vocabulary:
        (tmp_path / "rules").mkdir(exist_ok=True)
        (tmp_path / "rules" / "tags.toml").write_text(vocabulary.group(1), encoding="utf-8")
    settings = Settings(root=tmp_path)
    settings.online.enabled = rule.online
    return settings


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


@pytest.mark.parametrize(
    "rule", [r for r in RULES if not r.examples_need_network], ids=lambda r: f"{r.code}-{r.name}"
)
def test_bad_example_fires(rule: type[Rule], tmp_path: Path) -> None:
    example = doc_example(rule.documentation(), "Example")
    assert example is not None
    findings = lint_text(example, settings=_settings(tmp_path, rule), select=[rule.code])
    assert [f for f in findings if f.code == rule.code], f"{rule.code} did not fire on:\n{example}"


@pytest.mark.parametrize(
    "rule", [r for r in RULES if not r.examples_need_network], ids=lambda r: f"{r.code}-{r.name}"
)
def test_good_example_is_silent(rule: type[Rule], tmp_path: Path) -> None:
    example = doc_example(rule.documentation(), "Use instead")
    assert example is not None
    findings = lint_text(example, settings=_settings(tmp_path, rule), select=[rule.code])
    assert not [f for f in findings if f.code == rule.code], [f.message for f in findings]

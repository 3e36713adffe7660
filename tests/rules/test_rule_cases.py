"""Every rule's cases, read from its case file (tests/rules/cases.py says the format).

Each case runs with the built-in vocabulary (plus the case's own ``vocabulary`` block) and with
only that rule selected, so a rule cannot lean on another rule or on this repository's own
vocabulary. The online rules' cases need answers from the network: their findings are checked
by the online tests against recorded responses, and here only their examples are.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import Linter
from notelint.engine.registry import load_registry
from notelint.fix.rounds import fix_source
from notelint.model.findings import Finding
from notelint.parse.source import SourceText
from notelint.rules.base import Rule, doc_example, doc_sections
from tests.rules.cases import CASES, DOCUMENTED_BAD, DOCUMENTED_GOOD, Case, CaseFile, read

RULES = sorted(load_registry().rules, key=lambda rule: rule.code)
FILES = {rule.code: CASES / f"{rule.code}-{rule.name}.md" for rule in RULES}


def _case_file(rule: type[Rule]) -> CaseFile:
    return read(FILES[rule.code])


def _all_cases() -> list[tuple[type[Rule], Case]]:
    found = []
    for rule in RULES:
        if rule.examples_need_network or not FILES[rule.code].is_file():
            continue
        found.extend((rule, case) for case in _case_file(rule).cases)
    return found


def _linter(rule: type[Rule], case: Case, root: Path) -> Linter:
    if "vocabulary" in case.blocks:
        (root / "rules").mkdir(exist_ok=True)
        (root / "rules" / "tags.toml").write_text(case.blocks["vocabulary"], encoding="utf-8")
    table = tomllib.loads(case.blocks.get("settings", ""))
    settings = Settings.model_validate({**table, "root": root})
    settings.online.enabled = rule.online
    return Linter(settings, select=[rule.code])


def _shown(finding: Finding) -> str:
    span = finding.span
    where = f"{span.start_line}:{span.start_column}-{span.end_line}:{span.end_column}"
    return f"{where} {finding.message}"


def _findings(linter: Linter, rule: type[Rule], text: str) -> list[Finding]:
    result = linter.lint_source(SourceText(text, "notes.md"))
    return sorted(
        (f for f in linter.finish([result]) if f.code == rule.code),
        key=lambda f: (f.span.start_offset, f.span.end_offset, f.message),
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_every_rule_has_a_case_file(rule: type[Rule]) -> None:
    path = FILES[rule.code]
    assert path.is_file(), f"add {path.relative_to(CASES.parent.parent.parent)}"
    cases = _case_file(rule)
    assert (cases.code, cases.name) == (rule.code, rule.name), "its first line names the rule"
    assert any(case.bad for case in cases.cases) and any(not c.bad for c in cases.cases)
    for case in cases.cases:
        assert case.title.startswith(("bad: ", "good: ")), case.title
        assert "notes" in case.blocks, f"'{case.title}' has no notes block"
        assert case.bad or not ({"findings", "fixed", "fixed-unsafe"} & set(case.blocks))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_the_documented_examples_are_cases(rule: type[Rule]) -> None:
    """The docstring's examples are the first two cases, to the letter: the documentation shows
    exactly what the rule does, and a change to either side fails here."""
    cases = _case_file(rule)
    doc = rule.documentation()
    bad, good = cases.case(DOCUMENTED_BAD), cases.case(DOCUMENTED_GOOD)
    assert bad is not None and good is not None
    assert bad.notes == doc_example(doc, "Example")
    assert good.notes == doc_example(doc, "Use instead")
    vocabulary = doc_sections(doc).get("Example", "").split("```toml\n", 1)
    if len(vocabulary) == 2:
        assert bad.blocks.get("vocabulary") == vocabulary[1].split("```", 1)[0]


@pytest.mark.parametrize(
    ("rule", "case"), _all_cases(), ids=lambda value: getattr(value, "code", None) or value.title
)
def test_case(rule: type[Rule], case: Case, tmp_path: Path) -> None:
    linter = _linter(rule, case, tmp_path)
    found = _findings(linter, rule, case.notes)
    if not case.bad:
        assert [_shown(f) for f in found] == [], "a good case: the rule stays silent"
        return
    assert [_shown(f) for f in found] == case.findings
    for kind, unsafe in (("fixed", False), ("fixed-unsafe", True)):
        if kind not in case.blocks:
            continue
        result = fix_source(linter, SourceText(case.notes, "notes.md"), unsafe=unsafe)
        assert result.error is None, result.error
        assert result.text == case.blocks[kind], f"the {kind} text"
        left = _findings(linter, rule, result.text)
        assert all(
            f.fix is None or (not unsafe and f.fix.applicability.value == "unsafe") for f in left
        ), [_shown(f) for f in left]

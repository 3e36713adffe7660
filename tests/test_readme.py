"""The README stays true: its rule table is the registry's, and its commands are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

from notelint.commands.rules import markdown_table
from notelint.engine.registry import load_registry

README = Path(__file__).resolve().parent.parent / "README.md"


def test_rule_table_matches_the_registry() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", text, re.S)
    assert match, "README.md lacks the rules-table markers"
    expected = markdown_table(load_registry())
    assert match.group(1) == expected, (
        "README rule table is stale: replace it with `notelint rules --output-format markdown`"
    )


def test_readme_starts_with_the_two_commands() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert block[0].endswith("notelint check notes/")
    assert block[1].endswith("python -m pytest")

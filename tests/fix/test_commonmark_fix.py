"""The CommonMark spec examples through ``--fix``: Markdown that is not notes at all, and full of
the corner cases where a whitespace or character fix changes meaning.

For every example: no crash; a second fix changes nothing; and the rendered HTML is the same
before and after, modulo whitespace and hard line breaks (what whitespace fixes may change).
Where a bullet-marker fix applied, two lists may become one: then the HTML is compared modulo
list nesting too. An example whose fixes the safety net refused is left exactly as it was.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fixhelpers import FIX_FIXTURES, REPO, write_config
from markdown_it import MarkdownIt

from notelint.cli import main
from notelint.config.settings import Settings
from notelint.engine.linter import Linter
from notelint.fix.rounds import FileFix, fix_source
from notelint.fix.safety import render_key
from notelint.parse.source import SourceText

EXAMPLES: list[dict[str, Any]] = json.loads(
    (FIX_FIXTURES / "commonmark" / "spec.json").read_text(encoding="utf-8")
)
_BREAKS = re.compile(r"<br\s*/?>|</?p>")


@cache
def _linter() -> Linter:
    # Every offline rule, opt-in ones included, with this repository's vocabulary.
    settings = Settings(root=REPO / "tests" / "fixtures" / "fix", vocabulary=str(REPO / "rules"))
    return Linter(settings, select=["ALL"])


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _html_modulo_whitespace(markdown: str) -> str:
    return " ".join(_BREAKS.sub(" ", _markdown().render(markdown)).split())


@cache
def _fixed(number: int) -> FileFix:
    example = EXAMPLES[number - 1]
    return fix_source(_linter(), SourceText(example["markdown"], f"example-{number}.md"))


def _changes_bullets(result: FileFix) -> bool:
    return any(
        len(edit.content) == 1 and edit.content in "*+-"
        for finding in result.fixed
        if finding.fix is not None
        for edit in finding.fix.edits
    )


def test_the_spec_examples_are_all_there() -> None:
    assert len(EXAMPLES) == 652
    assert [e["example"] for e in EXAMPLES] == list(range(1, 653))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['example']}-{e['section']}")
def test_fix_keeps_the_rendering(example: dict[str, Any]) -> None:
    markdown: str = example["markdown"]
    result = _fixed(example["example"])
    if result.error is not None:
        assert result.text == markdown  # refused by the safety net: left as it was
        return
    if not result.changed:
        return
    if _changes_bullets(result):
        assert render_key(result.text) == render_key(markdown)
    else:
        assert _html_modulo_whitespace(result.text) == _html_modulo_whitespace(markdown)
    again = fix_source(_linter(), SourceText(result.text, "again.md"))
    assert (again.text, again.error) == (result.text, None), "the fix is not idempotent"


def test_whitespace_and_bullet_fixes_do_apply_to_the_spec() -> None:
    """The test above is not vacuous: fixes do change some examples, and the safety net does
    refuse some (code spans and link targets where a space or no-break space means something).
    """
    results = [_fixed(e["example"]) for e in EXAMPLES]
    assert sum(r.changed for r in results) >= 10
    refused = {n: r.error for n, r in enumerate(results, start=1) if r.error is not None}
    refused.update({n: r.refused[0].reason for n, r in enumerate(results, start=1) if r.refused})
    assert refused
    for number, error in refused.items():
        assert error is not None and "would" in error, (number, error)


def test_fix_command_over_every_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(tmp_path)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "spec"
    folder.mkdir()
    for example in EXAMPLES:
        (folder / f"example-{example['example']:03}.md").write_bytes(
            example["markdown"].encode("utf-8")
        )
    code = main(["--no-cache", "--fix", "--quiet", "--select", "ALL", "spec"])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "internal error" not in captured.err
    for line in captured.err.splitlines():
        # A whole file refused (never settled), or one fix refused, with its line and why.
        refused = re.search(r":\d+: NL\d+ fix refused: ", line)
        assert ": fixes not applied: " in line or refused, line
    for example in EXAMPLES:
        written = (folder / f"example-{example['example']:03}.md").read_bytes().decode("utf-8")
        result = _fixed(example["example"])
        assert written == result.text, example["example"]

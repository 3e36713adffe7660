"""Inline directives silence exactly what they say, and bad or stale ones are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import lint_text
from tests.helpers import PLUGIN


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(root=tmp_path, plugins=[PLUGIN.as_posix()])


def codes(text: str, settings: Settings) -> list[tuple[str, int]]:
    findings = lint_text(text, settings=settings, select=["NL901", "NL001", "NL002"])
    return [(f.code, f.span.start_line) for f in findings]


ENTRY = "* FIXME one `US`\n\t> S.\n"


def test_without_directives_the_rule_fires(settings: Settings) -> None:
    assert codes("# A\n\n" + ENTRY, settings) == [("NL901", 3)]


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- notelint-disable-next-line NL901 -->\n",
        "<!-- notelint-disable-next-line fixme-title -->\n",
        "<!-- notelint-disable-next-line NL9 -- drafts are fine -->\n",
        "<!-- notelint-disable-next-line -->\n\n",
        "<!-- notelint-disable-file NL901 -->\n",
        "<!-- notelint-disable NL901 -->\n",
    ],
)
def test_directives_silence_the_next_entry(directive: str, settings: Settings) -> None:
    assert codes("# A\n\n" + directive + ENTRY, settings) == []


def test_disable_line_on_the_entry_itself(settings: Settings) -> None:
    text = "# A\n\n* FIXME one `US` <!-- notelint-disable-line NL901 -->\n\t> S.\n"
    assert codes(text, settings) == []


def test_disable_enable_region_ends(settings: Settings) -> None:
    text = (
        "# A\n\n<!-- notelint-disable NL901 -->\n" + ENTRY + "<!-- notelint-enable -->\n\n" + ENTRY
    )
    assert codes(text, settings) == [("NL901", 8)]


def test_next_line_covers_only_one_entry(settings: Settings) -> None:
    text = "# A\n\n<!-- notelint-disable-next-line NL901 -->\n" + ENTRY + "\n" + ENTRY
    assert codes(text, settings) == [("NL901", 7)]


def test_unknown_code_and_unknown_directive_are_reported(settings: Settings) -> None:
    text = "# A\n\n<!-- notelint-disable-next-line NL777 -->\n<!-- notelint-disbale -->\n" + ENTRY
    assert codes(text, settings) == [("NL001", 3), ("NL001", 4), ("NL901", 5)]


def test_directive_that_silences_nothing_is_reported(settings: Settings) -> None:
    text = "# A\n\n<!-- notelint-disable-next-line NL901 -->\n* Fine `US`\n\t> S.\n"
    assert codes(text, settings) == [("NL002", 3)]


def test_directive_for_a_rule_not_enabled_is_not_called_unused(settings: Settings) -> None:
    text = "# A\n\n<!-- notelint-disable-next-line NL001 -->\n* Fine `US`\n\t> S.\n"
    findings = lint_text(text, settings=settings, select=["NL901", "NL002"])
    assert findings == []


def test_directives_inside_code_blocks_are_ignored(settings: Settings) -> None:
    text = "# A\n\n```\n<!-- notelint-disable-file -->\n```\n" + ENTRY
    assert codes(text, settings) == [("NL901", 6)]

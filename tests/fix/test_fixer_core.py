"""The fixer's machinery, driven by the fake rules: rounds, conflicts, convergence, safety net."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixhelpers import fake_linter

from notelint.fix.planning import plan_round
from notelint.fix.rounds import fix_source
from notelint.fix.safety import EditKind, edit_kind, render_key
from notelint.model.findings import Applicability, Category, Edit, Finding, Fix, Severity
from notelint.parse.source import SourceText
from tests.helpers import assert_safe_fixed


def fix(tmp_path: Path, text: str, *codes: str, unsafe: bool = False) -> tuple[str, str | None]:
    """The fixed text, and why the file (or, when refused alone, a fix) was not fixed."""
    result = fix_source(fake_linter(tmp_path, codes), SourceText(text, "notes.md"), unsafe=unsafe)
    if result.error is None and result.refused:
        return result.text, result.refused[0].reason
    return result.text, result.error


# -- rounds and conflicts --------------------------------------------------------------------


def _finding(code: str, *edits: tuple[int, int, str], text: str = "") -> Finding:
    source = SourceText(text or "x" * 100)
    return Finding(
        path="notes.md",
        code=code,
        name=code.lower(),
        category=Category.FORMAT,
        severity=Severity.WARNING,
        message="m",
        span=source.span(0, 0),
        fix=Fix(
            applicability=Applicability.SAFE,
            message="m",
            edits=tuple(Edit(span=source.span(s, e), content=c) for s, e, c in edits),
        ),
    )


def test_overlapping_and_touching_fixes_wait_for_the_next_round() -> None:
    text = "abcdefghij" * 3
    first = _finding("NL901", (2, 4, "X"))
    overlapping = _finding("NL902", (3, 6, "Y"))
    touching = _finding("NL903", (4, 5, "Z"))
    apart = _finding("NL904", (8, 9, "W"))
    planned, applied = plan_round(text, [overlapping, apart, touching, first], "\n")
    assert [f.code for f in applied] == ["NL901", "NL904"]
    assert [(p.start, p.end, p.content) for p in planned] == [(2, 4, "X"), (8, 9, "W")]


def test_a_fix_is_all_or_nothing() -> None:
    text = "abcdefghij" * 3
    blocker = _finding("NL901", (10, 12, "X"))
    pair = _finding("NL902", (1, 2, "P"), (11, 11, "Q"))  # second edit hits the blocker
    planned, applied = plan_round(text, [pair, blocker], "\n")
    assert [f.code for f in applied] == ["NL902"]  # starts first, so it wins ...
    assert [(p.start, p.content) for p in planned] == [(1, "P"), (11, "Q")]
    planned, applied = plan_round(text, [_finding("NL900", (0, 1, "A")), pair, blocker], "\n")
    # ... but when its first edit conflicts, none of its edits is applied.
    assert [f.code for f in applied] == ["NL900", "NL901"]
    assert all(p.code != "NL902" for p in planned)


def test_identical_fixes_are_applied_once_and_both_count() -> None:
    text = "hello  world"
    one, two = _finding("NL901", (5, 7, " "), text=text), _finding("NL902", (5, 7, " "), text=text)
    planned, applied = plan_round(text, [one, two], "\n")
    assert len(planned) == 1
    assert {f.code for f in applied} == {"NL901", "NL902"}


def test_no_op_edits_are_ignored() -> None:
    text = "hello world"
    planned, applied = plan_round(text, [_finding("NL901", (0, 5, "hello"), text=text)], "\n")
    assert planned == [] and applied == []


def test_inserted_line_breaks_use_the_file_line_ending() -> None:
    text = "a\r\nb\r\n"
    planned, _ = plan_round(text, [_finding("NL901", (3, 3, "x\n"), text=text)], "\r\n")
    assert planned[0].content == "x\r\n"


# -- convergence -----------------------------------------------------------------------------


def test_repeated_rounds_settle_the_file(tmp_path: Path) -> None:
    text = "# S\n\n* A    title `US`\n\t> summary\n"
    fixed, error = fix(tmp_path, text, "NL907")
    assert error is None
    assert fixed == "# S\n\n* A title `US`\n\t> summary\n"
    again, error = fix(tmp_path, fixed, "NL907")
    assert (again, error) == (fixed, None)


def test_fixes_that_undo_each_other_are_reported_and_nothing_changes(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> summary\n"
    fixed, error = fix(tmp_path, text, "NL904", "NL905")
    assert fixed == text
    assert error is not None
    assert "never settle" in error and "NL904" in error and "NL905" in error


def test_a_fix_that_never_settles_is_reported_after_ten_rounds(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> summary\n"
    fixed, error = fix(tmp_path, text, "NL906")
    assert fixed == text
    assert error == "the fixes did not settle after 10 rounds (rules involved: NL906)"


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> teh summary\n"
    assert fix(tmp_path, text, "NL902") == (text, None)
    assert fix(tmp_path, text, "NL902", unsafe=True) == (text.replace("teh", "the"), None)


def test_malformed_edit_is_a_rule_bug_and_nothing_changes(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> summary\n"
    fixed, error = fix(tmp_path, text, "NL911")
    assert fixed == text
    assert error is not None and error.startswith("NL911 offers an edit outside the file")


def test_crlf_file_gets_crlf_in_inserted_lines(tmp_path: Path) -> None:
    text = "# S\r\n\r\n* A `US`\r\n\t> one\r\n* B `US`\r\n\t> two\r\n"
    fixed, error = fix(tmp_path, text, "NL910")
    assert error is None
    assert fixed == "# S\r\n\r\n* A `US`\r\n\t> one\r\n\r\n* B `US`\r\n\t> two\r\n"


# -- the safety net --------------------------------------------------------------------------


def test_safe_fix_that_changes_words_is_refused(tmp_path: Path) -> None:
    text = "# S\n\n* A good paper `US`\n\t> summary\n"
    fixed, error = fix(tmp_path, text, "NL903")
    assert fixed == text
    assert error is not None
    assert error.startswith("NL903 offers a safe fix that rewrites text outside tags (line 3")


def test_whitespace_fix_that_turns_headings_into_code_is_refused(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> summary\n\n# T\n\n* B `US`\n\t> more\n"
    fixed, error = fix(tmp_path, text, "NL909")
    assert fixed == text
    # Each indented heading is refused on its own: alone, it moves where its section starts.
    assert error == "NL909 would change where section 'S' starts"


def test_whitespace_fix_that_nests_entries_is_refused(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> one\n\n* B `US`\n\t> two\n"
    fixed, error = fix(tmp_path, text, "NL919")
    assert fixed == text
    assert error == "NL919 would change section 'S' from 2 to 1 entries"


def test_whitespace_fix_inside_code_is_refused(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> summary\n\n```python\nx = 1  \n```\n"
    fixed, error = fix(tmp_path, text, "NL912")
    assert fixed == text
    assert error == "NL912 would change code in the notes"
    # The well-behaved rule skips code and is accepted.
    fixed, error = fix(tmp_path, text.replace("summary", "summary  "), "NL901")
    assert (fixed, error) == (text, None)


def test_tag_fix_to_a_different_tag_is_refused(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> summary\n"
    fixed, error = fix(tmp_path, text, "NL916")
    assert fixed == text
    assert error == "NL916 would change the tags of entry 'A'"


def test_tag_spelling_and_duplicates_are_accepted(tmp_path: Path) -> None:
    text = "# S\n\n* A `USA` `UK` `GB` `us`\n\t> summary\n"
    fixed, error = fix(tmp_path, text, "NL915", "NL917")
    assert error is None
    assert fixed == "# S\n\n* A `US` `GB`\n\t> summary\n"


def test_invisible_characters_and_ligatures_are_accepted(tmp_path: Path) -> None:
    text = "# S\n\n* E\ufb03cient\u200b models `US`\n\t> a \ufb01ne summary\n"
    fixed, error = fix(tmp_path, text, "NL913")
    assert error is None
    assert fixed == "# S\n\n* Efficient models `US`\n\t> a fine summary\n"


def test_invisible_character_that_hides_a_heading_is_refused(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> summary\n\n\u200b# not a heading\n"
    fixed, error = fix(tmp_path, text, "NL913")
    assert fixed == text
    assert error is not None and error.startswith("NL913 would change")


def test_unsafe_fix_may_change_its_own_range_only(tmp_path: Path) -> None:
    text = "# S\n\n* A `US`\n\t> first line\n\tloose line\n\n* B `US`\n\t> two\n"
    fixed, error = fix(tmp_path, text, "NL914", unsafe=True)
    assert error is None
    assert fixed == "# S\n\n* A `US`\n\t> first line\n\t> loose line\n\n* B `US`\n\t> two\n"


def test_bullet_markers_and_blank_lines_are_accepted(tmp_path: Path) -> None:
    text = "# S\n\n- A `US`\n\t> one\n+ B `US`\n\t> two\n"
    fixed, error = fix(tmp_path, text, "NL918", "NL910")
    assert error is None
    assert fixed == "# S\n\n* A `US`\n\t> one\n\n* B `US`\n\t> two\n"


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("  ", " ", EditKind.WHITESPACE),
        ("", "\n", EditKind.WHITESPACE),
        ("*", "-", EditKind.BULLET),
        ("\ufb03", "ffi", EditKind.CHARACTERS),
        ("\u200b", "", EditKind.CHARACTERS),
        ("teh", "the", EditKind.OTHER),
    ],
)
def test_edit_kinds(old: str, new: str, kind: EditKind) -> None:
    assert edit_kind(old, new) is kind


def test_render_key_ignores_nesting_and_whitespace_but_not_markup() -> None:
    assert render_key("* a\n* b\n") == render_key("* a\n\n- b\n")
    assert render_key("a  \nb") == render_key("a\nb")
    assert render_key("a *b* c") != render_key("a * b * c")
    assert render_key("# a") != render_key("    # a")


def test_a_tag_fix_that_inserts_a_space_is_a_tag_rewrite_not_a_rendering_change(
    tmp_path: Path,
) -> None:
    """Two tags glued together render as one code span; the space that separates them changes
    the rendering, on purpose, and the tags part of the safety net judges it."""
    text = "# S\n\n* A paper `arXiv``Google`\n\t> summary\n"
    assert_safe_fixed(text, "NL309", tmp_path, "# S\n\n* A paper `arXiv` `Google`\n\t> summary\n")


def test_a_refused_fix_does_not_block_the_same_fix_on_another_line(tmp_path: Path) -> None:
    """Removing the space after ``x\\`` would make a hard line break (refused); the trailing
    space a removed duplicate tag leaves on another line is still removed, in a later round."""
    from notelint.config.settings import Settings
    from notelint.engine.linter import Linter

    text = "# V\n\n* A Title `US` `US`\n\t> s.\n\nx\\ \ny\n"
    linter = Linter(Settings(root=tmp_path))
    result = fix_source(linter, SourceText(text=text, path="a.md"))
    assert result.text == "# V\n\n* A Title `US`\n\t> s.\n\nx\\ \ny\n"
    assert [(r.line, r.code) for r in result.refused] == [(6, "NL201")]


def test_two_refusals_of_the_same_fix_on_two_lines_are_both_reported(tmp_path: Path) -> None:
    from notelint.config.settings import Settings
    from notelint.engine.linter import Linter

    text = "# V\n\n* A Title `US`\n\t> s.\n\nx\\ \ny\n\nz\\ \nw\n"
    result = fix_source(Linter(Settings(root=tmp_path)), SourceText(text=text, path="a.md"))
    assert result.text == text
    assert [(r.line, r.code) for r in result.refused] == [(6, "NL201"), (9, "NL201")]

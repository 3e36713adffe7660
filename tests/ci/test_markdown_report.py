"""``--output-format markdown``: what a CI step summary shows."""

from __future__ import annotations

from markdown_it import MarkdownIt

from notelint.reporters import markdown

from .conftest import NotesRepo, Run


def tables(text: str) -> list[list[list[str]]]:
    """Each table of the rendered Markdown, as rows of cell texts."""
    found: list[list[list[str]]] = []
    row: list[str] | None = None
    tokens = MarkdownIt().enable("table").parse(text)
    for token in tokens:
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close" and row is not None:
            found[-1].append(row)
            row = None
    return found


def test_totals_rules_files_and_every_finding(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/b.md", "# Reading list\n\n* Lonely Paper `draft`\n")
    code, out, _ = run_cli("check", "--output-format", "markdown")
    assert code == 1
    assert out.startswith("## notelint: 5 findings (2 errors, 1 warning, 2 info) in 2 of 2 files")
    by_rule, by_file, listed = tables(out)
    assert by_rule[0] == ["rule", "findings", "`--fix`", "`--unsafe-fixes`"]
    assert [(row[0].split()[0], row[1]) for row in by_rule[1:]] == [
        ("NL902", "2"),
        ("NL903", "2"),
        ("NL901", "1"),
    ]
    assert by_file[1:] == [["notes/a.md", "1", "1", "1"], ["notes/b.md", "1", "", "1"]]
    assert [(row[0], row[1], row[2], row[3]) for row in listed[1:]] == [
        ("notes/a.md", "4", "NL901", "warning"),
        ("notes/a.md", "5", "NL902", "error"),
        ("notes/a.md", "5", "NL903", "info"),
        ("notes/b.md", "3", "NL902", "error"),
        ("notes/b.md", "3", "NL903", "info"),
    ]


def test_a_clean_run_is_one_line(notes_repo: NotesRepo, run_cli: Run) -> None:
    from .conftest import CLEAN

    notes_repo.write("notes/a.md", CLEAN)
    code, out, _ = run_cli("check", "--output-format", "markdown")
    assert (code, out) == (0, "## notelint: no findings in 1 file\n")


def test_text_from_the_notes_cannot_break_the_table_or_add_html() -> None:
    assert markdown.cell("a | b <script>x</script>\nc") == (
        "a \\| b &lt;script&gt;x&lt;/script&gt; c"
    )
    rendered = MarkdownIt().enable("table").render(f"| m |\n|---|\n| {markdown.cell('x|<b>y')} |\n")
    assert "<b>" not in rendered and rendered.count("<td>") == 1

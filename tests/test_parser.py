"""The parsed model: structure and exact positions on the notes people really write."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.model.document import BlockKind, DirectiveKind, Document
from notelint.parse.parser import parse
from notelint.parse.source import SourceError, SourceText
from notelint.vocabulary.tags import load_vocabulary

FIXTURES = Path(__file__).parent / "fixtures"


def doc(text: str) -> Document:
    return parse(SourceText(text=text, path="notes.md"))


def test_sections_entries_titles_and_tags() -> None:
    text = "# ICCV\n\n* CAD-Recode: Reverse Engineering `ICCV` `SNT` `LU`\n\t> Summary.\n"
    d = doc(text)
    [section] = d.sections
    assert (section.heading, section.level) == ("ICCV", 1)
    [entry] = section.entries
    assert entry.title == "CAD-Recode: Reverse Engineering"
    assert [t.text for t in entry.tags] == ["ICCV", "SNT", "LU"]
    assert entry.bullet == "*"
    tag = entry.tags[1]
    assert text[tag.span.start_offset : tag.span.end_offset] == "`SNT`"
    assert (tag.span.start_line, tag.span.start_column) == (3, 42)
    assert entry.title_span is not None
    assert (entry.title_span.start_line, entry.title_span.start_column) == (3, 3)
    [block] = entry.summary
    assert block.kind is BlockKind.QUOTE and block.text == "\t> Summary."


@pytest.mark.parametrize("bullet", ["*", "-", "+"])
def test_every_bullet_marker_makes_an_entry(bullet: str) -> None:
    d = doc(f"# X\n\n{bullet} Title `US`\n  > Summary.\n")
    assert [e.bullet for e in d.entries] == [bullet]
    assert d.entries[0].summary[0].kind is BlockKind.QUOTE


def test_list_that_fell_out_of_the_quote_is_a_loose_block() -> None:
    text = (
        "# G\n\n* Title `US`\n\t> Because\n\t1. one\n\t2. two\ngraduates and more.\n\n"
        "* Next `US`\n\t> Fine.\n"
    )
    first, second = doc(text).entries
    assert [(b.kind, b.span.start_line, b.span.end_line) for b in first.summary] == [
        (BlockKind.QUOTE, 4, 4),
        (BlockKind.LOOSE, 5, 7),
    ]
    assert first.span.end_line == 7
    assert second.title == "Next"


def test_labels_trailing_text_and_entries_without_tags_or_summary() -> None:
    text = "# A\n\n* Only a title\n* Tagged `US` and then words\n\t> Motivation: why.\n"
    one, two = doc(text).entries
    assert (one.title, one.tags, one.summary) == ("Only a title", [], [])
    assert two.trailing_text == "and then words"
    assert two.summary[0].label == "Motivation"


def test_malformed_tag_lists() -> None:
    d = doc("# A\n\n* `ICCV` Title first\n* Title `open\n* Empty `` here\n")
    first, second, third = d.entries
    assert first.tags_before_title and first.title == "Title first"
    assert second.unclosed_backtick is not None and second.title == "Title"
    assert [t.text for t in third.tags] == [""]


def test_heading_levels_and_trailing_spaces() -> None:
    d = doc("# Top \n\n## Sub  \n\n* P `US`\n\n### Deep\n")
    assert [(s.heading, s.level) for s in d.sections] == [("Top", 1), ("Sub", 2), ("Deep", 3)]


def test_front_matter_code_fences_and_html_comments_are_not_notes() -> None:
    text = (
        "---\ntitle: Notes\n---\n# A\n\n```\n* not an entry\n```\n"
        "<!-- * not an entry either -->\n* Real `US`\n"
    )
    d = doc(text)
    assert d.front_matter is not None and d.front_matter.end_line == 3
    assert [e.title for e in d.entries] == ["Real"]
    assert d.code_blocks[0].start_line == 6


def test_crlf_and_bom_keep_exact_offsets() -> None:
    raw = "\ufeff# A\r\n\r\n* Title `USA`\r\n\t> S\r\n".encode()
    source = SourceText.from_bytes(raw, "crlf.md")
    assert source.bom
    d = parse(source)
    [entry] = d.entries
    tag = entry.tags[0]
    assert source.text[tag.span.start_offset : tag.span.end_offset] == "`USA`"
    assert (tag.span.start_line, tag.span.start_column) == (3, 9)
    assert d.newline == "\r\n"
    assert source.encode() == raw


def test_tags_resolve_through_the_vocabulary() -> None:
    vocabulary = load_vocabulary(None)
    d = parse(SourceText(text="# A\n\n* T `USA` `Nowhere Lab`\n", path="x.md"), vocabulary)
    usa, unknown = d.entries[0].tags
    assert usa.resolved is not None and usa.resolved.canonical == "US"
    assert usa.resolved.match == "alias"
    assert unknown.resolved is None


def test_suppression_directives() -> None:
    text = (
        "<!-- notelint-disable-file NL201 -->\n# A\n"
        "<!-- notelint-disable-next-line NL301, tag-case -- reason -->\n"
        "* T `US` <!-- notelint-disable-line -->\n<!-- notelint-disbale NL1 -->\n"
        "<!-- notelint-accept TabPFN DINOv3 -->\n"
    )
    kinds = [(s.kind, s.codes, s.words) for s in doc(text).suppressions]
    assert kinds == [
        (DirectiveKind.DISABLE_FILE, ["NL201"], []),
        (DirectiveKind.DISABLE_NEXT_LINE, ["NL301", "tag-case"], []),
        (DirectiveKind.DISABLE_LINE, [], []),
        (DirectiveKind.INVALID, [], []),
        (DirectiveKind.ACCEPT, [], ["TabPFN", "DINOv3"]),
    ]
    assert doc(text).entries[0].title == "T"


def test_binary_and_undecodable_files_are_refused_clearly() -> None:
    with pytest.raises(SourceError, match="binary"):
        SourceText.from_bytes(b"\x00\x01PNG", "x.md")
    with pytest.raises(SourceError, match="not valid UTF-8"):
        SourceText.from_bytes(b"# caf\xe9\n", "x.md")


def test_hostile_input_parses() -> None:
    assert doc("").sections == []
    assert doc("*").entries[0].title == ""
    deep = "> " * 200 + "x\n"
    doc(deep)
    huge = "* " + "word " * 50_000 + "`US`\n"
    assert doc(huge).entries[0].tags[0].text == "US"


def test_user_notes_shape() -> None:
    source = SourceText.read(FIXTURES / "user-notes.md")
    d = parse(source)
    assert [(s.heading, len(s.entries)) for s in d.sections] == [
        ("Generic", 19),
        ("arXiv", 10),
        ("ICLR", 4),
        ("CVPR", 4),
    ]
    medvae = d.entries[3]
    assert medvae.title.startswith("MedVAE: E\ufb03cient")
    assert [t.text for t in medvae.tags] == ["MIDL", "Oral", "US", "Stanford", "NL"]


def test_nested_bullets_stay_inside_their_entry() -> None:
    text = "# A\n\n* First `US`\n\t> S.\n\t- nested point\n\t- another\n* Second `US`\n"
    first, second = doc(text).entries
    assert first.summary[-1].kind is BlockKind.LOOSE
    assert first.summary[-1].span.end_line == 6
    assert second.title == "Second"


def test_numbered_lists_of_papers_are_entries() -> None:
    from notelint.parse.parser import parse
    from notelint.parse.source import SourceText
    from notelint.vocabulary.tags import load_vocabulary

    text = (
        "## Data Engineering\n"
        "1. [Zipline: Data Management](https://youtu.be/x) `Airbnb` `2018`\n"
        "12) Sputnik `Airbnb`\n"
        "\n## Notes\n\n* A paper `US`\n  > Summary.\n1. a point that fell out of the summary\n"
    )
    document = parse(SourceText(text, "a.md"), load_vocabulary(None))
    first, second, third = document.entries
    assert (first.bullet, first.title, [t.text for t in first.tags]) == (
        ".",
        "[Zipline: Data Management](https://youtu.be/x)",
        ["Airbnb", "2018"],
    )
    assert text[first.bullet_span.start_offset : first.bullet_span.end_offset] == "1."
    assert (second.bullet, second.title) == (")", "Sputnik")
    assert third.bullet == "*" and len(document.entries) == 3  # the numbered line is its summary

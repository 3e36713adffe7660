"""Structure rules (NL101-NL110): what fires, where, with which message, and what the fix does."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import Linter, lint_text
from notelint.model.findings import Applicability
from notelint.parse.source import SourceText
from tests.helpers import assert_fixed, where
from tests.helpers import lint_rule as lint

# -- NL101 entry-without-title ---------------------------------------------------------------


def test_nl101_tags_without_title(tmp_path: Path) -> None:
    text = "# ICCV\n\n* `ICCV` `US`\n  > A summary.\n"
    [finding] = lint(text, "NL101", tmp_path)
    assert where(finding) == (3, 1, 3, 14)
    assert finding.message == "entry has tags but no title: `ICCV` `US`"
    assert finding.fix is None


def test_nl101_empty_bullets(tmp_path: Path) -> None:
    text = "# A\n\n* Title `US`\n  > s\n\n*\n\n* \n\n* <!-- later -->\n"
    findings = lint(text, "NL101", tmp_path)
    assert [where(f)[:2] for f in findings] == [(6, 1), (8, 1), (10, 1)]
    assert {f.message for f in findings} == {"empty bullet: the entry has no title"}


# -- NL102 entry-without-summary -------------------------------------------------------------


def test_nl102_entry_without_summary(tmp_path: Path) -> None:
    others = "".join(f"\n* Other {i} `US`\n  > Summary.\n" for i in range(3))
    text = f"# arXiv\n\n* ARC Is a Vision Problem `MIT` `US`\n{others}"
    [finding] = lint(text, "NL102", tmp_path)
    assert where(finding) == (3, 3, 3, 26)
    assert finding.message == 'entry "ARC Is a Vision Problem" has no summary'


def test_nl102_long_title_is_shortened(tmp_path: Path) -> None:
    title = "A " + "very " * 20 + "long title"
    others = "* Other\n  > Summary.\n" * 3
    [finding] = lint(f"* {title}\n{others}", "NL102", tmp_path)
    assert finding.message.startswith('entry "A very very')
    assert '…" has no summary' in finding.message


def test_nl102_reading_list_section_is_left_alone(tmp_path: Path) -> None:
    notes = "".join(f"* Paper {i} `US`\n  > Summary {i}.\n\n" for i in range(4))
    reading = "".join(f"* To read {i}\n" for i in range(5)) + "* Read one `US`\n  > Note.\n"
    text = f"# CVPR\n\n{notes}* Forgot this one `US`\n\n# Generic\n\n{reading}"
    findings = lint(text, "NL102", tmp_path)
    assert [f.message for f in findings] == ['entry "Forgot this one" has no summary']


def test_nl102_small_section_follows_the_file(tmp_path: Path) -> None:
    notes = "".join(f"* Paper {i} `US`\n  > Summary {i}.\n" for i in range(4))
    text = f"# CVPR\n\n{notes}\n# ICCV\n\n* Lone paper `US`\n"
    assert [f.message for f in lint(text, "NL102", tmp_path)] == [
        'entry "Lone paper" has no summary'
    ]
    listing = "".join(f"* Paper {i}\n" for i in range(4))
    assert lint(f"# A\n\n{listing}\n# B\n\n* Lone paper `US`\n", "NL102", tmp_path) == []


def test_nl102_a_run_without_summaries_is_a_reading_list(tmp_path: Path) -> None:
    noted = "".join(f"* Paper {i} `US`\n\t> Summary {i}.\n\n" for i in range(4))
    text = f"# ICLR\n{noted}* To read `Nice`\n* Also to read\n\n{noted}* Lonely\n\n{noted}"
    assert [f.message for f in lint(text, "NL102", tmp_path)] == ['entry "Lonely" has no summary']


def test_nl102_line_comment_is_a_summary(tmp_path: Path) -> None:
    text = (
        "* Self-Supervised GANs via Rotation -- opens a new genre of loss `Google`\n"
        "* Learning to Ponder `openreview` -- Seems like a good idea, poorly written.\n"
        "* Revisiting Self-Supervised Representation Learning -- `Google`\n"
        "* Plain `US`\n  > Summary.\n"
    )
    assert lint(text, "NL102", tmp_path) == []


def test_nl102_require_always_reports_reading_lists(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path, rules={"NL102": {"require": "always"}})
    findings = lint_text("* A\n* B\n", settings=settings, select=["NL102"])
    assert len(findings) == 2


def test_nl102_bad_require_is_a_configuration_error(tmp_path: Path) -> None:
    from notelint.config.settings import ConfigError

    settings = Settings(root=tmp_path, rules={"NL102": {"require": "sometimes"}})
    with pytest.raises(ConfigError, match="'require' must be one of"):
        lint_text("* A\n", settings=settings, select=["NL102"])


# -- NL103 summary-outside-quote -------------------------------------------------------------


LIST_OUT = (
    "* Measuring the Impact `US`\n"
    "\t> AI tools can slow developers because\n"
    "\t1. they expect too much;\n"
    "\t2. the repositories are large.\n"
    "\n"
    "* Next `US`\n"
    "\t> Fine.\n"
)


def test_nl103_list_outside_quote_one_finding_per_block(tmp_path: Path) -> None:
    [finding] = lint(LIST_OUT, "NL103", tmp_path)
    assert where(finding) == (3, 2, 3, 26)
    assert finding.message == "2 summary lines are outside the quote"
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.UNSAFE
    assert finding.entry_title == "Measuring the Impact"


def test_nl103_fix_reuses_the_quote_marker(tmp_path: Path) -> None:
    assert_fixed(
        LIST_OUT,
        "NL103",
        tmp_path,
        LIST_OUT.replace("\t1.", "\t> 1.").replace("\t2.", "\t> 2."),
    )


def test_nl103_unindented_line_gets_the_whole_marker(tmp_path: Path) -> None:
    text = "* T `US`\n    > The paper\n    1. one item that wraps\nonto column one.\n"
    [finding] = lint(text, "NL103", tmp_path)
    assert finding.message == "2 summary lines are outside the quote"
    assert_fixed(
        text,
        "NL103",
        tmp_path,
        "* T `US`\n    > The paper\n    > 1. one item that wraps\n    > onto column one.\n",
    )


def test_nl103_lazy_continuation_is_named(tmp_path: Path) -> None:
    text = "* T `US`\n\t> The first sentence.\n\tThe second sentence, without a marker.\n"
    [finding] = lint(text, "NL103", tmp_path)
    assert finding.message == "1 summary line continues the quote without `>`"
    assert where(finding)[:2] == (3, 2)
    assert_fixed(text, "NL103", tmp_path, text.replace("\tThe second", "\t> The second"))


def test_nl103_deeply_indented_list_is_lazy(tmp_path: Path) -> None:
    # Indented past the entry's content, the items continue the quote's paragraph (and render
    # as one run-on line); the fix keeps the extra indentation after the marker.
    text = "* T `US`\n\t> Steps:\n\t\t1. one\n\t\t2. two\n"
    [finding] = lint(text, "NL103", tmp_path)
    assert finding.message == "2 summary lines continue the quote without `>`"
    assert_fixed(text, "NL103", tmp_path, "* T `US`\n\t> Steps:\n\t> \t1. one\n\t> \t2. two\n")


def test_nl103_blocks_after_blank_lines_each_reported(tmp_path: Path) -> None:
    text = "* T `US`\n  > Quote.\n  1. one\n\n  after a blank line\n"
    findings = lint(text, "NL103", tmp_path)
    assert [(where(f)[0], f.message) for f in findings] == [
        (3, "1 summary line is outside the quote"),
        (5, "1 summary line is outside the quote"),
    ]


def test_nl103_crlf(tmp_path: Path) -> None:
    text = LIST_OUT.replace("\n", "\r\n")
    [finding] = lint(text, "NL103", tmp_path)
    assert where(finding) == (3, 2, 3, 26)
    expected = LIST_OUT.replace("\t1.", "\t> 1.").replace("\t2.", "\t> 2.").replace("\n", "\r\n")
    assert_fixed(text, "NL103", tmp_path, expected)


# -- NL104 duplicate-entry -------------------------------------------------------------------


def test_nl104_duplicate_in_one_file(tmp_path: Path) -> None:
    text = (
        "# ICCV\n\n* CAD-Recode: Reverse Engineering `ICCV`\n  > a\n\n"
        "# arXiv\n\n* cad recode – reverse   engineering! `LU`\n  > b\n"
    )
    findings = lint_text(text, path="notes.md", settings=Settings(root=tmp_path), select=["NL104"])
    [finding] = findings
    assert where(finding) == (8, 3, 8, 38)
    assert finding.message == (
        'duplicate entry "cad recode – reverse engineering!": first noted at notes.md:3'
    )
    assert finding.entry_title == "cad recode – reverse   engineering!"


def test_nl104_nfkc_and_case(tmp_path: Path) -> None:
    text = "* Eﬃcient Transformers\n  > a\n* EFFICIENT TRANSFORMERS\n  > b\n"
    findings = lint(text, "NL104", tmp_path)
    assert [where(f)[0] for f in findings] == [3]


def test_nl104_across_files_is_deterministic(tmp_path: Path) -> None:
    linter = Linter(Settings(root=tmp_path), select=["NL104"])
    files = {
        "b.md": "* Shared Title\n  > b\n* Only in b\n  > b\n",
        "a.md": "* Other\n  > a\n* Shared title\n  > a\n* Shared  Title\n  > again\n",
        "c.md": "* shared-title\n  > c\n",
    }
    results = [linter.lint_source(SourceText(text=t, path=p)) for p, t in files.items()]
    findings = linter.finish(results)
    assert [(f.path, f.span.start_line, f.message) for f in findings] == [
        ("a.md", 5, 'duplicate entry "Shared Title": first noted at a.md:3'),
        ("b.md", 1, 'duplicate entry "Shared Title": first noted at a.md:3'),
        ("c.md", 1, 'duplicate entry "shared-title": first noted at a.md:3'),
    ]


def test_nl104_facts_survive_json(tmp_path: Path) -> None:
    import json

    linter = Linter(Settings(root=tmp_path), select=["NL104"])
    results = [
        linter.lint_source(SourceText(text="* Same `US`\n  > a\n", path="x.md")),
        linter.lint_source(SourceText(text="* Same `US`\n  > b\n", path="y.md")),
    ]
    for result in results:  # what a cache round trip does to the facts
        result.facts = json.loads(json.dumps(result.facts))
    [finding] = linter.finish(results)
    assert (finding.path, finding.span.start_column, finding.span.end_column) == ("y.md", 3, 7)


def test_nl104_compares_only_bullets_that_name_papers(tmp_path: Path) -> None:
    linter = Linter(Settings(root=tmp_path), select=["NL104"])
    page = "# Paper\n\n* **Year**: 2015\n\n# Summary\n\n* What\n  * A nested point.\n\n* Dataset\n"
    index = "* [A Shared Paper](https://arxiv.org/abs/1)\n"
    files = {
        "one.md": page,
        "two.md": page,
        "readme.md": index,
        "by-year.md": index,  # an index line in another file: listed on purpose
        "notes.md": "* A Shared Paper `US`\n  > Noted once.\n",
    }
    files |= {f"t{n}.md": "* Summaries of the key ideas\n" for n in range(4)}  # a template
    results = [linter.lint_source(SourceText(text=t, path=p)) for p, t in files.items()]
    assert linter.finish(results) == []
    # Two notes of one paper in two files are still reported.
    again = linter.lint_source(SourceText(text="* A Shared Paper `US`\n  > Twice.\n", path="z.md"))
    [finding] = linter.finish([*results, again])
    assert (finding.path, finding.message.split(":")[-1]) == ("z.md", "1")


# -- NL105 heading-level ---------------------------------------------------------------------


def test_nl105_skipped_levels(tmp_path: Path) -> None:
    text = "# A\n\n### B\n\n### C\n\n# D\n\n#### E\n"
    findings = lint(text, "NL105", tmp_path)
    assert [(where(f), f.message) for f in findings] == [
        ((3, 1, 3, 6), 'heading "B" skips a level: level 3 under "A" (level 1)'),
        ((5, 1, 5, 6), 'heading "C" skips a level: level 3 under "A" (level 1)'),
        ((9, 1, 9, 7), 'heading "E" skips 2 levels: level 4 under "D" (level 1)'),
    ]
    assert all(f.fix and f.fix.applicability is Applicability.UNSAFE for f in findings)
    assert_fixed(text, "NL105", tmp_path, "# A\n\n## B\n\n## C\n\n# D\n\n## E\n")


def test_nl105_first_heading_may_start_deeper(tmp_path: Path) -> None:
    assert lint("## A\n\n### B\n\n## C\n", "NL105", tmp_path) == []


def test_nl105_venue_section_at_another_level(tmp_path: Path) -> None:
    text = "# ICLR\n\n* a\n  > s\n\n# CVPR\n\n* b\n  > s\n\n## ICCV 2025\n\n* c\n  > s\n"
    [finding] = lint(text, "NL105", tmp_path)
    assert where(finding) == (11, 1, 11, 13)
    assert finding.message == (
        'venue heading "ICCV 2025" is level 2 but the other venue headings are level 1'
    )
    assert_fixed(text, "NL105", tmp_path, text.replace("## ICCV", "# ICCV"))


def test_nl105_setext_heading_fix(tmp_path: Path) -> None:
    text = "# ICLR\n\n* a\n\n# CVPR\n\n* b\n\nICCV\n----\n\n* c\n"
    [finding] = lint(text, "NL105", tmp_path)
    assert where(finding) == (9, 1, 10, 5)
    assert_fixed(text, "NL105", tmp_path, text.replace("----", "===="))


# -- NL106 empty-section ---------------------------------------------------------------------


def test_nl106_empty_sections(tmp_path: Path) -> None:
    text = (
        "# 2023\n\n## ICLR\n\n"  # 2023 holds only ICLR, and ICLR is empty: both are
        "# 2024\n\n## CVPR\n\n* e\n  > s\n\n"  # 2024's subsection has an entry
        "# ECCV\n\nSome text.\n\n"  # other content
        "# NeurIPS\n\t\n"  # only whitespace before the end of the file
    )
    findings = lint(text, "NL106", tmp_path)
    assert [(where(f), f.message) for f in findings] == [
        ((1, 1, 1, 7), 'section "2023" is empty'),
        ((3, 1, 3, 8), 'section "ICLR" is empty'),
        ((16, 1, 16, 10), 'section "NeurIPS" is empty'),
    ]
    assert all(f.fix is None for f in findings)


def test_nl106_only_headings_that_file_papers(tmp_path: Path) -> None:
    page = "# A Paper\n\n#### Overall impression\nProse.\n\n#### Technical details\n\n"
    page += "#### Notes\n- a\n"
    assert lint(page, "NL106", tmp_path) == []
    dates = "## 2014-08\n\n* A Paper Title\n\n## 2014-07\n\n## July 2014\n"
    assert [f.message for f in lint(dates, "NL106", tmp_path)] == [
        'section "2014-07" is empty',
        'section "July 2014" is empty',
    ]


def test_nl106_comment_or_code_is_content(tmp_path: Path) -> None:
    text = "# A\n\n<!-- papers to come -->\n\n# B\n\n```\ncode\n```\n\n# C\n\n* e\n"
    assert lint(text, "NL106", tmp_path) == []


# -- NL107 mixed-bullet-markers --------------------------------------------------------------


def test_nl107_majority_marker_wins(tmp_path: Path) -> None:
    text = "* a\n  > s\n\n- b\n  > s\n\n* c\n  > s\n\n+ d\n  > s\n"
    findings = lint(text, "NL107", tmp_path)
    assert [(where(f), f.message) for f in findings] == [
        ((4, 1, 4, 2), "bullet `-` differs from the `*` used by 2 of 4 entries"),
        ((10, 1, 10, 2), "bullet `+` differs from the `*` used by 2 of 4 entries"),
    ]
    assert_fixed(text, "NL107", tmp_path, text.replace("- b", "* b").replace("+ d", "* d"))


def test_nl107_tie_goes_to_the_first_entry(tmp_path: Path) -> None:
    text = "- a\n\n* b\n"
    [finding] = lint(text, "NL107", tmp_path)
    assert where(finding)[0] == 3
    assert_fixed(text, "NL107", tmp_path, "- a\n\n- b\n")


def test_nl107_empty_bullet_has_no_fix(tmp_path: Path) -> None:
    [finding] = lint("* a\n\n* b\n\n-\n", "NL107", tmp_path)
    assert finding.fix is None


# -- NL108 unclosed-backtick -----------------------------------------------------------------


def test_nl108_unclosed_backtick(tmp_path: Path) -> None:
    text = "* CAD-Recode `ICCV` `SNT `LU`\n  > s\n"
    [finding] = lint(text, "NL108", tmp_path)
    assert where(finding) == (1, 29, 1, 30)
    assert finding.message == 'unclosed backtick in "`SNT `LU`"'
    assert finding.fix is None


def test_nl108_unclosed_before_tags(tmp_path: Path) -> None:
    text = "* Title `ICCV US\n  > s\n"
    [finding] = lint(text, "NL108", tmp_path)
    assert where(finding)[:2] == (1, 9)
    assert finding.message == 'unclosed backtick in "* Title `ICCV US"'


# -- NL109 empty-tag -------------------------------------------------------------------------


def test_nl109_empty_and_blank_tags(tmp_path: Path) -> None:
    text = "* A `` `US`\n* B `US` ``\n* `` B\n* C ` ` `US`\n"
    findings = lint(text, "NL109", tmp_path)
    assert [(where(f), f.message) for f in findings] == [
        ((1, 5, 1, 7), "empty tag"),
        ((2, 10, 2, 12), "empty tag"),
        ((3, 3, 3, 5), "empty tag"),
        ((4, 5, 4, 8), "tag contains only whitespace"),
    ]
    assert all(f.fix and f.fix.applicability is Applicability.SAFE for f in findings)
    assert_fixed(text, "NL109", tmp_path, "* A `US`\n* B `US`\n* B\n* C `US`\n")


def test_nl109_tag_glued_to_the_title_keeps_the_bullet_space(tmp_path: Path) -> None:
    assert_fixed("* ``Title\n", "NL109", tmp_path, "* Title\n")


# -- NL110 tags-before-title -----------------------------------------------------------------


def test_nl110_tags_moved_after_the_title(tmp_path: Path) -> None:
    text = "* `ICCV` `SNT` CAD-Recode: Reverse Engineering `LU`\n  > s\n* `X` Title\n"
    findings = lint(text, "NL110", tmp_path)
    assert [(where(f), f.message) for f in findings] == [
        ((1, 3, 1, 15), "tags `ICCV` `SNT` come before the title"),
        ((3, 3, 3, 6), "tag `X` comes before the title"),
    ]
    assert all(f.fix and f.fix.applicability is Applicability.UNSAFE for f in findings)
    assert_fixed(
        text,
        "NL110",
        tmp_path,
        "* CAD-Recode: Reverse Engineering `ICCV` `SNT` `LU`\n  > s\n* Title `X`\n",
    )


def test_nl104_cross_listed_under_topics_is_not_a_duplicate(tmp_path: Path) -> None:
    paper = "1. [Real-time Data Infrastructure at Uber](https://arxiv.org/abs/2104.00087) `Uber`\n"
    topics = f"## Data Engineering\n{paper}\n## Infra\n{paper}"
    assert lint(topics, "NL104", tmp_path) == []
    venues = "# CVPR\n\n* Same Paper `US`\n\n# ICCV\n\n* Same Paper `US`\n"
    assert len(lint(venues, "NL104", tmp_path)) == 1
    same_topic = f"## Data Engineering\n{paper}2. Other `Uber`\n{paper.replace('1.', '3.')}"
    assert len(lint(same_topic, "NL104", tmp_path)) == 1


def test_nl107_a_table_of_contents_is_not_a_list_of_papers(tmp_path: Path) -> None:
    text = (
        "## Contents\n\n* [Optimization](#optimization)\n* [Vision](#vision)\n\n"
        "## Optimization\n\n- Adam `US`\n- Batch Norm `US`\n- Dropout `CA`\n"
    )
    assert lint(text, "NL107", tmp_path) == []


# -- NL111 wrapped-title ---------------------------------------------------------------------


def test_nl111_title_broken_before_its_tags(tmp_path: Path) -> None:
    text = "# ICML\n\n* Ask Me Anything:\n  Dynamic Memory Networks `ICML2016`\n  > A summary.\n"
    [finding] = lint(text, "NL111", tmp_path)
    assert where(finding) == (3, 3, 4, 26)
    assert finding.message == 'the title is broken over 2 lines after "Ask Me Anything:"'
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    expected = "# ICML\n\n* Ask Me Anything: Dynamic Memory Networks `ICML2016`\n  > A summary.\n"
    assert_fixed(text, "NL111", tmp_path, expected, safe_only=True)


def test_nl111_join_passes_the_safety_net(tmp_path: Path) -> None:
    from notelint.fix.rounds import fix_source

    text = "# ICML\n\n* EpICC: a Bayesian\r\n\tmodel of cancer `Nature`\r\n\t> Uncertainty.\r\n"
    linter = Linter(Settings(root=tmp_path, select=["NL111"]))
    result = fix_source(linter, SourceText(text, "notes.md"))
    assert result.error is None and not result.refused
    joined = "* EpICC: a Bayesian model of cancer `Nature`\r\n"
    assert result.text == f"# ICML\n\n{joined}\t> Uncertainty.\r\n"

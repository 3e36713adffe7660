"""NL003 not-a-notes-file: prose documents get one finding and nothing else; notes of every
shape (reading lists, empty files, prefaced files) are linted as notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import lint_text

PROSE = (
    "# VLM Review\n\n## Objectives\n\n"
    + ("Contrastive pre-training on pairs crawled from the web gives a shared space. " * 6).rstrip()
    + "\n\n* The later models add captioning losses on the same pairs, at a cost.\n"
    "* The largest ones freeze both encoders to keep the cost down.\n"
)


def lint_all(text: str, root: Path, **settings: object) -> list[tuple[str, int]]:
    findings = lint_text(text, settings=Settings(root=root, **settings))  # type: ignore[arg-type]
    return [(f.code, f.span.start_line) for f in findings]


def test_prose_document_gets_one_finding(tmp_path: Path) -> None:
    findings = lint_text(PROSE, settings=Settings(root=tmp_path))
    assert [f.code for f in findings] == ["NL003"]
    assert findings[0].span.start_line == 1
    assert findings[0].message.startswith("not a notes file: ")
    assert "only checked as prose (spelling, whitespace)" in findings[0].message


def test_a_file_that_is_not_notes_still_gets_the_prose_checks(tmp_path: Path) -> None:
    text = PROSE.replace("a cost.", "a cost.  ").replace("freeze", "freze")
    assert sorted(lint_all(text, tmp_path)) == [("NL003", 1), ("NL201", 7), ("NL501", 8)]


def test_prose_files_are_checked_as_prose_without_the_finding(tmp_path: Path) -> None:
    text = PROSE.replace("a cost.", "a cost.  ")
    settings = Settings(root=tmp_path, prose_files=["reviews/"])
    findings = lint_text(text, path=str(tmp_path / "reviews" / "vlm.md"), settings=settings)
    assert [(f.code, f.span.start_line) for f in findings] == [("NL201", 7)]


def test_ignoring_nl003_lints_the_file_as_notes(tmp_path: Path) -> None:
    always = {"NL102": {"require": "always"}}
    codes = {
        code
        for code, _ in lint_all(
            PROSE, tmp_path, ignore=["NL003"], extend_select=["NL102"], rules=always
        )
    }
    assert codes == {"NL102"}  # the bullets are linted as entries now: no summaries


def test_a_file_directive_lints_it_as_notes_and_counts_as_used(tmp_path: Path) -> None:
    text = "<!-- notelint-disable-file NL003 -->\n" + PROSE
    codes = {code for code, _ in lint_all(text, tmp_path)}
    assert "NL003" not in codes
    assert "NL002" not in codes  # the directive did silence something


@pytest.mark.parametrize(
    "text",
    [
        "# CVPR\n\n# ICCV\n",  # a new year's file: only its venue headings
        "",
        # a reading list: titles only
        "# Generic\n\n* Grokking: Generalization Beyond Overfitting\n* Grokfast: Slow Gradients\n",
        # a preface, then papers
        "# Interesting CVPR2019 papers\n> and my superficial opinion -- just one scan\n\n"
        "### Generic\n* Ranking Losses Revisited **#cvpr2019** **#ranking**\n",
        # a paper list with links
        "- Nested LSTMs [[arXiv](https://arxiv.org/abs/1801.10308)]\n"
        "- Can Computers Create Art? [[arXiv](https://arxiv.org/abs/1801.04486)]\n",
    ],
)
def test_notes_of_every_shape_are_notes(text: str, tmp_path: Path) -> None:
    assert "NL003" not in {code for code, _ in lint_all(text, tmp_path)}


def test_bullets_that_are_sentences(tmp_path: Path) -> None:
    text = (
        "## [Adaptive Computation Time](http://arxiv.org/abs/1603.08983)\n\n"
        "#### Key Points\n\n"
        "- The network learns how many steps to take per input.\n"
        "- A ponder cost keeps the number of steps small.\n"
        "- Results on synthetic tasks are strong, less so on language.\n"
    )
    [finding] = lint_text(text, settings=Settings(root=tmp_path))
    assert finding.code == "NL003"
    assert "most of its bullets are sentences" in finding.message


def test_bullets_of_inline_code_are_not_papers(tmp_path: Path) -> None:
    text = "# API changes\n\n" + "".join(
        f"- `tf.{new}()` replaced `tf.{old}()`\n"
        for new, old in (("multiply", "mul"), ("subtract", "sub"), ("negative", "neg"))
    )
    assert [code for code, _ in lint_all(text, tmp_path)] == ["NL003"]

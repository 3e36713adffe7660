"""`notelint words add` / `notelint words learn` as library functions."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import lint_text
from notelint.engine.word_learning import learn
from notelint.spelling.wordlist import HEADER, WordListError, add_words

NOTES = """# Notes

* Scaling Laws `arXiv` `OpenAI`
\t> We use rliable; rliable again. Tireline is our baseline. A typo: recieve.
"""


def test_add_creates_a_sorted_list_with_a_header(tmp_path: Path) -> None:
    path = tmp_path / "rules" / "words.txt"
    assert add_words(path, ["zeta", "Nemenyi", "alpha", "zeta"]) == ["alpha", "Nemenyi", "zeta"]
    assert path.read_text() == HEADER + "alpha\nNemenyi\nzeta\n"


def test_add_keeps_comments_and_deduplicates(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# our words\n\nzeta\n# a post-hoc test\nNemenyi  # Friedman + Nemenyi\nzeta\n")
    assert add_words(path, ["beta", "Nemenyi"]) == ["beta"]
    assert path.read_text() == (
        "# our words\n\nbeta\n# a post-hoc test\nNemenyi  # Friedman + Nemenyi\nzeta\n"
    )
    assert add_words(path, ["beta"]) == []


def test_add_refuses_what_is_not_a_word(tmp_path: Path) -> None:
    with pytest.raises(WordListError, match="has spaces"):
        add_words(tmp_path / "words.txt", ["two words"])
    with pytest.raises(WordListError, match="starts with '#'"):
        add_words(tmp_path / "words.txt", ["#tag"])


def test_added_words_are_accepted(tmp_path: Path) -> None:
    add_words(tmp_path / "rules" / "words.txt", ["rliable"])
    findings = lint_text(NOTES, settings=Settings(root=tmp_path), select=["NL501"])
    assert [NOTES[f.span.start_offset : f.span.end_offset] for f in findings] == [
        "Tireline",
        "recieve",
    ]


def test_learn_lists_every_flagged_word(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(NOTES)
    result = learn([notes], Settings(root=tmp_path))
    assert [(w.word, w.count) for w in result.words] == [
        ("recieve", 1),
        ("rliable", 2),
        ("Tireline", 1),
    ]
    column = NOTES.splitlines()[3].index("recieve") + 1
    assert result.words[0].first.endswith(f"a.md:4:{column}")
    assert result.added == []
    assert not (tmp_path / "rules" / "words.txt").exists()


def test_learn_write_adds_them_all(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(NOTES)
    result = learn([tmp_path / "a.md"], Settings(root=tmp_path), write=True)
    assert result.added == ["recieve", "rliable", "Tireline"]
    assert result.path == tmp_path / "rules" / "words.txt"
    assert lint_text(NOTES, settings=Settings(root=tmp_path), select=["NL501"]) == []


def test_learn_respects_suppressions(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        NOTES.replace("\t> We", "\t> <!-- notelint-disable-line NL501 --> We")
    )
    assert learn([tmp_path / "a.md"], Settings(root=tmp_path)).words == []

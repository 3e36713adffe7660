"""The decision per word (issue 16): outside evidence, the shape of a typo, names by context,
and every piece of prose in a file read."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import lint_text
from notelint.spelling import evidence
from notelint.spelling.checker import Confidence, build_checker


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build_checker(Settings(root=tmp_path_factory.mktemp("empty")))


def words(checker, text: str, *, sentences: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    return [found.word for found in checker.check(text, sentences=sentences)]


def test_wordfreq_and_codespell_are_read() -> None:
    assert evidence.zipf("the") > 7
    assert evidence.zipf("spacetime") >= 2.5  # not in pyspellchecker, common in English
    assert evidence.zipf("prediciton") == 0
    assert evidence.corrections("performnace") == ("performance",)
    assert evidence.auto_correction("ned") is None  # several corrections: no automatic one


def test_real_words_that_are_usually_slips_are_reported_but_never_corrected(
    checker,  # type: ignore[no-untyped-def]
) -> None:
    # codespell's "rare" list: `statics` is usually *statistics*, but it is a word (mechanics),
    # so the author decides; a plain misspelling keeps its automatic correction.
    assert evidence.corrections("statics") == ("statistics",)
    assert evidence.auto_correction("statics") is None
    assert evidence.auto_correction("performnace") == "performance"
    (found,) = checker.check("the statics of the data")
    assert found.word == "statics" and found.replacement is None
    assert "statistics" in found.suggestions


def test_codespell_format_is_parsed() -> None:
    parsed = evidence.parse_misspellings("abc->abd\nned->need, end,\nclas->class, a reason\n")
    assert parsed == {"abc": "abd", "ned": "need,end,", "clas": "class,"}


def test_known_misspellings_beat_a_permissive_word_list(checker) -> None:  # type: ignore[no-untyped-def]
    found = list(checker.check("the informations we need"))
    assert [(f.word, f.confidence) for f in found] == [("informations", Confidence.KNOWN)]


def test_unknown_with_nothing_close_is_silent(checker) -> None:  # type: ignore[no-untyped-def]
    assert words(checker, "we thank Feichtenhofer and use kvquant here") == []
    assert words(checker, "a typo: prediciton of the model") == ["prediciton"]


def test_short_forms_are_not_typos(checker) -> None:  # type: ignore[no-untyped-def]
    assert words(checker, "the conv and cls pred with traj seq num avg std sqrt") == []
    assert words(checker, "we saw the msks") == ["msks"]  # never seen, one slip from masks


def test_common_english_is_accepted(checker) -> None:  # type: ignore[no-untyped-def]
    assert words(checker, "pixelated spacetime maths waypoints") == []


def test_names_by_context(checker) -> None:  # type: ignore[no-untyped-def]
    assert words(checker, "a lecture of Stefano Ermon and Sanja Fidler") == []
    assert words(checker, "read Colah's blog") == []
    assert words(checker, "a talk by Saining Xie", sentences=False) == []
    assert words(checker, "[Paper](https://x.org/a) [Waymo, surfel, Qcraft]", sentences=False) == []
    assert words(checker, "see [packnet](packnet.md) for it") == []
    assert words(checker, "Hiera: A Hierarchical Vision Transformer", sentences=False) == []
    # A capitalised dictionary word before it is no first name; a typing slip in a title is
    # a typo among names.
    assert words(checker, "Dilated Convoltuions increase the field") == ["Convoltuions"]
    assert words(checker, "Building Fondation Mdels", sentences=False) == ["Fondation", "Mdels"]


def test_authors_lines_are_names(tmp_path: Path) -> None:
    text = "# Paper\n\n* **Authors**: Anastasiya Mishchuk, Dmytro Mishkin, Jiri Matas\n"
    assert lint_text(text, settings=Settings(root=tmp_path), select=["NL501"]) == []


def test_a_nested_bullet_starts_a_sentence(checker) -> None:  # type: ignore[no-untyped-def]
    text = "> Corner cases\n> - Extreme weather\n>   - Foreigh objects"
    assert words(checker, text) == ["Foreigh"]


def test_latin_is_split_from_cjk(checker) -> None:  # type: ignore[no-untyped-def]
    assert words(checker, "RoI做instace and 动力学") == ["instace"]


def test_a_word_run_into_a_function_word(checker) -> None:  # type: ignore[no-untyped-def]
    (found,) = checker.check("meant for visionand language")
    assert found.replacement == "vision and"
    assert words(checker, "the groundtruth and the inplace op") == []  # coined compounds


def test_a_derivation_that_is_one_slip_from_a_word(checker) -> None:  # type: ignore[no-untyped-def]
    assert words(checker, "it is annotataed and attributeable") == ["annotataed", "attributeable"]
    assert words(checker, "invariances and softmaxes and tanhs") == []


def test_listed_names_in_any_letter_case(checker) -> None:  # type: ignore[no-untyped-def]
    assert words(checker, "we use pytorch and Pytorch and PYTORCH") == []


def test_every_piece_of_prose_is_read(tmp_path: Path) -> None:
    text = (
        "# [A Paper](https://arxiv.org/abs/1)\n\n"
        "tl;dr: A summery of teh paper.\n\n"
        "#### Overall impresion\n"
        "This paragraph has a typo: recieve.\n\n"
        "- Key idea\n  - a nested item with a tpyo: algoritm\n"
    )
    findings = lint_text(text, settings=Settings(root=tmp_path), select=["NL501"])
    found = {text[f.span.start_offset : f.span.end_offset] for f in findings}
    assert {"teh", "recieve", "algoritm", "impresion"} <= found


def test_a_file_passed_over_as_not_notes_still_gets_its_spelling(tmp_path: Path) -> None:
    prose = "# Review\n\n" + "Contrastive pre-training on pairs gives a shared space. " * 8
    text = prose + "It is a reveiw of teh field.\n"
    findings = lint_text(text, settings=Settings(root=tmp_path))
    assert findings[0].code == "NL003"
    assert {f.code for f in findings} == {"NL003", "NL501"}


def test_unknown_words_info(tmp_path: Path) -> None:
    from notelint.config.settings import settings_from_table

    settings = settings_from_table(
        {"spelling": {"unknown-words": "info"}}, root=tmp_path, config_path=None
    )
    text = "# N\n\n* Paper `US`\n  > We use kvquant here.\n"
    assert [f.message for f in lint_text(text, settings=settings, select=["NL501"])] == [
        "unknown word 'kvquant'"
    ]
    assert lint_text(text, settings=Settings(root=tmp_path), select=["NL501"]) == []

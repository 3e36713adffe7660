"""Suggestions: ranked by how people mistype, in the typed word's letter case."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.spelling.checker import Checker, build_checker
from notelint.spelling.suggest import Slip, Suggester, WordSource, match_case


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Checker:
    return build_checker(Settings(root=tmp_path_factory.mktemp("empty")))


@pytest.mark.parametrize(
    ("typo", "best"),
    [
        ("recieve", "receive"),
        ("supervsied", "supervised"),
        ("quantiaitive", "quantitative"),
        ("achoring", "anchoring"),
        ("accordinglu", "accordingly"),
        ("balaned", "balanced"),
        ("brians", "brains"),
        ("commerical", "commercial"),
        ("dimensionl", "dimensional"),
        ("evlaution", "evaluation"),
        ("expenseive", "expensive"),
        ("interperter", "interpreter"),
        ("medcial", "medical"),
        ("negtaive", "negative"),
        ("percetion", "perception"),
        ("presistent", "persistent"),
        ("retreival", "retrieval"),
        ("rubic", "rubric"),
        ("semnatic", "semantic"),
        ("similarlity", "similarity"),
        ("stabilier", "stabilizer"),
        ("trainining", "training"),
    ],
)
def test_best_suggestion(checker: Checker, typo: str, best: str) -> None:
    suggestions = checker.suggester.suggest(typo)
    assert suggestions.words[0] == best
    assert len(suggestions.words) <= 3


def test_compound_context_picks_the_compound(checker: Checker) -> None:
    assert checker.suggester.suggest("tung", before="fine").words[0] == "tune"


def test_letter_case_is_preserved(checker: Checker) -> None:
    assert checker.suggester.suggest("Recieve").words[0] == "Receive"
    assert checker.suggester.suggest("RECIEVE").words[0] == "RECEIVE"
    assert match_case("Recieve", "PyTorch") == "PyTorch"


def test_unambiguous_only_when_clearly_best(checker: Checker) -> None:
    assert checker.suggester.suggest("recieve").unambiguous == "receive"
    # "dimensionl": dimensional (a letter left out) or dimension (a letter too many)
    assert checker.suggester.suggest("dimensionl").unambiguous is None


def test_slip_kinds() -> None:
    suggester = Suggester([WordSource({"receive": 100, "anchoring": 100, "similar": 100})])
    assert suggester.suggest("recieve").items[0].slip is Slip.TRANSPOSITION
    assert suggester.suggest("achoring").items[0].slip is Slip.OMISSION
    assert suggester.suggest("simillar").items[0].slip is Slip.DOUBLE


def test_two_edits_away() -> None:
    suggester = Suggester([WordSource({"quantitative": 10, "qualitative": 10})])
    suggestions = suggester.suggest("quantiaitive")
    assert suggestions.words == ("quantitative",)
    assert suggestions.items[0].distance == 2


def test_run_together_words(checker: Checker) -> None:
    assert "a lot" not in checker.suggester.suggest("alott").words
    assert checker.suggester.suggest("inthe").words[0] == "in the"


def test_capitals_of_listed_names_are_kept(tmp_path: Path) -> None:
    checker = build_checker(Settings(root=tmp_path), extra=["GraphQLite"])
    assert checker.suggester.suggest("graphqlte").words[0] == "GraphQLite"


def test_no_suggestion_for_gibberish(checker: Checker) -> None:
    assert checker.suggester.suggest("xqzvkw").words == ()


def test_a_name_in_the_wrong_case(checker: Checker) -> None:
    suggestions = checker.suggester.suggest("imagenet")
    assert suggestions.words[0] == "ImageNet"
    assert suggestions.items[0].slip is Slip.CASE
    assert suggestions.unambiguous == "ImageNet"

"""The checker's per-chunk verdict cache: the same findings as checking every token afresh,
wherever a word stands, and a file's accepted words stay in that file."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import Linter
from notelint.parse.source import SourceText
from notelint.spelling.checker import Misspelling, build_checker
from notelint.spelling.tokenize import tokenize

TEXTS = [
    "Dual BERT encoders make retreival competitive. Retreival is fast.",
    "the Perceiver resampler and the Transfomer encoder. Perceiver and Transfomer again",
    "We fine-tung TimeSfomer on 3.5 Transfomer tasks, i.e. the Perceiver (see `Perceiver`).",
    "Recieve: Recieve! recieve? Nemenyi's test, the authors' model, Gemini’s answer.",
    "A url https://example.com/Transfomer and github.com/x/Perceiver with $Transfomer$ math.",
    "co-training, x-ray, auto-encoder, mulit-modal, colour, normalise, underdiagnosis.",
    "1.5 Transfomer, 2 Perceiver; 3 retreival: 4 Recieve. 5 the Transfomer",
    "Zorblax works. The Zorblax model; Zorblax, and zorblax 3.5 Zorblax-based Zorblax.",
]


def reference(settings: Settings, text: str, *, sentences: bool) -> list[Misspelling]:
    """What :meth:`Checker.check` finds on ``text`` with a checker that has seen nothing else
    (no verdict of another text to reuse)."""
    return list(build_checker(settings).check(text, sentences=sentences))


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(root=tmp_path_factory.mktemp("empty"))


@pytest.mark.parametrize("sentences", [True, False])
def test_cached_verdicts_match_checking_every_token(settings: Settings, sentences: bool) -> None:
    checker = build_checker(settings)
    # Twice, in both orders: the second pass is answered from the cache, with each word now
    # standing where the other text had it (sentence start or not).
    for text in [*TEXTS, *reversed(TEXTS)]:
        expected = reference(settings, text, sentences=sentences)
        assert list(checker.check(text, sentences=sentences)) == expected


def test_offsets_into_a_range(settings: Settings) -> None:
    checker = build_checker(settings)
    fresh = build_checker(settings)
    text = "xx retreival yy. Retreival zz Transfomer"
    for start in (0, 3, 4, 16, 17, 30):
        expected = [
            found
            for chunk in tokenize(text, start, len(text))
            for found in fresh.check_chunk(chunk, sentences=True)
        ]
        assert list(checker.check(text, start, len(text))) == expected


def test_accepted_words_do_not_leak_into_the_shared_checker(settings: Settings) -> None:
    checker = build_checker(settings)
    text = "the retreival stage"
    assert [f.word for f in checker.check(text)] == ["retreival"]
    accepting = checker.accepting(["retreival"])
    assert list(accepting.check(text)) == []
    assert [f.word for f in checker.check(text)] == ["retreival"]


def test_a_files_accepted_word_stays_in_that_file(tmp_path: Path) -> None:
    linter = Linter(Settings(root=tmp_path), select=["NL501"])
    body = "# Notes\n\n* Dense Retrieval `ICCV`\n\t> Dual encoders make retreival fast.\n"
    accepting = SourceText.from_bytes(
        ("<!-- notelint-accept retreival -->\n" + body).encode(), "a.md"
    )
    plain = SourceText.from_bytes(body.encode(), "b.md")
    assert linter.lint_source(accepting).findings == []
    (finding,) = linter.lint_source(plain).findings
    assert "retreival" in finding.message
    assert linter.lint_source(accepting).findings == []

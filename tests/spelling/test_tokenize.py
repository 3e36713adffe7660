"""The tokeniser: which words of Markdown research prose are checked, and where they are."""

from __future__ import annotations

import pytest

from notelint.spelling.tokenize import NameShape, TokenKind, mask, tokenize


def words(text: str) -> list[str]:
    return [token.text for chunk in tokenize(text) for token in chunk.tokens]


def prose(text: str) -> list[str]:
    return [
        token.text
        for chunk in tokenize(text)
        for token in chunk.tokens
        if token.kind is TokenKind.WORD
    ]


def test_offsets_map_back_to_the_source() -> None:
    text = "> Going beyond experience-supervsied AI, models’ inputs"
    for chunk in tokenize(text):
        assert text[chunk.start : chunk.end] == chunk.text
        for token in chunk.tokens:
            assert text[token.start : token.end] == token.text


def test_a_range_of_the_source_keeps_absolute_offsets() -> None:
    text = "* Title `Tag`\n\t> The recieve step"
    start = text.index(">")
    tokens = [t for chunk in tokenize(text, start, len(text)) for t in chunk.tokens]
    typo = next(t for t in tokens if t.text == "recieve")
    assert (typo.start, typo.end) == (text.index("recieve"), text.index("recieve") + 7)


def test_code_spans_are_not_prose() -> None:
    assert words("uses `a domain-specific lossz` and ``x `y` z`` here") == ["uses", "and", "here"]


def test_an_unclosed_backtick_only_hides_itself() -> None:
    assert words("a `stray backtick") == ["a", "stray", "backtick"]


@pytest.mark.parametrize(
    "text",
    [
        "see https://github.com/facebookresearch/dinov2/blob/main/README.md now",
        "see www.example.com/some/pathh now",
        "see arxiv.org/abs/2304.07193 now",
        "see <https://example.com/qwerty> now",
        "see <span class='blah'>now</span>",
        "see jane.doe@example.org now",
        "see src/models/vitt.py now",
        "see $\\mathcal{L}_{recon}$ now",
        "see &nbsp; now",
        "see <!-- notelint-accept foo --> now",
    ],
)
def test_markup_urls_addresses_and_math_are_not_prose(text: str) -> None:
    assert words(text) == ["see", "now"]


def test_link_text_is_prose_but_its_target_is_not() -> None:
    assert words("[Segment Anything](https://segment-anything.com)") == ["Segment", "Anything"]


def test_numbers_are_not_words() -> None:
    assert words("ages 22-25 and 44% of 1,204 scans [54]") == ["ages", "and", "of", "scans"]


def test_hyphenated_compounds_keep_their_parts() -> None:
    (chunk,) = tokenize("fine-tung")
    assert chunk.text == "fine-tung"
    assert [(t.text, t.part, t.last) for t in chunk.tokens] == [
        ("fine", 0, False),
        ("tung", 1, True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the model's head", ["the", "model", "head"]),
        ("the authors' code", ["the", "authors", "code"]),
        ("Gemini’s window", ["Gemini", "window"]),
        ("they don't know", ["they", "don't", "know"]),
        ("it’s ‘quoted’", ["it", "quoted"]),
    ],
)
def test_possessives_are_left_out_and_contractions_kept(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_abbreviations_are_skipped() -> None:
    assert words("e.g., i.e. a.k.a the U.S. data") == ["the", "data"]


def test_emphasis_markers_are_not_part_of_words() -> None:
    assert words("_automate_ work and **bold** text") == ["automate", "work", "and", "bold", "text"]


@pytest.mark.parametrize(
    ("token", "shape"),
    [
        ("LLMs", NameShape.ACRONYM),
        ("VAE", NameShape.ACRONYM),
        ("BiomedCLIP", NameShape.CAMEL),
        ("kVp", NameShape.CAMEL),
        ("nanoTabPFN", NameShape.CAMEL),
        ("DINOv3", NameShape.DIGITS),
        ("CLS_Token", NameShape.CODE),
        ("torch.nn", NameShape.CODE),
    ],
)
def test_identifier_like_tokens_are_names(token: str, shape: NameShape) -> None:
    (chunk,) = tokenize(token)
    (only,) = chunk.tokens
    assert only.kind is TokenKind.NAME
    assert only.shape is shape


def test_capitalised_and_lowercase_words_are_words() -> None:
    assert prose("Deepfake Recieve eﬃcient") == ["Deepfake", "Recieve", "eﬃcient"]


def test_sentence_starts_are_marked() -> None:
    chunks = list(tokenize("> Motivation: The Perceiver works. So, fine (1) Imbalance"))
    initial = {chunk.text: chunk.initial for chunk in chunks}
    assert initial["Motivation"] and initial["The"] and initial["So"]
    assert not initial["Perceiver"]
    assert not initial["Imbalance"]


def test_mask_keeps_lengths_and_line_breaks() -> None:
    text = "a `code`\nb <b>x</b>"
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == 1
    assert "code" not in masked

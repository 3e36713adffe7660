"""What the dictionary accepts: layers, letter case, variants and derived words."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from notelint.spelling.dictionary import (
    Lexicon,
    WordCounts,
    WordLayer,
    base_lexicon,
    decode_language,
    dictionary_cache_dir,
    load_language_counts,
    parse_word_list,
    read_word_list,
    vocabulary_words,
)
from notelint.spelling.variants import american_forms


@pytest.fixture(scope="module")
def base() -> Lexicon:
    return base_lexicon(("en",), True)


def test_word_list_format() -> None:
    text = "# a comment\nPyTorch\n\n  tokenizer   # trailing comment\nC#\n"
    assert parse_word_list(text) == ["PyTorch", "tokenizer", "C#"]


def test_missing_word_list_is_empty(tmp_path: Path) -> None:
    assert read_word_list(tmp_path / "words.txt") == []


def test_lowercase_entries_accept_any_case() -> None:
    lexicon = Lexicon([WordLayer.from_words("test", ["tokenizer"])])
    for written in ("tokenizer", "Tokenizer", "TOKENIZER"):
        assert lexicon.accepts(written)


def test_entries_with_capitals_are_case_sensitive() -> None:
    lexicon = Lexicon([WordLayer.from_words("test", ["PyTorch", "iPhone"])])
    assert lexicon.accepts("PyTorch")
    assert lexicon.accepts("PYTORCH")
    assert lexicon.accepts("IPhone")  # capitalised at the start of a sentence
    assert not lexicon.accepts("pytorch")
    assert not lexicon.accepts("Pytorch")


@pytest.mark.parametrize(
    "word",
    ["dataset", "pretrained", "pretraining", "tokenizers", "autoencoders", "ensembling",
     "checkpointing", "finetuning", "fine-tuning", "hyperparameter", "mammography",
     "triaging", "neocortex", "hippocampus", "heteroscedastic", "Wasserstein", "TimeSformer",
     "ImageNet", "workflow", "metadata", "agentic", "interpretability"],
)  # fmt: skip
def test_domain_dictionary(base: Lexicon, word: str) -> None:
    assert base.accepts(word)


@pytest.mark.parametrize(
    ("british", "american"),
    [("colour", "color"), ("normalise", "normalize"), ("tokeniser", "tokenizer"),
     ("regularisation", "regularization"), ("analyse", "analyze"), ("behaviour", "behavior"),
     ("centre", "center"), ("fibre", "fiber"), ("catalogue", "catalog"),
     ("modelling", "modeling"), ("labelled", "labeled"), ("haemorrhage", "hemorrhage"),
     ("oedema", "edema"), ("paediatric", "pediatric"), ("tumours", "tumors"),
     ("grey", "gray"), ("programme", "program"), ("defence", "defense")],
)  # fmt: skip
def test_british_and_american_spellings_both_pass(
    base: Lexicon, british: str, american: str
) -> None:
    assert base.accepts(british)
    assert base.accepts(american)


def test_variant_rules() -> None:
    assert list(american_forms("normalisation")) == ["normalization"]
    assert list(american_forms("analysed")) == ["analyzed"]
    assert "color" in american_forms("colour")
    assert list(american_forms("rise")) == []  # stems shorter than four letters


@pytest.mark.parametrize(
    "word",
    ["underdiagnosis", "overdiagnosis", "micrometastases", "contrastively", "conformalized",
     "intersectional", "severities", "exchangeability", "groundedness", "encodings",
     "Eﬃcient", "naïve", "model's", "Gemini’s", "don't", "we're"],
)  # fmt: skip
def test_derived_and_normalised_forms(base: Lexicon, word: str) -> None:
    assert base.accepts(word)


@pytest.mark.parametrize(
    "typo",
    ["recieve", "untill", "basicly", "multimodals", "brians", "normallization", "fixesize",
     "mulit", "tung", "supervsied"],
)  # fmt: skip
def test_typos_are_not_derived_words(base: Lexicon, typo: str) -> None:
    assert not base.accepts(typo)


def test_layers_add_words(base: Lexicon) -> None:
    assert not base.accepts("Nemenyix")
    extended = base.with_layer(WordLayer.from_words("project", ["Nemenyix"]))
    assert extended.accepts("Nemenyix")
    assert not base.accepts("Nemenyix")


def test_vocabulary_texts_are_split_into_words() -> None:
    words = vocabulary_words(["Breast Cancer Research and Treatment", "UC Berkeley", "CAD-Recode"])
    assert {"Breast", "Treatment", "UC", "Berkeley", "CAD-Recode", "Recode"} <= set(words)


def test_decoded_dictionary_is_cached(tmp_path: Path) -> None:
    decoded = decode_language("en")
    counts = load_language_counts("en", tmp_path)
    (cached,) = tmp_path.glob("en-*.marshal")  # one copy: the counts
    assert cached.name.endswith("-counts.marshal")
    assert dict(counts) == decoded
    assert decoded["receive"] > decoded["relieve"]
    assert counts.get("receive") == decoded["receive"]
    assert counts.get("recieve") is None and "recieve" not in counts
    assert counts.is_common("receive") and not counts.is_common("recieve")
    assert dict(load_language_counts("en", tmp_path)) == decoded  # from the copy
    cached.write_bytes(b"not marshal data")  # a broken copy is decoded anew
    assert dict(load_language_counts("en", tmp_path)) == decoded
    assert WordCounts.from_data(marshal.loads(cached.read_bytes())) is not None  # rewritten
    assert dict(load_language_counts("en", None)) == decoded


def test_word_counts_reject_mismatched_cache_data() -> None:
    assert WordCounts.from_data(("a\nb", b"\x01\x00\x00\x00")) is None
    assert WordCounts.from_data(("a", b"\x01\x00")) is None
    assert WordCounts.from_data(["a", b""]) is None
    loaded = WordCounts.from_data(WordCounts.from_dict({"b": 2, "a": 1}).to_data())
    assert loaded is not None and list(loaded.items()) == [("a", 1), ("b", 2)]


def test_cache_folder_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NOTELINT_DICTIONARY_CACHE", str(tmp_path))
    assert dictionary_cache_dir() == tmp_path
    monkeypatch.setenv("NOTELINT_DICTIONARY_CACHE", "off")
    assert dictionary_cache_dir() is None
    monkeypatch.delenv("NOTELINT_DICTIONARY_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert dictionary_cache_dir() == tmp_path / "notelint" / "data"

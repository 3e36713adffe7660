"""Tokens + dictionary + suggester: the misspellings of a piece of notes text.

:func:`build_checker` assembles the dictionary layers for a run (see
:mod:`notelint.spelling.dictionary`); :meth:`Checker.check` finds the misspellings of a range
of the source text, each with its exact offsets, up to three suggestions and, when the best
suggestion is clearly the one meant, the replacement a fix would write.

A hyphenated compound is accepted whole when the dictionary knows it (``x-ray``,
``fine-tune``); otherwise each part is checked on its own, a leading part may be a prefix
(``re-``, ``pre-``, ``multi-``, ``spatio-``), and two parts that make a known word when joined
(``auto-encoder``) are accepted. Names (acronyms, CamelCase, tokens with digits) are not
checked unless ``check-identifiers`` is set, with one exception: a CamelCase token that is a
known name with one letter left out or two letters swapped (``TimeSfomer`` for
``TimeSformer``) is reported. In running prose (summaries, not Title Case titles), an unknown
capitalised word inside a sentence is taken for a name too (``the Perceiver resampler``,
``Nemenyi's test``) unless it is one typing slip (a missing, doubled or swapped letter) from a
known word (``the Transfomer encoder``); ``capitalized-names = false`` turns this off.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.spelling.dictionary import (
    LIST_FREQUENCY,
    WORDS_FILE,
    Lexicon,
    WordLayer,
    base_lexicon,
    builtin_frequencies,
    language_frequencies,
    normalize,
    read_word_list,
    vocabulary_words,
)
from notelint.spelling.settings import SpellingSettings
from notelint.spelling.suggest import (
    ALPHABET,
    TYPING_SLIPS,
    Suggester,
    Suggestions,
    WordSource,
)
from notelint.spelling.tokenize import (
    Chunk,
    NameShape,
    Token,
    chunk_matches,
    chunk_texts,
    make_chunk,
    mask,
    starts_sentence,
)

if TYPE_CHECKING:
    from notelint.config import Settings
    from notelint.vocabulary import Vocabulary

MAX_SUGGESTIONS = 3
# Leading parts of compounds that are not words on their own ("pre-trained", "non-trivial").
# fmt: off
PREFIXES = frozenset((
    "ante", "anti", "auto", "bi", "bio", "chemo", "co", "contra", "counter", "cross", "de",
    "di", "dis", "eco", "electro", "en", "endo", "epi", "ex", "extra", "geo", "hemi",
    "hetero", "homo", "hyper", "hypo", "il", "im", "in", "infra", "inter", "intra", "iso",
    "macro", "mal", "meso", "meta", "micro", "mid", "mini", "mis", "mono", "multi", "nano",
    "neo", "neuro", "non", "omni", "out", "over", "para", "peri", "photo", "poly", "post",
    "pre", "pro", "proto", "pseudo", "quasi", "re", "retro", "self", "semi", "socio",
    "spatio", "sub", "super", "supra", "sur", "tele", "thermo", "trans", "tri", "ultra", "un",
    "under", "uni", "vice",
))
# fmt: on
# Verdicts on raw chunks a checker keeps (see :meth:`Checker.check`); far more than the
# distinct words of any notes collection, so the bound is only a safety net.
VERDICT_CACHE_SIZE = 200_000
# Names shorter than this are too easily one edit from another name to be called typos.
NEAR_NAME_MIN_LENGTH = 6


# The longest word in the major English dictionaries has 45 letters.
MAX_WORD_LETTERS = 45


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int
    end: int
    word: str  # as written in the source
    suggestions: tuple[str, ...]
    replacement: str | None  # the unambiguous best suggestion (a fix), if any
    near_name: bool = False  # a misspelt name (``TimeSfomer``) rather than a word


# The verdict on a raw chunk of text: where its word ends (-1: it holds no word), its
# misspellings (offsets from its start) and, when they differ, its misspellings where a
# capitalised word may be a name (inside a sentence of running prose). Nothing else about
# where the chunk is changes the verdict.
_Verdict = tuple[int, tuple[Misspelling, ...], tuple[Misspelling, ...] | None]


class Checker:
    """Checks text against one dictionary; cheap to extend per file (accepted words)."""

    def __init__(
        self,
        lexicon: Lexicon,
        settings: SpellingSettings,
        sources: tuple[WordSource, ...],
    ) -> None:
        self.lexicon = lexicon
        self.settings = settings
        self.sources = sources
        self._suggester: Suggester | None = None
        # Raw chunk text → verdict. Per checker: a file's accepted words make another checker,
        # so they never leak into other files' verdicts.
        self._verdicts: dict[str, _Verdict] = {}
        self._clean: set[str] = set()  # the chunks whose verdict is "no misspelling"
        self._clean_words: set[str] = set()  # words between spaces made of such chunks
        self._near_names: dict[str, str | None] = {}

    def accepting(self, words: Iterable[str]) -> Checker:
        """This checker with ``words`` accepted too (``notelint-accept`` of one file)."""
        listed = [word for word in words if word]
        if not listed:
            return self
        layer = WordLayer.from_words("notelint-accept", vocabulary_words(listed))
        return Checker(self.lexicon.with_layer(layer), self.settings, self.sources)

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None:
            self._suggester = Suggester(
                self.sources, self._display, self.lexicon.accepts, prefixes=PREFIXES
            )
        return self._suggester

    def _display(self, lower: str) -> str | None:
        """How a suggested word is written: with its capitals if it is only listed so."""
        if any(lower in layer.folded for layer in self.lexicon.layers):
            return None
        return self.lexicon.name_for(lower)

    # -- checking ---------------------------------------------------------------------------
    def check(
        self, text: str, start: int = 0, end: int | None = None, *, sentences: bool = True
    ) -> Iterator[Misspelling]:
        """Misspellings in ``text[start:end]``, offsets into ``text``. ``sentences`` says the
        range is running prose (a summary), where a capitalised word inside a sentence is a
        name; a title is Title Case, so there it says nothing.

        The same as checking each chunk of :func:`tokenize` with :meth:`check_chunk`, but the
        verdict on a chunk is computed once per raw chunk text and then reused (notes have a
        few thousand distinct words among hundreds of thousands); where the chunk is matters
        only for whether a capitalised word in it may be a name, and the verdict holds both.
        A range whose words (split at spaces) are all known to be right is done at once."""
        masked = mask(text, start, end)
        words = masked.split()
        if self._clean_words.issuperset(words):
            return  # the common case: every word is known to be right wherever it stands
        verdicts = self._verdicts
        if len(verdicts) >= VERDICT_CACHE_SIZE or len(self._clean_words) >= VERDICT_CACHE_SIZE:
            self._forget()
        clean = self._clean
        for raw in chunk_texts(masked):
            if raw not in verdicts:
                verdict = self._verdict(raw)
                verdicts[raw] = verdict
                if not verdict[1] and verdict[2] is None:
                    clean.add(raw)
        # A word between spaces is right wherever it stands if all its chunks are.
        for word in set(words).difference(self._clean_words):
            if clean.issuperset(chunk_texts(word)):
                self._clean_words.add(word)
        by_case = sentences and self.settings.capitalized_names
        previous_end = -1  # end of the previous word, relative to ``start`` (-1: none yet)
        for match in chunk_matches(masked):
            verdict = verdicts[match.group()]
            chunk_end, found, as_names = verdict
            if chunk_end < 0:
                continue  # no word (a number, punctuation, an abbreviation)
            relative = match.start()
            if (
                as_names is not None
                and by_case
                and previous_end >= 0
                and not starts_sentence(masked, previous_end, relative)
            ):
                found = as_names
            previous_end = relative + chunk_end
            if found:
                offset = start + relative
                for item in found:
                    yield Misspelling(
                        item.start + offset,
                        item.end + offset,
                        item.word,
                        item.suggestions,
                        item.replacement,
                        item.near_name,
                    )

    def _forget(self) -> None:
        self._verdicts.clear()
        self._clean.clear()
        self._clean_words.clear()

    def _verdict(self, raw: str) -> _Verdict:
        """The verdict on a raw chunk (offsets from its start): see :data:`_Verdict`."""
        chunk = make_chunk(raw, 0, True)
        if chunk is None:
            return -1, (), None
        found = tuple(self._check_tokens(chunk, names_by_case=False))
        as_names: tuple[Misspelling, ...] | None = None
        if found and self.settings.capitalized_names:  # (names_by_case only drops findings)
            as_names = tuple(self._check_tokens(chunk, names_by_case=True))
            if as_names == found:
                as_names = None
        return chunk.end, found, as_names

    def check_chunk(self, chunk: Chunk, *, sentences: bool = True) -> Iterator[Misspelling]:
        names_by_case = sentences and self.settings.capitalized_names and not chunk.initial
        return self._check_tokens(chunk, names_by_case)

    def _check_tokens(self, chunk: Chunk, names_by_case: bool) -> Iterator[Misspelling]:
        tokens = chunk.tokens
        if len(tokens) > 1 and self.lexicon.accepts(chunk.text):
            return
        for position, token in enumerate(tokens):
            if token.is_name:
                found = self._check_name(token)
                if found is not None:
                    yield found
                continue
            if self.word_ok(token, tokens, position):
                continue
            before = tokens[position - 1].text if position > 0 else ""
            suggestions = self.suggester.suggest(
                normalize(token.text),
                limit=MAX_SUGGESTIONS,
                before=before,
                hyphen_after=not token.last,
            )
            if names_by_case and _capitalized(token.text) and not _typing_slip(suggestions):
                continue  # "the Perceiver resampler": a name, not a typo of "perceived"
            yield self._misspelling(token, suggestions)

    def word_ok(self, token: Token, tokens: tuple[Token, ...], position: int) -> bool:
        text = token.text
        letters = len(text) if text.isalpha() else sum(ch.isalpha() for ch in normalize(text))
        if letters < self.settings.min_word_length:
            return True
        if letters > MAX_WORD_LETTERS:
            # Longer than any dictionary word: a hash, an encoded blob or a run of letters
            # pasted by accident, not a typo; and suggesting for it costs O(length²).
            return True
        if not text.isascii() and not any(ch.isalpha() and ord(ch) < 0x250 for ch in text):
            return True  # Greek, Cyrillic, CJK…: not checked against Latin-script dictionaries
        if self.lexicon.accepts(text):
            return True
        if len(tokens) > 1:
            if not token.last and text.lower() in PREFIXES:
                return True
            # Two parts that make a listed word when joined ("auto-encoder"); plain look-up, as
            # derivation rules on a made-up join would accept too much ("fixe-size").
            if position > 0 and self.lexicon.known(normalize(tokens[position - 1].text + text)):
                return True
            if not token.last and self.lexicon.known(normalize(text + tokens[position + 1].text)):
                return True
        return False

    def _check_name(self, token: Token) -> Misspelling | None:
        if self.settings.check_identifiers and token.shape in (NameShape.ACRONYM, NameShape.CAMEL):
            if self.lexicon.accepts(token.text) or self.lexicon.accepts(token.text.lower()):
                return None
            return self._misspelling(
                token, self.suggester.suggest(normalize(token.text), limit=MAX_SUGGESTIONS)
            )
        if token.shape is not NameShape.CAMEL:
            return None
        name = self.near_name(token.text)
        if name is None:
            return None
        return Misspelling(token.start, token.end, token.text, (name,), name, near_name=True)

    def near_name(self, text: str) -> str | None:
        """The known name ``text`` misspells by one missing letter or two swapped ones."""
        try:
            return self._near_names[text]
        except KeyError:
            pass
        found = self._near_name(text)
        if len(self._near_names) >= VERDICT_CACHE_SIZE:
            self._near_names.clear()
        self._near_names[text] = found
        return found

    def _near_name(self, text: str) -> str | None:
        text = normalize(text)
        if len(text) < NEAR_NAME_MIN_LENGTH or not text.isalpha():
            return None
        lower = text.lower()
        if self.lexicon.known(text) or self.lexicon.known(lower):
            return None  # listed (the word list, notelint-accept), or a listed word
        lookup = self.lexicon.names.get
        if lookup(lower) is not None:
            return None  # a known name in another letter case
        for i in range(len(lower) - 1):
            if lower[i] != lower[i + 1]:
                found = lookup(lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :])
                if found is not None:
                    return found
        # A letter missing inside the name; one missing at its end is more often another
        # name of the family ("SwinUNet" next to "SwinUNETR").
        for i in range(1, len(lower)):
            head, tail = lower[:i], lower[i:]
            for ch in ALPHABET:
                found = lookup(head + ch + tail)
                if found is not None:
                    return found
        return None

    def _misspelling(self, token: Token, suggestions: Suggestions) -> Misspelling:
        return Misspelling(
            token.start,
            token.end,
            token.text,
            suggestions.words,
            suggestions.unambiguous,
        )


def _capitalized(text: str) -> bool:
    return text[:1].isupper() and text[1:] == text[1:].lower()


def _typing_slip(suggestions: Suggestions) -> bool:
    best = suggestions.best
    return best is not None and best.distance == 1 and best.slip in TYPING_SLIPS


# -- assembling the dictionary for a run -----------------------------------------------------


@cache
def _base_sources(languages: tuple[str, ...], domain: bool) -> tuple[WordSource, ...]:
    sources = [WordSource(language_frequencies(code)) for code in languages]
    builtin = builtin_frequencies(domain=domain, english="en" in languages)
    if builtin:
        sources.append(WordSource(builtin))
    return tuple(sources)


def words_path(settings: Settings) -> Path | None:
    """The repository word list: ``words.txt`` in the vocabulary folder."""
    folder = settings.vocabulary_dir()
    return None if folder is None else folder / WORDS_FILE


def build_checker(
    settings: Settings,
    vocabulary: Vocabulary | None = None,
    *,
    extra: Iterable[str] = (),
) -> Checker:
    """The checker for a run: built-in dictionaries, the repository's word list, the
    ``extra-words`` setting and the tag vocabulary."""
    spelling = settings.spelling
    languages = tuple(spelling.languages)
    lexicon = base_lexicon(languages, spelling.domain_dictionary)
    project: list[str] = list(spelling.extra_words)
    path = words_path(settings)
    if path is not None:
        project.extend(read_word_list(path))
    if vocabulary is not None:
        project.extend(vocabulary_words(vocabulary.texts()))
    project.extend(extra)
    sources = list(_base_sources(languages, spelling.domain_dictionary))
    if project:
        layer = WordLayer.from_words("project", project)
        lexicon = lexicon.with_layer(layer)
        sources.append(WordSource(_frequencies(layer)))
    return Checker(lexicon, spelling, tuple(sources))


def _frequencies(layer: WordLayer) -> Mapping[str, int]:
    words = {word: LIST_FREQUENCY for word in layer.folded if word.isalpha()}
    words.update({lower: LIST_FREQUENCY for lower in layer.names if lower.isalpha()})
    return words

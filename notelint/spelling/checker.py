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

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.config.spelling import SpellingSettings
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
from notelint.spelling.evidence import auto_correction, corrections, zipf
from notelint.spelling.suggest import (
    ALPHABET,
    TYPING_SLIPS,
    Slip,
    Suggester,
    Suggestion,
    Suggestions,
    WordSource,
    match_case,
    near_key_slip,
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
    from notelint.config.settings import Settings
    from notelint.vocabulary.tags import Vocabulary

MAX_SUGGESTIONS = 3
# The layer whose words the list of known misspellings overrides (it holds some of them).
ENGLISH_LAYER = "pyspellchecker:en"
# Leading parts of compounds that are not words on their own ("pre-trained", "non-trivial").
# fmt: off
PREFIXES = frozenset((
    "allo", "ante", "anti", "auto", "bi", "bio", "chemo", "co", "contra", "counter", "cross", "de",
    "di", "dis", "eco", "ego", "electro", "en", "endo", "epi", "ex", "extra", "geo", "hemi",
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

# -- the decision on a word no dictionary lists (see :meth:`Checker._confidence`) ---------------
# A word this common in English at large (Zipf value: 2.5 is a word met about three times in a
# billion... times a thousand: ``pixelated``, ``maths``, ``spacetime``) is right.
COMMON_ZIPF = 2.5
# A typo is close to a word at least this common, and this much more common than itself.
CANDIDATE_MIN_ZIPF = 1.5
TWO_EDITS_CANDIDATE_MIN_ZIPF = 2.5
CANDIDATE_MARGIN = 1.5
# How common a word of the built-in or repository lists counts as when wordfreq lacks it.
LISTED_ZIPF = 3.0
# Shorter unknown words are mostly short forms (conv, traj, cls, allo): a typo only when on the
# list of known misspellings (``teh``, ``wih``) or unknown to English at large and one typing
# slip from a common word (``msks``).
TYPO_MIN_LETTERS = 5
SHORT_TYPO_MIN_ZIPF = 3.5
# A Capitalised neighbour this common (``The``, ``In``) is a sentence's first word, not a name.
NAME_NEIGHBOUR_MAX_ZIPF = 4.0
# Below this length only a typing slip (a letter missing, doubled or swapped) makes a typo;
# two edits, a replaced letter or a letter too many make one only in longer words
# (``evlaution``, ``labaled``). Measured on the judged real-world set: replaced or extra
# letters in shorter words were names or short forms four times in five.
SLIP_ONLY_BELOW = 7
SHORT_PLAIN_TYPO_MIN_ZIPF = 4.0
# A correction two slips away is offered only in a word this long, to a word this common.
TWO_SLIPS_FIX_MIN_LETTERS = 9
TWO_SLIPS_FIX_MIN_ZIPF = 3.0


# Function words that people run into the word before (``visionand``, ``committhen``) or
# after (``whynot``, ``thenthe``); "in", "on", "a" are left out: they make real compounds
# (``inplace``, ``addon``, ``aside``).
_JOINED_AFTER = frozenset(
    ("and", "or", "the", "is", "are", "was", "were", "can", "then", "via", "for", "not", "of",
     "with", "from", "than", "that", "this")
)  # fmt: skip
_JOINED_BEFORE = frozenset(
    ("the", "and", "of", "to", "for", "with", "from", "why", "how", "what", "can", "is",
     "not", "into", "then", "that", "this")
)  # fmt: skip
MIN_JOINED_PART = 3


class Confidence(StrEnum):
    """How sure the checker is that a word is misspelt."""

    KNOWN = "known"  # on the list of misspellings people are known to make
    TYPO = "typo"  # unknown everywhere and close to a far more common word
    UNKNOWN = "unknown"  # unknown everywhere, nothing close: most likely a name or a term


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int
    end: int
    word: str  # as written in the source
    suggestions: tuple[str, ...]
    replacement: str | None  # the unambiguous best suggestion (a fix), if any
    near_name: bool = False  # a misspelt name (``TimeSfomer``) rather than a word
    confidence: Confidence = Confidence.TYPO
    typing_slip: bool = False  # one missing, doubled or swapped letter from the suggestion


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
                    where = relative + item.start
                    if (
                        item.confidence is not Confidence.KNOWN or _capitalized(item.word)
                    ) and _named_by_context(
                        masked, where, relative + item.end, item, by_case, self._plain_word
                    ):
                        continue
                    if _names_its_link(text, start + where, start + relative + item.end):
                        continue
                    yield Misspelling(
                        item.start + offset,
                        item.end + offset,
                        item.word,
                        item.suggestions,
                        item.replacement,
                        item.near_name,
                        item.confidence,
                        item.typing_slip,
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
            if not token.last and len(tokens) > 1 and token.text.lower() in PREFIXES:
                continue  # "mis-classification", "allo-centric": a prefix, not a word
            known = self._known_misspelling(token, tokens, position)
            if known is not None:
                yield known
                continue
            if self.word_ok(token, tokens, position):
                continue
            lower = normalize(token.text).lower()
            if zipf(lower) >= COMMON_ZIPF or lower in self.lexicon.names:
                continue  # common in English at large, or a known name in another case
            before = tokens[position - 1].text if position > 0 else ""
            suggestions = self.suggester.suggest(
                normalize(token.text),
                limit=MAX_SUGGESTIONS,
                before=before,
                hyphen_after=not token.last,
            )
            if (
                names_by_case
                and _capitalized(token.text)
                and not _typing_slip(suggestions, token.text)
            ):
                continue  # "the Perceiver resampler": a name, not a typo of "perceived"
            confidence = self._confidence(lower, suggestions, capitalized=not token.text.islower())
            if confidence is Confidence.UNKNOWN and token.text.isalpha():
                spaced = self.missing_space(lower)
                if spaced is not None:
                    written = match_case(token.text, spaced)
                    yield Misspelling(token.start, token.end, token.text, (written,), written)
                    continue
            if confidence is Confidence.UNKNOWN and self.settings.unknown_words == "ignore":
                continue
            yield self._misspelling(token, suggestions, confidence)

    def typo_evidence(self, word: str, *, lowercase: bool = False) -> bool:
        """Whether ``word`` is a misspelling by its shape alone, however often it is written:
        a known misspelling, or one missing, doubled or swapped letter from a known word
        (``signficantly`` four times is still a typo; ``tireline`` four times is a term).
        ``lowercase``: the word is never written with a capital, so one letter too many is a
        slip too (``inferenece``, ``manay``), where a capitalised name is often a word with a
        letter added on purpose (``Tracktor``)."""
        lower = normalize(word).lower()
        if corrections(lower):
            return True
        suggestions = self.suggester.suggest(lower, limit=MAX_SUGGESTIONS)
        best = suggestions.best
        if lowercase and best is not None and best.distance == 1 and best.slip is Slip.EXTRA:
            return True
        return _typing_slip(suggestions, lower)

    def _known_misspelling(
        self, token: Token, tokens: tuple[Token, ...], position: int
    ) -> Misspelling | None:
        """The token is a misspelling people are known to make (``performnace``, ``wit`` for
        *with*), and neither the repository nor the built-in lists say otherwise. In a
        compound, a correction that makes a known compound comes first (``fine-tung`` →
        ``tune``, where the list says ``tongue``)."""
        text = normalize(token.text)
        if len(text) < self.settings.min_word_length or not text.isalpha():
            return None
        lower = text.lower()
        fixes = corrections(lower)
        if not fixes:
            return None
        for layer in self.lexicon.layers:
            if layer.name != ENGLISH_LAYER and (lower in layer.folded or text in layer.exact):
                return None  # listed by notelint, the repository, the file or another language
        written = tuple(match_case(token.text, fix) for fix in fixes[:MAX_SUGGESTIONS])
        automatic = auto_correction(lower)
        replacement = match_case(token.text, automatic) if automatic else None
        if position > 0:
            before = tokens[position - 1].text
            joined = self._compound_correction(before, lower)
            if joined is not None:
                replacement = match_case(token.text, joined)
                written = (replacement, *(w for w in written if w != replacement))
        slip = any(one_edit(lower, fix.lower()) for fix in fixes)
        return Misspelling(
            token.start, token.end, token.text, written, replacement, False, Confidence.KNOWN, slip
        )

    def _compound_correction(self, before: str, lower: str) -> str | None:
        """The one-edit correction of a compound's part that makes a known compound."""
        best = self.suggester.suggest(lower, limit=MAX_SUGGESTIONS, before=before).best
        if best is None or best.distance != 1:
            return None
        head = normalize(before).lower()
        word = best.word.lower()
        if self.lexicon.known(f"{head}-{word}") or self.lexicon.known(head + word):
            return best.word
        return None

    def missing_space(self, lower: str) -> str | None:
        """``visionand`` → ``vision and``: a known word run into a function word, which no
        coined term does (``groundtruth`` and ``waypoints`` join two content words)."""
        if zipf(lower) > 0 or len(lower) > MAX_WORD_LETTERS:
            return None
        for i in range(2, len(lower) - 1):
            left, right = lower[:i], lower[i:]
            if right in _JOINED_AFTER and (left in _JOINED_BEFORE or self._plain_word(left)):
                return f"{left} {right}"
            if left in _JOINED_BEFORE and (right in _JOINED_AFTER or self._plain_word(right)):
                return f"{left} {right}"
        return None

    def _plain_word(self, lower: str) -> bool:
        return len(lower) >= MIN_JOINED_PART and self.lexicon.accepts(lower)

    def _confidence(
        self, lower: str, suggestions: Suggestions, *, capitalized: bool = False
    ) -> Confidence:
        """A word no layer accepts is a typo when it is close to a far more common word;
        with nothing close it is most likely a name or a term the lists do not have."""
        best = suggestions.best
        if best is None or best.slip in (Slip.SPLIT, Slip.CASE):
            # Two words run together are a typo only when the known list says so
            # ("alot"); most such joins in notes are coined terms (groundtruth, waypoints).
            return Confidence.UNKNOWN
        candidate = self._candidate_zipf(best)
        if best.word[1:] != best.word[1:].lower() or (
            best.word[:1].isupper()
            and candidate < CANDIDATE_MIN_ZIPF
            and self.lexicon.name_for(best.word.lower()) is not None
        ):
            # Close only to a name (``Zhihu``/``Zhipu``): one name near another is no typo
            # (CamelCase near misses are the near-name check's, see :meth:`near_name`).
            return Confidence.UNKNOWN
        letters = len(lower)
        own = zipf(lower)
        if letters < TYPO_MIN_LETTERS:
            # Short forms are written on purpose (conv, traj, cls); a short word that English
            # has never seen, one typing slip from a common word, is a slip (msks, lkss).
            slip = best.distance == 1 and (
                best.slip in TYPING_SLIPS or near_key_slip(lower, best.word.lower())
            )
            if slip and own == 0 and candidate >= SHORT_TYPO_MIN_ZIPF:
                return Confidence.TYPO
            return Confidence.UNKNOWN
        if letters < SLIP_ONLY_BELOW and (best.distance > 1 or best.slip not in TYPING_SLIPS):
            # In a word this short, a letter replaced or one too many is as often another
            # name or a short form (``Efros``, ``Hiera``, ``fitnets``) as a typo; a missing,
            # doubled or swapped letter is a typo. A lowercase word English has never seen,
            # one edit from a very common word, is one too (``manay``, ``engire``).
            plain = best.distance == 1 and own == 0 and not capitalized
            if plain and candidate >= SHORT_PLAIN_TYPO_MIN_ZIPF:
                return Confidence.TYPO
            return Confidence.UNKNOWN
        floor = CANDIDATE_MIN_ZIPF if best.distance == 1 else TWO_EDITS_CANDIDATE_MIN_ZIPF
        if candidate >= max(floor, own + CANDIDATE_MARGIN):
            return Confidence.TYPO
        return Confidence.UNKNOWN

    def _candidate_zipf(self, suggestion: Suggestion) -> float:
        word = normalize(suggestion.word).lower()
        found = zipf(word)
        if found < LISTED_ZIPF and any(
            word in layer.folded or word in layer.names
            for layer in self.lexicon.layers
            if not layer.name.startswith("pyspellchecker")
        ):
            return LISTED_ZIPF
        return found

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
            return not self._slip_of_common_word(text)
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

    def _slip_of_common_word(self, text: str) -> bool:
        """Accepted only by derivation (a prefix, a suffix: no list has it and English at large
        has never seen it), yet one slip from a common listed word: ``annotataed`` is not
        *annotat* + *-aed*, ``encodeer`` not *encode* + *-er*."""
        word = normalize(text)
        lower = word.lower()
        if len(lower) < SLIP_ONLY_BELOW or not lower.isalpha():
            return False
        # Listed words first (set look-ups), so that most words never touch the frequencies.
        if self.lexicon.known(word) or self.lexicon.known(lower) or zipf(lower) > 0:
            return False
        best = self.suggester.suggest(lower, limit=MAX_SUGGESTIONS).best
        return (
            best is not None
            and not lower.startswith(best.word.lower())  # "invariances": a suffix, not a slip
            and best.distance == 1
            and best.slip in (*TYPING_SLIPS, Slip.EXTRA)
            and self.lexicon.known(best.word.lower())
            and zipf(best.word.lower()) >= TWO_EDITS_CANDIDATE_MIN_ZIPF
        )

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

    def _misspelling(
        self, token: Token, suggestions: Suggestions, confidence: Confidence = Confidence.TYPO
    ) -> Misspelling:
        # A correction is offered for a typing slip (a letter missing, doubled, swapped or next
        # on the keyboard): the other near misses are right too often (``tireline``,
        # ``playment``) for an edit, even an unsafe one.
        slip = _typing_slip(suggestions, token.text)
        best = suggestions.best
        long_miss = (  # "quantiaitive": two slips in a long word, one common word that close
            best is not None
            and best.distance == 2
            and len(token.text) >= TWO_SLIPS_FIX_MIN_LETTERS
            and zipf(best.word.lower()) >= TWO_SLIPS_FIX_MIN_ZIPF
        )
        fixable = confidence is Confidence.TYPO and (slip or long_miss)
        replacement = suggestions.unambiguous if fixable else None
        if replacement is not None and " " in replacement:
            replacement = None  # never split a word on a guess ("con cat" for concat)
        return Misspelling(
            token.start,
            token.end,
            token.text,
            suggestions.words,
            replacement,
            confidence=confidence,
            typing_slip=slip,
        )


def one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns ``a`` into ``b``."""
    from rapidfuzz.distance import OSA

    return a != b and OSA.distance(a, b, score_cutoff=1) == 1


def _capitalized(text: str) -> bool:
    return text[:1].isupper() and text[1:] == text[1:].lower()


_NEXT_CAPITALIZED_RE = re.compile(r",?[ \t]+[^\W\d_][^\W\d_]*")
_PREVIOUS_CAPITALIZED_RE = re.compile(r"(?:^|[\s(\[])([^\W\d_][\w'’-]*),?[ \t]+$")


def _in_capitalized_run(
    masked: str,
    start: int,
    end: int,
    *,
    any_after: bool = True,
    is_word: Callable[[str], bool] = lambda _word: False,
) -> bool:
    """The word has a Capitalised neighbour on its line: a run of names (``Sanja Fidler``,
    ``Kaiming He``), where a near miss of a dictionary word is still a name. A word before it
    may be a sentence's first (``The Transfomer``), so it counts only if it is not common; in
    a Title Case title (``any_after`` false) every word is capitalised, so the word after
    counts only if it is not common either (``Samuele Tosatto`` but not ``Trasformer
    Networks``)."""
    after = _NEXT_CAPITALIZED_RE.match(masked, end)
    if after is not None:
        following = after.group().strip()
        if _name_like(following) if not any_after else _capitalized(following):
            return True
    before = _PREVIOUS_CAPITALIZED_RE.search(masked, max(0, start - 40), start)
    if before is None:
        return False
    previous = before.group(1)
    # "Dilated Convoltuions": a capitalised dictionary word before it is a heading's or a
    # phrase's capital, not a first name.
    return _name_like(previous) and not is_word(previous.lower())


def _name_like(word: str) -> bool:
    """Capitalised and not a common word that starts a sentence (``The``, ``We``)."""
    return _capitalized(word) and zipf(normalize(word).lower()) < NAME_NEIGHBOUR_MAX_ZIPF


def _named_by_context(
    masked: str,
    start: int,
    end: int,
    item: Misspelling,
    sentences: bool,
    is_word: Callable[[str], bool],
) -> bool:
    """What is around a word says it is a name or a label, not a typo of the word it is
    near: a run of capitalised names (``Stefano Ermon``, ``Samuele Tosatto``), a possessive
    (``Colah's``), a paper's own name before the colon of its title (``Hiera: A ...``), or a
    bracketed label after a link (``[Waymo, surfel]``), where only a typing slip counts."""
    word = item.word
    capitalized = _capitalized(word)
    if capitalized:
        if masked.startswith(("'s", "’s"), end):
            return True
        if _BY_NAME_RE.search(masked, max(0, start - 8), start) and _NEXT_CAPITALIZED_RE.match(
            masked, end
        ):
            return True  # "a lecture by Cyrill Stachniss"
        if not sentences and _bracketed(masked, start):
            sentences = True  # "(Daliang Li's idea)": between brackets, read as prose
        # In a Title Case title, a typing slip stands out even among names ("Fondation
        # Mdels"); in prose, a capitalised word next to names is one ("Stefano Ermon").
        title_slip = not sentences and item.typing_slip
        if (
            not sentences
            and not item.typing_slip
            and masked.startswith(":", end)
            and not masked[:start].strip(" \t*_[>#-")
        ):
            return True  # "Hiera: A Hierarchical Vision Transformer"
        if not title_slip and _in_capitalized_run(
            masked, start, end, any_after=sentences, is_word=is_word
        ):
            return True
    label = _bracket_label(masked, start, end)
    return label and (capitalized or not item.typing_slip)


_BY_NAME_RE = re.compile(r"\b[Bb]y[ \t]+$")
_LINK_TARGET_RE = re.compile(r"[^\]\n]*\]\(([^)\s]*)")


def _names_its_link(text: str, start: int, end: int) -> bool:
    """The word is (part of) a link's text and its target names it too: ``[packnet](packnet.md)``,
    ``[Blensor](https://www.blensor.org/)``: the name of the thing linked."""
    match = _LINK_TARGET_RE.match(text, end)
    if match is None or text.rfind("[", 0, start) < text.rfind("]", 0, start):
        return False
    return text[start:end].lower() in match.group(1).lower()


def _bracket_label(masked: str, start: int, end: int) -> bool:
    """Inside ``[...]`` that is not a link's text (no ``(`` or ``[`` right after it)."""
    if not _bracketed(masked, start):
        return False
    closing = masked.find("]", end)
    newline = masked.find("\n", end)
    if closing < 0 or (0 <= newline < closing):
        return False
    return not masked.startswith(("(", "["), closing + 1)


def _bracketed(masked: str, start: int) -> bool:
    """``start`` is inside brackets or parentheses opened on its line."""
    line_start = masked.rfind("\n", 0, start) + 1
    opened = max(masked.rfind("[", line_start, start), masked.rfind("(", line_start, start))
    if opened < 0:
        return False
    closed = max(masked.rfind("]", opened, start), masked.rfind(")", opened, start))
    return closed < 0


def _typing_slip(suggestions: Suggestions, typed: str) -> bool:
    """The best suggestion is one typing slip away: a letter missing, doubled or swapped with
    its neighbour, or a neighbouring key hit instead (``Maxppol``)."""
    best = suggestions.best
    if best is None or best.distance != 1:
        return False
    if best.slip in TYPING_SLIPS:
        return True
    return best.slip is Slip.SUBSTITUTION and near_key_slip(typed.lower(), best.word.lower())


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

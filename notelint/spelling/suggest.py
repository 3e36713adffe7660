"""Fast spelling suggestions.

pyspellchecker's ``candidates()`` enumerates every string two edits away (hundreds of thousands
for a long word) and takes up to a second per word with nothing one edit away. Here:

* one edit away (insertion, deletion, substitution, transposition of neighbours): the edits of
  the typed word are generated and looked up (a few hundred set look-ups), and each candidate
  is scored by how people mistype (a missing or doubled letter or swapped neighbours are
  likelier than a substituted letter; a substituted neighbour key likelier than a far one; the
  first letter is rarely wrong) plus the log of its frequency;
* two edits away, only when fewer than ``limit`` candidates are one edit away: rapidfuzz's
  optimal-string-alignment distance (with a cut-off of 2, so words of another length are
  rejected at once) against the dictionary words that share the first letter, a slice of the
  sorted word list (about 1 ms for the largest letter);
* a word run together (``alot`` → ``a lot``) is split into two known words.

Suggestions are returned in the letter case of the typed word (``Recieve`` → ``Receive``), and
words listed only with capitals keep theirs (``nemenyi`` → ``Nemenyi``).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# A fix is offered only when the best suggestion beats the runner-up by this score margin
# (log10 units: ten times likelier) or is the only one at its distance.
UNAMBIGUOUS_MARGIN = 1.0

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")
# fmt: off
_SHORT_WORDS = frozenset((
    "a", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my",
    "no", "of", "on", "or", "so", "to", "up", "us", "we",
))
# fmt: on


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """Keys next to each other on a QWERTY keyboard (rows staggered by half a key)."""
    where = {ch: (r, c + 0.5 * r) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
    return {
        ch: frozenset(
            other
            for other, (r2, x2) in where.items()
            if other != ch and abs(r - r2) <= 1 and abs(x - x2) <= 1.0
        )
        for ch, (r, x) in where.items()
    }


_NEAR = _keyboard_neighbours()


def near_key_slip(typed: str, suggestion: str) -> bool:
    """``typed`` is ``suggestion`` with one letter replaced by a neighbouring key
    (``lkss`` for *loss*)."""
    if len(typed) != len(suggestion):
        return False
    differences = [(a, b) for a, b in zip(typed, suggestion, strict=True) if a != b]
    return len(differences) == 1 and differences[0][0] in _NEAR.get(differences[0][1], ())


# Score bonuses (log10 units) by the kind of slip that turns the candidate into the typed word.
_OMISSION = 1.5  # a letter left out: "achoring" for anchoring
_DOUBLE = 1.5  # a doubled letter added or dropped: "comittee", "comitttee"
_TRANSPOSITION = 1.5  # neighbours swapped: "recieve"
_NEAR_KEY = 1.0  # a neighbouring key: "accordinglu" for accordingly
_VOWEL = 0.8  # one vowel for another: "seperate"
_EXTRA = 0.5  # a letter too many
_FIRST_LETTER = -1.0  # the first letter is rarely the one that is wrong
_SPLIT = -1.5
_SPLIT_MIN_COUNT = 1000  # both parts of a split must be common words
_CONTEXT = 2.0  # the compound with the candidate is a known word ("fine-tune")
_DISTANCE_TWO = -1.0
_PREFIX_SCORE = 5.0  # a prefix in front of a hyphen ("multi-") ranks like a common word
# Two edits that only drop, add or swap letters ("evlaution" → evaluation) beat two that
# replace letters ("evlaution" → evolution).
_SAME_LETTERS = 1.0


class Slip(StrEnum):
    """The kind of slip that turns a suggestion into the typed word."""

    OMISSION = "omission"  # a letter left out
    DOUBLE = "double"  # a doubled letter added or dropped
    TRANSPOSITION = "transposition"  # neighbours swapped
    EXTRA = "extra"  # a letter too many
    SUBSTITUTION = "substitution"  # a letter replaced
    SPLIT = "split"  # two words run together
    CASE = "case"  # only the letter case differs (``pytorch`` for ``PyTorch``)
    TWO = "two"  # two slips


# Slips so typical of typing that a capitalised word with one is taken for a typo, not a name.
TYPING_SLIPS = frozenset({Slip.OMISSION, Slip.DOUBLE, Slip.TRANSPOSITION})


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str  # as it should be written (letter case applied)
    distance: int
    score: float
    slip: Slip


@dataclass(frozen=True, slots=True)
class Suggestions:
    items: tuple[Suggestion, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(item.word for item in self.items)

    @property
    def best(self) -> Suggestion | None:
        return self.items[0] if self.items else None

    @property
    def unambiguous(self) -> str | None:
        """The best suggestion, if it is clearly the one meant (then a fix is offered)."""
        if not self.items:
            return None
        best = self.items[0]
        if len(self.items) == 1:
            return best.word
        second = self.items[1]
        if second.distance > best.distance or best.score - second.score >= UNAMBIGUOUS_MARGIN:
            return best.word
        return None


def match_case(typed: str, suggestion: str) -> str:
    """``suggestion`` in the letter case of ``typed`` (entries with capitals keep theirs)."""
    if suggestion != suggestion.lower():
        return suggestion
    if typed.isupper() and len(typed) > 1:
        return suggestion.upper()
    if typed[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


class WordSource:
    """Lowercase words with frequencies, and the index for distance-two search (built on
    first use): the words sorted, so that those sharing a first letter are one slice."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self.frequencies = frequencies
        self._by_first: dict[str, list[str]] = {}

    @cached_property
    def _sorted(self) -> list[str]:
        words = getattr(self.frequencies, "sorted_words", None)  # (a WordCounts)
        return words if words is not None else sorted(self.frequencies)  # (only sliced)

    def starting_with(self, letter: str) -> list[str]:
        pool = self._by_first.get(letter)
        if pool is None:
            words = self._sorted
            lo = bisect_left(words, letter)
            hi = bisect_left(words, letter + "\U0010ffff", lo)
            pool = words[lo:hi]
            self._by_first[letter] = pool
        return pool


class Suggester:
    """Ranks dictionary words near a misspelling.

    ``sources`` hold lowercase words with counts (pyspellchecker's and the built-in lists',
    then the project's); ``display`` gives how a lowercase word is written when it has capitals
    (``pytorch`` → ``PyTorch``); ``is_known`` decides whether a compound made with a candidate
    is a word (the ``fine-tung`` → ``fine-tune`` bonus).
    """

    def __init__(
        self,
        sources: Sequence[WordSource],
        display: Callable[[str], str | None] | None = None,
        is_known: Callable[[str], bool] | None = None,
        prefixes: Collection[str] = (),
    ) -> None:
        self.sources = tuple(sources)
        self._maps = tuple(source.frequencies for source in self.sources)
        self.display = display
        self.is_known = is_known
        self.prefixes = tuple(prefixes)
        self._cache: dict[tuple[str, str, int, bool], Suggestions] = {}

    def warm(self) -> None:
        """Build the distance-two index now (for benchmarks and long-running processes)."""
        for source in self.sources:
            for letter in ALPHABET:
                source.starting_with(letter)

    # -- suggestions ------------------------------------------------------------------------
    def suggest(
        self, typed: str, *, limit: int = 3, before: str = "", hyphen_after: bool = False
    ) -> Suggestions:
        """Up to ``limit`` suggestions for ``typed``; ``before`` is the part of a hyphenated
        compound in front of it (``fine`` for ``fine-tung``), and ``hyphen_after`` says a
        hyphen follows, where a prefix may be meant (``mulit-modal`` → ``multi``)."""
        key = (typed, before, limit, hyphen_after)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._suggest(typed, limit, before, hyphen_after)
            self._cache[key] = cached
        return cached

    def _suggest(self, typed: str, limit: int, before: str, hyphen_after: bool) -> Suggestions:
        word = typed.lower()
        scored: dict[str, tuple[int, float, Slip]] = {}
        if self._known(word) and self._written(word) != typed:
            scored[word] = (0, self._log(word), Slip.CASE)
        if hyphen_after and self.prefixes:
            from rapidfuzz.distance import OSA

            for prefix in self.prefixes:
                distance = OSA.distance(word, prefix, score_cutoff=2)
                if 0 < distance <= 2:
                    slip = Slip.TWO if distance == 2 else Slip.SUBSTITUTION
                    scored[prefix] = (distance, _PREFIX_SCORE, slip)
        for candidate, bonus, slip in self._one_edit(word):
            self._offer(scored, candidate, 1, bonus, slip, before)
        for left, right in self._splits(word):
            spaced = f"{left} {right}"
            score = min(self._log(left), self._log(right)) + _SPLIT
            previous = scored.get(spaced)
            if previous is None or previous[1] < score:
                scored[spaced] = (1, score, Slip.SPLIT)
        if len(scored) < limit and len(word) >= 4:
            typed_letters = Counter(word)
            for candidate in self._two_edits(word):
                if candidate not in scored and candidate != word:
                    bonus = _DISTANCE_TWO
                    letters = Counter(candidate)
                    if letters >= typed_letters or typed_letters >= letters:
                        bonus += _SAME_LETTERS
                    self._offer(scored, candidate, 2, bonus, Slip.TWO, before)
        ranked = sorted(scored.items(), key=lambda item: (item[1][0], -item[1][1], item[0]))
        items = tuple(
            Suggestion(match_case(typed, self._written(c)), distance, score, slip)
            for c, (distance, score, slip) in ranked[:limit]
        )
        return Suggestions(items)

    def _written(self, word: str) -> str:
        if self.display is None:
            return word
        return self.display(word) or word

    def _known(self, word: str) -> bool:
        for frequencies in self._maps:  # noqa: SIM110 - a loop is faster than any() here
            if word in frequencies:
                return True
        return False

    def _count(self, word: str) -> int:
        return max((frequencies.get(word, 0) for frequencies in self._maps), default=0)

    def _log(self, word: str) -> float:
        return math.log10(max(self._count(word), 1))

    def _offer(
        self,
        scored: dict[str, tuple[int, float, Slip]],
        candidate: str,
        distance: int,
        bonus: float,
        slip: Slip,
        before: str,
    ) -> None:
        score = self._log(candidate) + bonus
        if before and self.is_known is not None:
            prefix = before.lower()
            if self.is_known(f"{prefix}-{candidate}") or self.is_known(prefix + candidate):
                score += _CONTEXT
        previous = scored.get(candidate)
        if previous is None or (distance, -score) < (previous[0], -previous[1]):
            scored[candidate] = (distance, score, slip)

    def _one_edit(self, word: str) -> list[tuple[str, float, Slip]]:
        """Known words one edit from ``word``, each with the bonus of the slip that explains it."""
        known = self._known
        found: list[tuple[str, float, Slip]] = []
        size = len(word)
        # The typist added a letter: the candidate lacks it.
        for i in range(size):
            candidate = word[:i] + word[i + 1 :]
            if candidate and known(candidate):
                doubled = (i > 0 and word[i - 1] == word[i]) or (
                    i + 1 < size and word[i + 1] == word[i]
                )
                bonus, slip = (_DOUBLE, Slip.DOUBLE) if doubled else (_EXTRA, Slip.EXTRA)
                found.append((candidate, bonus + (_FIRST_LETTER if i == 0 else 0.0), slip))
        # Neighbours swapped.
        for i in range(size - 1):
            if word[i] != word[i + 1]:
                candidate = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                if known(candidate):
                    found.append((candidate, _TRANSPOSITION, Slip.TRANSPOSITION))
        # A letter left out, or a letter replaced.
        for i in range(size + 1):
            head, tail = word[:i], word[i:]
            rest = word[i + 1 :]
            for ch in ALPHABET:
                inserted = head + ch + tail
                if known(inserted):
                    doubled = (i > 0 and word[i - 1] == ch) or (i < size and word[i] == ch)
                    bonus, slip = (_DOUBLE, Slip.DOUBLE) if doubled else (_OMISSION, Slip.OMISSION)
                    found.append((inserted, bonus + (_FIRST_LETTER if i == 0 else 0.0), slip))
                if i < size and ch != word[i]:
                    replaced = head + ch + rest
                    if known(replaced):
                        typed_ch = word[i]
                        if ch in _NEAR.get(typed_ch, ()):
                            bonus = _NEAR_KEY
                        elif ch in _VOWELS and typed_ch in _VOWELS:
                            bonus = _VOWEL
                        else:
                            bonus = 0.0
                        found.append(
                            (
                                replaced,
                                bonus + (_FIRST_LETTER if i == 0 else 0.0),
                                Slip.SUBSTITUTION,
                            )
                        )
        return found

    def _splits(self, word: str) -> list[tuple[str, str]]:
        """Two known words run together (``alot``, ``inthe``): parts of three letters or more,
        or short function words."""
        pairs: list[tuple[str, str]] = []
        for i in range(1, len(word)):
            left, right = word[:i], word[i:]
            if not (len(left) >= 3 or left in _SHORT_WORDS):
                continue
            if not (len(right) >= 3 or right in _SHORT_WORDS):
                continue
            if self._count(left) >= _SPLIT_MIN_COUNT and self._count(right) >= _SPLIT_MIN_COUNT:
                pairs.append((left, right))
        return pairs

    def _two_edits(self, word: str) -> list[str]:
        """Known words two edits from ``word`` that start with the same letter (a first
        letter that is wrong is caught one edit away, and rarely comes with a second slip)."""
        from rapidfuzz import process  # imported on first use: importing the rule stays cheap
        from rapidfuzz.distance import OSA

        found: dict[str, None] = {}
        for source in self.sources:
            pool = source.starting_with(word[0])
            if not pool:
                continue
            for candidate, _distance, _index in process.extract(
                word, pool, scorer=OSA.distance, score_cutoff=2, limit=None
            ):
                if candidate.isalpha():
                    found[candidate] = None
        return list(found)

"""Near misses of vocabulary tags: which known tag an unknown tag text was probably meant to be.

Shared by the unknown-tag rule (NL301), the unknown-venue rule (NL403) and the venue-heading
rule (NL404), so that they agree on what counts as "close", and so that a tag is reported by
exactly one of them: when every suggestion is a venue, the venue rule reports it.

Two kinds of near miss:

* **spelling**: the text differs from a known spelling only in letter case or punctuation
  (``S.N.T`` for ``SnT``), via :meth:`Vocabulary.same_folded`. Any length.
* **typo**: a small edit distance (optimal string alignment: insertions, deletions,
  substitutions and adjacent transpositions) between the folded texts, with a threshold that
  grows with the length of the text:

  ====================  ===========================================================
  folded length         what counts as a typo
  ====================  ===========================================================
  ≤ 3                   nothing (``NUS`` is not ``NYU``)
  4                     a swap of two adjacent characters only (``CVRP`` → ``CVPR``;
                        ``Meta`` is not ``Beta``, ``FAIR`` is not ``AIR``)
  5 – 8                 distance 1 (``Turning`` → ``Turing``, ``ICCLR`` → ``ICLR``)
  ≥ 9                   distance 2
  ====================  ===========================================================

  Guards against crying wolf: the known spelling must be at least 4 characters long, the
  first character must agree (or be swapped with the second), digits must be the same
  (``GPT4`` is not ``GPT3``), a name does not take a plural (``Cells`` is not the journal
  ``Cell``), another last letter makes another word (``Robotics`` is not ``Robotica``), and
  between two all-capitals acronyms only a swapped or doubled letter is a typo (``ICCLR`` →
  ``ICLR``): another letter, or one more or fewer, spells another acronym (``IJCAR`` is not
  ``IJCAI``, nor ``IJCARS``).

The index is built once per vocabulary (about a thousand entries) and remembers its answers,
so a tag text that appears in many entries is looked up once.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from enum import StrEnum

from notelint.vocabulary.tags import VocabEntry, Vocabulary, fold

MIN_TYPO_LENGTH = 4  # neither the text nor the known spelling may be shorter than this


class NearMiss(StrEnum):
    SPELLING = "spelling"  # case or punctuation only
    TYPO = "typo"  # small edit distance


@dataclass(frozen=True)
class Suggestion:
    """Known entries an unknown text is close to (distinct canonicals, in name order)."""

    kind: NearMiss
    candidates: tuple[VocabEntry, ...]
    # The spelling each candidate was matched by, where it is a former name (`Facebook` for
    # `Meta`): a typo of a former name is corrected to that name, never to the new one.
    formers: tuple[str | None, ...] = ()

    def spelling(self, index: int) -> str:
        """What to offer for candidate ``index``: its former name when that was matched."""
        former = self.formers[index] if index < len(self.formers) else None
        return former or self.candidates[index].canonical

    @property
    def unique(self) -> VocabEntry | None:
        """The one candidate, when there is exactly one."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def is_venue(self) -> bool:
        """Every candidate is a venue: the venue rules report this text, not NL301."""
        return all(c.category == "venue" for c in self.candidates)

    def names(self) -> str:
        """```A``` / ```A`` or ``B``` / ```A``, ``B`` or ``C``` for messages."""
        quoted = [f"`{self.spelling(i)}`" for i in range(len(self.candidates))]
        if len(quoted) == 1:
            return quoted[0]
        return f"{', '.join(quoted[:-1])} or {quoted[-1]}"


@dataclass(frozen=True)
class _Known:
    folded: str
    text: str
    entry: VocabEntry


@dataclass
class FuzzyIndex:
    """Known spellings bucketed by their first folded character."""

    # No reference to the vocabulary itself: the module-level cache must not keep it alive.
    by_fold: dict[str, list[VocabEntry]] = field(default_factory=dict)
    by_first: dict[str, list[_Known]] = field(default_factory=dict)
    signature: int = 0
    _memo: dict[tuple[str, str | None], Suggestion | None] = field(default_factory=dict)

    @classmethod
    def build(cls, vocabulary: Vocabulary) -> FuzzyIndex:
        index = cls(signature=_signature(vocabulary))
        for text in vocabulary.texts():
            entry = vocabulary.lookup(text)
            if entry is None:
                continue
            folded = fold(text)
            same = index.by_fold.setdefault(folded, [])
            if all(e.canonical != entry.canonical for e in same):
                same.append(entry)
            if len(folded) >= MIN_TYPO_LENGTH:
                index.by_first.setdefault(folded[0], []).append(_Known(folded, text, entry))
        return index

    def suggest(self, text: str, category: str | None = None) -> Suggestion | None:
        """What an unknown ``text`` was probably meant to be (``None``: nothing close).

        ``category`` restricts the candidates (the heading rule only looks for venues).
        """
        key = (text, category)
        if key in self._memo:
            return self._memo[key]
        found = self._suggest(text, category)
        self._memo[key] = found
        return found

    def _suggest(self, text: str, category: str | None) -> Suggestion | None:
        folded = fold(text)
        if not folded:
            return None
        same = [
            e for e in self.by_fold.get(folded, ()) if category is None or e.category == category
        ]
        if same:
            return Suggestion(NearMiss.SPELLING, tuple(same))
        length = len(folded)
        if length < MIN_TYPO_LENGTH:
            return None
        limit = 1 if length < 9 else 2
        pool = list(self.by_first.get(folded[0], ()))
        if length > 1 and folded[1] != folded[0]:
            # A swap of the first two characters starts with the second one.
            pool.extend(
                k
                for k in self.by_first.get(folded[1], ())
                if len(k.folded) > 1 and k.folded[1] == folded[0]
            )
        from rapidfuzz.distance import OSA  # (on first use: not at start-up)

        best = limit + 1
        chosen: dict[str, VocabEntry] = {}
        formers: dict[str, str | None] = {}
        digits = _digits(folded)
        for known in pool:
            if category is not None and known.entry.category != category:
                continue
            other = known.folded
            if abs(len(other) - length) > limit:
                continue
            distance = OSA.distance(folded, other, score_cutoff=limit)
            if distance > best or distance == 0 or distance > limit:
                continue
            if _digits(other) != digits:
                continue
            if not _plausible_typo(text, folded, known):
                continue
            if distance < best:
                best, chosen, formers = distance, {}, {}
            chosen.setdefault(known.entry.canonical, known.entry)
            if known.text in known.entry.former_names:
                formers.setdefault(known.entry.canonical, known.text)
            else:
                formers[known.entry.canonical] = None  # the entry's own spelling is as close
        if not chosen:
            return None
        ordered = tuple(sorted(chosen.values(), key=lambda e: e.canonical))
        return Suggestion(NearMiss.TYPO, ordered, tuple(formers.get(e.canonical) for e in ordered))


def _signature(vocabulary: Vocabulary) -> int:
    return len(vocabulary)


def _digits(folded: str) -> str:
    return "".join(ch for ch in folded if ch.isdigit())


def _swapped(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one swap of two adjacent characters."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _doubling(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one doubled letter (``ICCLR`` / ``ICLR``)."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) != len(shorter) + 1:
        return False
    i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
    if longer[:i] + longer[i + 1 :] != shorter:
        return False
    extra = longer[i]
    return (i > 0 and longer[i - 1] == extra) or (i + 1 < len(longer) and longer[i + 1] == extra)


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


# Names of things do not take a plural: `Cells` is not a misspelt `Cell`, `Lancets` not `Lancet`.
_PROPER_NAME_CATEGORIES = frozenset({"venue", "organisation", "country", "person"})


def _plural(a: str, b: str) -> bool:
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer in (shorter + "s", shorter + "es")


def _plausible_typo(text: str, folded: str, known: _Known) -> bool:
    other = known.folded
    swapped = _swapped(folded, other)
    if folded[0] != other[0] and not swapped:
        return False
    if len(folded) == MIN_TYPO_LENGTH and not swapped:
        return False
    if known.entry.category in _PROPER_NAME_CATEGORIES and _plural(folded, other):
        return False
    if len(folded) == len(other) and folded[:-1] == other[:-1]:
        return False  # another ending is another word (`Robotics` is not the journal `Robotica`)
    # Acronyms are typed letter by letter: a swapped or doubled letter is a slip, but another
    # letter, or one more or fewer, spells another acronym (`IJCAR` is not `IJCARS`).
    if _is_acronym(text) and _is_acronym(known.text):
        return swapped or _doubling(folded, other)
    return True


# One index per live vocabulary object (a run loads its vocabulary once).
_INDEXES: dict[int, tuple[weakref.ref[Vocabulary], FuzzyIndex]] = {}


def fuzzy_index(vocabulary: Vocabulary) -> FuzzyIndex:
    key = id(vocabulary)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0]() is vocabulary and hit[1].signature == _signature(vocabulary):
        return hit[1]
    index = FuzzyIndex.build(vocabulary)

    def forget(
        ref: weakref.ref[Vocabulary],
        key: int = key,
        indexes: dict[int, tuple[weakref.ref[Vocabulary], FuzzyIndex]] = _INDEXES,
    ) -> None:
        # Also called during interpreter teardown, when module state may already be gone:
        # nothing here may raise (it would print "Exception ignored in ...").
        try:
            current = indexes.get(key)
            if current is not None and current[0] is ref:
                del indexes[key]
        except Exception:
            pass

    _INDEXES[key] = (weakref.ref(vocabulary, forget), index)
    return index


def suggest(vocabulary: Vocabulary, text: str, category: str | None = None) -> Suggestion | None:
    """Shortcut for ``fuzzy_index(vocabulary).suggest(text, category)``."""
    return fuzzy_index(vocabulary).suggest(text, category)


__all__ = ["FuzzyIndex", "NearMiss", "Suggestion", "fuzzy_index", "suggest"]

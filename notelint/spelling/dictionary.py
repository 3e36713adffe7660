"""Word lists and the layered dictionary that decides whether a word is spelled right.

Layers, merged in this order (a word known to any layer is accepted):

1. pyspellchecker's dictionary for each configured language (``en`` by default), with its word
   frequencies, which rank suggestions;
2. the English supplements shipped in ``notelint/data/words/en-*.txt`` (British/American
   variants that no rule derives) and the built-in domain dictionary
   ``notelint/data/words/domain-*.txt`` (ML, computer vision, NLP, medical imaging,
   statistics; model, dataset, lab and company names);
3. the repository's word list, ``<vocabulary folder>/words.txt``, and the ``extra-words``
   setting;
4. every tag and venue of the tag vocabulary, split into words;
5. the words a file accepts with ``<!-- notelint-accept word … -->``.

Letter case: an entry written in lowercase accepts the word in any case (``tokenizer`` accepts
``Tokenizer`` and ``TOKENIZER``). An entry with capitals is case-sensitive: it accepts the word
as written, with its first letter capitalised (sentence start: ``IPhone`` for ``iPhone``) and in
all capitals (``PYTORCH``), but not in lowercase or another mix (``Pytorch``, ``pytorch`` are
reported if only ``PyTorch`` is listed).

Beyond exact entries a word is accepted when, after normalisation (ligatures such as ``ﬃ``
unfolded, typographic apostrophes straightened, soft hyphens dropped), it is a known word
with a possessive (``model's``) or a contraction ending (``'ll``, ``'re``, ``'ve``, ``'d``,
``'m``), a known word with its accents removed (``naïve``), the British form of a known
American spelling (:mod:`notelint.spelling.variants`), or a known word with a productive prefix
or a regular suffix (:mod:`notelint.spelling.morphology`: ``underdiagnosis``,
``contrastively``).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from notelint.spelling.morphology import base_forms
from notelint.spelling.variants import american_forms
from notelint.store import datacache

# Frequency given to words of the built-in and project lists when suggestions are ranked (a
# common word in pyspellchecker's counts; notes are full of these terms).
LIST_FREQUENCY = 10_000
WORDS_FILE = "words.txt"
# pyspellchecker's lowest count: about 100,000 of its English words have it.
RARE_COUNT = 50
# Endings of nouns whose plural is regular (``encoding`` → ``encodings``).
NOUN_ENDINGS = (
    "ing", "tion", "sion", "ment", "ness", "er", "or", "ist", "ism", "ance", "ence", "ure",
    "age", "ship", "hood", "map", "set", "model", "net", "former", "layer", "point",
)  # fmt: skip
_SIBILANTS = ("x", "s", "sh", "ch", "z")
_VERB_ENDINGS = ("ate", "ize", "ise", "ify")
# A listed word with one of these endings is most likely an adjective: no plural is derived.
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ant", "ent",
                      "ary", "ory", "ed", "ing", "ar")  # fmt: skip
_CONTRACTIONS = ("'ll", "'re", "'ve", "'ed", "'ing", "'d", "'m", "n't")  # "demo'ed" too
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00ad": None, "\u200b": None})


def normalize(word: str) -> str:
    """The form looked up: ligatures unfolded (NFKC), typographic apostrophes straightened."""
    if word.isascii():
        return word
    return unicodedata.normalize("NFKC", word).translate(_TRANSLATE)


def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_word_list(text: str) -> list[str]:
    """Words of a word list: one per line; ``#`` starts a comment (at a line's start or after
    a space, so ``C#`` is a word); blank lines are ignored."""
    words: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cut = stripped.find(" #")
        if cut >= 0:
            stripped = stripped[:cut]
        words.extend(stripped.split())
    return words


def read_word_list(path: Path) -> list[str]:
    """A word list from disk; a missing file is an empty list."""
    try:
        return parse_word_list(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []


class WordCounts(Mapping[str, int]):
    """A large read-only word → count mapping kept as one sorted list and an array of counts.

    pyspellchecker's English list has 160,000 words. As a ``dict`` every one of them is
    created and hashed when the list loads, about 35 ms of every run; kept sorted, the list
    loads in a third of that (one string, split; the counts are one array), and a run looks up
    only some thousands of words (verdicts and suggestions are cached), each with a bisection.
    """

    __slots__ = ("_counts", "_words")

    def __init__(self, words: list[str], counts: array[int]) -> None:
        self._words = words  # sorted
        self._counts = counts  # the count of each word, in the same order

    def _index(self, word: str) -> int:
        words = self._words
        index = bisect_left(words, word)
        return index if index < len(words) and words[index] == word else -1

    def __getitem__(self, word: str) -> int:
        index = self._index(word) if isinstance(word, str) else -1
        if index < 0:
            raise KeyError(word)
        return self._counts[index]

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        index = self._index(word)
        return self._counts[index] if index >= 0 else default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    @property
    def sorted_words(self) -> list[str]:
        return self._words

    def is_common(self, word: str) -> bool:
        """Counted above pyspellchecker's floor (see :data:`RARE_COUNT`)."""
        index = self._index(word)
        return index >= 0 and self._counts[index] > RARE_COUNT

    @classmethod
    def from_dict(cls, counts: Mapping[str, int]) -> WordCounts:
        words = sorted(counts)
        return cls(words, array("I", (counts[word] for word in words)))

    def to_data(self) -> tuple[str, bytes]:
        """What the cache stores: the words joined by newlines, the counts' bytes."""
        return "\n".join(self._words), self._counts.tobytes()

    @classmethod
    def from_data(cls, data: object) -> WordCounts | None:
        if not (
            isinstance(data, tuple)
            and len(data) == 2
            and isinstance(data[0], str)
            and isinstance(data[1], bytes)
        ):
            return None
        counts = array("I")
        try:
            counts.frombytes(data[1])
        except ValueError:
            return None
        words = data[0].split("\n") if data[0] else []
        return cls(words, counts) if len(words) == len(counts) else None


@dataclass(frozen=True)
class WordLayer:
    """One source of accepted words."""

    name: str
    folded: AbstractSet[str]  # lowercase entries: accepted in any letter case
    exact: AbstractSet[str] = frozenset()  # entries with capitals, in their accepted forms
    names: Mapping[str, str] = field(default_factory=dict)  # lowercase → entry with capitals
    # Whether a listed lowercase word is common enough to derive others from (pyspellchecker's
    # lists: counted above their floor); None: every entry is.
    is_common: Callable[[str], bool] | None = None

    @classmethod
    def from_words(cls, name: str, words: Iterable[str]) -> WordLayer:
        folded: set[str] = set()
        exact: set[str] = set()
        names: dict[str, str] = {}
        for raw in words:
            word = normalize(raw.strip())
            if not word:
                continue
            lower = word.lower()
            if word == lower:
                folded.add(word)
                continue
            exact.update((word, word[0].upper() + word[1:], word.upper()))
            names.setdefault(lower, word)
        return cls(name, frozenset(folded), frozenset(exact), names)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return word in self.exact or word.lower() in self.folded

    def __len__(self) -> int:
        return len(self.folded) + len(self.names)


class Lexicon:
    """Layers of accepted words and the rules that relate a written word to an entry."""

    def __init__(self, layers: Sequence[WordLayer], *, names_of: Lexicon | None = None) -> None:
        self.layers: tuple[WordLayer, ...] = tuple(layers)
        self._verdicts: dict[str, bool] = {}
        # A lexicon whose entries with capitals are the same (``with_layer`` of a layer
        # without any): its merged names are shared, not rebuilt.
        self._names_of = names_of
        self._names: dict[str, str] | None = None

    def with_layer(self, layer: WordLayer) -> Lexicon:
        return Lexicon((*self.layers, layer), names_of=None if layer.names else self)

    def known(self, word: str) -> bool:
        """An entry accepts ``word`` exactly as given (letter-case rules only)."""
        lower = word.lower()
        return any(lower in layer.folded or word in layer.exact for layer in self.layers)

    def common(self, word: str) -> bool:
        """Like :meth:`known`, but a word that pyspellchecker counts only at its floor
        frequency (rare words, many of them names or archaic: ``perter``, ``modals``) is not
        enough to derive another word from."""
        lower = word.lower()
        for layer in self.layers:
            listed = lower in layer.folded or word in layer.exact
            if listed and (layer.is_common is None or layer.is_common(lower)):
                return True
        return False

    def name_for(self, lower: str) -> str | None:
        """The entry with capitals whose lowercase form is ``lower`` (``pytorch`` → PyTorch)."""
        return self.names.get(lower)

    @property
    def names(self) -> Mapping[str, str]:
        """Every entry with capitals by its lowercase form; a later layer's entry wins."""
        if self._names_of is not None:
            return self._names_of.names
        if self._names is None:
            merged: dict[str, str] = {}
            for layer in self.layers:
                merged.update(layer.names)
            self._names = merged
        return self._names

    def accepts(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._accepts(word)
            self._verdicts[word] = verdict
        return verdict

    def _listed_term(self, lower: str) -> bool:
        """Listed by notelint's domain lists or the repository, not only by pyspellchecker."""
        return any(
            lower in layer.folded or lower in layer.names
            for layer in self.layers
            if not layer.name.startswith("pyspellchecker")
        )

    def _accepts(self, word: str) -> bool:
        word = normalize(word)
        if self.known(word):
            return True
        if "'" in word:
            for ending in _CONTRACTIONS:
                if word.lower().endswith(ending) and self.known(word[: -len(ending)]):
                    return True
            stem = word.removesuffix("'s").removesuffix("'S").rstrip("'")
            if stem != word and stem and self.known(stem):
                return True
        if not word.isascii():
            plain = strip_accents(word)
            if plain != word and self.known(plain):
                return True
        lower = word.lower()
        forms = [lower, *american_forms(lower)]
        if any(self.known(form) for form in forms[1:]):
            return True
        if lower.endswith("es") and lower[:-2].endswith(_SIBILANTS) and self.known(lower[:-2]):
            return True  # "softmaxes", "patches"
        if lower.endswith("s") and self.known(lower[:-1]):
            # The plural of a known word that the lists do not have: a noun with a noun's
            # ending ("encodings", "tokenizers") or a term of the domain lists ("tanhs",
            # "convnets") is fine; other words ("multimodals", "brians") are not derived.
            stem = lower[:-1]
            if stem.endswith(NOUN_ENDINGS) or stem.endswith(_VERB_ENDINGS):
                return True  # "encodings"; "recalibrates", "pixelates"
            return not stem.endswith(_ADJECTIVE_ENDINGS) and self._listed_term(stem)
        return any(
            self.common(base) if prefixed else self.known(base)
            for form in forms
            for base, prefixed in base_forms(form)
        )


# -- the shipped lists -------------------------------------------------------------------------


@cache
def language_frequencies(language: str) -> WordCounts:
    """pyspellchecker's word frequencies for ``language`` (lowercase words)."""
    return load_language_counts(language, dictionary_cache_dir())


def dictionary_cache_dir() -> Path | None:
    """Where decoded dictionaries are cached (see :mod:`notelint.store.datacache`)."""
    return datacache.cache_dir()


def decode_language(language: str) -> dict[str, int]:
    """pyspellchecker's ``<language>.json.gz``, decoded (0.1 to 0.3 s: runs load the cached
    :class:`WordCounts` instead, see :func:`load_language_counts`)."""
    import gzip
    import json

    decoded: dict[str, int] = json.loads(gzip.decompress(_packed_language(language)))
    return decoded


def load_language_counts(language: str, cache_dir: Path | None) -> WordCounts:
    """pyspellchecker's frequencies for ``language`` as :class:`WordCounts`. The decoded form
    is cached as a ``marshal`` file (two objects, not 320,000) named after a hash of the
    source file and the Python version; without it, or with a damaged one, the JSON is
    decoded again (and the copy rewritten), never an error."""
    cached = datacache.copy_path(cache_dir, language, _packed_language(language), "-counts")
    loaded = WordCounts.from_data(datacache.read(cached))
    if loaded is not None:
        return loaded
    built = WordCounts.from_dict(decode_language(language))
    datacache.write(cached, built.to_data())
    return built


def _packed_language(language: str) -> bytes:
    """pyspellchecker's ``resources/<language>.json.gz``. Found through the package's import
    spec rather than ``importlib.resources``, which would import pyspellchecker itself (7 ms
    of every run, for a class notelint does not use)."""
    spec = importlib.util.find_spec("spellchecker")
    locations = spec.submodule_search_locations if spec is not None else None
    name = f"{language}.json.gz"
    if locations:
        for folder in locations:
            path = Path(folder) / "resources" / name
            if path.is_file():
                return path.read_bytes()
    return (resources.files("spellchecker") / "resources" / name).read_bytes()


def _builtin_lists(prefix: str) -> list[tuple[str, list[str]]]:
    folder = resources.files("notelint") / "data" / "words"
    found: list[tuple[str, list[str]]] = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.startswith(prefix) and item.name.endswith(".txt"):
            found.append((item.name, parse_word_list(item.read_text(encoding="utf-8"))))
    return found


@cache
def builtin_words(*, domain: bool, english: bool) -> tuple[str, ...]:
    """Words of the shipped lists: English supplements and (optionally) the domain words."""
    words: list[str] = []
    if english:
        for _name, listed in _builtin_lists("en-"):
            words.extend(listed)
    if domain:
        for _name, listed in _builtin_lists("domain-"):
            words.extend(listed)
    return tuple(words)


@cache
def base_lexicon(languages: tuple[str, ...], domain: bool) -> Lexicon:
    """pyspellchecker's dictionaries plus the built-in lists; built once per process."""
    layers = []
    for code in languages:
        counts = language_frequencies(code)
        name = f"pyspellchecker:{code}"
        layers.append(WordLayer(name, counts.keys(), is_common=counts.is_common))
    builtin = builtin_words(domain=domain, english="en" in languages)
    if builtin:
        layers.append(WordLayer.from_words("notelint", builtin))
    return Lexicon(layers)


@cache
def builtin_frequencies(*, domain: bool, english: bool) -> Mapping[str, int]:
    """Lowercase word → :data:`LIST_FREQUENCY` for the built-in lists (suggestion ranking
    takes the larger of this and pyspellchecker's count)."""
    return {
        normalize(word).lower(): LIST_FREQUENCY
        for word in builtin_words(domain=domain, english=english)
    }


_VOCAB_WORD_RE = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_VOCAB_SPLIT_RE = re.compile(r"[-.]+")


def vocabulary_words(texts: Iterable[str]) -> list[str]:
    """Words of tag and venue spellings: ``Breast Cancer Research`` gives three words,
    ``Vision-Language`` gives itself and its two parts."""
    words: list[str] = []
    for text in texts:
        for word in _VOCAB_WORD_RE.findall(text):
            words.append(word)
            if "-" in word or "." in word:
                words.extend(part for part in _VOCAB_SPLIT_RE.split(word) if part)
    return words

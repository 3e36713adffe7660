"""What ``notelint init`` concludes about a repository's tags: which tag each spelling means,
which spelling is the repository's own, and where the evidence is too weak to decide.

The decisions, and the evidence behind each:

* **A spelling the built-in registry knows** joins that entry. The canonical spelling is the one
  the repository writes most (the author's ``UK`` when they write ``UK``; ISO's ``GB`` becomes
  its alias). A former name (``NIPS``, ``Facebook``) is history, never an alias.
* **Spellings that differ in case or punctuation** (``SnT``/``SNT``) are one tag.
* **A near miss** of a tag the repository uses much more often, or of a known spelling
  (``Faceboook``, ``UCBerkeley``), is an alias of that tag, so ``check`` reports and fixes it.
  A near miss of a former name is left out of the vocabulary: ``unknown-tag`` then suggests the
  spelling, where an alias would rename the entity.
* **A two-letter tag that is an ISO country code** is filed as that country only with
  evidence: organisations of that country on the same entries, or other country tags next to
  it. Codes that are also common abbreviations (``AI``, ``ML``, ``CV``, ``GT``) need that
  evidence; others need only to not contradict it. Without it, the tag goes to ``[label]``.

Every decision taken on thin evidence is an :class:`Unsure`: ``init`` prints them and marks
them in ``rules/tags.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from notelint.vocabulary.tags import UNSORTED_CATEGORY, VocabEntry, Vocabulary, fold

# ISO codes that are also abbreviations people tag papers with.
AMBIGUOUS_CODES = frozenset(
    {
        "AI", "AR", "CV", "DM", "GE", "GT", "IN", "IO", "IR", "IT", "KE", "LA", "ML",
        "MS", "NL", "PE", "PR", "PS", "SE", "TV", "VA", "WS", "CA", "AD", "DO", "ID",
        "IS", "ME", "NO", "SO", "TO", "AM", "BE", "MO",
    }
)  # fmt: skip
_NEAR_RATIO = 3  # a near miss is an alias of a tag used at least this many times as often
_MIN_NEAR_LENGTH = 5
_CASE_RATIO = 3
_JOINS_RE = re.compile(r"[/&+,]")


@dataclass
class Unsure:
    """A decision taken on thin evidence, said in a sentence."""

    tag: str
    message: str


@dataclass
class TagGroup:
    """One tag of the inferred vocabulary."""

    canonical: str
    category: str
    spellings: Counter[str] = field(default_factory=Counter)
    builtin: VocabEntry | None = None
    aliases: list[str] = field(default_factory=list)
    former: Counter[str] = field(default_factory=Counter)
    unsure: str | None = None

    @property
    def uses(self) -> int:
        return sum(self.spellings.values()) + sum(self.former.values())

    @property
    def overrides_builtin(self) -> bool:
        """Written with fields of its own: another canonical spelling than the registry's, or
        another category (a code filed under [label])."""
        if self.builtin is None:
            return False
        return self.canonical != self.builtin.canonical or self.category != self.builtin.category


@dataclass
class LeftOut:
    text: str
    uses: int
    reason: str


@dataclass
class Inference:
    files: int = 0
    entries: int = 0
    groups: list[TagGroup] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    unsure: list[Unsure] = field(default_factory=list)


class Evidence:
    """Tag uses of a repository: how often each text is written, and with which tags."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.neighbours: dict[str, Counter[str]] = {}

    def add_entry(self, texts: Sequence[str]) -> None:
        texts = [t for t in texts if t.strip()]
        self.counts.update(texts)
        for text in texts:
            near = self.neighbours.setdefault(text, Counter())
            near.update(t for t in texts if t != text)


def infer_groups(evidence: Evidence, vocabulary: Vocabulary) -> Inference:
    result = Inference()
    builtin: dict[str, TagGroup] = {}
    local: dict[str, TagGroup] = {}
    for text, count in evidence.counts.items():
        entry = _known_entry(text, vocabulary)
        if entry is None:
            group = local.setdefault(
                fold(text) or text, TagGroup(canonical="", category=UNSORTED_CATEGORY)
            )
            group.spellings[text] += count
            continue
        group = builtin.setdefault(
            entry.canonical,
            TagGroup(canonical=entry.canonical, category=entry.category, builtin=entry),
        )
        ref = vocabulary.resolve(text)
        if ref is not None and ref.match == "former":
            group.former[text] += count
        else:
            group.spellings[text] += count
    for group in local.values():
        group.canonical = _dominant(group.spellings)
    for group in builtin.values():
        _choose_builtin_canonical(group, result)
    _merge_near_misses(local, builtin, vocabulary, result)
    for group in builtin.values():
        if group.category == "country":
            _check_country(group, evidence, vocabulary, result)
    for group in [*builtin.values(), *local.values()]:
        group.aliases = _aliases(group, vocabulary)
    result.groups = [*builtin.values(), *local.values()]
    return result


def _known_entry(text: str, vocabulary: Vocabulary) -> VocabEntry | None:
    ref = vocabulary.resolve(text)
    if ref is not None:
        return vocabulary.get(ref.canonical)
    if _JOINS_RE.search(text):
        return None  # `Google/DeepMind` names two organisations, not a spelling of one
    similar = vocabulary.same_folded(text)
    return similar[0] if len(similar) == 1 else None


def _dominant(spellings: Counter[str]) -> str:
    """The most used spelling; on a tie, the one with more capitals (SnT over snt), then A-Z."""
    return min(spellings, key=lambda s: (-spellings[s], -sum(c.isupper() for c in s), s))


def _choose_builtin_canonical(group: TagGroup, result: Inference) -> None:
    entry = group.builtin
    assert entry is not None
    if not group.spellings:
        return  # only former names are written: the entry stays as the registry has it
    dominant = _dominant(group.spellings)
    registry = group.spellings.get(entry.canonical, 0)
    if dominant == entry.canonical or group.spellings[dominant] <= registry:
        return
    if dominant.lower() == entry.canonical.lower() and (
        group.spellings[dominant] < _CASE_RATIO * max(registry, 1)
    ):
        return  # a proper name's casing: only a clear habit overrides the registry's
    group.canonical = dominant
    if registry and group.spellings[dominant] < 2 * registry:
        group.unsure = (
            f"{dominant} ×{group.spellings[dominant]} against {entry.canonical} ×{registry}:"
            f" {dominant} was taken as the repository's spelling"
        )
        result.unsure.append(Unsure(dominant, group.unsure))


def _aliases(group: TagGroup, vocabulary: Vocabulary) -> list[str]:
    """The spellings to declare: those used that are not the canonical one, plus, when the
    repository's canonical differs from the registry's, the registry's own spellings (the new
    entry takes them over)."""
    aliases: list[str] = []
    for text, _count in group.spellings.most_common():
        if text == group.canonical:
            continue
        owner = vocabulary.lookup(text)
        known = group.builtin
        if known is not None and not group.overrides_builtin and text in known.aliases:
            continue  # the registry already says so
        if owner is not None and (known is None or owner.canonical != known.canonical):
            continue  # another tag's spelling: never take it away
        aliases.append(text)
    known = group.builtin
    if known is not None and group.overrides_builtin and group.category == known.category:
        for text in (known.canonical, *known.aliases):
            if text != group.canonical and text not in aliases:
                aliases.append(text)
    return aliases


# -- near misses ---------------------------------------------------------------------------------


def _limit(text: str) -> int:
    return 1 if len(text) < 9 else 2


def _near(text: str, candidates: Iterable[str]) -> set[str]:
    from rapidfuzz.distance import OSA  # (init only: not at start-up)

    key = fold(text)
    if len(key) < _MIN_NEAR_LENGTH or key.isdigit():
        return set()
    found = set()
    for candidate in candidates:
        other = fold(candidate)
        if other == key or len(other) < _MIN_NEAR_LENGTH or other[0] != key[0]:
            continue
        if any(ch.isdigit() for ch in key + other) and _digits(key) != _digits(other):
            continue  # NIPS2019 is not NIPS2018
        if key + "s" == other or other + "s" == key:
            continue  # a plural may be a tag of its own (Transformer, Transformers)
        if _two_letters_swapped_out(key, other):
            continue  # Semisupervised is not Selfsupervised: a word part, not a slip
        if OSA.distance(key, other, score_cutoff=_limit(key)) <= _limit(key):
            found.add(candidate)
    return found


def _two_letters_swapped_out(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in two neighbouring letters replaced by two others
    (``semi``/``self``): another word part rather than a typo (a transposition is a typo)."""
    if len(a) != len(b):
        return False
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) != 2 or differ[1] != differ[0] + 1:
        return False
    first, second = differ
    return not (a[first] == b[second] and a[second] == b[first])


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _merge_near_misses(
    local: dict[str, TagGroup],
    builtin: dict[str, TagGroup],
    vocabulary: Vocabulary,
    result: Inference,
) -> None:
    """Local tags that are near misses of a known spelling or of a much more used tag."""
    known_texts: dict[str, VocabEntry] = {}
    for entry in vocabulary:
        for text in (entry.canonical, *entry.aliases):
            known_texts.setdefault(text, entry)
    former_texts = {f: e for e in vocabulary for f in e.former_names}
    for key, group in sorted(local.items(), key=lambda kv: kv[1].uses):
        uses = group.uses
        targets: dict[str, str] = {}  # near text -> the canonical it belongs to
        for other_key, other in local.items():
            if other_key != key and other.uses >= max(_NEAR_RATIO * uses, _NEAR_RATIO):
                for text in _near(group.canonical, other.spellings):
                    targets[text] = other.canonical
        for text in _near(group.canonical, known_texts):
            targets[text] = known_texts[text].canonical
        formers = _near(group.canonical, former_texts)
        if formers and not targets:
            former = sorted(formers)[0]
            del local[key]
            result.left_out.append(
                LeftOut(
                    group.canonical,
                    uses,
                    f"looks like a misspelling of the former name {former}; left out, so that"
                    " `unknown-tag` reports it",
                )
            )
            continue
        owners = set(targets.values())
        if len(owners) != 1:
            continue
        (name,) = owners
        target = local.get(fold(name)) or builtin.get(name)
        if target is None:
            known = vocabulary.get(name)
            if known is None:
                continue
            target = builtin[name] = TagGroup(
                canonical=name, category=known.category, builtin=known
            )
        if target is group:
            continue
        target.spellings.update(group.spellings)
        del local[key]
        message = f"{group.canonical} ×{uses} read as a misspelling of {target.canonical}"
        result.unsure.append(Unsure(group.canonical, message))


# -- countries -----------------------------------------------------------------------------------


def _check_country(
    group: TagGroup, evidence: Evidence, vocabulary: Vocabulary, result: Inference
) -> None:
    """Keep a two-letter country code a country only where its entries agree."""
    code = group.canonical
    short = [t for t in group.spellings if len(t) == 2 and t.isupper()]
    if not short or group.builtin is None:
        return
    agree = disagree = 0
    others: Counter[str] = Counter()
    for text in short:
        for neighbour, n in evidence.neighbours.get(text, Counter()).items():
            ref = vocabulary.resolve(neighbour)
            if ref is None:
                continue
            if ref.category == "country" and len(neighbour) > 0:
                agree += n
            elif ref.country is not None:
                if ref.country == code:
                    agree += n
                else:
                    disagree += n
                    others[ref.country] += n
    ambiguous = code in AMBIGUOUS_CODES or any(t in AMBIGUOUS_CODES for t in short)
    keeps = agree > disagree if ambiguous else not (disagree >= 3 and disagree > 2 * agree)
    if keeps:
        return
    name = group.builtin.name or code
    group.category = UNSORTED_CATEGORY
    if others:
        where = ", ".join(c for c, _ in others.most_common(3))
        why = f"its entries' organisations are in {where}"
    else:
        why = "nothing on its entries says it is a country"
    group.unsure = (
        f"{code} is the ISO code of {name}, but {why}: filed under [{UNSORTED_CATEGORY}]"
        f" (move it to [country] if it means {name})"
    )
    result.unsure.append(Unsure(code, group.unsure))

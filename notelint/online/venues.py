"""Comparing the venue in the notes with the venue of a record, through the vocabulary.

A record's venue is mapped to a vocabulary venue when it can be, in this order: its DBLP stream
(``conf/eccv``) against the vocabulary's ``dblp`` keys; any of its venue strings, cleaned of
years, volumes and presentation kinds ("ECCV (12)" → "ECCV", "ICLR 2024 poster" → "ICLR"),
resolved as a tag or compared with the venues' full names; then a venue acronym appearing as a
word in a longer name ("Computer Vision – ECCV 2024"). A record that maps to no vocabulary venue
is compared by name with the noted venue's spellings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from notelint.online.facts import WORKSHOP_FOLDS, VenueFact, is_preprint_venue
from notelint.online.records import Record
from notelint.vocabulary.tags import Vocabulary, fold

_NOISE_RE = re.compile(
    r"\([^()]*\d[^()]*\)|\b(?:19|20)\d{2}\b|\b(?:poster|oral|spotlight|main|"
    r"notable[- ]top[- ]\d+%?|accepted|accept)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+")
_MAX_GRAM = 6
# Folded names this short are compared for equality only, never for containment.
_MIN_CONTAINED = 12


@dataclass
class _VenueIndex:
    by_dblp: dict[str, str] = field(default_factory=dict)
    by_fold: dict[str, str] = field(default_factory=dict)  # canonical, aliases, full names
    by_gram: dict[tuple[str, ...], str] = field(default_factory=dict)


_INDEX: tuple[Vocabulary, _VenueIndex] | None = None


def _index(vocabulary: Vocabulary) -> _VenueIndex:
    global _INDEX
    if _INDEX is not None and _INDEX[0] is vocabulary:
        return _INDEX[1]
    index = _VenueIndex()
    for entry in vocabulary.in_category("venue"):
        if is_preprint_venue(entry, entry.canonical):
            continue
        if entry.dblp:
            index.by_dblp.setdefault(entry.dblp.strip("/"), entry.canonical)
        for text in (entry.canonical, *entry.aliases, *([entry.name] if entry.name else [])):
            index.by_fold.setdefault(fold(text), entry.canonical)
            words = tuple(w.casefold() for w in _WORD_RE.findall(text))
            if words and len(words) <= _MAX_GRAM and len("".join(words)) >= 3:
                index.by_gram.setdefault(words, entry.canonical)
    _INDEX = (vocabulary, index)
    return index


def clean_venue_name(name: str) -> str:
    """'ECCV (12)' → 'ECCV'; 'ICLR 2024 poster' → 'ICLR'."""
    return " ".join(_NOISE_RE.sub(" ", name).split())


def _grams(text: str) -> list[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD_RE.findall(text)]
    out: list[tuple[str, ...]] = []
    for size in range(min(_MAX_GRAM, len(words)), 0, -1):
        out.extend(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
    return out


def record_names(record: Record) -> list[str]:
    names = [record.venue_short or "", *record.venue_names]
    return [n for n in dict.fromkeys(names) if n]


def record_canonical(record: Record, vocabulary: Vocabulary) -> str | None:
    """The vocabulary venue a (published) record is at, if the vocabulary knows it."""
    index = _index(vocabulary)
    if record.dblp_stream and record.dblp_stream in index.by_dblp:
        return index.by_dblp[record.dblp_stream]
    names = record_names(record)
    for name in names:
        for variant in (name, clean_venue_name(name)):
            hit = index.by_fold.get(fold(variant))
            if hit is not None:
                return hit
    for name in names:
        for gram in _grams(clean_venue_name(name)):
            hit = index.by_gram.get(gram)
            if hit is not None:
                return hit
    return None


def record_is_workshop(record: Record, vocabulary: Vocabulary) -> bool:
    stream = record.dblp_stream
    # DBLP files a conference's workshops under the conference's stream plus "w" (conf/iccvw).
    if stream and stream.endswith("w") and stream[:-1] in _index(vocabulary).by_dblp:
        return True
    return any(
        word.casefold() in WORKSHOP_FOLDS
        for name in record_names(record)
        for word in _WORD_RE.findall(name)
    )


def noted_names(venue: VenueFact, vocabulary: Vocabulary) -> list[str]:
    entry = vocabulary.get(venue["canonical"])
    names = [venue["text"], venue["canonical"]]
    if entry is not None:
        names.extend(entry.aliases)
        if entry.name:
            names.append(entry.name)
    return [n for n in dict.fromkeys(names) if n]


def _names_agree(ours: list[str], theirs: list[str]) -> bool:
    for their in theirs:
        their_fold = fold(clean_venue_name(their))
        their_grams = set(_grams(their))
        for our in ours:
            our_fold = fold(our)
            if not our_fold:
                continue
            if our_fold in (their_fold, fold(their)):
                return True
            our_words = tuple(w.casefold() for w in _WORD_RE.findall(our))
            if our_words in their_grams:
                return True
            shorter, longer = sorted((our_fold, their_fold), key=len)
            if len(shorter) >= _MIN_CONTAINED and shorter in longer:
                return True
    return False


def agrees(
    venue: VenueFact, record: Record, vocabulary: Vocabulary, *, workshop_tagged: bool
) -> bool:
    """Does the published ``record`` sit at the venue the notes give?"""
    # A note that says ICCV about an ICCV workshop paper is wrong; a note that says ICCV
    # `Workshop` about a main-conference paper is not worth a finding.
    track_ok = workshop_tagged or not record_is_workshop(record, vocabulary)
    noted_dblp = (venue["dblp"] or "").strip("/") or None
    if noted_dblp and record.dblp_stream:
        if record.dblp_stream == noted_dblp:
            return True
        if record.dblp_stream == noted_dblp + "w":
            return workshop_tagged
    canonical = record_canonical(record, vocabulary)
    if canonical is not None:
        return canonical == venue["canonical"] and track_ok
    if noted_dblp and record.dblp_stream:
        return False
    return _names_agree(noted_names(venue, vocabulary), record_names(record)) and track_ok


def venue_identity(record: Record, vocabulary: Vocabulary) -> str:
    """A key under which records at the same venue collapse (to tell venues apart)."""
    canonical = record_canonical(record, vocabulary)
    workshop = "+workshop" if record_is_workshop(record, vocabulary) else ""
    if canonical is not None:
        return f"venue:{canonical}{workshop}"
    if record.dblp_stream:
        return f"dblp:{record.dblp_stream}"
    names = record_names(record)
    return f"name:{fold(clean_venue_name(names[0]))}" if names else "name:"

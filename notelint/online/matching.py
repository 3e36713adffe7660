"""Which records are the paper a note is about, and which one to believe.

Matching must not lie, so it is deliberately narrow:

* Titles are compared after normalisation (HTML removed, Unicode compatibility-folded so that
  ligatures like "ﬃ" become "ffi", accents dropped, case-folded, and everything but letters
  and digits removed), scored 0-100 by edit-distance similarity; a record below
  ``fuzzy-threshold`` is not the paper.
* When the notes name authors (``person`` tags), a record whose author list shares none of their
  family names is not the paper.
* Among the records that are the paper, a published version wins over a preprint (CoRR, arXiv),
  and one of unknown status sits in between.
* If the best records (within ``ambiguity-margin`` points) are at different venues and the notes
  do not say which one they mean, the answer is "ambiguous", not a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from notelint.online.records import Record, Status, clean_text

_STATUS_RANK = {Status.PUBLISHED: 2, Status.UNKNOWN: 1, Status.PREPRINT: 0, Status.SUBMITTED: 0}
_DISAMBIGUATION_RE = re.compile(r"\s+\d{4}$")  # DBLP's "Wei Liu 0001"


def normalize_title(text: str) -> str:
    text = unicodedata.normalize("NFKD", clean_text(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def title_score(normalized: str, record: Record) -> float:
    """Similarity (0-100) of an already normalised title to the record's best title."""
    best = 0.0
    for title in (record.title, *record.alt_titles):
        other = normalize_title(title)
        if not other or not normalized:
            continue
        best = max(best, float(fuzz.ratio(normalized, other)))
    return best


def family_name(name: str) -> str:
    name = _DISAMBIGUATION_RE.sub("", name.strip())
    if "," in name:  # "Sutton, Richard S."
        name = name.split(",", 1)[0]
    parts = name.split()
    return normalize_title(parts[-1]) if parts else ""


def authors_compatible(noted: Sequence[str], record: Record) -> bool:
    if not noted or not record.authors:
        return True
    ours = {family_name(a) for a in noted} - {""}
    theirs = {family_name(a) for a in record.authors} - {""}
    return not ours or bool(ours & theirs)


@dataclass(frozen=True)
class Candidate:
    record: Record
    score: float

    @property
    def rank(self) -> tuple[float, int]:
        return (self.score, _STATUS_RANK[self.record.status])


def candidates(
    title: str,
    authors: Sequence[str],
    records: Iterable[Record],
    *,
    threshold: float,
) -> list[Candidate]:
    """The records that are this paper, best first (score, then published before preprint)."""
    normalized = normalize_title(title)
    found: list[Candidate] = []
    seen: set[Record] = set()
    for record in records:
        if record in seen:
            continue
        seen.add(record)
        score = title_score(normalized, record)
        if score >= threshold and authors_compatible(authors, record):
            found.append(Candidate(record, score))
    found.sort(key=lambda c: c.rank, reverse=True)
    return found


def contenders(found: Sequence[Candidate], margin: float) -> list[Candidate]:
    """The candidates close enough to the best one to compete with it."""
    if not found:
        return []
    best = max(c.score for c in found)
    return [c for c in found if c.score >= best - margin]


def titles_differ(title: str, record: Record) -> bool:
    """True when the title is none of the record's titles, even ignoring case and punctuation
    (a note that leaves out the subtitle Crossref keeps apart is not wrong)."""
    ours = normalize_title(title)
    return all(ours != normalize_title(t) for t in (record.title, *record.alt_titles))

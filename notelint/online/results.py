"""The outcome of verifying entries online (kept apart from :mod:`verify` so that rule modules
can import it without importing the network machinery)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from notelint.online.records import PROVIDER_LABELS, Record

EntryKey = tuple[str, int]  # (path, index of the entry in that file's facts)


class Outcome(StrEnum):
    MATCH = "match"  # a published version was found
    PREPRINT_ONLY = "preprint-only"  # found, but only as a preprint (or a rejected submission)
    VENUE_UNKNOWN = "venue-unknown"  # found, but no provider says where it appeared
    AMBIGUOUS = "ambiguous"  # several published versions at different venues
    NOT_FOUND = "not-found"  # every provider answered, none knows the paper
    UNVERIFIED = "unverified"  # the providers that might know could not be asked


class VenueVerdict(StrEnum):
    AGREES = "agrees"
    CONTRADICTS = "contradicts"
    NOT_NOTED = "not-noted"  # the notes give no venue
    NOT_APPLICABLE = "n/a"


@dataclass
class EntryResult:
    outcome: Outcome
    record: Record | None = None
    venue: VenueVerdict = VenueVerdict.NOT_APPLICABLE
    # Ambiguous: one record per venue. Contradiction: the other venues the paper is at.
    alternatives: list[Record] = field(default_factory=list)
    reason: str | None = None  # why an entry is unverified


@dataclass
class VerifyReport:
    results: dict[EntryKey, EntryResult] = field(default_factory=dict)
    requests: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def unverified(self) -> int:
        return sum(1 for r in self.results.values() if r.outcome is Outcome.UNVERIFIED)


def describe(record: Record) -> str:
    """'ECCV 2024 (DBLP)'."""
    return f"{record.venue_label} ({PROVIDER_LABELS.get(record.provider, record.provider)})"

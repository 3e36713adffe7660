"""Helpers shared by the offline venue rules (not a rule module)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from notelint.model.document import Entry, Section, Tag
from notelint.parse.source import SourceText
from notelint.rules.base import CheckContext
from notelint.rules.tags._shared import entry_facts
from notelint.vocabulary.tags import VocabEntry, Vocabulary

# Kinds that make a venue "the" venue of a paper; workshops, preprint servers and other
# outlets can come on top of one. A venue without a kind counts as a real venue.
PUBLICATION_KINDS = frozenset({None, "conference", "journal"})

# A trailing year in a heading: "ICLR 2025", "CVPR'24", "NeurIPS '23", "ICLR-2025", "CVPR2024",
# "ICML (2024)".
_YEAR_RE = re.compile(r"(?:[\s\-–—_/,(]*(?:19|20)\d{2}\)?|\s*['’]\d{2})\s*$")
# Emphasis or code around the name: "**CVPR**", "`ICLR` 2025".
_MARKUP = "*_`~"


@dataclass(frozen=True)
class HeadingName:
    """The venue-like part of a heading and where it is in the source."""

    text: str
    start: int  # source offsets
    end: int
    had_year: bool


def venue_like_name(heading: str) -> tuple[str, bool] | None:
    """A heading's text without markup and a trailing year (``**ICLR** 2025`` → ``ICLR``), and
    whether it had a year; None when nothing is left."""
    bare = heading.strip().strip(_MARKUP).strip()
    match = _YEAR_RE.search(bare)
    name = bare[: match.start()] if match else bare
    name = name.strip().strip(_MARKUP).strip()
    return (name, match is not None) if name else None


def heading_name(section: Section, source: SourceText) -> HeadingName | None:
    heading = section.heading
    span = section.heading_span
    if not heading or span is None:
        return None
    found = venue_like_name(heading)
    if found is None:
        return None
    name, had_year = found
    at = source.text.find(heading, span.start_offset, span.end_offset)
    if at < 0:
        return None
    start = at + heading.find(name)
    return HeadingName(name, start, start + len(name), had_year)


def heading_venue(
    section: Section, source: SourceText, vocabulary: Vocabulary
) -> VocabEntry | None:
    """The venue a section heading names (exact, alias or case match), if any."""
    name = heading_name(section, source)
    if name is None:
        return None
    ref = vocabulary.resolve(name.text)
    if ref is None or ref.category != "venue":
        return None
    return vocabulary.get(ref.canonical)


def venue_tags(ctx: CheckContext, entry: Entry) -> list[tuple[Tag, VocabEntry]]:
    """The entry's tags that name a publication venue (conference or journal), each text once."""
    venues = entry_facts(ctx, entry).venues
    if not venues:
        return venues
    return [(tag, venue) for tag, venue in venues if venue.kind in PUBLICATION_KINDS]

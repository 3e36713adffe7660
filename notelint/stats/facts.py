"""Each entry's facts, as the vocabulary reads its tags.

An organisation is counted under its canonical name (aliases merged) and implies its country;
a country tag counts too. An entry with no venue tag takes the venue its section heading names
(``# ICLR 2021``), as the notes' own layout says. Multi-valued fields (organisations,
countries, tags) count an entry once under each value, so their counts may add up to more than
the number of entries. Sectors are the sector tags written (``Industry``, ``Academia``): the
vocabulary gives organisations a country, not a sector.

The year comes from the best evidence there is, and says which: a year on one of the entry's
tags (``ECCV2018``, ``2018``), else the year its section heading ends with, else the year of the
paper's record in the online lookup cache (:mod:`notelint.stats.online_years`), else the year the
file's title or name gives (``conf_2025.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from notelint.model.document import Document, Entry, Section
from notelint.rules.venue._shared import venue_like_name
from notelint.vocabulary.tags import Vocabulary

YearSource = Literal["tag", "heading", "online", "file"]

# The fields ``--by`` takes, in the order the help lists them.
FIELDS = (
    "venue",
    "year",
    "organisation",
    "country",
    "sector",
    "tag",
    "label",
    "section",
    "file",
)


@dataclass(frozen=True)
class EntryFacts:
    path: str
    line: int
    title: str
    section: str | None
    venues: tuple[str, ...]
    year: int | None
    year_source: YearSource | None
    organisations: tuple[str, ...]
    countries: tuple[str, ...]
    sectors: tuple[str, ...]
    labels: tuple[str, ...]
    tags: tuple[str, ...]  # every tag, canonical where the vocabulary knows it
    has_summary: bool
    values: dict[str, tuple[str | int, ...]] = field(default_factory=dict, compare=False)

    def field_values(self, name: str) -> tuple[str | int, ...]:
        """The entry's values for one ``--by`` field (empty: it has none)."""
        return self.values[name]


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _year(
    entry: Entry, section: Section, document: Document, online: int | None
) -> tuple[int | None, YearSource | None]:
    for tag in entry.tags:
        if tag.year is not None:
            return tag.year, "tag"
    if section.year is not None:
        return section.year, "heading"
    if online is not None:
        return online, "online"
    if document.year is not None:
        return document.year, "file"
    return None, None


def _heading_venue(section: Section, vocabulary: Vocabulary) -> str | None:
    found = venue_like_name(section.heading) if section.heading else None
    ref = vocabulary.resolve(found[0]) if found else None
    return ref.canonical if ref is not None and ref.category == "venue" else None


def entry_facts(
    document: Document,
    vocabulary: Vocabulary,
    online_years: Mapping[tuple[str, int], int] | None = None,
) -> list[EntryFacts]:
    """``online_years``: (path, line) of an entry -> the year its cached online record gives."""
    online_years = online_years or {}
    found = []
    for section in document.sections:
        section_labels = [label.name or label.text for label in section.labels]
        heading_venue = _heading_venue(section, vocabulary)
        for entry in section.entries:
            by: dict[str, list[str]] = {
                "venue": [],
                "organisation": [],
                "country": [],
                "sector": [],
                "label": list(section_labels),
            }
            tags = []
            for tag in entry.tags:
                ref = tag.resolved
                if ref is None:
                    if tag.name or tag.text:
                        tags.append(tag.name or tag.text)
                    continue
                tags.append(ref.canonical)
                if ref.category in by:
                    by[ref.category].append(ref.canonical)
                if ref.category == "organisation" and ref.country:
                    by["country"].append(ref.country)
            if not by["venue"] and heading_venue is not None:
                by["venue"].append(heading_venue)
            line = entry.span.start_line
            year, source = _year(entry, section, document, online_years.get((document.path, line)))
            facts = EntryFacts(
                path=document.path,
                line=line,
                title=entry.title,
                section=section.heading,
                venues=_unique(by["venue"]),
                year=year,
                year_source=source,
                organisations=_unique(by["organisation"]),
                countries=_unique(by["country"]),
                sectors=_unique(by["sector"]),
                labels=_unique(by["label"]),
                tags=_unique(tags),
                has_summary=bool(entry.summary) or bool(entry.comment),
            )
            facts.values.update(
                {
                    "venue": facts.venues,
                    "year": () if year is None else (year,),
                    "organisation": facts.organisations,
                    "country": facts.countries,
                    "sector": facts.sectors,
                    "tag": facts.tags,
                    "label": facts.labels,
                    "section": () if section.heading is None else (section.heading,),
                    "file": (document.path,),
                }
            )
            found.append(facts)
    return found

"""Counting entries by one field, or by two (a cross-table such as venue × year).

The result is a pydantic model: ``notelint stats --format json`` prints it, and its JSON schema
(``notelint stats --schema``) is the contract for scripts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import product

from pydantic import BaseModel, Field

from notelint.stats.facts import EntryFacts

Value = str | int | None


class StatsRow(BaseModel):
    values: list[Value] = Field(
        description="One value per --by field, in order; null: entries with no value for it"
    )
    entries: int = Field(description="Entries with these values")
    year_from: dict[str, int] | None = Field(
        default=None,
        description="With a year field: how many of these entries took their year from a tag, "
        "the section heading, the paper's cached online record or the file (title or name)",
    )


class StatsResult(BaseModel):
    by: list[str] = Field(description="The fields counted by")
    entries: int = Field(description="Entries counted (after --since/--until)")
    files: int = Field(description="Files the entries are in")
    year_sources: dict[str, int] = Field(
        description="Where the entries' years came from: tag, heading, online, file, or none"
    )
    without_year: int = Field(
        default=0,
        description="Entries left out by --since/--until because nothing gives their year",
    )
    rows: list[StatsRow]
    left_out: int = Field(default=0, description="Values not shown because of --top")
    since: int | None = None
    until: int | None = None


def _key(value: Value) -> tuple[int, str]:
    return (1, "") if value is None else (0, str(value).casefold())


def _ordered(field: str, totals: Counter[Value]) -> list[Value]:
    """Years in time order; anything else most common first. No value comes last."""
    if field == "year":
        return sorted(totals, key=lambda v: (v is None, v if isinstance(v, int) else 0))
    return sorted(totals, key=lambda v: (v is None, -totals[v], _key(v)))


def _values(entry: EntryFacts, field: str) -> tuple[Value, ...]:
    return entry.field_values(field) or (None,)


def count(
    entries: Sequence[EntryFacts],
    by: Sequence[str],
    *,
    since: int | None = None,
    until: int | None = None,
    top: int | None = None,
) -> StatsResult:
    without_year = 0
    if since is not None or until is not None:
        without_year = sum(1 for e in entries if e.year is None)
        entries = [
            e
            for e in entries
            if e.year is not None
            and (since is None or e.year >= since)
            and (until is None or e.year <= until)
        ]
    sources = Counter(e.year_source or "none" for e in entries)
    cells: Counter[tuple[Value, ...]] = Counter()
    year_from: dict[tuple[Value, ...], Counter[str]] = {}
    totals: list[Counter[Value]] = [Counter() for _ in by]
    for entry in entries:
        combos = list(product(*(_values(entry, field) for field in by)))
        for combo in combos:
            cells[combo] += 1
            if "year" in by and entry.year_source is not None:
                year_from.setdefault(combo, Counter())[entry.year_source] += 1
        for index, field in enumerate(by):
            for value in _values(entry, field):
                totals[index][value] += 1
    kept = [_ordered(field, totals[i]) for i, field in enumerate(by)]
    left_out = 0
    if top is not None:
        # The N most common values of each field, shown in the field's order (years in time
        # order); entries with no value stay: they are no value's rival.
        trimmed = []
        for index, values in enumerate(kept):
            common = sorted(
                (v for v in values if v is not None), key=lambda v: (-totals[index][v], _key(v))
            )[:top]
            chosen = set(common)
            trimmed.append([v for v in values if v in chosen or v is None])
            left_out += len(values) - len(trimmed[-1])
        kept = trimmed
    rows = []
    for combo in product(*kept):
        if cells[combo]:
            sources_of = year_from.get(combo)
            rows.append(
                StatsRow(
                    values=list(combo),
                    entries=cells[combo],
                    year_from=dict(sorted(sources_of.items())) if sources_of else None,
                )
            )
    return StatsResult(
        by=list(by),
        entries=len(entries),
        files=len({e.path for e in entries}),
        year_sources=dict(sorted(sources.items())),
        rows=rows,
        left_out=left_out,
        without_year=without_year,
        since=since,
        until=until,
    )

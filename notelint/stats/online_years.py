"""Years of papers that an online run looked up, read back from the lookup cache.

An entry whose tags and section heading give no year may still have one: if ``check --online``
found the paper, the published record (or the preprint) says when it appeared. Only the cache is
read: no request is sent, nothing is shown, and where there is no cache file nothing is
created. A cached record is better evidence than the file's name (``conf_2025.md`` says when the
notes were kept, not when the paper came out), so it comes before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from notelint.config.settings import Settings
from notelint.model.document import Document, Entry, Section
from notelint.online.facts import EntryFact, collect_entry_facts, file_entries
from notelint.online.results import EntryKey, Outcome
from notelint.vocabulary.tags import Vocabulary

# Outcomes whose record is the paper itself (an ambiguous answer names several).
_SAME_PAPER = frozenset({Outcome.MATCH, Outcome.PREPRINT_ONLY, Outcome.VENUE_UNKNOWN})


@dataclass
class CachedYears:
    by_entry: dict[tuple[str, int], int] = field(default_factory=dict)  # (path, line) -> year
    warnings: list[str] = field(default_factory=list)


def needs_year(entry: Entry, section: Section) -> bool:
    """Whether the notes themselves (a tag, the heading) give the entry no year."""
    return section.year is None and all(tag.year is None for tag in entry.tags)


def cached_years(
    documents: Sequence[Document], settings: Settings, vocabulary: Vocabulary
) -> CachedYears:
    found = CachedYears()
    if not settings.online.cache:
        return found
    from notelint.online.cache import configured_cache_path

    try:
        if not configured_cache_path(settings).is_file():
            return found  # no online run has stored anything here
    except RuntimeError:
        return found  # no user cache folder, so no cache
    items: list[tuple[EntryKey, EntryFact]] = []
    lines: dict[EntryKey, tuple[str, int]] = {}
    for document in documents:
        wanted = {
            entry.span.start_line
            for section in document.sections
            for entry in section.entries
            if needs_year(entry, section)
        }
        if not wanted:
            continue
        for index, fact in enumerate(file_entries(collect_entry_facts(document, vocabulary))):
            line = fact["head_span"]["start_line"]
            if line in wanted:
                key = (document.path, index)
                items.append((key, fact))
                lines[key] = (document.path, line)
    if not items:
        return found
    from notelint.online.verify import verify_entries

    report = verify_entries(items, settings, vocabulary, cache_only=True)
    found.warnings.extend(report.warnings)
    for key, result in report.results.items():
        record = result.record
        if result.outcome in _SAME_PAPER and record is not None and record.year is not None:
            found.by_entry[lines[key]] = record.year
    return found

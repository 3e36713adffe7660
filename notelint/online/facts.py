"""Per-entry facts the online rules collect from a document (JSON-able: the engine caches them).

Collecting runs on every file of an ``--online`` run and must stay cheap: it reads the parsed
model and the vocabulary, nothing else. What counts:

* the title and its span (for messages and the title fix);
* the venue the notes give: venue tags (``tag.resolved.category == "venue"``) or, failing those,
  a section heading that is a venue (``# CVPR``);
* whether the entry is an arXiv-only note: in a section whose heading is arXiv, or tagged arXiv /
  CoRR (any venue of kind ``preprint``), with no other venue. A venue of kind ``other``
  (``GitHub``, ``OpenReview``: "not published") counts the same, and an entry with only such a
  tag is not expected to be found (``not_paper``);
* a ``Workshop`` tag (a record at the venue's workshops then agrees);
* author names (``person`` tags) and an arXiv identifier written in the entry, which help the
  lookup.
"""

from __future__ import annotations

from typing import Any, TypedDict

from notelint.model.document import SPAN_FIELDS, Document, Entry, Span, Tag, make_span
from notelint.vocabulary.tags import VocabEntry, Vocabulary, fold

FACTS_VERSION = 2
PREPRINT_FOLDS = frozenset({"arxiv", "corr", "preprint", "preprints", "biorxiv", "medrxiv"})
WORKSHOP_FOLDS = frozenset({"workshop", "workshops"})


class VenueFact(TypedDict):
    text: str  # as written (tag text or heading)
    canonical: str
    dblp: str | None
    source: str  # "tag" or "heading"
    span: dict[str, int] | None  # the tag with its backticks; None for a heading


class EntryFact(TypedDict):
    title: str
    title_span: dict[str, int] | None
    head_span: dict[str, int]
    venues: list[VenueFact]
    arxiv_only: bool
    not_paper: bool  # tagged with a non-publication venue only (GitHub)
    workshop: bool
    authors: list[str]
    arxiv_id: str | None


class FileFacts(TypedDict):
    version: int
    entries: list[EntryFact]


def span_json(span: Span) -> dict[str, int]:
    return {name: getattr(span, name) for name in SPAN_FIELDS}


def span_from_json(data: dict[str, int]) -> Span:
    return make_span(*(data[name] for name in SPAN_FIELDS))


def end_point(span: Span) -> Span:
    """The empty span just after ``span`` (where an insertion goes)."""
    line, column, offset = span.end_line, span.end_column, span.end_offset
    return make_span(line, column, offset, line, column, offset)


def _venue_entry(text: str, vocabulary: Vocabulary, tag: Tag | None = None) -> VocabEntry | None:
    resolved = tag.resolved if tag is not None else None
    if resolved is None:
        resolved = vocabulary.resolve(text)
    if resolved is None or resolved.category != "venue":
        return None
    return vocabulary.get(resolved.canonical)


def is_preprint_venue(entry: VocabEntry | None, text: str) -> bool:
    if fold(text) in PREPRINT_FOLDS:
        return True
    return entry is not None and (
        entry.kind == "preprint" or fold(entry.canonical) in PREPRINT_FOLDS
    )


def collect_entry_facts(document: Document, vocabulary: Vocabulary) -> FileFacts:
    entries: list[EntryFact] = []
    for section in document.sections:
        heading = (section.heading or "").strip()
        heading_venue = _venue_entry(heading, vocabulary) if heading else None
        arxiv_section = bool(heading) and is_preprint_venue(heading_venue, heading)
        for entry in section.entries:
            if not entry.title.strip():
                continue
            fact = _entry_fact(entry, vocabulary)
            if not fact["venues"] and heading_venue is not None and not arxiv_section:
                fact["venues"].append(
                    VenueFact(
                        text=heading,
                        canonical=heading_venue.canonical,
                        dblp=heading_venue.dblp,
                        source="heading",
                        span=None,
                    )
                )
            if arxiv_section and not fact["venues"]:
                fact["arxiv_only"] = True
            entries.append(fact)
    return FileFacts(version=FACTS_VERSION, entries=entries)


def _entry_fact(entry: Entry, vocabulary: Vocabulary) -> EntryFact:
    from notelint.online.records import find_arxiv_id

    venues: list[VenueFact] = []
    preprint_tag = other_tag = workshop = False
    authors: list[str] = []
    for tag in entry.tags:
        if not tag.text:
            continue
        if fold(tag.text) in WORKSHOP_FOLDS:
            workshop = True
            continue
        venue = _venue_entry(tag.text, vocabulary, tag)
        if is_preprint_venue(venue, tag.text):
            preprint_tag = True
        elif venue is not None and venue.kind == "other":
            other_tag = True
        elif venue is not None:
            venues.append(
                VenueFact(
                    text=tag.text,
                    canonical=venue.canonical,
                    dblp=venue.dblp,
                    source="tag",
                    span=span_json(tag.span),
                )
            )
        elif tag.resolved is not None and tag.resolved.category == "person":
            authors.append(tag.resolved.canonical)
    text = " ".join([entry.trailing_text, *(block.text for block in entry.summary)])
    return EntryFact(
        title=entry.title,
        title_span=span_json(entry.title_span) if entry.title_span is not None else None,
        head_span=span_json(entry.head_span),
        venues=venues,
        arxiv_only=(preprint_tag or other_tag) and not venues,
        not_paper=other_tag and not preprint_tag and not venues,
        workshop=workshop,
        authors=authors,
        arxiv_id=find_arxiv_id(text) if "arxiv" in text.lower() else None,
    )


def file_entries(facts: Any) -> list[EntryFact]:
    """The entries of one file's facts, or none when the facts are from another version."""
    if not isinstance(facts, dict) or facts.get("version") != FACTS_VERSION:
        return []
    entries = facts.get("entries")
    return entries if isinstance(entries, list) else []

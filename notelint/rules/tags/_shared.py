"""Helpers shared by the tag and venue rules (not a rule module: the leading underscore keeps
it out of the rule collection)."""

from __future__ import annotations

from dataclasses import dataclass

from notelint.config.settings import Settings
from notelint.model.document import Document, Entry, Tag, TagMatch, TagSyntax
from notelint.model.findings import Edit
from notelint.rules.base import CheckContext
from notelint.vocabulary.tags import VocabEntry

_FACTS_KEY = "notelint.rules.tags.entry-facts"


@dataclass(slots=True)
class EntryFacts:
    """What the tag and venue rules need to know about one entry's tags, computed once per
    entry and shared by all of them, so that an entry with nothing to report costs each rule
    one lookup."""

    first: list[Tag]  # each tag text once, in order
    duplicates: bool  # some text occurs twice
    unresolved: list[Tag]  # not in the vocabulary (non-empty text)
    respelt: list[Tag]  # an alias or a case match (not deprecated)
    deprecated: list[Tag]
    shared: set[str]  # canonicals written two different ways
    venues: list[tuple[Tag, VocabEntry]]  # venue tags, of any kind


def entry_facts(ctx: CheckContext, entry: Entry) -> EntryFacts:
    # One cache per document (ctx.shared may outlive the file being checked).
    stored: tuple[Document, dict[int, tuple[Entry, EntryFacts]]] | None = ctx.shared.get(_FACTS_KEY)
    if stored is None or stored[0] is not ctx.document:
        stored = ctx.shared[_FACTS_KEY] = (ctx.document, {})
    cache = stored[1]
    hit = cache.get(id(entry))
    if hit is not None and hit[0] is entry:
        return hit[1]
    facts = _compute(ctx, entry)
    cache[id(entry)] = (entry, facts)
    return facts


def _compute(ctx: CheckContext, entry: Entry) -> EntryFacts:
    first: list[Tag] = []
    unresolved: list[Tag] = []
    respelt: list[Tag] = []
    deprecated: list[Tag] = []
    shared: set[str] = set()
    venues: list[tuple[Tag, VocabEntry]] = []
    duplicates = False
    seen: set[str] = set()
    spelling: dict[str, str] = {}
    exact = TagMatch.EXACT
    former = TagMatch.FORMER  # history, not a spelling: left to former-name (NL310)
    backtick = TagSyntax.BACKTICK
    for tag in entry.tags:
        text = tag.text
        if text in seen:
            # Older notes repeat a `:hash:` tag on the summary line: their shape, not a slip.
            duplicates = duplicates or tag.syntax is backtick
            continue
        seen.add(text)
        first.append(tag)
        ref = tag.resolved
        if ref is None:
            if text.strip() and tag.year is None:  # `2018` alone is a year, not a tag
                unresolved.append(tag)
            continue
        canonical = ref.canonical
        if spelling.setdefault(canonical, text) != text:
            shared.add(canonical)
        if ref.deprecated:
            deprecated.append(tag)
        elif ref.match is not exact and ref.match is not former:
            respelt.append(tag)
        if ref.category == "venue":
            venue = ctx.vocabulary.get(canonical)
            if venue is not None:
                venues.append((tag, venue))
    return EntryFacts(first, duplicates, unresolved, respelt, deprecated, shared, venues)


def has_canonical(entry: Entry, canonical: str) -> bool:
    return any(t.resolved is not None and t.resolved.canonical == canonical for t in entry.tags)


def replace_text(ctx: CheckContext, tag: Tag, content: str) -> Edit:
    """Replace the tag's text, keeping its backticks."""
    return ctx.edit(tag.span.start_offset + 1, tag.span.end_offset - 1, content)


def removal_range(text: str, tag: Tag) -> tuple[int, int]:
    """The tag with one adjacent space: the one before it, unless the tag starts its line."""
    start, end = tag.span.start_offset, tag.span.end_offset
    space_before = start > 0 and text[start - 1] in " \t"
    space_after = end < len(text) and text[end] in " \t"
    if space_before and not _starts_line(text, start):
        return start - 1, end
    if space_after:
        return start, end + 1
    if space_before:
        return start - 1, end
    return start, end


def _starts_line(text: str, offset: int) -> bool:
    """Whether only blanks precede ``offset`` on its line. Reads back over the blanks only,
    never the whole line: a line of 100,000 tags must not cost 100,000² steps."""
    at = offset - 1
    while at >= 0 and text[at] in " \t":
        at -= 1
    return at < 0 or text[at] in "\r\n"


def remove_tag(ctx: CheckContext, tag: Tag) -> Edit:
    start, end = removal_range(ctx.source.text, tag)
    return ctx.edit(start, end, "")


def vocabulary_file_hint(settings: Settings) -> str:
    """Where a new tag goes: the repository's vocabulary folder."""
    if settings.vocabulary is None:
        return "the vocabulary"
    folder = settings.vocabulary.rstrip("/\\") or "."
    return f"{folder}/tags.toml"

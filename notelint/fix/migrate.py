"""Rewrite notes written in the older shapes into the current format.

The parser reads every shape into one model (see :mod:`notelint.parse.parser`); this module
writes an entry that uses an older shape back out in the current one:

- tags as backticks after the title, in the configured category order (``tag-order``'s
  ``order``), a tag without a category travelling with the tag before it;
- ``**#cvpr2019**``, ``:hash:amazon`` and a heading's ``#Label`` as backticked tags, in the
  vocabulary's spelling where they differ from it only in case (``CVPR``, ``Amazon``,
  ``Industry``); any other spelling is kept as written, so that no entity is renamed;
- a fused venue-year (``ECCV2018``) as the venue and the year, the year kept only where the
  section or the file does not already say it;
- the comment after `` -- `` as the first ``> `` summary line, word for word;
- tags on summary lines moved to the bullet line; ``>text`` written ``> text``.

Entries already in the current format are left byte for byte, so a file in the current format
does not change and a second migration changes nothing. The result must read back to the same
notes (titles, resolved tags and years, comment and summary words, headings); where it does
not, the file is left as it was and the first difference is the reason, with its line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from notelint.config.settings import Settings
from notelint.model.document import BlockKind, Document, Entry, Section, Tag, TagSyntax
from notelint.parse.parser import TIGHT_QUOTE_RE, parse
from notelint.parse.source import SourceText
from notelint.rules.tags.tag_order import TagOrder
from notelint.vocabulary.tags import Vocabulary

_QUOTE_MARKERS_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)


@dataclass
class Migration:
    """What migrating one file gives: the new text (the old one when nothing changed or the
    result was refused), how many entries were rewritten, and the problems, each with its
    1-based line. ``refused`` means the whole file was left as it was."""

    text: str
    entries: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    refused: tuple[int, str] | None = None

    @property
    def changed(self) -> bool:
        return self.entries > 0 and self.refused is None


@dataclass
class _Edit:
    start: int
    end: int
    content: str


def migrate_source(source: SourceText, vocabulary: Vocabulary, settings: Settings) -> Migration:
    document = parse(source, vocabulary)
    planner = _Planner(source, document, vocabulary, settings)
    edits = planner.plan()
    if not edits:
        return Migration(source.text, skipped=planner.skipped)
    text = _apply(source.text, edits)
    migrated = SourceText(text=text, path=source.path, bom=source.bom)
    problem = _compare(document, parse(migrated, vocabulary), source, migrated, planner)
    if problem is not None:
        return Migration(source.text, skipped=planner.skipped, refused=problem)
    return Migration(text, entries=planner.entries, skipped=planner.skipped)


def needs_migration(entry: Entry) -> bool:
    """Whether an entry uses one of the older shapes (heading labels aside)."""
    if entry.comment_span is not None:
        return True
    for tag in entry.tags:
        if tag.syntax is not TagSyntax.BACKTICK or (tag.year is not None and tag.resolved):
            return True
    return any(
        block.kind is BlockKind.QUOTE and TIGHT_QUOTE_RE.match(line)
        for block in entry.summary
        for line in block.text.split("\n")
    )


def has_legacy_shapes(document: Document) -> bool:
    return any(section.labels for section in document.sections) or any(
        needs_migration(entry) for entry in document.entries
    )


def context_year(document: Document, section: Section) -> int | None:
    """The year a section's heading, or else the file, already says."""
    return section.year if section.year is not None else document.year


class _Planner:
    def __init__(
        self, source: SourceText, document: Document, vocabulary: Vocabulary, settings: Settings
    ) -> None:
        self.source = source
        self.document = document
        self.vocabulary = vocabulary
        self.move_labels = settings.migrate.heading_labels == "entries"
        order = TagOrder(settings).options.order  # keyed by code or slug
        self.rank = {category: i for i, category in enumerate(order)}
        self.indent = _summary_indent(document)
        self.newline = document.newline
        self.entries = 0
        self.skipped: list[tuple[int, str]] = []

    def plan(self) -> list[_Edit]:
        edits: list[_Edit] = []
        for section in self.document.sections:
            labels = section.labels if self.move_labels else []
            if labels:
                edits.append(self._remove_labels(labels))
            for entry in section.entries:
                if not (labels or needs_migration(entry)):
                    continue
                entry_edits = self._entry(entry, section, labels)
                if entry_edits:
                    edits.extend(entry_edits)
                    self.entries += 1
        edits.sort(key=lambda e: (e.start, e.end))
        return edits

    def _remove_labels(self, labels: list[Tag]) -> _Edit:
        text = self.source.text
        start = labels[0].span.start_offset
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        return _Edit(start, labels[-1].span.end_offset, "")

    def _entry(self, entry: Entry, section: Section, labels: list[Tag]) -> list[_Edit]:
        source = self.source
        head = entry.head_span
        line = head.start_line
        if head.end_line != head.start_line:
            self.skipped.append((line, "the bullet runs over several lines; migrate it by hand"))
            return []
        if "<!--" in source.text[head.start_offset : head.end_offset]:
            self.skipped.append((line, "the bullet line holds an HTML comment; migrate it by hand"))
            return []
        if entry.title_span is None:
            self.skipped.append((line, "the entry has no title"))
            return []
        year = context_year(self.document, section)
        head_tags = [t for t in entry.tags if t.span.start_offset < head.end_offset]
        summary_tags = [t for t in entry.tags if t.span.start_offset >= head.end_offset]
        tags = self._new_tags([*head_tags, *summary_tags, *labels], year)
        start = entry.title_span.start_offset
        if head_tags:
            start = min(start, head_tags[0].span.start_offset)
        end = head.end_offset
        while end > start and source.text[end - 1] in " \t":
            end -= 1
        line_text = entry.title + "".join(f" `{t}`" for t in tags)
        if entry.trailing_text:
            line_text += " " + entry.trailing_text
        if entry.comment:
            line_text += f"{self.newline}{self.indent}> {entry.comment}"
        edits = [_Edit(start, end, line_text)]
        edits.extend(self._summary_edits(entry, summary_tags))
        return edits

    def _new_tags(self, tags: list[Tag], year: int | None) -> list[str]:
        """The backticked texts, in category order, each once."""
        written: list[str] = []
        for tag in tags:
            if tag.syntax is TagSyntax.BACKTICK and not (tag.year and tag.resolved):
                written.append(tag.text)
                continue
            name = tag.name
            ref = tag.resolved
            if ref is not None:
                name = self._spelling(name, ref.canonical)
            if tag.year is not None and ref is None and name == str(tag.year):
                written.append(name)  # a year alone: the author's own tag
                continue
            written.append(name)
            if tag.year is not None and tag.year != year:
                written.append(str(tag.year))
        unique = list(dict.fromkeys(written))
        # Stable sort by category; a tag without one travels with the tag before it.
        keyed: list[tuple[int, int, str]] = []
        current = -1
        for position, text in enumerate(unique):
            ref, _, _ = self.vocabulary.resolve_tag(text)
            rank = self.rank.get(ref.category) if ref is not None else None
            if rank is not None:
                current = rank
            keyed.append((current, position, text))
        keyed.sort()
        return [text for _, _, text in keyed]

    def _spelling(self, name: str, canonical: str) -> str:
        """The vocabulary's spelling of ``name`` where only the case differs (hashtags were
        written in lower case: `#cvpr` is `CVPR`, `:hash:google research` is `Google
        Research`); any other spelling stays as written, so that no entity is renamed."""
        folded = name.casefold()
        entry = self.vocabulary.get(canonical)
        spellings = (canonical, *entry.aliases, *entry.former_names) if entry else (canonical,)
        return next((s for s in spellings if s.casefold() == folded), name)

    def _summary_edits(self, entry: Entry, tags: list[Tag]) -> list[_Edit]:
        """Take the tags off the summary lines and put a space after a tight ``>``."""
        source = self.source
        text = source.text
        edits: list[_Edit] = []
        lines = sorted(
            {
                line
                for block in entry.summary
                for line in range(block.span.start_line, block.span.end_line + 1)
            }
        )
        for line in lines:
            start = source.line_starts[line - 1]
            end = source.line_ends[line - 1]
            on_line = [t for t in tags if start <= t.span.start_offset < end]
            original = text[start:end]
            rebuilt = original
            for tag in reversed(on_line):
                s = tag.span.start_offset - start
                e = tag.span.end_offset - start
                while s > 0 and rebuilt[s - 1] in " \t":
                    s -= 1
                rebuilt = rebuilt[:s] + rebuilt[e:]
            if on_line:
                rebuilt = rebuilt.rstrip(" \t")
            rebuilt = TIGHT_QUOTE_RE.sub(r"\1 ", rebuilt, count=1)
            if rebuilt == original:
                continue
            if not rebuilt.strip(" \t>"):
                # Only tags were on the line: the line goes, with its line break.
                stop = source.line_starts[line] if line < source.line_count else end
                begin = start if line < source.line_count else _previous_break(text, start)
                edits.append(_Edit(begin, stop, ""))
            else:
                edits.append(_Edit(start, end, rebuilt))
        return edits


def _previous_break(text: str, start: int) -> int:
    """Where the line break before ``start`` begins (the file's last line is removed with the
    break before it)."""
    if start >= 2 and text[start - 2 : start] == "\r\n":
        return start - 2
    return max(start - 1, 0)


def _summary_indent(document: Document) -> str:
    """The indentation the file's summaries use most (a tab when it has none)."""
    counts = Counter(
        block.first_line_indent
        for entry in document.entries
        for block in entry.summary
        if block.kind is BlockKind.QUOTE and block.first_line_indent
    )
    return counts.most_common(1)[0][0] if counts else "\t"


def _apply(text: str, edits: list[_Edit]) -> str:
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        if edit.start < cursor:
            continue  # overlapping edits cannot happen by construction; never corrupt
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.content)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


# -- the safety net ------------------------------------------------------------------------


def _facts(tags: list[Tag], year: int | None) -> set[tuple[str, str]]:
    """What a list of tags says: the entities (or unknown texts) and the years, with the year
    the section or file already gives left out (migration drops it from fused tags)."""
    facts: set[tuple[str, str]] = set()
    for tag in tags:
        if tag.resolved is not None:
            facts.add(("tag", tag.resolved.canonical))
        elif tag.year is None or tag.name != str(tag.year):
            facts.add(("tag", tag.name))
        if tag.year is not None and tag.year != year:
            facts.add(("year", str(tag.year)))
    return facts


def _words(entry: Entry, source: SourceText) -> list[str]:
    """The comment's and the summary's words, without tags and quote markers."""
    text = source.text
    legacy = [
        (t.span.start_offset, t.span.end_offset)
        for t in entry.tags
        if t.syntax is not TagSyntax.BACKTICK
    ]
    pieces = [entry.comment]
    for block in entry.summary:
        start, end = block.span.start_offset, block.span.end_offset
        chunk = []
        cursor = start
        for s, e in sorted(legacy):
            if start <= s < end:
                chunk.append(text[cursor:s])
                cursor = e
        chunk.append(text[cursor:end])
        pieces.append(_QUOTE_MARKERS_RE.sub(" ", "".join(chunk)))
    return " ".join(pieces).split()


def _compare(
    old: Document,
    new: Document,
    old_source: SourceText,
    new_source: SourceText,
    planner: _Planner,
) -> tuple[int, str] | None:
    if (old.header is None) != (new.header is None) or (
        old.header is not None
        and new.header is not None
        and (old.header.title, old.header.preface) != (new.header.title, new.header.preface)
    ):
        return 1, "the file's title or preface would change"
    if len(old.sections) != len(new.sections):
        return 1, f"the notes would go from {len(old.sections)} to {len(new.sections)} sections"
    for old_section, new_section in zip(old.sections, new.sections, strict=True):
        line = old_section.heading_span.start_line if old_section.heading_span else 1
        if old_section.heading != new_section.heading:
            return line, f"the heading '{old_section.heading}' would change"
        moved = old_section.labels if planner.move_labels else []
        if not planner.move_labels and [t.text for t in old_section.labels] != [
            t.text for t in new_section.labels
        ]:
            return line, "the heading's labels would change"
        if len(old_section.entries) != len(new_section.entries):
            return line, (
                f"section '{old_section.heading}' would go from {len(old_section.entries)} to "
                f"{len(new_section.entries)} entries"
            )
        year = context_year(old, old_section)
        for old_entry, new_entry in zip(old_section.entries, new_section.entries, strict=True):
            line = old_entry.head_span.start_line
            if old_entry.title != new_entry.title:
                return line, f"the title '{old_entry.title}' would become '{new_entry.title}'"
            before = _facts([*old_entry.tags, *moved], year)
            after = _facts(new_entry.tags, year)
            if before != after:
                lost = ", ".join(sorted(v for _, v in before - after)) or "none"
                gained = ", ".join(sorted(v for _, v in after - before)) or "none"
                return line, f"the tags would change (lost: {lost}; gained: {gained})"
            if _words(old_entry, old_source) != _words(new_entry, new_source):
                return line, "the words of the comment or the summary would change"
            if new_entry.comment_span is not None:
                return line, "the comment would stay on the bullet line"
    return None

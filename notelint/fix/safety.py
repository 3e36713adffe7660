"""The safety net: a round of fixes may change how the notes look, never what they say.

Modelled on mdformat's HTML-equivalence check but aware of what the edits intend, it compares
the notes before and after every round:

* the same sections (heading text and level) and, in each, the same number of entries;
* for each entry its title, its tags, the text after its tags and its summary; for the
  document its front matter, its fenced/indented code, its links and its inline directives.
  A part that no edit touches must be exactly as it was. A part touched only by safe edits
  may differ only in whitespace, invisible characters and compatibility forms (ligatures),
  and an entry's tags only in spelling of the same tag (alias, case) and in duplicates.
  A part touched by an unsafe edit may change: that is the edit's own range;
* a safe edit that is not about whitespace, invisible characters or a bullet marker may only
  rewrite tags and inline directives, never prose;
* the whitespace, invisible-character and bullet-marker edits must leave the rendered HTML
  the same, modulo whitespace, paragraph wrapping, hard line breaks and list/quote nesting
  (which the entry model above checks instead).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from notelint.fix.planning import PlannedEdit, apply_planned, listed_codes
from notelint.model.document import Document, Entry, Span
from notelint.parse.parser import parse
from notelint.parse.source import ASCII_CONTROL_RE, LINE_END_RE, SourceText
from notelint.vocabulary.tags import Vocabulary, fold

if TYPE_CHECKING:
    pass

_WHITESPACE_RE = re.compile(r"\s+")
_BULLETS = frozenset("*+-")
# Tags that only wrap or nest blocks: the entry model checks nesting, the HTML check ignores it.
_NESTING_TAGS_RE = re.compile(r"</?(?:p|ul|ol|li|blockquote)(?:\s[^>]*)?>|<br\s*/?>")
_TITLE_WIDTH = 50


# -- the safety net --------------------------------------------------------------------------


class EditKind(Enum):
    WHITESPACE = "whitespace"
    CHARACTERS = "characters"  # invisible characters, ligatures and other compatibility forms
    BULLET = "bullet"
    OTHER = "other"


def edit_kind(old: str, new: str) -> EditKind:
    if _WHITESPACE_RE.sub("", old) == _WHITESPACE_RE.sub("", new):
        return EditKind.WHITESPACE
    if old in _BULLETS and new in _BULLETS and len(old) == len(new) == 1:
        return EditKind.BULLET
    if _WHITESPACE_RE.sub("", plain(old)) == _WHITESPACE_RE.sub("", plain(new)):
        return EditKind.CHARACTERS
    return EditKind.OTHER


def plain(text: str) -> str:
    """The text as it reads: ligatures as their letters, every kind of space (no-break, narrow,
    em …) as a space, and no format characters (zero-width spaces and joiners, soft hyphens,
    byte-order marks). Other compatibility forms (``x²``, ``™``, full-width letters) stay:
    turning them into plain letters changes what the text says. Control characters (ESC, BEL)
    do not read at all."""
    if text.isascii() and ASCII_CONTROL_RE.search(text) is None:
        return text
    return "".join(_plain_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _plain_char(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cf" or (category == "Cc" and char not in "\t\n\r"):
        return ""
    if category == "Zs":
        return " "
    if "LIGATURE" in unicodedata.name(char, "") and unicodedata.decomposition(char).startswith(
        "<compat>"
    ):
        return unicodedata.normalize("NFKC", char)
    return char


def text_key(text: str) -> str:
    """Prose compared modulo whitespace and invisible characters; lines are kept (a line
    that starts with ``>`` is a quote), blank lines are not."""
    lines = (" ".join(line.split()) for line in LINE_END_RE.split(plain(text)))
    return "\n".join(line for line in lines if line)


def tag_key(text: str, vocabulary: Vocabulary) -> str:
    """What a tag means: its canonical vocabulary entry (following ``replaced-by`` from a
    deprecated tag), or its folded text when the vocabulary does not know it."""
    cleaned = plain(text).strip()
    resolved = vocabulary.resolve(cleaned) if cleaned else None
    if resolved is None:
        return fold(cleaned)
    canonical = resolved.canonical
    seen = {canonical}
    while resolved is not None and resolved.deprecated and resolved.replaced_by:
        replacement = vocabulary.resolve(resolved.replaced_by)
        if replacement is None or replacement.canonical in seen:
            break
        resolved = replacement
        canonical = replacement.canonical
        seen.add(canonical)
    return fold(canonical)


def _tag_keys(tags: Iterable[object], vocabulary: Vocabulary) -> set[str]:
    """What an entry's tags say: each tag once, spelt any way, empty tags saying nothing."""
    keys = {tag_key(str(t), vocabulary) for t in tags}
    keys.discard("")
    return keys


@dataclass
class _Part:
    """One comparable part of the notes: its label, where it was, and both values."""

    label: str
    start: int
    end: int
    before: object
    after: object
    kind: str  # "text", "title", "tags" or "exact"


def check_meaning(
    before: SourceText,
    after_text: str,
    planned: Sequence[PlannedEdit],
    vocabulary: Vocabulary,
) -> str | None:
    """Why the edited text would not mean what the original meant, or None when it does."""
    all_codes = listed_codes(p.code for p in planned)
    after = SourceText(text=after_text, path=before.path, bom=before.bom)
    old_doc = parse(before, vocabulary)
    new_doc = parse(after, vocabulary)

    problem = _check_edit_kinds(before.text, old_doc, planned)
    if problem is not None:
        return problem

    parts, problem = _pair_parts(old_doc, new_doc, before, after, all_codes)
    if problem is not None:
        return problem
    index = _EditIndex(planned)
    for part in parts:
        if part.before == part.after:
            continue
        touching = index.touching(part.start, part.end)
        if any(p.unsafe for p in touching):
            continue
        codes = listed_codes(p.code for p in touching) if touching else all_codes
        if touching and part.kind == "text":
            assert isinstance(part.before, str) and isinstance(part.after, str)
            if text_key(part.before) == text_key(part.after):
                continue
        if touching and part.kind == "title":
            # A title is one line of prose: a line break in it reads as a space.
            assert isinstance(part.before, str) and isinstance(part.after, str)
            if " ".join(text_key(part.before).split()) == " ".join(text_key(part.after).split()):
                continue
        if touching and part.kind == "tags":
            assert isinstance(part.before, list) and isinstance(part.after, list)
            if _tag_keys(part.before, vocabulary) == _tag_keys(part.after, vocabulary):
                continue
        return f"{codes} would change {part.label}"

    problem = _check_code_and_links(before, after, planned, all_codes)
    if problem is not None:
        return problem
    return _check_rendering(before.text, planned, _tag_ranges(old_doc))


def _tag_ranges(doc: Document) -> list[tuple[int, int]]:
    """Where the tags are: an edit within a tag (or between two touching tags) rewrites the
    tag, which the entry's tags part judges (same entity or not), not the rendering."""
    return sorted((t.span.start_offset, t.span.end_offset) for e in doc.entries for t in e.tags)


def _inside_tag(edit: PlannedEdit, tags: Sequence[tuple[int, int]]) -> bool:
    # The last tag starting before the edit is the only one that can hold it (tags are
    # disjoint); an insertion at its end may sit between it and a tag that touches it.
    index = bisect_left(tags, (edit.start, -1)) - 1
    if index < 0:
        return False
    start, end = tags[index]
    if start < edit.start and edit.end < end:
        return True  # strictly inside the backticks
    following = tags[index + 1] if index + 1 < len(tags) else None
    return edit.start == edit.end == end and following is not None and following[0] == end


class _EditIndex:
    """Which of a round's edits touch a range (sorted, non-overlapping edits: both their
    starts and their ends are sorted, so two bisections find them)."""

    def __init__(self, planned: Sequence[PlannedEdit]) -> None:
        self.planned = planned
        self.starts = [p.start for p in planned]
        self.ends = [p.end for p in planned]

    def touching(self, start: int, end: int) -> list[PlannedEdit]:
        first = bisect_left(self.ends, start)
        stop = bisect_right(self.starts, end)
        return list(self.planned[first:stop])


def _check_edit_kinds(text: str, doc: Document, planned: Sequence[PlannedEdit]) -> str | None:
    """A safe edit that is not about whitespace, invisible characters or bullets may rewrite
    tags and inline directives only."""
    starts: list[int] | None = None
    ends: list[int] = []
    for edit in planned:
        if edit.unsafe:
            continue
        old = text[edit.start : edit.end]
        if edit_kind(old, edit.content) is not EditKind.OTHER:
            continue
        if starts is None:
            allowed = sorted(
                [(t.span.start_offset, t.span.end_offset) for e in doc.entries for t in e.tags]
                + [(s.span.start_offset, s.span.end_offset) for s in doc.suppressions]
            )
            starts = [a for a, _ in allowed]
            ends = list(accumulate((b for _, b in allowed), max))
        for offset in range(edit.start, edit.end):
            if text[offset].isspace():
                continue
            # Inside an allowed range: the ranges starting at or before the offset reach past it.
            index = bisect_right(starts, offset)
            if index == 0 or ends[index - 1] <= offset:
                line = text.count("\n", 0, offset) + 1
                return (
                    f"{edit.code} offers a safe fix that rewrites text outside tags "
                    f"(line {line}: {old.strip()[:40]!r} → {edit.content.strip()[:40]!r}); "
                    "a fix that changes text must be unsafe"
                )
    return None


def _pair_parts(
    old: Document, new: Document, before: SourceText, after: SourceText, codes: str
) -> tuple[list[_Part], str | None]:
    parts: list[_Part] = []
    if (old.front_matter is None) != (new.front_matter is None):
        return parts, f"{codes} would change where the front matter ends"
    if old.front_matter is not None and new.front_matter is not None:
        parts.append(
            _Part(
                "the front matter",
                old.front_matter.start_offset,
                old.front_matter.end_offset,
                _slice(before, old.front_matter),
                _slice(after, new.front_matter),
                "text",
            )
        )
    if (old.header is None) != (new.header is None):
        return parts, f"{codes} would change whether the file has a title and preface"
    if old.header is not None and new.header is not None:
        parts.append(
            _Part(
                "the file's title and preface",
                old.header.span.start_offset,
                old.header.span.end_offset,
                text_key(old.header.title + "\n" + old.header.preface),
                text_key(new.header.title + "\n" + new.header.preface),
                "exact",
            )
        )
    if len(old.sections) != len(new.sections):
        return parts, (
            f"{codes} would change the notes from {len(old.sections)} to "
            f"{len(new.sections)} sections"
        )
    for old_section, new_section in zip(old.sections, new.sections, strict=True):
        name = f"section '{old_section.heading}'" if old_section.heading else "the top section"
        if (old_section.heading is None) != (new_section.heading is None):
            return parts, f"{codes} would change where {name} starts"
        if old_section.heading_span is not None:
            span = old_section.heading_span
            parts.append(
                _Part(
                    f"the heading of {name}",
                    span.start_offset,
                    span.end_offset,
                    old_section.heading,
                    new_section.heading,
                    "text",
                )
            )
            parts.append(
                _Part(
                    f"the labels of {name}",
                    span.start_offset,
                    span.end_offset,
                    [t.text for t in old_section.labels],
                    [t.text for t in new_section.labels],
                    "exact",
                )
            )
            parts.append(
                _Part(
                    f"the level of the heading of {name}",
                    span.start_offset,
                    span.end_offset,
                    old_section.level,
                    new_section.level,
                    "exact",
                )
            )
        if len(old_section.entries) != len(new_section.entries):
            return parts, (
                f"{codes} would change {name} from {len(old_section.entries)} to "
                f"{len(new_section.entries)} entries"
            )
        for old_entry, new_entry in zip(old_section.entries, new_section.entries, strict=True):
            parts.extend(_entry_parts(old_entry, new_entry, before, after))
    return parts, None


def _entry_parts(old: Entry, new: Entry, before: SourceText, after: SourceText) -> list[_Part]:
    title = old.title if len(old.title) <= _TITLE_WIDTH else old.title[: _TITLE_WIDTH - 1] + "…"
    name = f"entry '{title}'"
    head = old.head_span

    def where(span: Span | None) -> tuple[int, int]:
        chosen = span or head
        return chosen.start_offset, chosen.end_offset

    # Tags may be added, removed or moved anywhere on the head (after the title, before it), so
    # every edit of the head touches them; the summary starts where the head ends.
    tags_start, tags_end = where(None)
    summary_start = head.end_offset
    summary_end = old.summary[-1].span.end_offset if old.summary else head.end_offset
    return [
        _Part(f"the title of {name}", *where(old.title_span), old.title, new.title, "title"),
        _Part(
            f"the words of {name}",
            head.start_offset,
            head.end_offset,
            _head_words(old, before),
            _head_words(new, after),
            "text",
        ),
        _Part(
            f"the tags of {name}",
            tags_start,
            tags_end,
            [t.text for t in old.tags],
            [t.text for t in new.tags],
            "tags",
        ),
        _Part(
            f"the text after the tags of {name}",
            *where(old.trailing_span),
            old.trailing_text,
            new.trailing_text,
            "text",
        ),
        _Part(
            f"the comment of {name}",
            *where(old.comment_span),
            old.comment,
            new.comment,
            "text",
        ),
        _Part(
            f"the summary of {name}",
            summary_start,
            summary_end,
            "\n".join(b.text for b in old.summary),
            "\n".join(b.text for b in new.summary),
            "text",
        ),
    ]


def _head_words(entry: Entry, source: SourceText) -> str:
    """The entry's bullet paragraph without its bullet and tags: the title and any text
    between, after or before the tags, which tag fixes must leave alone."""
    text = source.text
    pieces: list[str] = []
    cursor = entry.bullet_span.end_offset
    head_end = entry.head_span.end_offset
    for tag in entry.tags:
        if tag.span.start_offset >= head_end:
            break  # a tag on a summary line (older notes)
        pieces.append(text[cursor : tag.span.start_offset])
        cursor = tag.span.end_offset
    pieces.append(text[cursor : entry.head_span.end_offset])
    return " ".join(" ".join(pieces).split())


def _slice(source: SourceText, span: Span) -> str:
    return source.text[span.start_offset : span.end_offset]


@cache
def _full_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


@lru_cache(maxsize=8)
def _tokens(text: str) -> list[Token]:
    """markdown-it's full parse (inline included), shared by the code, link and HTML checks:
    a round's output is the next round's input."""
    return _full_markdown().parse(text)


@dataclass
class _Located:
    start: int
    end: int
    value: tuple[str, ...]


def _code_and_links(source: SourceText) -> tuple[list[_Located], list[_Located]]:
    """Code blocks (info string, content) and link targets, each with the offsets of the
    block it sits in."""
    tokens = _tokens(source.text)
    code: list[_Located] = []
    links: list[_Located] = []

    def located(token: Token, value: tuple[str, ...]) -> _Located:
        first, stop = token.map if token.map is not None else (0, source.line_count)
        first = min(first, source.line_count - 1)
        stop = min(max(stop, first + 1), source.line_count)
        return _Located(source.line_starts[first], source.line_ends[stop - 1], value)

    for token in tokens:
        if token.type in ("fence", "code_block"):
            code.append(located(token, (token.info.strip(), token.content)))
        elif token.type == "inline" and token.children:
            for child in token.children:
                target = None
                if child.type == "link_open":
                    target = child.attrGet("href")
                elif child.type == "image":
                    target = child.attrGet("src")
                if target is not None:
                    links.append(located(token, (plain(unquote(str(target))),)))
    return code, links


def _check_code_and_links(
    before: SourceText, after: SourceText, planned: Sequence[PlannedEdit], codes: str
) -> str | None:
    """Code and link targets are compared exactly, except inside blocks an unsafe edit
    touched (before) or wrote into (after)."""
    old_code, old_links = _code_and_links(before)
    new_code, new_links = _code_and_links(after)
    unsafe = [p for p in planned if p.unsafe]

    def kept_before(items: list[_Located]) -> Counter[tuple[str, ...]]:
        return Counter(
            i.value for i in items if not any(p.start <= i.end and p.end >= i.start for p in unsafe)
        )

    def kept_after(items: list[_Located]) -> Counter[tuple[str, ...]]:
        return Counter(
            i.value
            for i in items
            if not any(p.new_start <= i.end and p.new_end >= i.start for p in unsafe)
        )

    if kept_before(old_code) != kept_after(new_code):
        touching = [
            p for p in planned if any(p.start <= c.end and p.end >= c.start for c in old_code)
        ]
        return f"{listed_codes(p.code for p in touching) or codes} would change code in the notes"
    if kept_before(old_links) != kept_after(new_links):
        return f"{codes} would change link targets"
    return None


def render_key(markdown: str) -> str:
    """Rendered HTML modulo whitespace, paragraph wrapping, hard breaks, list and quote
    nesting, invisible characters and compatibility forms."""
    md = _full_markdown()
    html = md.renderer.render(_tokens(markdown), md.options, {})
    return " ".join(plain(_NESTING_TAGS_RE.sub(" ", html)).split())


def _check_rendering(
    text: str, planned: Sequence[PlannedEdit], tags: Sequence[tuple[int, int]] = ()
) -> str | None:
    """Whitespace, invisible-character and bullet edits must not change the rendering (edits
    within tags are tag rewrites, judged with the entry's tags)."""
    neutral = [
        p
        for p in planned
        if edit_kind(text[p.start : p.end], p.content) is not EditKind.OTHER
        and not p.unsafe
        and not (tags and _inside_tag(p, tags))
    ]
    if not neutral:
        return None
    copies = [PlannedEdit(p.start, p.end, p.content, p.code, p.unsafe) for p in neutral]
    if render_key(text) == render_key(apply_planned(text, copies)):
        return None
    return f"{listed_codes(p.code for p in neutral)} would change how the notes render"

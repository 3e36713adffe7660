"""Markdown source → :class:`~notelint.model.document.Document`.

markdown-it-py decides the block structure (headings, the top-level bullet list whose items are
entries, fences, HTML blocks), so notelint agrees with how the notes render. It only reports
block line ranges, so everything finer is computed here from the source text: the bullet
marker, the title, each backticked tag, the text after the tags, and the summary lines, which
are classified line by line as quote (``>``) or loose (text that fell out of the quote).

Inline parsing is switched off: no rule needs markdown-it's inline tokens, and it is most of
markdown-it's time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Literal, cast

from markdown_it import MarkdownIt
from markdown_it.token import Token

from notelint.model.document import (
    BlockKind,
    DirectiveKind,
    Document,
    DocumentHeader,
    Entry,
    Section,
    Span,
    SummaryBlock,
    Suppression,
    Tag,
    TagRef,
    TagSyntax,
    make_span,
    make_tag,
)
from notelint.parse.comments import comment_spans, directives, strip_comments
from notelint.parse.source import SourceText
from notelint.vocabulary.tags import Vocabulary

# An unordered list's marker, or an ordered list's delimiter (`1.` or `1)`).
BulletMarker = Literal["*", "-", "+", ".", ")"]
_BULLET_RE = re.compile(r"[ \t]*([*+-]|\d{1,9}[.)])(?:[ \t]+|$)")
_QUOTE_RE = re.compile(r"[ \t]*>")
# A quote marker with no space after it (`>text`, older notes): still a quote.
TIGHT_QUOTE_RE = re.compile(r"([ \t]*>)(?=[^\s>])")
_BACKTICKS_RE = re.compile(r"`+")
_LABEL_RE = re.compile(r"[ \t]*>[ \t]*([A-Z][a-z]+(?: [a-z]+)?):\s")
# Older notes: ` -- ` ends the title and starts the author's comment; `**#x**` and `:hash:x`
# are tags; `### Topic #Label` labels a section; years sit in headings and file names.
_COMMENT_SEP_RE = re.compile(r"(?:^|[ \t])--(?=[ \t]|$)")
_HASHTAG_RE = re.compile(r"\*\*#([^\W\d_][\w.+&'-]*)\*\*")
_SHORTCODE = ":hash:"
_HEADING_LABELS_RE = re.compile(r"(?:[ \t]+#[^\W\d_][\w.+-]*)+[ \t]*$")
_HEADING_LABEL_RE = re.compile(r"#([^\W\d_][\w.+-]*)")
_TRAILING_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\)?$|['’](\d{2})$")
_ANY_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FRONT_MATTER_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_CODE_LIST_SPLIT = re.compile(r"[\s,]+")
_DIRECTIVE_KINDS = {
    "notelint-disable-next-line": DirectiveKind.DISABLE_NEXT_LINE,
    "notelint-disable-line": DirectiveKind.DISABLE_LINE,
    "notelint-disable": DirectiveKind.DISABLE,
    "notelint-enable": DirectiveKind.ENABLE,
    "notelint-disable-file": DirectiveKind.DISABLE_FILE,
    "notelint-accept": DirectiveKind.ACCEPT,
}


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.disable(["inline", "text_join"], ignoreInvalid=True)
    return md


@dataclass
class _LineSets:
    """Lines (0-based) covered by code or HTML blocks, which hold no notes prose."""

    code: set[int] = field(default_factory=set)
    html: set[int] = field(default_factory=set)


def parse(source: SourceText, vocabulary: Vocabulary | None = None) -> Document:
    front_matter, md_text = _split_front_matter(source)
    tokens = _markdown().parse(md_text)
    lines = _LineSets()
    code_spans: list[Span] = []
    for token in tokens:
        if token.map is None:
            continue
        if token.type in ("fence", "code_block"):
            lines.code.update(range(*token.map))
            code_spans.append(_lines_span(source, token.map[0], token.map[1]))
        elif token.type == "html_block":
            lines.html.update(range(*token.map))

    builder = _Builder(source, lines, vocabulary)
    builder.walk(tokens)
    sections = builder.finish()
    header = builder.header
    document = Document.model_construct(
        path=source.path,
        header=header,
        year=header.year if header is not None and header.year else _file_year(source.path),
        bom=source.bom,
        newline=source.newline(),
        front_matter=front_matter,
        sections=sections,
        suppressions=_suppressions(source, lines.code),
        code_blocks=code_spans,
    )
    return document


def _file_year(path: str) -> int | None:
    """The year a file's name gives (``conf_2025.md``, ``2019-notes.md``), if one."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    years = _ANY_YEAR_RE.findall(name)
    return int(years[-1]) if years else None


def heading_year(heading: str) -> int | None:
    """The year a heading ends with: ``arXiv 2021``, ``WACV2020``, ``ICLR (2024)``, ``CVPR'24``."""
    match = _TRAILING_YEAR_RE.search(heading.strip().strip("*_`~ ").rstrip())
    if match is None:
        return None
    if match.group(1):
        return int(match.group(1))
    return 2000 + int(match.group(2))


def _split_front_matter(source: SourceText) -> tuple[Span | None, str]:
    """Front matter (``---`` … ``---`` at the very top) is blanked out for markdown-it, keeping
    line numbers, so that its closing line is not read as a setext heading."""
    if source.line_count < 2 or source.line_text(1).rstrip() != "---":
        return None, source.text
    for line in range(2, source.line_count + 1):
        if _FRONT_MATTER_CLOSE.fullmatch(source.line_text(line)):
            end = source.line_ends[line - 1]
            blanked = (
                "\n" * line + source.text[source.line_starts[line] :]
                if (line < source.line_count)
                else "\n" * line
            )
            return source.span(0, end), blanked
    return None, source.text


def _lines_span(source: SourceText, first: int, stop: int) -> Span:
    """Span from the start of 0-based line ``first`` to the end of line ``stop - 1``."""
    stop = max(stop, first + 1)
    return source.span(source.line_starts[first], source.line_ends[stop - 1])


class _Builder:
    def __init__(self, source: SourceText, lines: _LineSets, vocabulary: Vocabulary | None):
        self.source = source
        self.lines = lines
        self.vocabulary = vocabulary
        self.sections: list[_SectionDraft] = [_SectionDraft(None, 0, None, 0)]
        self.header: DocumentHeader | None = None

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        count = len(tokens)
        while i < count:
            token = tokens[i]
            if token.level != 0 or token.map is None:
                i += 1
                continue
            kind = token.type
            if kind == "heading_open":
                heading = tokens[i + 1].content.strip() if i + 1 < count else ""
                level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
                start, stop = token.map
                span = _lines_span(self.source, start, stop)
                draft = _SectionDraft(heading, level, span, start)
                if "#" in heading:
                    self._heading_labels(draft, span)
                self.sections.append(draft)
            elif kind == "bullet_list_open":
                i = self._bullet_list(tokens, i)
                continue
            elif kind == "ordered_list_open" and self._ordered_entries():
                # A numbered list of papers (curated lists number them); after bulleted
                # entries, a numbered list is a summary that fell out of the last one.
                i = self._bullet_list(tokens, i, close="ordered_list_close")
                continue
            elif kind in ("paragraph_open", "ordered_list_open", "blockquote_open"):
                self._stray_block(token.map[0], token.map[1])
            i += 1

    def _ordered_entries(self) -> bool:
        """Whether a numbered list here holds entries: no bulleted entry precedes it in the
        section."""
        entries = self.sections[-1].entries
        return not entries or entries[-1].bullet in ".)"

    def _bullet_list(self, tokens: list[Token], i: int, close: str = "bullet_list_close") -> int:
        """Each top-level list item is an entry; returns the index after the list."""
        i += 1
        while i < len(tokens) and not (tokens[i].type == close and tokens[i].level == 0):
            token = tokens[i]
            if token.type == "list_item_open" and token.level == 1 and token.map is not None:
                head_stop: int | None = None
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if (
                    nxt is not None
                    and nxt.type == "paragraph_open"
                    and nxt.map is not None
                    and nxt.map[0] == token.map[0]
                ):
                    head_stop = nxt.map[1]
                self._entry(token.map[0], token.map[1], head_stop)
            i += 1
        return i + 1

    def _stray_block(self, start: int, stop: int) -> None:
        """A top-level paragraph, list or quote after an entry belongs to that entry's summary:
        it fell out of the list item (usually an unindented line or a missing blank line).
        Before any entry, a quote may be the preface of the file's title."""
        section = self.sections[-1]
        if section.entries:
            section.entries[-1].extra_lines.extend(range(start, stop))
        elif section.preface is None and _QUOTE_RE.match(self.source.line_text(start + 1)):
            section.preface = (start, stop)

    def _heading_labels(self, draft: _SectionDraft, span: Span) -> None:
        """``### Topic #Label #Other``: the hashtags that end a heading label its entries."""
        heading = draft.heading or ""
        match = _HEADING_LABELS_RE.search(heading)
        if match is None or not heading[: match.start()].strip():
            return
        source = self.source
        at = source.text.find(heading, span.start_offset, span.end_offset)
        if at < 0:
            return
        draft.heading = heading[: match.start()].rstrip()
        for label in _HEADING_LABEL_RE.finditer(heading, match.start()):
            text = label.group(1)
            ref, name, year = _resolve_tag(self.vocabulary, text)
            tag_span = source.span(at + label.start(), at + label.end())
            draft.labels.append(make_tag(text, tag_span, ref, TagSyntax.HEADING, name, year))

    def _entry(self, start: int, stop: int, head_stop: int | None) -> None:
        source = self.source
        line_start = source.line_starts[start]
        line_text = source.line_text(start + 1)
        bullet = _BULLET_RE.match(line_text)
        if bullet is None:  # markdown-it said list item; be defensive all the same
            return
        marker_offset = line_start + bullet.start(1)
        marker_end = line_start + bullet.end(1)
        content_start = line_start + bullet.end()
        head_end = source.line_ends[(head_stop or start + 1) - 1]
        draft = _EntryDraft(
            bullet=cast(BulletMarker, bullet.group(1)[-1]),
            bullet_span=source.span(marker_offset, marker_end),
            head_span=source.span(marker_offset, max(head_end, marker_offset + 1)),
            content_start=content_start,
            head_end=max(head_end, content_start),
            summary_lines=list(range(head_stop or start + 1, stop)),
        )
        self.sections[-1].entries.append(draft)

    # -- finishing: drafts → models --------------------------------------------------------
    def finish(self) -> list[Section]:
        sections: list[Section] = []
        drafts = [s for s in self.sections if s.heading is not None or s.entries]
        if len(drafts) > 1 and not drafts[0].entries and drafts[0].preface is not None:
            self.header = self._header(drafts[0])
            drafts = drafts[1:]
        for index, draft in enumerate(drafts):
            next_start = (
                drafts[index + 1].start_line if index + 1 < len(drafts) else self.source.line_count
            )
            entries = [self._finish_entry(e) for e in draft.entries]
            last_line = self._last_content_line(draft.start_line, next_start)
            span = _lines_span(self.source, draft.start_line, last_line + 1)
            sections.append(
                Section.model_construct(
                    heading=draft.heading,
                    level=draft.level,
                    heading_span=draft.heading_span,
                    span=span,
                    entries=entries,
                    labels=draft.labels,
                    year=heading_year(draft.heading) if draft.heading else None,
                )
            )
        return sections

    def _header(self, draft: _SectionDraft) -> DocumentHeader | None:
        """The file's title and its preface quote."""
        if draft.heading_span is None or draft.preface is None:
            return None
        source = self.source
        first, stop = draft.preface
        preface = _lines_span(source, first, stop)
        title = draft.heading or ""
        years = _ANY_YEAR_RE.findall(title)
        return DocumentHeader.model_construct(
            title=title,
            level=draft.level,
            span=source.span(draft.heading_span.start_offset, preface.end_offset),
            title_span=draft.heading_span,
            preface=source.text[preface.start_offset : preface.end_offset],
            preface_span=preface,
            year=int(years[-1]) if years else None,
        )

    def _last_content_line(self, first: int, stop: int) -> int:
        for line in range(stop - 1, first - 1, -1):
            if self.source.line_text(line + 1).strip():
                return line
        return first

    def _finish_entry(self, draft: _EntryDraft) -> Entry:
        source = self.source
        head = _scan_head(source, draft.content_start, draft.head_end, self.vocabulary)
        lines = draft.summary_lines  # in order, each once
        if draft.extra_lines:
            lines = sorted(set(lines + draft.extra_lines))
        blocks = self._summary_blocks(lines)
        end = blocks[-1].span.end_offset if blocks else draft.head_span.end_offset
        tags = head.tags
        for block in blocks:
            if _SHORTCODE in block.text or "**#" in block.text:
                tags = tags + _text_tags(source, block.span, self.vocabulary)
        return Entry.model_construct(
            title=head.title,
            title_span=head.title_span,
            tags=tags,
            trailing_text=head.trailing_text,
            trailing_span=head.trailing_span,
            comment=head.comment,
            comment_span=head.comment_span,
            tags_before_title=head.tags_before_title,
            unclosed_backtick=head.unclosed_backtick,
            bullet=draft.bullet,
            bullet_span=draft.bullet_span,
            head_span=draft.head_span,
            summary=blocks,
            span=source.span(draft.head_span.start_offset, end),
        )

    def _summary_blocks(self, line_numbers: list[int]) -> list[SummaryBlock]:
        source = self.source
        blocks: list[SummaryBlock] = []
        current: list[int] = []
        current_kind: BlockKind | None = None

        def flush() -> None:
            nonlocal current, current_kind
            if current and current_kind is not None:
                blocks.append(self._block(current_kind, current))
            current, current_kind = [], None

        previous = -2
        for line in line_numbers:
            text = source.line_text(line + 1)
            if line in self.lines.code or (line in self.lines.html and _only_comment(text)):
                flush()
                previous = line
                continue
            if not text.strip():
                flush()
                previous = line
                continue
            kind = BlockKind.QUOTE if _QUOTE_RE.match(text) else BlockKind.LOOSE
            if kind != current_kind or line != previous + 1:
                flush()
                current_kind = kind
            current.append(line)
            previous = line
        flush()
        return blocks

    def _block(self, kind: BlockKind, lines: list[int]) -> SummaryBlock:
        source = self.source
        start = source.line_starts[lines[0]]
        end = source.line_ends[lines[-1]]
        first = source.line_text(lines[0] + 1)
        indent = first[: len(first) - len(first.lstrip(" \t"))]
        label_match = _LABEL_RE.match(first) if kind is BlockKind.QUOTE else None
        return SummaryBlock.model_construct(
            kind=kind,
            label=label_match.group(1) if label_match else None,
            text=source.text[start:end],
            span=source.span(start, end),
            first_line_indent=indent,
        )


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` is inside one of the sorted, disjoint ``spans``."""
    at = bisect_right(starts, offset) - 1
    return at >= 0 and offset < spans[at][1]


def _only_comment(text: str) -> bool:
    return not strip_comments(text).strip()


@dataclass
class _EntryDraft:
    bullet: BulletMarker
    bullet_span: Span
    head_span: Span
    content_start: int
    head_end: int
    summary_lines: list[int]
    extra_lines: list[int] = field(default_factory=list)


@dataclass
class _SectionDraft:
    heading: str | None
    level: int
    heading_span: Span | None
    start_line: int
    entries: list[_EntryDraft] = field(default_factory=list)
    labels: list[Tag] = field(default_factory=list)
    preface: tuple[int, int] | None = None  # 0-based lines [start, stop) of a quote


@dataclass
class _Head:
    title: str = ""
    title_span: Span | None = None
    tags: list[Tag] = field(default_factory=list)
    trailing_text: str = ""
    trailing_span: Span | None = None
    comment: str = ""
    comment_span: Span | None = None
    tags_before_title: bool = False
    unclosed_backtick: Span | None = None


def _resolve_tag(vocabulary: Vocabulary | None, text: str) -> tuple[TagRef | None, str, int | None]:
    if vocabulary is not None and text:
        return vocabulary.resolve_tag(text)
    return None, text, None


def _text_tags(source: SourceText, span: Span, vocabulary: Vocabulary | None) -> list[Tag]:
    """The ``**#x**`` and ``:hash:x`` tags in a range (a summary line may hold them)."""
    segments = _legacy_tags(source.text, [("text", span.start_offset, span.end_offset)])
    return [
        _make_legacy_tag(source, vocabulary, segment)
        for segment in segments
        if segment[0] != "text"
    ]


def _make_legacy_tag(
    source: SourceText, vocabulary: Vocabulary | None, segment: tuple[str, int, int]
) -> Tag:
    kind, s, e = segment
    text = source.text
    if kind == "hashtag":
        inner = text[s + 3 : e - 2]
        syntax = TagSyntax.HASHTAG
    else:
        inner = text[s + len(_SHORTCODE) : e]
        syntax = TagSyntax.SHORTCODE
    ref, name, year = _resolve_tag(vocabulary, inner)
    return make_tag(inner, source.span(s, e), ref, syntax, name, year)


def _legacy_tags(text: str, segments: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Split the text segments at bold hashtags (``**#cvpr2019**``) and ``:hash:`` shortcodes.
    A shortcode's tag runs to the next tag or the end of the line (``:hash:FB AI``)."""
    out: list[tuple[str, int, int]] = []
    for kind, s, e in segments:
        if kind != "text" or (text.find("**#", s, e) < 0 and text.find(_SHORTCODE, s, e) < 0):
            out.append((kind, s, e))
            continue
        marks: list[tuple[int, int, str]] = [
            (m.start(), m.end(), "hashtag") for m in _HASHTAG_RE.finditer(text, s, e)
        ]
        at = text.find(_SHORTCODE, s, e)
        while at >= 0:
            if not any(ms <= at < me for ms, me, _ in marks):
                marks.append((at, at, "shortcode"))
            at = text.find(_SHORTCODE, at + len(_SHORTCODE), e)
        marks.sort()
        cursor = s
        for index, (ms, me, mark) in enumerate(marks):
            if mark == "shortcode":
                stop = marks[index + 1][0] if index + 1 < len(marks) else e
                newline = text.find("\n", ms, stop)
                if newline >= 0:
                    stop = newline
                while stop > ms and text[stop - 1].isspace():
                    stop -= 1
                if stop - ms == len(_SHORTCODE):
                    continue  # a bare `#` sign, no tag
                me = stop
            out.append(("text", cursor, ms))
            out.append((mark, ms, me))
            cursor = me
        out.append(("text", cursor, e))
    return out


def _split_comment(
    text: str, segments: list[tuple[str, int, int]], comments: list[tuple[int, int]]
) -> list[tuple[str, int, int]]:
    """Mark the first `` -- `` after the title as the start of the line's comment."""
    seen_content = False
    for index, (kind, s, e) in enumerate(segments):
        if kind != "text":
            seen_content = True
            continue
        if text.find("--", s, e) >= 0:
            for match in _COMMENT_SEP_RE.finditer(text, s, e):
                sep = match.end() - 2
                before = text[s:sep]
                if comments:
                    before = strip_comments(before)
                if not (seen_content or before.strip()):
                    continue  # `* -- x`: no title to end
                return [
                    *segments[:index],
                    ("text", s, sep),
                    ("sep", sep, sep + 2),
                    ("text", sep + 2, e),
                    *segments[index + 1 :],
                ]
        chunk = text[s:e]
        if (strip_comments(chunk) if comments else chunk).strip():
            seen_content = True
    return segments


def _scan_head(source: SourceText, start: int, end: int, vocabulary: Vocabulary | None) -> _Head:
    """Split the bullet paragraph into title, tags and trailing text, with exact offsets.

    A tag is a single-backtick code span. Runs of two or more backticks are not tags, except a
    lone double backtick, which is an empty tag. HTML comments (inline directives) are skipped.
    """
    text = source.text
    head = _Head()
    # Segments: ("text", s, e) or ("tag", s, e) with offsets into the source.
    segments: list[tuple[str, int, int]] = []
    cursor = start
    # Most heads have no comment: a plain search is much cheaper than the regex.
    comments = comment_spans(text, start, end) if text.find("<!--", start, end) >= 0 else []
    comment_starts = [cs for cs, _ in comments]
    runs = _tag_runs(text, start, end)
    index = 0
    count = len(runs)
    while index < count:
        run_start, run_end = runs[index]
        if comments and _inside(comments, comment_starts, run_start):
            index += 1
            continue
        width = run_end - run_start
        if width == 1:
            closing: int | None = index + 1  # usually the very next run closes the tag
            while closing is not None and closing < count:
                next_start, next_end = runs[closing]
                if next_end - next_start == 1:
                    break
                closing += 1
            else:
                closing = None
            if closing is None:
                # Everything from the stray backtick on is unparsable as tags.
                head.unclosed_backtick = source.span(run_start, run_end)
                end = run_start
                break
            close_end = runs[closing][1]
            segments.append(("text", cursor, run_start))
            segments.append(("tag", run_start, close_end))
            cursor = close_end
            index = closing + 1
            continue
        if width == 2 and not text.startswith("``", _skip_blank(text, run_end, end), end):
            # ``  `` `` is how an empty tag looks when both backticks touch.
            segments.append(("text", cursor, run_start))
            segments.append(("tag", run_start, run_end))
            cursor = run_end
        index += 1
    segments.append(("text", cursor, end))
    # Plain searches (no slice, no regex): most heads hold none of the older shapes.
    if text.find("--", start, end) >= 0:
        segments = _split_comment(text, segments, comments)
    if text.find("**#", start, end) >= 0 or text.find(_SHORTCODE, start, end) >= 0:
        segments = _legacy_tags(text, segments)

    def blank(s: int, e: int) -> bool:
        chunk = text[s:e]
        if comments:
            chunk = strip_comments(chunk)
        return not chunk.strip()

    seen_title = False
    seen_tag = False
    # Tags are nearly always on the bullet's own line: their spans need no line search.
    starts = source.line_starts
    line = bisect_right(starts, start)
    line_start = starts[line - 1]
    line_stop = starts[line] if line < len(starts) else len(text) + 1
    comment_words: list[str] = []
    comment_start = comment_end = -1
    for kind, s, e in segments:
        if kind == "tag":
            inner = text[s + 1 : e - 1] if text[s:e] != "``" else ""
            if vocabulary is not None and inner:
                resolved, name, year = vocabulary.resolve_tag(inner)
            else:
                resolved, name, year = None, inner, None
            if line_start <= s and e < line_stop:
                span = make_span(line, s - line_start + 1, s, line, e - line_start + 1, e)
            else:
                span = source.span(s, e)
            head.tags.append(make_tag(inner, span, resolved, _BACKTICK, name, year))
            seen_tag = True
            if comment_start >= 0:
                comment_end = e
            continue
        if kind == "sep":
            comment_start = e
            continue
        if kind != "text":
            head.tags.append(_make_legacy_tag(source, vocabulary, (kind, s, e)))
            seen_tag = True
            if comment_start >= 0:
                comment_end = e
            continue
        if blank(s, e):
            continue
        ts, te = _strip_range(text, s, e, comments)
        if comment_start >= 0:
            comment_words.append(text[ts:te])
            comment_end = te
            continue
        if not seen_title:
            head.tags_before_title = seen_tag
            head.title = text[ts:te]
            head.title_span = source.span(ts, te)
            seen_title = True
        elif te > ts:
            head.trailing_text = text[ts:te]
            head.trailing_span = source.span(ts, te)
    if comment_end > comment_start >= 0:
        begin = _skip_blank(text, comment_start, comment_end)
        head.comment = " ".join(comment_words)
        head.comment_span = source.span(begin, comment_end)
    return head


def _tag_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The backtick runs of a head. A double backtick glued between two words
    (`` `arXiv``Transformers` ``) is two tags written without the space between them: the
    author's intent, though CommonMark renders one code span. It counts as a closing and an
    opening backtick, so that the tag rules see both tags (``tags-without-space`` reports it)."""
    runs: list[tuple[int, int]] = []
    for match in _BACKTICKS_RE.finditer(text, start, end):
        s, e = match.span()
        if (
            e - s == 2
            and s > start
            and e < end
            and not text[s - 1].isspace()
            and not text[e].isspace()
        ):
            runs.append((s, s + 1))
            runs.append((s + 1, e))
        else:
            runs.append((s, e))
    return runs


_BACKTICK = TagSyntax.BACKTICK
_BLANK_RE = re.compile(r"\s*")


def _skip_blank(text: str, start: int, end: int) -> int:
    """The first offset at or after ``start`` that is not whitespace (``end`` at most)."""
    match = _BLANK_RE.match(text, start, end)
    return match.end() if match else start


def _strip_range(text: str, s: int, e: int, comments: list[tuple[int, int]]) -> tuple[int, int]:
    """Trim whitespace, and HTML comments at either end, from the range [s, e)."""
    for cs, ce in comments:
        if s <= cs < e:
            if text[s:cs].strip():
                e = cs
            else:
                s = min(ce, e)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _suppressions(source: SourceText, code_lines: set[int]) -> list[Suppression]:
    text = source.text
    if "notelint-" not in text:
        return []
    found: list[Suppression] = []
    for match_start, match_end, body in directives(text):
        line = source.line_of(match_start)
        if (line - 1) in code_lines:
            continue
        body, _, _reason = body.partition(" -- ")
        name, _, rest = body.strip().partition(" ")
        kind = _DIRECTIVE_KINDS.get(name)
        span = source.span(match_start, match_end)
        items = [item for item in _CODE_LIST_SPLIT.split(rest.strip()) if item]
        if kind is None:
            found.append(
                Suppression.model_construct(
                    kind=DirectiveKind.INVALID,
                    codes=[],
                    words=[],
                    span=span,
                    error=f"unknown directive '{name}' (expected one of "
                    f"{', '.join(_DIRECTIVE_KINDS)})",
                )
            )
        elif kind is DirectiveKind.ACCEPT:
            error = None if items else "notelint-accept needs the words to accept"
            found.append(
                Suppression.model_construct(
                    kind=DirectiveKind.INVALID if error else kind,
                    codes=[],
                    words=items,
                    span=span,
                    error=error,
                )
            )
        else:
            found.append(
                Suppression.model_construct(kind=kind, codes=items, words=[], span=span, error=None)
            )
    return found

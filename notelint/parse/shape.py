"""Whether a Markdown file is a notes file at all, judged by its shape, never by its name.

A notes repository also holds a README, review documents, tables and link lists. Linted as notes
they give dozens of findings that are all wrong (every paragraph "an entry without a summary").
The shape of a notes file is simple: bullets that name papers (a title, often tags, often a
quoted summary). This module measures that shape; ``not-a-notes-file`` (NL003) and ``init`` use
the verdict.

The measures, in words a user can check against their file:

* **paper bullets**: bullets whose line has tags, a summary, a `` -- `` comment, or reads as a
  title (not a sentence: no full stop at the end, at most 30 words). Not a paper: a label
  (``**Year**: 2015``, ``Architecture:``) or a bullet whose only content is a nested list (the
  ``* What`` / ``* How`` outline of a page about one paper), unless it has tags; nor a bullet
  whose only "tags" are inline code (`` `tf.mul()` ``);
* **prose words**: words on lines outside every entry that are not headings, code, comments or
  front matter: paragraphs, tables, numbered lists.

A file is not a notes file when it has no paper bullet but has prose, when most of its bullets
are sentences rather than papers, or when its prose outweighs its entries by far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from notelint.model.document import BlockKind, Document, Entry
from notelint.parse.source import SourceText
from notelint.vocabulary.code_spans import looks_like_code

# Bold, italics and links do not make a title a sentence: read `[Title](url)` as `Title`.
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END_RE = re.compile(r"(?<!\bal)(?<!\betc)(?<!\bvs)[.;,]$")
# `` -- `` then at least one word: the author's comment on the bullet line (older notes).
_COMMENT_RE = re.compile(r"(?:^|\s)--\s+\S")
_MAX_TITLE_WORDS = 30
# "**Year**: 2015", "Architecture:": a label introducing what follows, not a paper's title.
_LABEL_RE = re.compile(r"^(?:\*\*[^*]+\*\*|__[^_]+__)\s*:|:$")
LIST_ITEM_RE = re.compile(r"[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]")
# A document of only a few lines of prose (a title and a sentence) is not worth a verdict.
_MIN_PROSE_WORDS = 30
_PROSE_RATIO = 2
_MIN_PROSE_FOR_RATIO = 200


@dataclass(frozen=True)
class Shape:
    entries: int
    paper_bullets: int
    entry_words: int
    prose_words: int

    def not_notes_reason(self) -> str | None:
        """Why the file is not a notes file, in a phrase; None when it is one."""
        if self.entries == 0:
            if self.prose_words >= _MIN_PROSE_WORDS:
                return f"it has no paper entries, only prose ({self.prose_words} words)"
            return None
        if 2 * self.paper_bullets < self.entries:
            return (
                f"most of its bullets are sentences, not papers ({self.paper_bullets} of"
                f" {self.entries} read as paper entries)"
            )
        if (
            self.prose_words >= _MIN_PROSE_FOR_RATIO
            and self.prose_words > _PROSE_RATIO * self.entry_words
        ):
            return (
                f"it is mostly prose ({self.prose_words} words outside entries,"
                f" {self.entry_words} in {self.entries} entries)"
            )
        return None


def reads_as_title(title: str) -> bool:
    text = _LINK_RE.sub(r"\1", title).replace("**", "").replace("__", "").strip()
    words = text.split()
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    return not _SENTENCE_END_RE.search(text)


def has_line_comment(entry: Entry) -> bool:
    """Whether the bullet line carries a `` -- comment`` after the title or the tags: words,
    or only tags (``* Title -- `Google` ``: the tags are the note)."""
    if entry.comment_span is not None:
        return True
    if entry.title.rstrip().endswith(" --") and entry.tags:
        return True
    return bool(_COMMENT_RE.search(entry.title) or _COMMENT_RE.search(entry.trailing_text))


def reads_as_paper(entry: Entry) -> bool:
    """Whether a bullet names a paper (see the module's "paper bullets")."""
    if entry.tags and all(looks_like_code(tag.text) for tag in entry.tags):
        return False  # `tf.multiply()` replaced `tf.mul()`: inline code, not a paper's tags
    if entry.tags or has_line_comment(entry):
        return True
    if _LABEL_RE.search(entry.title.strip()):
        return False
    if entry.summary:
        quoted = any(block.kind is BlockKind.QUOTE for block in entry.summary)
        return quoted or not _outline_item(entry)
    return reads_as_title(entry.title)


def _outline_item(entry: Entry) -> bool:
    """A bullet whose only content is a nested list: an outline's heading, not a paper."""
    return all(
        block.kind is BlockKind.LOOSE and LIST_ITEM_RE.match(block.text) for block in entry.summary
    )


def measure(document: Document, source: SourceText) -> Shape:
    skip: set[int] = set()
    for span in document.code_blocks:
        skip.update(range(span.start_line, span.end_line + 1))
    if document.front_matter is not None:
        fm = document.front_matter
        skip.update(range(fm.start_line, fm.end_line + 1))
    entries = [e for e in document.entries if e.title]
    entry_words = 0
    for section in document.sections:
        if section.heading_span is not None:
            skip.update(range(section.heading_span.start_line, section.heading_span.end_line + 1))
        for entry in section.entries:
            lines = range(entry.span.start_line, entry.span.end_line + 1)
            skip.update(lines)
            entry_words += sum(len(source.line_text(n).split()) for n in lines)
    prose_words = 0
    for number in range(1, source.line_count + 1):
        if number in skip:
            continue
        text = source.line_text(number).strip()
        if not text or text.startswith("<!--"):
            continue
        prose_words += len(text.replace("|", " ").split())
    return Shape(
        entries=len(entries),
        paper_bullets=sum(1 for e in entries if reads_as_paper(e)),
        entry_words=entry_words,
        prose_words=prose_words,
    )

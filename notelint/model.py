"""The typed notes model: Document → Section → Entry → Tag / SummaryBlock.

Every node carries a :class:`Span` with exact 1-based lines and columns and 0-based character
offsets into the decoded source. The parser builds these models with ``model_construct`` (the
data is already valid by construction, and validation would dominate the run time); the
pydantic schema is the export contract (``notelint export``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Span(BaseModel):
    """A source range. ``end`` is exclusive: ``end_offset`` is the first character after it."""

    model_config = ConfigDict(frozen=True)

    start_line: int
    start_column: int
    start_offset: int
    end_line: int
    end_column: int
    end_offset: int


class TagMatch(StrEnum):
    """How a tag's text was matched against the vocabulary."""

    EXACT = "exact"  # the canonical spelling
    ALIAS = "alias"  # a declared alias (``USA`` for ``US``)
    CASE = "case"  # canonical or alias, but in another letter case (``INRIA`` for ``Inria``)


class TagRef(BaseModel):
    """The vocabulary entry a tag resolved to."""

    canonical: str
    category: str
    match: TagMatch
    deprecated: bool = False
    replaced_by: str | None = None
    country: str | None = None  # implied country, for organisations


class Tag(BaseModel):
    """One backticked tag on an entry line, e.g. ```ICCV```."""

    text: str = Field(description="Tag text as written, without the backticks")
    span: Span = Field(description="The tag including its backticks")
    resolved: TagRef | None = None


class BlockKind(StrEnum):
    QUOTE = "quote"  # ``> `` paragraphs: the expected place for a summary
    LOOSE = "loose"  # summary text outside the quote (often a list that fell out of it)


class SummaryBlock(BaseModel):
    """A run of consecutive non-blank summary lines of one kind."""

    kind: BlockKind
    label: str | None = Field(
        default=None, description="Leading 'Motivation:' / 'Method:' / 'Results:' label, if any"
    )
    text: str = Field(description="Source text of the block, markers included")
    span: Span
    first_line_indent: str = Field(default="", description="Whitespace before the first marker")


class Entry(BaseModel):
    """One paper: a top-level bullet with a title, tags and a summary."""

    title: str
    title_span: Span | None
    tags: list[Tag] = Field(default_factory=list)
    trailing_text: str = Field(default="", description="Text after the last tag on the line")
    trailing_span: Span | None = None
    tags_before_title: bool = False
    unclosed_backtick: Span | None = None
    bullet: Literal["*", "-", "+"]
    bullet_span: Span
    head_span: Span = Field(description="The bullet paragraph: marker, title and tags")
    summary: list[SummaryBlock] = Field(default_factory=list)
    span: Span = Field(description="The whole entry, from the bullet to its last summary line")


class Section(BaseModel):
    """A heading and the entries below it (``heading`` is None before the first heading)."""

    heading: str | None
    level: int = Field(description="1 for '#', 2 for '##' … ; 0 for text before any heading")
    heading_span: Span | None
    span: Span
    entries: list[Entry] = Field(default_factory=list)


class DirectiveKind(StrEnum):
    DISABLE_NEXT_LINE = "disable-next-line"
    DISABLE_LINE = "disable-line"
    DISABLE = "disable"
    ENABLE = "enable"
    DISABLE_FILE = "disable-file"
    ACCEPT = "accept"  # words accepted by the spelling rule in this file
    INVALID = "invalid"


class Suppression(BaseModel):
    """An inline ``<!-- notelint-… -->`` directive."""

    kind: DirectiveKind
    codes: list[str] = Field(default_factory=list, description="Codes or slugs; empty = all")
    words: list[str] = Field(default_factory=list)
    span: Span
    error: str | None = None


class Document(BaseModel):
    """One notes file."""

    path: str
    bom: bool = False
    newline: str = "\n"
    front_matter: Span | None = None
    sections: list[Section] = Field(default_factory=list)
    suppressions: list[Suppression] = Field(default_factory=list)
    code_blocks: list[Span] = Field(
        default_factory=list, description="Fenced/indented code and HTML blocks: not prose"
    )

    @property
    def entries(self) -> list[Entry]:
        return [entry for section in self.sections for entry in section.entries]

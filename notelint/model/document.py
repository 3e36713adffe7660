"""The typed notes model: Document → Section → Entry → Tag / SummaryBlock.

Every node carries a :class:`Span` with exact 1-based lines and columns and 0-based character
offsets into the decoded source. The parser builds these models with ``model_construct`` (the
data is already valid by construction, and validation would dominate the run time); the
pydantic schema is the export contract (``notelint export``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import ConfigDict, Field

from notelint.model.fast import FastModel, bare_model


class Span(FastModel):
    """A source range. ``end`` is exclusive: ``end_offset`` is the first character after it."""

    model_config = ConfigDict(frozen=True)

    start_line: int
    start_column: int
    start_offset: int
    end_line: int
    end_column: int
    end_offset: int


# Span's fields in order: the arguments of make_span, and how spans are stored as data.
SPAN_FIELDS = tuple(Span.model_fields)
_EVERY_SPAN_FIELD = set(SPAN_FIELDS)


def make_span(
    start_line: int,
    start_column: int,
    start_offset: int,
    end_line: int,
    end_column: int,
    end_offset: int,
) -> Span:
    """``Span.model_construct`` with every field given, positionally. The parser makes some
    ten spans an entry, so this skips even :class:`FastModel`'s keyword handling (twice as
    fast); the object is the same (see tests/perf/test_fast_construct.py)."""
    return bare_model(
        Span,
        {
            "start_line": start_line,
            "start_column": start_column,
            "start_offset": start_offset,
            "end_line": end_line,
            "end_column": end_column,
            "end_offset": end_offset,
        },
        _EVERY_SPAN_FIELD,
    )


class TagMatch(StrEnum):
    """How a tag's text was matched against the vocabulary."""

    EXACT = "exact"  # the canonical spelling
    ALIAS = "alias"  # a declared alias (``USA`` for ``US``)
    CASE = "case"  # canonical or alias, but in another letter case (``INRIA`` for ``Inria``)
    # A former name (``NIPS`` for ``NeurIPS``, ``Facebook`` for ``Meta``): the same entity,
    # under the name it had then. History, not a misspelling: never rewritten by a safe fix.
    FORMER = "former"


class TagRef(FastModel):
    """The vocabulary entry a tag resolved to (frozen: tags with the same text share one)."""

    model_config = ConfigDict(frozen=True)

    canonical: str
    category: str
    match: TagMatch
    deprecated: bool = False
    replaced_by: str | None = None
    country: str | None = None  # implied country, for organisations


class TagSyntax(StrEnum):
    """How a tag is written. Only backticks are the current format; the others are the shapes
    of older notes, read into the same model (see ``legacy-syntax``)."""

    BACKTICK = "backtick"  # `ICCV`
    HASHTAG = "hashtag"  # **#cvpr2019**
    SHORTCODE = "shortcode"  # :hash:Facebook (GitHub renders :hash: as #)
    HEADING = "heading"  # ### Topic #Label: a label of every entry in the section


class Tag(FastModel):
    """One tag of an entry (or a heading label), e.g. ```ICCV```, ``**#cvpr2019**``."""

    text: str = Field(description="Tag text as written, without its markers (backticks, ** #)")
    span: Span = Field(description="The tag including its markers")
    resolved: TagRef | None = None
    syntax: TagSyntax = TagSyntax.BACKTICK
    name: str = Field(
        default="",
        description="The text matched against the vocabulary: the text without a fused year "
        "(`ECCV` of `ECCV2018`); the text itself otherwise",
    )
    year: int | None = Field(
        default=None, description="The year a tag gives: fused (`ECCV2018`) or alone (`2018`)"
    )

    @property
    def in_place(self) -> bool:
        """Whether a fix may rewrite this tag's text between its markers: a backticked tag
        with no fused year (a year would be lost; other syntaxes are for ``migrate``)."""
        return self.syntax is TagSyntax.BACKTICK and self.year is None


_EVERY_TAG_FIELD = set(Tag.model_fields)
_BACKTICK = TagSyntax.BACKTICK


def make_tag(
    text: str,
    span: Span,
    resolved: TagRef | None,
    syntax: TagSyntax = _BACKTICK,
    name: str | None = None,
    year: int | None = None,
) -> Tag:
    """``Tag.model_construct`` with every field given, positionally (as :func:`make_span`):
    the parser makes some four tags an entry."""
    return bare_model(
        Tag,
        {
            "text": text,
            "span": span,
            "resolved": resolved,
            "syntax": syntax,
            "name": text if name is None else name,
            "year": year,
        },
        _EVERY_TAG_FIELD,
    )


class BlockKind(StrEnum):
    QUOTE = "quote"  # ``> `` paragraphs: the expected place for a summary
    LOOSE = "loose"  # summary text outside the quote (often a list that fell out of it)


class SummaryBlock(FastModel):
    """A run of consecutive non-blank summary lines of one kind."""

    kind: BlockKind
    label: str | None = Field(
        default=None, description="Leading 'Motivation:' / 'Method:' / 'Results:' label, if any"
    )
    text: str = Field(description="Source text of the block, markers included")
    span: Span
    first_line_indent: str = Field(default="", description="Whitespace before the first marker")


class Entry(FastModel):
    """One paper: a top-level bullet with a title, tags and a summary."""

    title: str
    title_span: Span | None
    tags: list[Tag] = Field(default_factory=list)
    trailing_text: str = Field(default="", description="Text after the last tag on the line")
    trailing_span: Span | None = None
    comment: str = Field(
        default="",
        description="The note after ` -- ` on the bullet line (older notes), tags left out",
    )
    comment_span: Span | None = Field(
        default=None, description="From the first word after ` -- ` to the end of the line"
    )
    tags_before_title: bool = False
    unclosed_backtick: Span | None = None
    bullet: Literal["*", "-", "+", ".", ")"] = Field(
        description="The bullet, or for a numbered entry its delimiter (`1.` gives `.`)"
    )
    bullet_span: Span = Field(description="The bullet, or the number and its delimiter")
    head_span: Span = Field(description="The bullet paragraph: marker, title and tags")
    summary: list[SummaryBlock] = Field(default_factory=list)
    span: Span = Field(description="The whole entry, from the bullet to its last summary line")


class Section(FastModel):
    """A heading and the entries below it (``heading`` is None before the first heading)."""

    heading: str | None
    level: int = Field(description="1 for '#', 2 for '##' … ; 0 for text before any heading")
    heading_span: Span | None
    span: Span
    entries: list[Entry] = Field(default_factory=list)
    labels: list[Tag] = Field(
        default_factory=list,
        description="Hashtags ending the heading (`### Topic #Label`): labels of every entry",
    )
    year: int | None = Field(default=None, description="The year the heading ends with")


class DirectiveKind(StrEnum):
    DISABLE_NEXT_LINE = "disable-next-line"
    DISABLE_LINE = "disable-line"
    DISABLE = "disable"
    ENABLE = "enable"
    DISABLE_FILE = "disable-file"
    ACCEPT = "accept"  # words accepted by the spelling rule in this file
    INVALID = "invalid"


class Suppression(FastModel):
    """An inline ``<!-- notelint-… -->`` directive."""

    kind: DirectiveKind
    codes: list[str] = Field(default_factory=list, description="Codes or slugs; empty = all")
    words: list[str] = Field(default_factory=list)
    span: Span
    error: str | None = None


class DocumentHeader(FastModel):
    """A file title followed by a preface quote (``# Interesting CVPR2019 papers`` then
    ``> my quick opinion``): it introduces the file, it is no venue section."""

    title: str
    level: int
    span: Span = Field(description="The title and its preface")
    title_span: Span
    preface: str = Field(default="", description="The preface quote's source text")
    preface_span: Span | None = None
    year: int | None = Field(default=None, description="A year in the title")


class Document(FastModel):
    """One notes file."""

    path: str
    header: DocumentHeader | None = None
    year: int | None = Field(
        default=None, description="The year the file's title or its name gives (conf_2025.md)"
    )
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

"""What rules produce: findings, and fixes expressed as data (text edits with exact ranges)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import ConfigDict

from notelint.model.document import Span
from notelint.model.fast import FastModel


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Category(StrEnum):
    STRUCTURE = "structure"
    FORMAT = "format"
    TAGS = "tags"
    VENUE = "venue"
    SPELLING = "spelling"


class Applicability(StrEnum):
    SAFE = "safe"  # applied by --fix: cannot change what the notes say
    UNSAFE = "unsafe"  # applied only with --unsafe-fixes: touches words or moves content


class FixAvailability(StrEnum):
    """What a rule declares about its fixes (shown by ``notelint rules``)."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    SOMETIMES = "sometimes"  # safe for some findings, unsafe or absent for others


class Edit(FastModel):
    """Replace the source range ``span`` (end exclusive) with ``content``."""

    model_config = ConfigDict(frozen=True)

    span: Span
    content: str


class Fix(FastModel):
    model_config = ConfigDict(frozen=True)

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]


class Finding(FastModel):
    model_config = ConfigDict(frozen=True)

    path: str
    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    # Text of the entry the finding belongs to (for baselines and cross-file messages).
    entry_title: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start_offset, self.span.end_offset, self.code)

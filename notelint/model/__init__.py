"""The document model (sections, entries, tags, spans) and the findings rules report on it.

This package is the model a rule plugin reads and reports with: ``from notelint.model import
Entry, Finding, Severity`` works for every name listed here, and stays put when the modules
behind it move.
"""

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
    TagMatch,
    TagRef,
    TagSyntax,
)
from notelint.model.findings import (
    Applicability,
    Category,
    Edit,
    Finding,
    Fix,
    FixAvailability,
    Severity,
)

__all__ = [
    "Applicability",
    "BlockKind",
    "Category",
    "DirectiveKind",
    "Document",
    "DocumentHeader",
    "Edit",
    "Entry",
    "Finding",
    "Fix",
    "FixAvailability",
    "Section",
    "Severity",
    "Span",
    "SummaryBlock",
    "Suppression",
    "Tag",
    "TagMatch",
    "TagRef",
    "TagSyntax",
]

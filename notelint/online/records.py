"""What a provider returns: one :class:`Record` per publication it knows.

Records are plain, JSON-able data: the cache stores them, and matching and venue comparison
read them. A record says what the provider says, normalised just enough to compare (a DBLP
title without its final period, Crossref's title joined with its subtitle, HTML removed).
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

PROVIDER_LABELS = {
    "dblp": "DBLP",
    "semantic-scholar": "Semantic Scholar",
    "openreview": "OpenReview",
    "crossref": "Crossref",
    "arxiv": "arXiv",
}

__all__ = ["PROVIDER_LABELS", "Record", "Status"]


class Status(StrEnum):
    PUBLISHED = "published"  # in a conference, journal or workshop
    PREPRINT = "preprint"  # arXiv / CoRR / bioRxiv / posted content
    SUBMITTED = "submitted"  # OpenReview: under review, rejected or withdrawn
    UNKNOWN = "unknown"  # the provider gives no venue at all


@dataclass(frozen=True)
class Record:
    provider: str  # "dblp", "semantic-scholar", …
    title: str
    status: Status
    authors: tuple[str, ...] = ()
    # Every venue string the provider gives, most specific first ("ECCV (12)", "ICLR 2024
    # poster", "Computer Vision – ECCV 2024", "European Conference on Computer Vision").
    venue_names: tuple[str, ...] = ()
    venue_short: str | None = None  # a display name without year or volume ("ECCV")
    dblp_stream: str | None = None  # "conf/eccv", "journals/pami" (DBLP key without its last part)
    year: int | None = None
    url: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    # Alternative titles that identify the same record (Crossref title without subtitle).
    alt_titles: tuple[str, ...] = field(default=())

    @property
    def published(self) -> bool:
        return self.status is Status.PUBLISHED

    @property
    def venue_label(self) -> str:
        """'ECCV 2024', for messages."""
        name = self.venue_short or (self.venue_names[0] if self.venue_names else "")
        if not name:
            return "an unnamed venue"
        if self.year is not None and str(self.year) not in name:
            return f"{name} {self.year}"
        return name

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        return cls(
            provider=str(data["provider"]),
            title=str(data["title"]),
            status=Status(data["status"]),
            authors=tuple(data.get("authors") or ()),
            venue_names=tuple(data.get("venue_names") or ()),
            venue_short=data.get("venue_short"),
            dblp_stream=data.get("dblp_stream"),
            year=data.get("year"),
            url=data.get("url"),
            doi=data.get("doi"),
            arxiv_id=data.get("arxiv_id"),
            alt_titles=tuple(data.get("alt_titles") or ()),
        )


_TAG_RE = re.compile(r"<[^<>]{1,200}>")
_SPACE_RE = re.compile(r"\s+")
_ARXIV_ID_RE = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*|10\.48550/arxiv\.)([0-9]{4}\.[0-9]{4,5})(?:v[0-9]+)?",
    re.IGNORECASE,
)


def clean_text(value: Any) -> str:
    """Plain text from a provider string: HTML tags and entities removed, spaces collapsed."""
    if value is None:
        return ""
    text = html.unescape(_TAG_RE.sub("", str(value)))
    return _SPACE_RE.sub(" ", text).strip()


def as_list(value: Any) -> list[Any]:
    """A JSON value that is sometimes a list and sometimes a single item (DBLP's quirk)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def as_int(value: Any) -> int | None:
    """Numbers that providers send as strings ("2024") or numbers."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def find_arxiv_id(text: str) -> str | None:
    """The first new-style arXiv identifier in a text (a URL, 'arXiv:2401.01234', a DOI)."""
    match = _ARXIV_ID_RE.search(text)
    return match.group(1) if match else None


def dblp_stream(key: str | None) -> str | None:
    """'conf/iccv/SmithJ23' → 'conf/iccv'."""
    if not key or "/" not in key:
        return None
    stream = key.rsplit("/", 1)[0]
    return stream or None

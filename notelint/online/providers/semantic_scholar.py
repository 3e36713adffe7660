"""Semantic Scholar Academic Graph: ``paper/search/match`` by title, ``paper/batch`` by arXiv id.

Quirks handled: the title match answers 404 with ``{"error": "Title match not found"}`` when
nothing matches (any other 404 is a wrong address or a proxy's page: a failure, not a miss);
batch results hold ``null`` for unknown identifiers; an arXiv-only paper has venue "arXiv.org"
(or none) and journal "ArXiv"; SSRN papers are in "SSRN Electronic Journal", a preprint server.
The API key, when configured, goes in the ``x-api-key`` header and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from notelint.config.online import OnlineSettings
from notelint.online.http import HttpClient, ProviderError, decode_json
from notelint.online.providers import api_key
from notelint.online.records import Record, Status, as_int, as_list, clean_text, dblp_stream
from notelint.online.shapes import (
    SemanticScholarError,
    SemanticScholarMatch,
    checked,
    checked_batch,
)
from notelint.vocabulary.tags import fold

NAME = "semantic-scholar"
FIELDS = "title,authors,venue,publicationVenue,journal,year,externalIds,publicationTypes"
_PREPRINT_VENUES = {
    "arxiv",
    "arxivorg",
    "corr",
    "biorxiv",
    "medrxiv",
    "ssrn",
    "ssrnelectronicjournal",
    "socialscienceresearchnetwork",
    "researchsquare",
}
_NO_MATCH = "title match not found"
_BATCH_SIZE = 500


class SemanticScholarProvider:
    name = NAME

    def __init__(self, client: HttpClient, settings: OnlineSettings) -> None:
        self.client = client
        self.base_url = settings.provider(NAME).base_url
        key = api_key(settings, NAME)
        self._headers = {"x-api-key": key} if key else None

    async def search(self, title: str) -> list[Record]:
        response = await self.client.request(
            NAME,
            f"{self.base_url}/graph/v1/paper/search/match",
            params={"query": clean_text(title), "fields": FIELDS},
            headers=self._headers,
            not_found_ok=True,
        )
        if response.status_code == 404:
            if _is_no_match(response.content):
                return []
            raise ProviderError(
                NAME, "HTTP 404 that is not the API's 'no match' answer (check base-url or proxy)"
            )
        answer = checked(SemanticScholarMatch, decode_json(NAME, response), NAME)
        return [r for r in (parse_paper(p) for p in answer.data) if r is not None]

    async def by_arxiv_ids(self, ids: Sequence[str]) -> dict[str, Record | None]:
        found: dict[str, Record | None] = {}
        for start in range(0, len(ids), _BATCH_SIZE):
            chunk = list(ids[start : start + _BATCH_SIZE])
            data = await self.client.get_json(
                NAME,
                f"{self.base_url}/graph/v1/paper/batch",
                method="POST",
                params={"fields": FIELDS},
                json={"ids": [f"ARXIV:{i}" for i in chunk]},
                headers=self._headers,
            )
            papers = checked_batch(data, NAME)
            if len(papers) != len(chunk):
                raise ProviderError(NAME, "unexpected batch response shape (wrong length)")
            for arxiv_id, paper in zip(chunk, papers, strict=True):
                found[arxiv_id] = parse_paper(paper) if paper is not None else None
        return found


def _is_no_match(body: bytes) -> bool:
    import json

    try:
        answer = checked(SemanticScholarError, json.loads(body), NAME)
    except (ValueError, ProviderError):
        return False
    return answer.error.strip().casefold() == _NO_MATCH


def _preprint_name(name: str) -> bool:
    return fold(name) in _PREPRINT_VENUES


def parse_paper(paper: Any) -> Record | None:
    if not isinstance(paper, dict):
        return None
    title = clean_text(paper.get("title"))
    if not title:
        return None
    raw_ids = paper.get("externalIds")
    ids: dict[str, Any] = raw_ids if isinstance(raw_ids, dict) else {}
    stream = dblp_stream(ids.get("DBLP") if isinstance(ids.get("DBLP"), str) else None)
    names: list[str] = []
    short: str | None = None
    venue = clean_text(paper.get("venue"))
    if venue:
        names.append(venue)
    pub_venue = paper.get("publicationVenue")
    if isinstance(pub_venue, dict):
        if pub_venue.get("name"):
            names.append(clean_text(pub_venue["name"]))
        alternates = [clean_text(a) for a in as_list(pub_venue.get("alternate_names")) if a]
        short = next((a for a in alternates if a.isupper() and len(a) <= 12), None)
        names.extend(alternates)
    journal = paper.get("journal")
    if isinstance(journal, dict) and journal.get("name"):
        names.append(clean_text(journal["name"]))
    arxiv = ids.get("ArXiv") if isinstance(ids.get("ArXiv"), str) else None
    preprint_named = any(_preprint_name(n) for n in names)
    names = [n for n in dict.fromkeys(names) if not _preprint_name(n)]
    if stream == "journals/corr":
        stream = None
        preprint_named = True
    if names or stream:
        status = Status.PUBLISHED
    elif arxiv or preprint_named:
        status = Status.PREPRINT
    else:
        status = Status.UNKNOWN
    authors = tuple(
        clean_text(a.get("name")) for a in as_list(paper.get("authors")) if isinstance(a, dict)
    )
    doi = ids.get("DOI") if isinstance(ids.get("DOI"), str) else None
    paper_id = paper.get("paperId")
    return Record(
        provider=NAME,
        title=title,
        status=status,
        authors=tuple(a for a in authors if a),
        venue_names=tuple(names),
        venue_short=short if status is Status.PUBLISHED else None,
        dblp_stream=stream,
        year=as_int(paper.get("year")),
        url=f"https://www.semanticscholar.org/paper/{paper_id}" if paper_id else None,
        doi=doi,
        arxiv_id=arxiv,
    )


def create(client: HttpClient, settings: OnlineSettings) -> SemanticScholarProvider:
    return SemanticScholarProvider(client, settings)

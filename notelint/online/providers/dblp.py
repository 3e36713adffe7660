"""DBLP publication search (``/search/publ/api?format=json``).

Quirks handled: every number is a string; a single author is an object rather than a list;
``venue`` may be a list; there is no ``hit`` key when nothing is found; titles end with ".";
CoRR versions of papers are records of their own (venue "CoRR", type "Informal Publications").
"""

from __future__ import annotations

from typing import Any

from notelint.config.online import OnlineSettings
from notelint.online.http import HttpClient
from notelint.online.providers import ConfiguredProvider, search_words
from notelint.online.records import (
    Record,
    Status,
    as_int,
    as_list,
    clean_text,
    dblp_stream,
    find_arxiv_id,
)
from notelint.online.shapes import DblpAnswer, checked
from notelint.online.venues import clean_venue_name

NAME = "dblp"
# Proceedings volumes, research data and encyclopedia entries share a paper's title but are
# not its publication.
_SKIP_TYPES = {"Editorship", "Data and Artifacts", "Reference Works"}


class DblpProvider(ConfiguredProvider):
    name = NAME

    async def search(self, title: str) -> list[Record]:
        data = await self.client.get_json(
            NAME,
            f"{self.base_url}/search/publ/api",
            params={"q": search_words(title), "format": "json", "h": str(self.max_results)},
        )
        return parse(data)


def parse(data: Any) -> list[Record]:
    hits = checked(DblpAnswer, data, NAME).result.hits
    records = []
    for hit in as_list(hits.hit):
        info = hit.get("info") if isinstance(hit, dict) else None
        if isinstance(info, dict):
            record = _record(info)
            if record is not None:
                records.append(record)
    return records


def _record(info: dict[str, Any]) -> Record | None:
    kind = str(info.get("type") or "")
    title = clean_text(info.get("title"))
    if kind in _SKIP_TYPES or not title:
        return None
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    authors_field = info.get("authors")
    authors = []
    for author in as_list(authors_field.get("author") if isinstance(authors_field, dict) else None):
        name = author.get("text") if isinstance(author, dict) else author
        if name:
            authors.append(clean_text(name))
    venues = [clean_text(v) for v in as_list(info.get("venue")) if v]
    key = info.get("key") if isinstance(info.get("key"), str) else None
    stream = dblp_stream(key)
    preprint = stream == "journals/corr" or "CoRR" in venues or kind.startswith("Informal")
    if preprint:
        status = Status.PREPRINT
    elif venues or stream:
        status = Status.PUBLISHED
    else:
        status = Status.UNKNOWN
    links = " ".join(str(e) for e in as_list(info.get("ee")))
    doi = info.get("doi") if isinstance(info.get("doi"), str) else None
    return Record(
        provider=NAME,
        title=title,
        status=status,
        authors=tuple(authors),
        venue_names=tuple(venues),
        venue_short=clean_venue_name(venues[0]) if venues else None,
        dblp_stream=stream,
        year=as_int(info.get("year")),
        url=info.get("url") if isinstance(info.get("url"), str) else None,
        doi=doi,
        arxiv_id=find_arxiv_id(f"{links} {doi or ''}"),
    )


def create(client: HttpClient, settings: OnlineSettings) -> DblpProvider:
    return DblpProvider(client, settings)

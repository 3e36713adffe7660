"""Crossref REST API (``/works?query.bibliographic=``): journals, medical venues, LNCS chapters.

Quirks handled: ``title``, ``subtitle`` and ``container-title`` are lists; the title proper and
the subtitle are joined ("Title: Subtitle") and the title alone is kept as an alternative; LNCS
papers are ``book-chapter`` records whose container titles are the series ("Lecture Notes in
Computer Science") and the proceedings ("Computer Vision – ECCV 2024"); preprints are
``posted-content``; reviews and other record types are not papers. Titles may carry JATS/HTML
markup. The contact address goes in ``mailto`` (Crossref's polite pool).
"""

from __future__ import annotations

from typing import Any

from notelint.config.online import OnlineSettings
from notelint.online.http import HttpClient
from notelint.online.providers import ConfiguredProvider
from notelint.online.records import Record, Status, as_int, as_list, clean_text, find_arxiv_id
from notelint.online.shapes import CrossrefAnswer, checked

NAME = "crossref"
SELECT = "DOI,title,subtitle,container-title,short-container-title,type,author,issued,event"
_STATUS = {
    "journal-article": Status.PUBLISHED,
    "proceedings-article": Status.PUBLISHED,
    "book-chapter": Status.PUBLISHED,
    "posted-content": Status.PREPRINT,
}
_SERIES_PREFIXES = ("lecture notes in", "communications in computer and information science")


class CrossrefProvider(ConfiguredProvider):
    name = NAME

    def __init__(self, client: HttpClient, settings: OnlineSettings) -> None:
        super().__init__(client, settings)
        self.contact = settings.contact

    async def search(self, title: str) -> list[Record]:
        params = {
            "query.bibliographic": clean_text(title),
            "rows": str(self.max_results),
            "select": SELECT,
        }
        if self.contact:
            params["mailto"] = self.contact
        data = await self.client.get_json(NAME, f"{self.base_url}/works", params=params)
        items = checked(CrossrefAnswer, data, NAME).message.items
        return [r for r in (parse_item(i) for i in items) if r is not None]


def _first(value: Any) -> str:
    for item in as_list(value):
        text = clean_text(item)
        if text:
            return text
    return ""


def parse_item(item: Any) -> Record | None:
    if not isinstance(item, dict):
        return None
    status = _STATUS.get(str(item.get("type")))
    title = _first(item.get("title"))
    if status is None or not title:
        return None
    subtitle = _first(item.get("subtitle"))
    full = (
        f"{title}: {subtitle}"
        if subtitle and subtitle.casefold() not in title.casefold()
        else title
    )
    containers = [clean_text(c) for c in as_list(item.get("container-title")) if c]
    # The proceedings name before the series name.
    containers.sort(key=lambda c: c.casefold().startswith(_SERIES_PREFIXES))
    names = list(containers)
    short = None
    event = item.get("event")
    if isinstance(event, dict):
        if event.get("acronym"):
            short = clean_text(event["acronym"])
            names.insert(0, short)
        if event.get("name"):
            names.append(clean_text(event["name"]))
    short_containers = [clean_text(c) for c in as_list(item.get("short-container-title")) if c]
    names.extend(short_containers)
    if short is None and status is Status.PUBLISHED and item.get("type") == "journal-article":
        short = short_containers[0] if short_containers else None
    issued = item.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    year = as_int(parts[0][0]) if parts and isinstance(parts[0], list) and parts[0] else None
    authors = []
    for author in as_list(item.get("author")):
        if isinstance(author, dict):
            # Parts are strings in the schema; anything else (a number, a list) is left out
            # rather than losing the whole answer.
            parts = (author.get("given"), author.get("family"))
            name = " ".join(p for p in parts if isinstance(p, str) and p)
            if not name and isinstance(author.get("name"), str):
                name = author["name"]
            if name:
                authors.append(clean_text(name))
    doi = str(item["DOI"]) if item.get("DOI") else None
    return Record(
        provider=NAME,
        title=full,
        status=status,
        authors=tuple(authors),
        venue_names=tuple(dict.fromkeys(n for n in names if n)),
        venue_short=short,
        year=year,
        url=f"https://doi.org/{doi}" if doi else None,
        doi=doi,
        arxiv_id=find_arxiv_id(doi or ""),
        alt_titles=(title,) if full != title else (),
    )


def create(client: HttpClient, settings: OnlineSettings) -> CrossrefProvider:
    return CrossrefProvider(client, settings)

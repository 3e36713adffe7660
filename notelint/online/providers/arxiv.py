"""The arXiv API (``/api/query``): an Atom feed with arXiv's own namespace.

Every arXiv record is a preprint; a ``journal_ref`` is free text written by the authors and is
not taken as proof of a venue. arXiv reports a bad query as a feed with one "Error" entry.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from notelint.config.online import OnlineSettings
from notelint.online.http import HttpClient, ProviderError
from notelint.online.providers import ConfiguredProvider, search_words
from notelint.online.records import Record, Status, as_int, clean_text

NAME = "arxiv"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_ABS_RE = re.compile(r"/abs/(.+?)(?:v\d+)?$")


class ArxivProvider(ConfiguredProvider):
    name = NAME

    async def search(self, title: str) -> list[Record]:
        words = search_words(title)
        if not words:
            return []
        response = await self.client.request(
            NAME,
            f"{self.base_url}/api/query",
            params={"search_query": f'ti:"{words}"', "max_results": str(self.max_results)},
        )
        return parse(response.content)


def parse(body: bytes) -> list[Record]:
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise ProviderError(NAME, "malformed Atom feed in the response") from None
    if root.tag != f"{ATOM}feed":
        raise ProviderError(NAME, "the response is not an Atom feed")
    records = []
    for entry in root.iter(f"{ATOM}entry"):
        ident = (entry.findtext(f"{ATOM}id") or "").strip()
        title = clean_text(entry.findtext(f"{ATOM}title"))
        if "/api/errors" in ident:
            raise ProviderError(
                NAME, f"arXiv rejected the query: {clean_text(entry.findtext(f'{ATOM}summary'))}"
            )
        if not title:
            continue
        match = _ABS_RE.search(ident)
        authors = tuple(
            clean_text(a.findtext(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")
        )
        published = entry.findtext(f"{ATOM}published") or ""
        records.append(
            Record(
                provider=NAME,
                title=title,
                status=Status.PREPRINT,
                authors=tuple(a for a in authors if a),
                venue_names=("arXiv",),
                venue_short="arXiv",
                year=as_int(published[:4]),
                url=ident or None,
                doi=(entry.findtext(f"{ARXIV}doi") or "").strip() or None,
                arxiv_id=match.group(1) if match else None,
            )
        )
    return records


def create(client: HttpClient, settings: OnlineSettings) -> ArxivProvider:
    return ArxivProvider(client, settings)

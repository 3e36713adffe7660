"""OpenReview API v2 (``/notes/search``): ICLR, TMLR, NeurIPS and other venues reviewed there.

Content fields are ``{"value": …}`` objects in API v2 (plain values in v1: both are read). The
``venue`` / ``venueid`` strings say whether a paper was accepted: "ICLR 2024 poster" with
venueid "ICLR.cc/2024/Conference" is published; "Submitted to ICLR 2024", withdrawn and
rejected submissions are not.
"""

from __future__ import annotations

import re
from typing import Any

from notelint.config.online import OnlineSettings
from notelint.online.http import HttpClient
from notelint.online.providers import ConfiguredProvider
from notelint.online.records import Record, Status, as_int, as_list, clean_text
from notelint.online.shapes import OpenReviewAnswer, checked

NAME = "openreview"
# "Under_Review" is how TMLR's venue id says a paper is still being reviewed.
_NOT_ACCEPTED_RE = re.compile(
    r"submitted to|under[ _]review|withdrawn|rejected|desk[ _]reject|submission", re.IGNORECASE
)
_YEAR_RE = re.compile(r"\b((?:19|20)\d{2})\b")


class OpenReviewProvider(ConfiguredProvider):
    name = NAME

    async def search(self, title: str) -> list[Record]:
        data = await self.client.get_json(
            NAME,
            f"{self.base_url}/notes/search",
            params={
                "term": clean_text(title),
                "content": "title",
                "source": "forum",
                "limit": str(self.max_results),
            },
        )
        notes = checked(OpenReviewAnswer, data, NAME).notes
        return [r for r in (parse_note(n) for n in notes) if r is not None]


def _value(content: dict[str, Any], key: str) -> Any:
    value = content.get(key)
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def _short_venue(venueid: str) -> str | None:
    parts = [p for p in venueid.split("/") if p]
    if not parts:
        return None
    if parts[0] == "dblp.org" and len(parts) >= 3:
        return parts[2]
    return parts[0].removesuffix(".cc").removesuffix(".org").removesuffix(".ORG")


def parse_note(note: Any) -> Record | None:
    if not isinstance(note, dict) or not isinstance(note.get("content"), dict):
        return None
    content = note["content"]
    title = clean_text(_value(content, "title"))
    if not title:
        return None
    venue = clean_text(_value(content, "venue"))
    venueid = clean_text(_value(content, "venueid"))
    if not venue and not venueid:
        status = Status.UNKNOWN
    elif (
        _NOT_ACCEPTED_RE.search(venue)
        or _NOT_ACCEPTED_RE.search(venueid.rsplit("/", 1)[-1])
        or "/-/" in venueid
    ):
        status = Status.SUBMITTED
    else:
        status = Status.PUBLISHED
    year_match = _YEAR_RE.search(venueid) or _YEAR_RE.search(venue)
    authors = tuple(clean_text(a) for a in as_list(_value(content, "authors")) if a)
    forum = note.get("forum") or note.get("id")
    short = _short_venue(venueid) if venueid else None
    names = tuple(n for n in (venue, short) if n)
    if status is not Status.PUBLISHED:
        # "Submitted to ICLR 2025" must not read as "ICLR 2025".
        names, short = tuple(n for n in (venue,) if n), None
    return Record(
        provider=NAME,
        title=title,
        status=status,
        authors=tuple(a for a in authors if a),
        venue_names=names,
        venue_short=short,
        year=as_int(year_match.group(1)) if year_match else None,
        url=f"https://openreview.net/forum?id={forum}" if forum else None,
    )


def create(client: HttpClient, settings: OnlineSettings) -> OpenReviewProvider:
    return OpenReviewProvider(client, settings)

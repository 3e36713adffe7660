"""Providers: scholarly databases that know which venue a paper appeared at.

A provider is anything with the small :class:`Provider` shape: a ``name``, a ``base_url`` and an
async ``search`` from a title to the records it holds. Providers that can look many papers up by
arXiv identifier in one request also have ``by_arxiv_ids`` (:class:`ArxivBatchProvider`). The
built-in ones are created by name with :func:`make_provider`; their order and base URLs come from
``[tool.notelint.online]``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from notelint.config.online import OnlineSettings
    from notelint.online.http import HttpClient
    from notelint.online.records import Record

MODULES = {
    "dblp": "dblp",
    "semantic-scholar": "semantic_scholar",
    "openreview": "openreview",
    "crossref": "crossref",
    "arxiv": "arxiv",
}


@runtime_checkable
class Provider(Protocol):
    name: str
    base_url: str

    async def search(self, title: str) -> list[Record]:
        """Records whose title may be ``title`` (matching is the caller's job); an empty list
        when the provider has nothing. Raises ``ProviderError`` when it could not answer."""
        ...


@runtime_checkable
class ArxivBatchProvider(Protocol):
    name: str
    base_url: str

    async def by_arxiv_ids(self, ids: Sequence[str]) -> dict[str, Record | None]:
        """The record for each arXiv identifier (None: unknown to the provider)."""
        ...


class ConfiguredProvider:
    """What every built-in provider keeps from its configuration: the shared client, the
    base URL and how many results to ask for (``[tool.notelint.online.<name>]``)."""

    name: str

    def __init__(self, client: HttpClient, settings: OnlineSettings) -> None:
        spec = settings.provider(self.name)
        self.client = client
        self.base_url = spec.base_url
        self.max_results = spec.max_results


def api_key(settings: OnlineSettings, name: str) -> str | None:
    variable = settings.provider(name).api_key_env
    value = os.environ.get(variable, "").strip() if variable else ""
    return value or None


def make_provider(name: str, client: HttpClient, settings: OnlineSettings) -> Provider:
    module = importlib.import_module(f"{__name__}.{MODULES[name]}")
    provider: Provider = module.create(client, settings)
    key = api_key(settings, name)
    spec = settings.provider(name)
    interval = spec.min_interval
    if key is not None and spec.keyed_min_interval is not None:
        interval = spec.keyed_min_interval
    client.register(name, interval=interval, max_connections=spec.max_connections)
    return provider


def search_words(title: str) -> str:
    """A title as plain words, for search engines that give punctuation a meaning."""
    from notelint.online.records import clean_text

    return " ".join("".join(ch if ch.isalnum() else " " for ch in clean_text(title)).split())

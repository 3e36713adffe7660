"""Orchestration: entry facts in, one :class:`EntryResult` per entry out.

For each distinct (title, authors, arXiv id) the providers are asked in the configured order
until one of them has a published version of the paper; a provider that only has a preprint,
or nothing, or fails, passes the question on to the next. Papers whose arXiv identifier is
written in the notes are first looked up together, in one batch request per provider that can
(Semantic Scholar). Every answer goes through the cache, so a second run over the same notes
sends no request.

Sharing between the online rules: all of them collect the same facts and call
:func:`shared_report`, which verifies once and hands every rule the same report. The report is
kept in the engine's per-run ``ProjectContext.shared`` dictionary, keyed by a digest of the facts
and the online settings, so a later run asks the cache again. The "could not verify" warning is
logged once, by the call that did the work.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sys
import threading
import time
from collections.abc import Awaitable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from notelint.online.facts import EntryFact, file_entries
from notelint.online.records import PROVIDER_LABELS, Record
from notelint.online.results import EntryKey, EntryResult, Outcome, VenueVerdict, VerifyReport

if TYPE_CHECKING:
    from notelint.config.settings import Settings
    from notelint.online.cache import LookupCache
    from notelint.online.progress import OnlineTally
    from notelint.online.providers import Provider
    from notelint.vocabulary.tags import Vocabulary

logger = logging.getLogger("notelint.online")


class RunState(Protocol):
    """What verification reads of the rules' per-run context: the scratch space they share
    (a ``ProjectContext``, which this package does not import: the rules build on it)."""

    @property
    def shared(self) -> dict[str, Any]: ...


T = TypeVar("T")


_SHARED_KEY = "notelint.online.report"


def entries_of(facts_by_path: Mapping[str, Any]) -> list[tuple[EntryKey, EntryFact]]:
    items: list[tuple[EntryKey, EntryFact]] = []
    for path in sorted(facts_by_path):
        for index, entry in enumerate(file_entries(facts_by_path[path])):
            items.append(((path, index), entry))
    return items


def shared_report(
    facts_by_path: Mapping[str, Any],
    settings: Settings,
    vocabulary: Vocabulary,
    ctx: RunState,
) -> VerifyReport:
    """The report for these facts, computed by the first online rule that asks."""
    items = entries_of(facts_by_path)
    digest = hashlib.sha256(
        json.dumps(
            [items, settings.online.model_dump(mode="json"), str(settings.root)],
            sort_keys=True,
            default=str,
        ).encode()
    ).hexdigest()
    memo = ctx.shared
    cached = memo.get(_SHARED_KEY)
    if isinstance(cached, tuple) and cached[0] == digest:
        report: VerifyReport = cached[1]
        return report
    report = verify_entries(items, settings, vocabulary)
    memo[_SHARED_KEY] = (digest, report)
    return report


# -- verification ---------------------------------------------------------------------------------


def verify_entries(
    items: Sequence[tuple[EntryKey, EntryFact]],
    settings: Settings,
    vocabulary: Vocabulary,
    *,
    cache_only: bool = False,
) -> VerifyReport:
    """Look every entry up; never raises for network trouble (it becomes UNVERIFIED).

    ``cache_only``: answer from the lookup cache alone, sending no request and showing no
    progress (``stats`` and ``report`` read the years of papers an online run looked up); a
    question the cache cannot answer is taken as not found.
    """
    if not items:
        return VerifyReport()
    report = run_coroutine(_Verifier(settings, vocabulary, cache_only=cache_only).run(items))
    if report.unverified and not cache_only:
        reasons = list(
            dict.fromkeys(
                part
                for result in report.results.values()
                if result.reason
                for part in result.reason.split("; ")
            )
        )
        message = (
            f"online check: {report.unverified} of {len(report.results)} "
            f"entr{'y' if report.unverified == 1 else 'ies'} could not be verified"
            + (f" ({'; '.join(reasons[:3])}{'; …' if len(reasons) > 3 else ''})" if reasons else "")
        )
        logger.warning("%s", message)
        report.warnings.append(message)
    return report


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, also from code that already runs inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, name="notelint-online")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


@dataclass(frozen=True)
class _Query:
    title: str
    authors: tuple[str, ...]
    arxiv_id: str | None


def _query_of(entry: EntryFact) -> _Query:
    return _Query(entry["title"].strip(), tuple(entry["authors"]), entry["arxiv_id"])


def _cache_key(base_url: str, kind: str, text: str) -> str:
    return f"{base_url}\x1f{kind}\x1f{' '.join(text.casefold().split())}"


class _Verifier:
    def __init__(
        self, settings: Settings, vocabulary: Vocabulary, *, cache_only: bool = False
    ) -> None:
        self.settings = settings
        self.cache_only = cache_only
        self.online = settings.online
        self.vocabulary = vocabulary
        self.cache: LookupCache | None = None
        self.warnings: list[str] = []
        self._inflight: dict[tuple[str, str], asyncio.Task[list[Record]]] = {}
        self._batch: dict[str, Record] = {}
        self._tally: OnlineTally | None = None

    def _open_cache(self) -> None:
        if not self.online.cache:
            return
        from notelint.online.cache import LookupCache, configured_cache_path

        try:
            path = configured_cache_path(self.settings)
        except RuntimeError as error:  # no user cache folder on this machine
            if not self.cache_only:
                print(f"notelint: warning: {error}; going without an online cache", file=sys.stderr)
            return
        if self.cache_only and not Path(path).is_file():
            return  # nothing was ever looked up here; reading must not create the file
        self.cache = LookupCache(
            Path(path),
            hit_ttl_days=self.online.hit_ttl_days,
            miss_ttl_days=self.online.miss_ttl_days,
            read=not self.online.refresh,
        )
        self.warnings.extend(self.cache.warnings)

    async def run(self, items: Sequence[tuple[EntryKey, EntryFact]]) -> VerifyReport:
        from notelint.online.http import HttpClient
        from notelint.online.progress import (
            MIN_LOOKUPS,
            OnlineTally,
            plain_lines_wanted,
            progress_bar,
            report_at_intervals,
            summary_lines,
        )
        from notelint.online.providers import make_provider

        self._open_cache()
        if self.cache_only and self.cache is None:
            return VerifyReport(warnings=list(self.warnings))
        queries: dict[_Query, list[EntryKey]] = {}
        facts: dict[EntryKey, EntryFact] = {}
        for key, entry in items:
            queries.setdefault(_query_of(entry), []).append(key)
            facts[key] = entry
        deadline = time.monotonic() + self.online.deadline
        self._tally = tally = OnlineTally(total=len(queries))
        ticker = None
        show_progress = self.online.progress and not self.cache_only
        if plain_lines_wanted(len(queries), show_progress):
            ticker = asyncio.ensure_future(
                report_at_intervals(tally, self.online.progress_interval, sys.stderr)
            )
        try:
            async with HttpClient(self.online, deadline, tally=tally) as client:
                providers = [make_provider(n, client, self.online) for n in self.online.providers]
                arxiv_ids = sorted({q.arxiv_id for q in queries if q.arxiv_id})
                if arxiv_ids:
                    await self._batch_lookup(providers, arxiv_ids)
                with progress_bar(len(queries), show_progress) as advance:

                    async def one(query: _Query) -> tuple[list[Record], list[str]]:
                        try:
                            return await self._lookup(query, providers)
                        finally:
                            tally.done += 1
                            advance()

                    pools = await asyncio.gather(*(one(q) for q in queries))
                requests = len(client.sent)
        finally:
            if ticker is not None:
                ticker.cancel()
            if self.cache is not None:
                self.cache.close()
        if show_progress and len(queries) >= MIN_LOOKUPS:
            for line in summary_lines(tally, PROVIDER_LABELS):
                print(line, file=sys.stderr)
        report = VerifyReport(requests=requests, warnings=list(self.warnings))
        for keys, (pool, errors) in zip(queries.values(), pools, strict=True):
            for key in keys:
                report.results[key] = self.decide(facts[key], pool, errors)
        return report

    # -- asking the providers ------------------------------------------------------------------
    async def _batch_lookup(self, providers: Iterable[Provider], ids: Sequence[str]) -> None:
        from notelint.online.providers import ArxivBatchProvider

        for provider in providers:
            if not isinstance(provider, ArxivBatchProvider):
                continue
            missing: list[str] = []
            for arxiv_id in ids:
                cached = self._cache_get(
                    provider.name, _cache_key(provider.base_url, "arxiv", arxiv_id)
                )
                if cached is None:
                    missing.append(arxiv_id)
                elif cached:
                    self._batch[arxiv_id] = cached[0]
            if not missing or self.cache_only:
                continue
            try:
                found = await provider.by_arxiv_ids(missing)
            except Exception as exc:  # ProviderError or an unforeseen response
                logger.debug("%s: batch lookup failed: %s", provider.name, exc)
                continue  # the title search still runs
            for arxiv_id in missing:
                record = found.get(arxiv_id)
                self._cache_put(
                    provider.name,
                    _cache_key(provider.base_url, "arxiv", arxiv_id),
                    [record] if record else [],
                )
                if record is not None:
                    self._batch[arxiv_id] = record

    async def _lookup(
        self, query: _Query, providers: Sequence[Provider]
    ) -> tuple[list[Record], list[str]]:
        from notelint.online.http import DeadlineExceeded, ProviderError

        pool: list[Record] = []
        if query.arxiv_id and query.arxiv_id in self._batch:
            pool.append(self._batch[query.arxiv_id])
        errors: list[str] = []
        for provider in providers:
            if self._has_published(query, pool):
                break
            try:
                pool.extend(await self._search(provider, query.title))
            except DeadlineExceeded as exc:
                label = PROVIDER_LABELS.get(exc.provider, exc.provider)
                errors.append(f"{label}: the online deadline passed")
                break
            except ProviderError as exc:
                errors.append(f"{PROVIDER_LABELS.get(exc.provider, exc.provider)}: {exc.reason}")
            except Exception as exc:  # a response the parser did not foresee: not fatal
                logger.debug("%s failed", provider.name, exc_info=True)
                label = PROVIDER_LABELS.get(provider.name, provider.name)
                errors.append(f"{label}: unexpected response ({type(exc).__name__})")
        return pool, errors

    def _has_published(self, query: _Query, pool: Sequence[Record]) -> bool:
        from notelint.online.matching import candidates

        found = candidates(query.title, query.authors, pool, threshold=self.online.fuzzy_threshold)
        return any(c.record.published for c in found)

    async def _search(self, provider: Provider, title: str) -> list[Record]:
        key = _cache_key(provider.base_url, "title", title)
        cached = self._cache_get(provider.name, key)
        if cached is not None:
            return cached
        if self.cache_only:
            return []
        task = self._inflight.get((provider.name, key))
        if task is None:
            task = asyncio.ensure_future(self._fetch(provider, key, provider.search(title)))
            self._inflight[(provider.name, key)] = task
        return await asyncio.shield(task)

    async def _fetch(
        self, provider: Provider, key: str, answer: Awaitable[list[Record]]
    ) -> list[Record]:
        records = await answer
        self._cache_put(provider.name, key, records)
        return records

    def _cache_get(self, provider: str, key: str) -> list[Record] | None:
        if self.cache is None:
            return None
        rows = self.cache.get(provider, key)
        if rows is None:
            return None
        if self._tally is not None:
            self._tally.cache_hits += 1
        try:
            return [Record.from_json(row) for row in rows]
        except (KeyError, TypeError, ValueError):
            return None  # an entry from an older format: ask again

    def _cache_put(self, provider: str, key: str, records: Sequence[Record]) -> None:
        if self.cache is not None:
            self.cache.put(provider, key, [r.to_json() for r in records])

    # -- deciding ------------------------------------------------------------------------------
    def decide(
        self, entry: EntryFact, pool: Sequence[Record], errors: Sequence[str]
    ) -> EntryResult:
        from notelint.online.matching import candidates, contenders
        from notelint.online.venues import agrees, venue_identity

        found = candidates(
            entry["title"], entry["authors"], pool, threshold=self.online.fuzzy_threshold
        )
        reason = "; ".join(dict.fromkeys(errors)) or None
        if not found:
            if errors:
                return EntryResult(Outcome.UNVERIFIED, reason=reason)
            return EntryResult(Outcome.NOT_FOUND)
        published = [
            c.record
            for c in contenders(
                [c for c in found if c.record.published], self.online.ambiguity_margin
            )
        ]
        if published:
            by_venue: dict[str, Record] = {}
            for record in published:
                by_venue.setdefault(venue_identity(record, self.vocabulary), record)
            noted = entry["venues"]
            if noted:
                agreeing = [
                    r
                    for r in published
                    if any(
                        agrees(v, r, self.vocabulary, workshop_tagged=entry["workshop"])
                        for v in noted
                    )
                ]
                if agreeing:
                    return EntryResult(Outcome.MATCH, agreeing[0], VenueVerdict.AGREES)
                first, *others = by_venue.values()
                return EntryResult(Outcome.MATCH, first, VenueVerdict.CONTRADICTS, others)
            if len(by_venue) > 1:
                return EntryResult(Outcome.AMBIGUOUS, alternatives=list(by_venue.values()))
            return EntryResult(Outcome.MATCH, published[0], VenueVerdict.NOT_NOTED)
        if errors:
            # A provider that could not be asked may hold the published version.
            return EntryResult(Outcome.UNVERIFIED, found[0].record, reason=reason)
        best = found[0].record
        if any(c.record.status == "unknown" for c in found):
            best = next(c.record for c in found if c.record.status == "unknown")
            return EntryResult(Outcome.VENUE_UNKNOWN, best)
        return EntryResult(Outcome.PREPRINT_ONLY, best)

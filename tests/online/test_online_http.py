"""The network layer against a real server on 127.0.0.1: pacing, concurrency, retries,
Retry-After, timeouts, malformed JSON, refused connections, the deadline, the User-Agent."""

from __future__ import annotations

import asyncio
import itertools
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from notelint.config.online import OnlineSettings
from notelint.online.http import (
    DeadlineExceeded,
    HttpClient,
    ProviderError,
    ProviderUnavailable,
    _retry_after,
)

from .scholar import FakeScholar, Reply, online_config


def settings(fake: FakeScholar | None, tmp_path: Path, **overrides: Any) -> OnlineSettings:
    return OnlineSettings.model_validate(online_config(fake, tmp_path, **overrides))


async def _get_many(
    online: OnlineSettings, url: str, n: int, *, interval: float = 0.0, slots: int = 4
) -> tuple[list[Any], HttpClient]:
    async with HttpClient(online, time.monotonic() + 30) as client:
        client.register("dblp", interval=interval, max_connections=slots)
        results = await asyncio.gather(
            *(client.get_json("dblp", url, params={"q": f"t{i}"}) for i in range(n)),
            return_exceptions=True,
        )
    return list(results), client


def test_pacing_spaces_request_starts(fake: FakeScholar, tmp_path: Path) -> None:
    online = settings(fake, tmp_path)
    results, client = asyncio.run(
        _get_many(online, fake.url("dblp") + "/search/publ/api", 5, interval=0.05)
    )
    assert all(isinstance(r, dict) for r in results)
    assert fake.count("dblp") == 5
    starts = sorted(s.started for s in client.sent)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.045, gaps
    arrivals = sorted(c.at for c in fake.calls)
    assert arrivals[-1] - arrivals[0] >= 4 * 0.05 * 0.9


def test_concurrency_is_bounded(fake: FakeScholar, tmp_path: Path) -> None:
    fake.on("dblp", "batch", Reply(body=b'{"result": {}}', delay=0.15))
    for i in range(6):
        fake.on("dblp", f"t{i}", Reply(body=b'{"result": {}}', delay=0.15))
    online = settings(fake, tmp_path, concurrency=2)
    asyncio.run(_get_many(online, fake.url("dblp") + "/x", 6, slots=5))
    assert fake.count() == 6
    assert fake.max_in_flight == 2


def test_retry_on_500_then_success(fake: FakeScholar, tmp_path: Path) -> None:
    fake.on("dblp", "t0", Reply(500, b"oops"), Reply(503, b"busy"), Reply(body=b'{"ok": 1}'))
    results, _ = asyncio.run(_get_many(settings(fake, tmp_path), fake.url("dblp") + "/x", 1))
    assert results == [{"ok": 1}]
    assert fake.count() == 3


def test_429_retry_after_is_honoured(fake: FakeScholar, tmp_path: Path) -> None:
    fake.on(
        "dblp", "t0", Reply(429, b"slow down", headers={"Retry-After": "0.3"}), Reply(body=b"{}")
    )
    results, _ = asyncio.run(_get_many(settings(fake, tmp_path), fake.url("dblp") + "/x", 1))
    assert results == [{}]
    first, second = fake.calls
    assert second.at - first.at >= 0.28


def test_retry_after_beyond_max_backoff_gives_up(fake: FakeScholar, tmp_path: Path) -> None:
    fake.on("dblp", "t0", Reply(429, b"", headers={"Retry-After": "3600"}))
    results, _ = asyncio.run(_get_many(settings(fake, tmp_path), fake.url("dblp") + "/x", 1))
    assert isinstance(results[0], ProviderError)
    assert "3600" in str(results[0])
    assert fake.count() == 1


def test_retries_are_bounded(fake: FakeScholar, tmp_path: Path) -> None:
    fake.on("dblp", "t0", Reply(502, b"bad gateway"))
    results, _ = asyncio.run(
        _get_many(settings(fake, tmp_path, retries=2), fake.url("dblp") + "/x", 1)
    )
    assert isinstance(results[0], ProviderError)
    assert "HTTP 502 (after 3 attempts)" in str(results[0])
    assert fake.count() == 3


def test_client_errors_are_not_retried(fake: FakeScholar, tmp_path: Path) -> None:
    fake.on("dblp", "t0", Reply(400, b"bad query"))
    results, _ = asyncio.run(_get_many(settings(fake, tmp_path), fake.url("dblp") + "/x", 1))
    assert isinstance(results[0], ProviderError) and "HTTP 400" in str(results[0])
    assert fake.count() == 1


def test_slow_response_times_out(fake: FakeScholar, tmp_path: Path) -> None:
    fake.on("dblp", "t0", Reply(body=b"{}", delay=0.6))
    online = settings(fake, tmp_path, timeout=0.1, retries=1)
    results, _ = asyncio.run(_get_many(online, fake.url("dblp") + "/x", 1))
    assert isinstance(results[0], ProviderError)
    assert "timed out" in str(results[0])
    assert fake.count() == 2


def test_malformed_json(fake: FakeScholar, tmp_path: Path) -> None:
    fake.on("dblp", "t0", Reply(body=b'{"result": {"hits": '))
    results, _ = asyncio.run(_get_many(settings(fake, tmp_path), fake.url("dblp") + "/x", 1))
    assert isinstance(results[0], ProviderError) and "malformed JSON" in str(results[0])
    assert fake.count() == 1


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_fails_fast(tmp_path: Path) -> None:
    online = settings(None, tmp_path)
    url = f"http://127.0.0.1:{_closed_port()}/x"
    started = time.monotonic()
    results, client = asyncio.run(_get_many(online, url, 4, slots=1))
    assert all(isinstance(r, ProviderUnavailable) for r in results)
    # One retry of the first request, then the provider counts as down: no more attempts.
    assert len(client.sent) == 2
    assert time.monotonic() - started < 2


def test_deadline(fake: FakeScholar, tmp_path: Path) -> None:
    online = settings(fake, tmp_path)

    async def go() -> None:
        async with HttpClient(online, time.monotonic() - 1) as client:
            await client.get_json("dblp", fake.url("dblp") + "/x")

    with pytest.raises(DeadlineExceeded):
        asyncio.run(go())
    assert fake.count() == 0


def test_user_agent_names_notelint_and_the_contact(fake: FakeScholar, tmp_path: Path) -> None:
    asyncio.run(_get_many(settings(fake, tmp_path), fake.url("dblp") + "/x", 1))
    agent = fake.calls[0].headers["User-Agent"]
    assert agent.startswith("notelint/")
    assert "mailto:tests@example.org" in agent


def test_retry_after_formats() -> None:
    assert _retry_after("5") == 5.0
    assert _retry_after(None) is None
    assert _retry_after("soon") is None
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past


def test_a_non_ascii_contact_still_sends_requests(fake: FakeScholar, tmp_path: Path) -> None:
    online = settings(fake, tmp_path, contact="josé@exämple.org")
    results, _ = asyncio.run(_get_many(online, fake.url("dblp") + "/x", 1))
    assert not isinstance(results[0], Exception)
    agent = fake.calls[0].headers["User-Agent"]
    assert agent.isascii() and "mailto:jos%C3%A9@xn--exmple-cua.org" in agent

"""The network layer: one ``httpx.AsyncClient`` with manners.

* Pacing per provider: the starts of two requests to a provider (retries included) are at least
  its ``min-interval`` apart; a 429's ``Retry-After`` holds back every request to that provider.
* Bounded concurrency per provider (each provider is one host): at most
  ``min(concurrency, max-connections)`` requests in flight.
* Retries with exponential backoff and jitter on 429, 5xx and timeouts, honouring
  ``Retry-After`` (a wait longer than ``max-backoff`` is not waited: the lookup fails). A refused
  connection is retried once, after a short pause; a provider that cannot be reached twice in a
  row is then skipped for the rest of the run, so a machine without network fails fast.
* A timeout on every request, covering connect, headers and the whole body (httpx's own timeout
  is per read, so a server dripping one byte a second would never time out), and an overall
  deadline that bounds every wait: pacer, ``Retry-After``, backoff, connect and body. A provider
  that asks for a wait longer than ``max-backoff`` is skipped for the rest of the run.
* Bodies are streamed and capped at :data:`MAX_BODY` bytes: these APIs answer in kilobytes.
* Redirects are not followed: none of these APIs needs one, and following one would send the
  API key header to whatever host it names (httpx strips ``Authorization`` across origins, not
  ``x-api-key``).
* An identifying User-Agent with the contact address from the configuration. Headers (and so API
  keys) are never logged.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from notelint.config.online import OnlineSettings
    from notelint.online.progress import OnlineTally

logger = logging.getLogger("notelint.online")

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CONNECT_RETRY_DELAY = 0.25
# The largest body read from a provider; a normal answer is a few kilobytes.
MAX_BODY = 4 * 1024 * 1024
# Headers that describe the body as sent, not the decoded bytes kept in the answer.
_BODY_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class _BodyTooLarge(Exception):
    pass


class ProviderError(Exception):
    """A lookup that got no usable answer (the provider's name is in the message)."""

    def __init__(self, provider: str, message: str) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.reason = message


class ProviderUnavailable(ProviderError):
    """The provider could not be reached (no network, refused, DNS)."""


class DeadlineExceeded(ProviderError):
    """The overall deadline of the online check passed."""


def user_agent(contact: str | None) -> str:
    try:
        from importlib.metadata import version

        ours = version("notelint")
    except Exception:  # not installed (running from a checkout)
        ours = "0"
    agent = f"notelint/{ours} (research-notes linter"
    if contact:
        # Header values are ASCII: a non-ASCII address (josé@…) is written IDNA/percent-style
        # rather than failing the whole run when the first request is built.
        agent += f"; mailto:{_ascii(contact)}"
    return agent + ")"


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    from urllib.parse import quote

    local, at, domain = text.rpartition("@")
    if not at:
        return quote(text, safe="")
    try:
        host = domain.encode("idna").decode("ascii")
    except UnicodeError:
        host = quote(domain, safe=".")
    return f"{quote(local, safe='.+-_')}@{host}"


class Pacer:
    """Keeps the starts of consecutive requests at least ``interval`` seconds apart."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self, limit: float = float("inf")) -> bool:
        """Wait for this request's turn; False (and no wait) when it is more than ``limit``
        seconds away."""
        async with self._lock:
            delay = self._next - time.monotonic()
            if delay > limit:
                return False
            if delay > 0:
                await asyncio.sleep(delay)
            self._next = time.monotonic() + self.interval
            return True

    def release(self) -> None:
        """The last request never reached the server: the next one need not wait for it."""
        self._next = time.monotonic()

    def hold(self, seconds: float) -> None:
        """No request before ``seconds`` from now (a server asked us to wait)."""
        self._next = max(self._next, time.monotonic() + seconds)


@dataclass(frozen=True)
class SentRequest:
    provider: str
    method: str
    url: str
    started: float  # time.monotonic()


@dataclass
class _ProviderState:
    pacer: Pacer
    slots: asyncio.Semaphore


@dataclass
class HttpClient:
    """Shared by all providers of one run. Use as ``async with HttpClient(...) as client``."""

    settings: OnlineSettings
    deadline: float  # time.monotonic() after which nothing is sent
    transport: httpx.AsyncBaseTransport | None = None
    sent: list[SentRequest] = field(default_factory=list)
    unavailable: dict[str, str] = field(default_factory=dict)  # provider → why
    # Connection failures in a row per provider: two mean the provider cannot be reached.
    _connect_failures: dict[str, int] = field(default_factory=dict)
    _states: dict[str, _ProviderState] = field(default_factory=dict)
    _client: httpx.AsyncClient | None = None
    # Requests, rate-limit answers and retries per provider, for the progress line and summary.
    tally: OnlineTally | None = None

    async def __aenter__(self) -> HttpClient:
        self._client = httpx.AsyncClient(
            headers={"User-Agent": user_agent(self.settings.contact)},
            timeout=self.settings.timeout,
            follow_redirects=False,
            transport=self.transport,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def register(self, provider: str, *, interval: float, max_connections: int) -> None:
        slots = min(self.settings.concurrency, max_connections)
        self._states[provider] = _ProviderState(Pacer(interval), asyncio.Semaphore(slots))

    def _state(self, provider: str) -> _ProviderState:
        state = self._states.get(provider)
        if state is None:
            spec = self.settings.provider(provider)
            self.register(
                provider, interval=spec.min_interval, max_connections=spec.max_connections
            )
            state = self._states[provider]
        return state

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def _backoff(self, attempt: int) -> float:
        base = self.settings.backoff * (2**attempt)
        return float(min(self.settings.max_backoff, base) * (0.5 + random.random() / 2))

    async def request(
        self,
        provider: str,
        url: str,
        *,
        method: str = "GET",
        params: dict[str, str] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        not_found_ok: bool = False,
    ) -> httpx.Response:
        """The response (body read; a 404 too when ``not_found_ok``, for the provider to tell a
        real "no match" from a wrong address); raises :class:`ProviderError`. Never outlives the
        deadline, whatever the server does."""
        if self._client is None:
            raise RuntimeError("HttpClient used outside 'async with'")
        if self.remaining() <= 0:
            raise DeadlineExceeded(provider, "deadline passed")
        try:
            return await asyncio.wait_for(
                self._request(provider, url, method, params, json, headers, not_found_ok),
                timeout=self.remaining(),
            )
        except TimeoutError:
            raise DeadlineExceeded(provider, "deadline passed") from None

    async def _request(
        self,
        provider: str,
        url: str,
        method: str,
        params: dict[str, str] | None,
        json: Any,
        headers: dict[str, str] | None,
        not_found_ok: bool,
    ) -> httpx.Response:
        state = self._state(provider)
        attempt = 0
        while True:
            if provider in self.unavailable:
                raise ProviderUnavailable(provider, self.unavailable[provider])
            if self.remaining() <= 0:
                raise DeadlineExceeded(provider, "deadline passed")
            retry_after: float | None = None
            failure: str
            connect_failed = False
            async with state.slots:
                if not await state.pacer.wait(limit=self.settings.max_backoff):
                    raise ProviderUnavailable(provider, self._held(provider))
                if provider in self.unavailable:  # found out while this request waited
                    raise ProviderUnavailable(provider, self.unavailable[provider])
                if self.remaining() <= 0:
                    raise DeadlineExceeded(provider, "deadline passed")
                timeout = min(self.settings.timeout, max(self.remaining(), 0.001))
                self.sent.append(SentRequest(provider, method, url, time.monotonic()))
                if self.tally is not None:
                    self.tally.requests[provider] += 1
                logger.debug("%s %s %s", provider, method, url)
                try:
                    # httpx bounds each read; this bounds the whole exchange. The margin
                    # lets httpx's own connect timeout, which says more, come first.
                    response = await asyncio.wait_for(
                        self._send(method, url, params, json, headers, timeout),
                        timeout * 1.1 + 0.05,
                    )
                except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as exc:
                    # A connect timeout is what a firewall that drops packets looks like: the
                    # host cannot be reached, like a refused connection.
                    failures = self._connect_failures.get(provider, 0) + 1
                    self._connect_failures[provider] = failures
                    failure = f"cannot connect ({type(exc).__name__})"
                    connect_failed = True
                    state.pacer.release()
                    if failures > 1:
                        self.unavailable[provider] = failure
                        raise ProviderUnavailable(provider, failure) from None
                except (httpx.TimeoutException, TimeoutError):
                    failure = f"timed out after {timeout:.3g} s"
                except _BodyTooLarge:
                    raise ProviderError(
                        provider, f"response larger than {MAX_BODY // (1024 * 1024)} MB"
                    ) from None
                except httpx.HTTPError as exc:
                    raise ProviderError(
                        provider, f"request failed ({type(exc).__name__})"
                    ) from None
                else:
                    self._connect_failures[provider] = 0
                    status = response.status_code
                    if status == 404 and not_found_ok:
                        return response
                    if 300 <= status < 400:
                        raise ProviderError(provider, _redirect_message(response))
                    if status < 400:
                        return response
                    if status not in RETRY_STATUSES:
                        raise ProviderError(provider, f"HTTP {status}")
                    failure = f"HTTP {status}"
                    retry_after = _retry_after(response.headers.get("Retry-After"))
                    if status == 429 and self.tally is not None:
                        self.tally.rate_limited[provider] += 1
                    if status == 429 and retry_after is not None:
                        if retry_after > self.settings.max_backoff:
                            # Asked to come back much later: that is this run's last word
                            # from the provider, and no other lookup should sleep on it.
                            self.unavailable[provider] = (
                                f"HTTP 429; asked to wait {retry_after:.0f} s"
                            )
                            raise ProviderUnavailable(provider, self.unavailable[provider])
                        state.pacer.hold(retry_after)
            if attempt >= self.settings.retries:
                raise ProviderError(provider, f"{failure} (after {attempt + 1} attempts)")
            delay = retry_after if retry_after is not None else self._backoff(attempt)
            if connect_failed:
                # A refused connection is retried once, soon: a machine without network
                # should not wait for backoffs meant for a busy server.
                delay = min(delay, _CONNECT_RETRY_DELAY)
            if delay > self.settings.max_backoff:
                raise ProviderError(provider, f"{failure}; asked to wait {delay:.0f} s")
            if delay >= self.remaining():
                raise DeadlineExceeded(provider, f"{failure}; no time left to retry")
            attempt += 1
            if self.tally is not None:
                self.tally.retries[provider] += 1
            logger.debug("%s: %s, retrying in %.3g s", provider, failure, delay)
            await asyncio.sleep(delay)

    def _held(self, provider: str) -> str:
        why = f"asked to wait longer than max-backoff ({self.settings.max_backoff:g} s)"
        self.unavailable.setdefault(provider, why)
        return self.unavailable[provider]

    async def _send(
        self,
        method: str,
        url: str,
        params: dict[str, str] | None,
        json: Any,
        headers: dict[str, str] | None,
        timeout: float,
    ) -> httpx.Response:
        """One exchange, the body streamed and capped; the answer holds the decoded bytes."""
        assert self._client is not None
        async with self._client.stream(
            method, url, params=params, json=json, headers=headers, timeout=timeout
        ) as streamed:
            declared = streamed.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_BODY:
                raise _BodyTooLarge
            chunks: list[bytes] = []
            size = 0
            async for chunk in streamed.aiter_bytes():
                size += len(chunk)
                if size > MAX_BODY:
                    raise _BodyTooLarge
                chunks.append(chunk)
        kept = [(k, v) for k, v in streamed.headers.multi_items() if k.lower() not in _BODY_HEADERS]
        return httpx.Response(
            streamed.status_code,
            headers=kept,
            content=b"".join(chunks),
            request=streamed.request,
        )

    async def get_json(
        self,
        provider: str,
        url: str,
        *,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        method: str = "GET",
        json: Any = None,
    ) -> Any:
        """Decoded JSON; malformed JSON is a :class:`ProviderError`."""
        response = await self.request(
            provider, url, method=method, params=params, json=json, headers=headers
        )
        return decode_json(provider, response)


def decode_json(provider: str, response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise ProviderError(provider, "malformed JSON in the response") from None


def _redirect_message(response: httpx.Response) -> str:
    target = httpx.URL(response.headers.get("Location", ""))
    where = f" to {target.host}" if target.host else ""
    return f"HTTP {response.status_code}: redirected{where}; redirects are not followed"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())

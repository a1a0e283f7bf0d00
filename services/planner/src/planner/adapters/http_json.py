"""One GET of a bibliographic database's JSON answer, retried as every outside call here is.

429 waits its `Retry-After` (capped: a daily quota will not reset while an essay waits), 5xx, timeouts and
broken connections back off briefly; any other 4xx, a body that is not JSON or the last failed attempt
raise `SourcesUnavailable` naming the database, so the planner can carry on without it."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import httpx

from planner.ports import SourcesUnavailable
from servicekit import RetriesOver, parse_retry_after, retry_with_backoff

Sleep = Callable[[float], Awaitable[None]]

MAX_RETRY_AFTER_SECONDS = 10.0
# Waits of 0.5–1 s, then 1–2 s between attempts (jitter picks within each): a search is worth little once
# the planner has waited long for it.
BACKOFF_BASE_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 4.0
USER_AGENT = "RefGen/0.1"


class _Status(Exception):
    """An HTTP answer that is not 200, with what is needed to decide on a retry."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.status = response.status_code
        self.retry_after = parse_retry_after(dict(response.headers))
        self.detail = " ".join(response.text.split())[:200] if response.status_code < 500 else ""


def user_agent(mailto: str) -> str:
    """The User-Agent Crossref asks polite clients for: who we are and how to reach us."""
    return f"{USER_AGENT} (mailto:{mailto})" if mailto else USER_AGENT


def new_client(timeout_seconds: float) -> httpx.AsyncClient:
    """A client of our own, without network I/O until the first request."""
    return httpx.AsyncClient(timeout=timeout_seconds, follow_redirects=True)


async def get_json(
    client: httpx.AsyncClient,
    url: str,
    params: Mapping[str, str | int],
    *,
    origin: str,
    headers: Mapping[str, str],
    timeout_seconds: float,
    attempts: int,
    sleep: Sleep = asyncio.sleep,
    jitter: Callable[[], float] = random.random,
) -> Any:
    """The decoded JSON body of a GET answered 200; raise SourcesUnavailable when there is none."""

    async def once() -> httpx.Response:
        response = await client.get(url, params=params, headers=headers, timeout=timeout_seconds)
        if response.status_code != 200:
            raise _Status(response)
        return response

    try:
        response, _ = await retry_with_backoff(
            once,
            is_transient=_transient,
            retry_after=_retry_after,
            attempts=attempts,
            base=BACKOFF_BASE_SECONDS,
            cap=BACKOFF_MAX_SECONDS,
            what=f"{origin} search",
            sleep=sleep,
            jitter=jitter,
        )
    except RetriesOver as over:
        raise SourcesUnavailable(f"{origin}: {_describe(over.error, over.attempts)}") from over.error
    try:
        return response.json()
    except ValueError as error:  # json.JSONDecodeError and UnicodeDecodeError both are
        raise SourcesUnavailable(f"{origin}: the answer is not JSON") from error


def _transient(error: Exception) -> bool:
    if isinstance(error, _Status):
        return error.status == 429 or error.status >= 500
    return isinstance(error, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)


def _retry_after(error: Exception) -> float | None:
    if isinstance(error, _Status) and error.retry_after is not None:
        return min(error.retry_after, MAX_RETRY_AFTER_SECONDS)
    return None


def _describe(error: Exception, attempts: int) -> str:
    tries = f"after {attempts} attempt{'s' if attempts != 1 else ''}"
    if isinstance(error, _Status):
        if error.status == 429 or error.status >= 500:
            return f"HTTP {error.status} {tries}"
        return f"HTTP {error.status}" + (f" ({error.detail})" if error.detail else "")
    if isinstance(error, httpx.TimeoutException):
        return f"timed out {tries}"
    if isinstance(error, httpx.TransportError):
        return f"unreachable ({type(error).__name__}: {error}) {tries}"
    return f"request failed ({type(error).__name__}: {error})"


class JsonSearch:
    """What a database's search shares: its `/works` URL, the polite-pool email, timeout and retries, and an
    HTTP client it closes only if it made it."""

    name = ""

    def __init__(
        self,
        base_url: str,
        *,
        mailto: str = "",
        timeout_seconds: float = 10.0,
        retries: int = 2,
        client: httpx.AsyncClient | None = None,
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._url = base_url.rstrip("/") + "/works"
        self._mailto = mailto
        self._timeout = timeout_seconds
        self._attempts = retries + 1
        # A client handed in belongs to whoever made it (it may serve others): close() leaves it open.
        self._owns_client = client is None
        self._client = client or new_client(timeout_seconds)
        self._sleep = sleep
        self._jitter = jitter

    async def _get(self, params: Mapping[str, str | int]) -> Any:
        """The JSON answer of one search, retried (see `get_json`)."""
        return await get_json(
            self._client,
            self._url,
            params,
            origin=self.name,
            headers={"User-Agent": user_agent(self._mailto), "Accept": "application/json"},
            timeout_seconds=self._timeout,
            attempts=self._attempts,
            sleep=self._sleep,
            jitter=self._jitter,
        )

    async def close(self) -> None:
        """Release the HTTP client if this search made it."""
        if self._owns_client:
            await self._client.aclose()

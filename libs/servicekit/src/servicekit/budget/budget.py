"""The LLM budget every writer and planner process of one API key shares: wait for room, then call."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

from servicekit.budget.bucket import Limits, LocalBucket, counted_tokens, estimate_tokens
from servicekit.budget.config import BudgetSettings
from servicekit.budget.postgres import PostgresBuckets

log = logging.getLogger(__name__)

# After the database failed a take, this process keeps to its own bucket this long before trying it again.
RECHECK_SECONDS = 5.0


class BucketStore(Protocol):
    """Where the shared buckets live."""

    async def take(self, key: str, limits: Limits, requests: float, tokens: float) -> tuple[float, float]:
        """Take (negative: give back); the levels left."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


def bucket_key(base_url: str, api_key: str) -> str:
    """The buckets' row key: a hash of the endpoint and the key, never the key itself."""
    return hashlib.sha256(f"{base_url.rstrip('/')}\n{api_key}".encode()).hexdigest()


@dataclass
class Spend:
    """What the caller reports after a call: the usage the API answered with."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    known: bool = False

    def record(self, prompt_tokens: int, completion_tokens: int) -> None:
        """The call's usage, so the reservation is settled to what the provider counted."""
        self.prompt_tokens, self.completion_tokens, self.known = prompt_tokens, completion_tokens, True


class LLMBudget:
    """Requests and tokens per minute shared through PostgreSQL by every process of one endpoint and key.

    Without a database each process keeps its own bucket. While the database is unreachable a process keeps
    to `fallback_share` of the limits on its own and asks the database again every few seconds: writing goes
    on (more slowly) instead of stopping, and any excess is a 429 the retry policy waits out.
    """

    def __init__(
        self,
        limits: Limits,
        key: str = "",
        store: BucketStore | None = None,
        *,
        fallback_share: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.limits = limits
        self._key = key
        self._store = store
        self._local = LocalBucket(limits if store is None else limits.scaled(fallback_share), clock)
        self._clock = clock
        self._sleep = sleep
        self._store_down_until = float("-inf")

    @classmethod
    def off(cls) -> LLMBudget:
        """A budget that never waits."""
        return cls(Limits.per_minute(0, 0))

    @classmethod
    def from_env(cls, base_url: str, api_key: str, settings: BudgetSettings | None = None) -> LLMBudget:
        """The budget LLM_BUDGET_* describes for this endpoint and key; off when no limit is set."""
        settings = settings or BudgetSettings()
        limits = Limits.per_minute(settings.rpm, settings.tpm, settings.burst_seconds)
        if not limits.on:
            return cls.off()
        if not settings.database_url:
            log.warning("LLM budget without LLM_BUDGET_DATABASE_URL: each process keeps its own")
        store = PostgresBuckets(settings.database_url) if settings.database_url else None
        return cls(limits, bucket_key(base_url, api_key), store, fallback_share=settings.fallback_share)

    @asynccontextmanager
    async def call(self, *, prompt_chars: int, max_tokens: int | None) -> AsyncIterator[Spend]:
        """Wait until one call of about this size fits the budget; settle it to the usage recorded on the
        yielded Spend (a call that fails keeps its reservation: the provider may have counted it)."""
        spend = Spend()
        if not self.limits.on:
            yield spend
            return
        reserved = estimate_tokens(prompt_chars, max_tokens) if self.limits.tokens.on else 0
        wait = await self._take(1, reserved)
        if wait > 0:
            # pacing is routine; a long wait says the budget, not the provider, is what limits throughput
            log.log(logging.INFO if wait >= 5 else logging.DEBUG, "LLM budget: waiting %.2f s for room", wait)
            await self._sleep(wait)
        yield spend
        if spend.known and self.limits.tokens.on:
            used = counted_tokens(spend.prompt_tokens, spend.completion_tokens, max_tokens)
            if used != reserved:
                await self._take(0, used - reserved)  # a debt from this is waited out by the next caller

    async def _take(self, requests: float, tokens: float) -> float:
        if self._store is not None and self._clock() >= self._store_down_until:
            try:
                levels = await self._store.take(self._key, self.limits, requests, tokens)
            except Exception as error:  # the budget protects the provider; it must never stop the writing
                self._store_down_until = self._clock() + RECHECK_SECONDS
                log.warning(
                    "LLM budget: database unavailable (%s: %s); this process keeps to its own share "
                    "for %.0f s",
                    type(error).__name__,
                    error,
                    RECHECK_SECONDS,
                )
            else:
                return self.limits.wait(*levels)
        return self._local.take(requests, tokens)

    async def close(self) -> None:
        """Release the database connections."""
        if self._store is not None:
            await self._store.close()

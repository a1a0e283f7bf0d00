"""One retry policy for every LLM call of every service: 429 honours retry-after, 5xx, timeouts and broken
connections back off exponentially with jitter, anything else fails at once."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_RETRY_AFTER_SECONDS = 300.0
RETRYABLE_STATUS = frozenset({408, 409, 425, 429})


def retryable_status(status: int) -> bool:
    """Whether an HTTP status from an LLM provider is worth another attempt."""
    return status in RETRYABLE_STATUS or status >= 500


def backoff_delay(
    attempt: int, *, base: float, cap: float, jitter: float, retry_after: float | None = None
) -> float:
    """Seconds to wait before attempt `attempt + 1`; `jitter` is a random number in [0, 1)."""
    if retry_after is not None:
        # The server knows best; a little jitter keeps replicas from returning in lockstep.
        return min(max(retry_after, 0.0), MAX_RETRY_AFTER_SECONDS) + base * 0.25 * jitter
    exponential = min(cap, base * 2.0 ** max(attempt - 1, 0))
    return exponential / 2 + exponential / 2 * jitter


def parse_retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date); None when absent or unreadable."""
    lowered = {key.lower(): value for key, value in headers.items()}
    if (millis := lowered.get("retry-after-ms")) is not None:
        try:
            return max(float(millis) / 1000.0, 0.0)
        except ValueError:
            pass
    raw = lowered.get("retry-after")
    if raw is None:
        return None
    try:
        return max(float(raw), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


class RetriesOver(Exception):
    """The call failed for good: with an error not worth retrying, or on every attempt."""

    def __init__(self, error: Exception, attempts: int) -> None:
        super().__init__(str(error))
        self.error = error
        self.attempts = attempts


async def retry_with_backoff(
    call: Callable[[], Awaitable[T]],
    *,
    is_transient: Callable[[Exception], bool],
    retry_after: Callable[[Exception], float | None],
    attempts: int,
    base: float,
    cap: float,
    what: str,
    on_failure: Callable[[Exception], None] = lambda _error: None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    jitter: Callable[[], float] = random.random,
) -> tuple[T, int]:
    """The call's result and the attempts it took; raises RetriesOver."""
    for attempt in range(1, attempts + 1):
        try:
            return await call(), attempt
        except Exception as error:
            if not is_transient(error):
                raise RetriesOver(error, attempt) from error
            on_failure(error)
            if attempt == attempts:
                raise RetriesOver(error, attempt) from error
            delay = backoff_delay(
                attempt, base=base, cap=cap, jitter=jitter(), retry_after=retry_after(error)
            )
            log.warning(
                "%s failed (attempt %d/%d): %s; retrying in %.1fs", what, attempt, attempts, error, delay
            )
            await sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover

"""Retry delays: exponential backoff with jitter, or what the server's retry-after says."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

MAX_RETRY_AFTER_SECONDS = 300.0


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

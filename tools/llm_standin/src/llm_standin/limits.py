"""Requests-per-minute and tokens-per-minute limits over a sliding window (a minute unless configured)."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class Decision:
    """Whether a request may proceed; when not, which limit it hit and when to retry."""

    allowed: bool
    limit: Literal["requests", "tokens"] | None = None
    retry_after: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def retry_after_header(self) -> str:
        """Whole seconds, rounded up, at least 1: what `retry-after` carries."""
        return str(max(1, math.ceil(self.retry_after)))


def _duration(seconds: float) -> str:
    return f"{max(0.0, seconds):.3f}s"


def per_window(per_minute: int, window: float) -> int:
    """What a per-minute limit allows within `window` seconds (at least 1 when the limit is on)."""
    return max(1, math.floor(per_minute * window / 60.0 + 1e-9)) if per_minute else 0


class RateLimiter:
    """Admits requests while the window's requests and tokens stay within the limits.

    A shorter window enforces the same per-minute limits at a finer grain (N per minute as N/6 per 10 s),
    as providers do: a client that bursts a minute's worth at once is refused.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._window: deque[tuple[float, int]] = deque()
        self._tokens = 0
        self._seconds = WINDOW_SECONDS

    @property
    def in_window(self) -> int:
        """Requests admitted within the current window (as of the last check)."""
        return len(self._window)

    def reset(self) -> None:
        """Forget every admitted request."""
        self._window.clear()
        self._tokens = 0

    def _prune(self, now: float) -> None:
        while self._window and self._window[0][0] <= now - self._seconds:
            self._tokens -= self._window.popleft()[1]

    def _retry_for_tokens(self, now: float, tokens: int, tpm: int) -> float:
        freed = 0
        for at, spent in self._window:
            freed += spent
            if self._tokens - freed + tokens <= tpm:
                return at + self._seconds - now
        return self._seconds

    def check(self, tokens: int, rpm: int, tpm: int, window: float = WINDOW_SECONDS) -> Decision:
        """Admit (and record) a request costing `tokens`, or refuse it; 0 disables a limit."""
        now = self._clock()
        self._seconds = window
        self._prune(now)
        most_requests, most_tokens = per_window(rpm, window), per_window(tpm, window)
        oldest = self._window[0][0] + window - now if self._window else 0.0
        headers: dict[str, str] = {}
        if rpm:
            headers["x-ratelimit-limit-requests"] = str(rpm)
            headers["x-ratelimit-reset-requests"] = _duration(oldest)
        if tpm:
            headers["x-ratelimit-limit-tokens"] = str(tpm)
        if most_requests and len(self._window) >= most_requests:
            headers["x-ratelimit-remaining-requests"] = "0"
            return Decision(False, "requests", oldest, headers)
        # a single request larger than the whole budget is let through on an empty window,
        # otherwise a client could never succeed with it
        if most_tokens and self._window and self._tokens + tokens > most_tokens:
            retry = self._retry_for_tokens(now, tokens, most_tokens)
            headers["x-ratelimit-remaining-tokens"] = str(max(0, most_tokens - self._tokens))
            headers["x-ratelimit-reset-tokens"] = _duration(retry)
            return Decision(False, "tokens", retry, headers)
        self._window.append((now, tokens))
        self._tokens += tokens
        if most_requests:
            headers["x-ratelimit-remaining-requests"] = str(most_requests - len(self._window))
        if most_tokens:
            headers["x-ratelimit-remaining-tokens"] = str(max(0, most_tokens - self._tokens))
            headers["x-ratelimit-reset-tokens"] = _duration(self._window[0][0] + window - now)
        return Decision(True, headers=headers)

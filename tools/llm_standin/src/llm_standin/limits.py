"""Requests-per-minute and tokens-per-minute limits over a sliding one-minute window."""

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


class RateLimiter:
    """Admits requests while the last minute's requests and tokens stay within the limits."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._window: deque[tuple[float, int]] = deque()
        self._tokens = 0

    def reset(self) -> None:
        """Forget every admitted request."""
        self._window.clear()
        self._tokens = 0

    def _prune(self, now: float) -> None:
        while self._window and self._window[0][0] <= now - WINDOW_SECONDS:
            self._tokens -= self._window.popleft()[1]

    def _retry_for_tokens(self, now: float, tokens: int, tpm: int) -> float:
        freed = 0
        for at, spent in self._window:
            freed += spent
            if self._tokens - freed + tokens <= tpm:
                return at + WINDOW_SECONDS - now
        return WINDOW_SECONDS

    def check(self, tokens: int, rpm: int, tpm: int) -> Decision:
        """Admit (and record) a request costing `tokens`, or refuse it; 0 disables a limit."""
        now = self._clock()
        self._prune(now)
        oldest = self._window[0][0] + WINDOW_SECONDS - now if self._window else 0.0
        headers: dict[str, str] = {}
        if rpm:
            headers["x-ratelimit-limit-requests"] = str(rpm)
            headers["x-ratelimit-reset-requests"] = _duration(oldest)
        if tpm:
            headers["x-ratelimit-limit-tokens"] = str(tpm)
        if rpm and len(self._window) >= rpm:
            headers["x-ratelimit-remaining-requests"] = "0"
            return Decision(False, "requests", oldest, headers)
        # a single request larger than the whole budget is let through on an empty window,
        # otherwise a client could never succeed with it
        if tpm and self._window and self._tokens + tokens > tpm:
            retry = self._retry_for_tokens(now, tokens, tpm)
            headers["x-ratelimit-remaining-tokens"] = str(max(0, tpm - self._tokens))
            headers["x-ratelimit-reset-tokens"] = _duration(retry)
            return Decision(False, "tokens", retry, headers)
        self._window.append((now, tokens))
        self._tokens += tokens
        if rpm:
            headers["x-ratelimit-remaining-requests"] = str(rpm - len(self._window))
        if tpm:
            headers["x-ratelimit-remaining-tokens"] = str(max(0, tpm - self._tokens))
            headers["x-ratelimit-reset-tokens"] = _duration(self._window[0][0] + WINDOW_SECONDS - now)
        return Decision(True, headers=headers)

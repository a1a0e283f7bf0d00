"""A token bucket as plain arithmetic: the one model the PostgreSQL statement and the in-process bucket share.

Takes always succeed and may leave a bucket in debt (below zero); the taker then waits until the debt is paid
back. So one atomic step both reserves a place and says how long to wait: callers queue in the order they took,
with no polling, and over any `t` seconds at most `capacity + rate * t` is admitted.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

# Estimates before a call: the provider counts a request's prompt and its max_tokens at admission.
CHARS_PER_TOKEN = 4.0
DEFAULT_COMPLETION_TOKENS = 1024  # a call without max_tokens (the planner's outline)


@dataclass(frozen=True)
class Rate:
    """One dimension of a budget: `per_minute` (0 is off), of which `burst_seconds`' worth may go at once."""

    per_minute: float
    burst_seconds: float = 1.0

    @property
    def on(self) -> bool:
        """Whether this dimension limits anything."""
        return self.per_minute > 0

    @property
    def per_second(self) -> float:
        """Refill per second."""
        return self.per_minute / 60.0

    @property
    def capacity(self) -> float:
        """The most that may be taken at once from a full bucket (at least one request's worth)."""
        return max(1.0, self.per_second * self.burst_seconds) if self.on else 0.0

    def level_after(self, level: float, elapsed: float, cost: float) -> float:
        """The level `elapsed` seconds later, refilled up to capacity, less `cost` (negative: a refund)."""
        if not self.on:
            return 0.0
        refilled = min(self.capacity, level + max(elapsed, 0.0) * self.per_second)
        return min(self.capacity, refilled - cost)

    def wait(self, level: float) -> float:
        """Seconds until a bucket in debt is back at zero."""
        return -level / self.per_second if self.on and level < 0 else 0.0


@dataclass(frozen=True)
class Limits:
    """Requests and tokens per minute for everything that calls one LLM with one key."""

    requests: Rate
    tokens: Rate

    @classmethod
    def per_minute(cls, rpm: float, tpm: float, burst_seconds: float = 1.0) -> Limits:
        """Limits from per-minute figures; 0 turns a dimension off."""
        return cls(Rate(rpm, burst_seconds), Rate(tpm, burst_seconds))

    @property
    def on(self) -> bool:
        """Whether anything is limited."""
        return self.requests.on or self.tokens.on

    def scaled(self, share: float) -> Limits:
        """The same limits at `share` of the rates (what one process may use on its own)."""
        return Limits(
            Rate(self.requests.per_minute * share, self.requests.burst_seconds),
            Rate(self.tokens.per_minute * share, self.tokens.burst_seconds),
        )

    def wait(self, requests_level: float, tokens_level: float) -> float:
        """Seconds until both buckets are out of debt."""
        return max(self.requests.wait(requests_level), self.tokens.wait(tokens_level))


def estimate_tokens(prompt_chars: int, max_tokens: int | None) -> int:
    """Tokens to reserve before a call: the prompt at ~4 characters a token and the completion allowed."""
    completion = DEFAULT_COMPLETION_TOKENS if max_tokens is None else max_tokens
    return math.ceil(prompt_chars / CHARS_PER_TOKEN) + completion


def counted_tokens(prompt_tokens: int, completion_tokens: int, max_tokens: int | None) -> int:
    """Tokens a provider counts for a finished call: its real prompt and the completion it allowed."""
    return prompt_tokens + (completion_tokens if max_tokens is None else max(max_tokens, completion_tokens))


class LocalBucket:
    """Both buckets held in this process: without a database, or while it is unreachable."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._at = clock()
        self.requests = limits.requests.capacity
        self.tokens = limits.tokens.capacity

    def take(self, requests: float, tokens: float) -> float:
        """Take `requests` and `tokens` (negative: give back); the seconds to wait before the call."""
        now = self._clock()
        elapsed, self._at = now - self._at, max(now, self._at)
        self.requests = self.limits.requests.level_after(self.requests, elapsed, requests)
        self.tokens = self.limits.tokens.level_after(self.tokens, elapsed, tokens)
        return self.limits.wait(self.requests, self.tokens)

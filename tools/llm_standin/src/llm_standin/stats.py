"""Counters served at GET /stats."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Stats:
    """What the server has done since start (or the last reset)."""

    requests_total: int = 0
    completions_ok: int = 0
    streams: int = 0
    streams_disconnected: int = 0
    finish_stop: int = 0
    finish_length: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    rate_limited: int = 0
    rate_limited_requests: int = 0
    rate_limited_tokens: int = 0
    window_peak_requests: int = 0  # most requests admitted within one rate-limit window
    injected_errors: int = 0
    injected_stalls: int = 0
    unauthorized: int = 0
    bad_requests: int = 0
    in_flight: int = 0
    started_at: float = field(default_factory=time.time)

    def finished(self, finish_reason: str, prompt_tokens: int, completion_tokens: int) -> None:
        """Record a completion delivered in full."""
        self.completions_ok += 1
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        if finish_reason == "length":
            self.finish_length += 1
        else:
            self.finish_stop += 1

    def snapshot(self) -> dict[str, Any]:
        """The counters as JSON, with uptime."""
        data = asdict(self)
        data["uptime_seconds"] = round(time.time() - self.started_at, 3)
        data["total_tokens"] = self.prompt_tokens + self.completion_tokens
        return data

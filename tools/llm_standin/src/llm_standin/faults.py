"""Seeded fault injection: 5xx answers and stalled streams at configurable rates."""

from __future__ import annotations

import random
from typing import Literal

Fault = Literal["error", "stall"]


class FaultInjector:
    """Draws one number per request from a seeded RNG: the same seed gives the same fault sequence."""

    def __init__(self, seed: int = 0) -> None:
        self._rng = random.Random(seed)

    def reseed(self, seed: int) -> None:
        """Restart the sequence from `seed`."""
        self._rng = random.Random(seed)

    def draw(self, error_rate: float, stall_rate: float, *, stream: bool) -> Fault | None:
        """The fault to inject into the next request; stalls apply to streams only."""
        roll = self._rng.random()
        if roll < error_rate:
            return "error"
        if stream and roll < error_rate + stall_rate:
            return "stall"
        return None

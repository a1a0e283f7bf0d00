"""Seeded fault injection per API: 429s, 5xx, a server that is down, added latency."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from biblio_standin.config import APIS, Api, ApiFaults
from biblio_standin.corpus.text import seed_of

FaultKind = Literal["down", "rate_limited", "error"]


@dataclass(frozen=True)
class Fault:
    """What to answer instead of the real answer."""

    kind: FaultKind
    status: int
    retry_after: int | None = None


class FaultInjector:
    """One seeded sequence per API: the same seed gives the same faults in the same order."""

    def __init__(self, seed: int = 0) -> None:
        self.reseed(seed)

    def reseed(self, seed: int) -> None:
        """Restart every sequence from `seed`."""
        self._rolls = {api: random.Random(seed_of(seed, "faults", api)) for api in APIS}
        # Jitter draws its own numbers, so turning it on leaves the fault sequence as it was.
        self._jitter = {api: random.Random(seed_of(seed, "jitter", api)) for api in APIS}

    def draw(self, api: Api, faults: ApiFaults) -> Fault | None:
        """The fault of the next request to `api`, if any."""
        if faults.down:
            return Fault("down", 503, faults.retry_after_seconds)
        roll = self._rolls[api].random()
        if roll < faults.rate_limit_rate:
            return Fault("rate_limited", 429, faults.retry_after_seconds)
        if roll < faults.rate_limit_rate + faults.error_rate:
            return Fault("error", faults.error_status)
        return None

    def delay(self, api: Api, faults: ApiFaults) -> float:
        """Seconds to wait before answering the next request to `api`."""
        jitter = (
            faults.latency_jitter_seconds * self._jitter[api].random() if faults.latency_jitter_seconds else 0
        )
        return faults.latency_seconds + jitter

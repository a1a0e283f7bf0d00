"""The running server's mutable state: tunables, limiter, faults and counters."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import Request

from llm_standin.config import Settings, Tunables
from llm_standin.faults import FaultInjector
from llm_standin.limits import RateLimiter
from llm_standin.stats import Stats
from llm_standin.tokens import TokenCounter


class AppState:
    """Shared by every request; requests take a snapshot of the tunables when they start."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.tunables: Tunables = settings.tunables()
        self.limiter = RateLimiter()
        self.faults = FaultInjector(self.tunables.seed)
        self.stats = Stats()
        self._released = asyncio.Event()
        self._hold(self.tunables.hold)

    def _hold(self, hold: bool) -> None:
        if hold:
            self._released.clear()
        else:
            self._released.set()

    async def released(self) -> None:
        """Return once requests are not held (at once unless `hold` is on)."""
        await self._released.wait()

    def counter(self, tunables: Tunables) -> TokenCounter:
        """The token counter for these tunables."""
        return TokenCounter(tunables.chars_per_token_latin, tunables.chars_per_token_cyrillic)

    def reconfigure(self, patch: dict[str, Any]) -> Tunables:
        """Apply a partial update (validated as a whole); a changed seed restarts the fault sequence."""
        updated = self.tunables.patched(patch)
        if updated.seed != self.tunables.seed:
            self.faults.reseed(updated.seed)
        self.tunables = updated
        self._hold(updated.hold)
        return updated

    def reset(self) -> None:
        """Zero the counters, empty the rate-limit window and restart the fault sequence."""
        self.stats = Stats()
        self.limiter.reset()
        self.faults.reseed(self.tunables.seed)


def get_state(request: Request) -> AppState:
    """The AppState of the app serving `request`."""
    state = request.app.state.standin
    assert isinstance(state, AppState)
    return state

"""The running server's mutable state: tunables, faults, counters, what it has served."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from biblio_standin.config import Api, Settings, Tunables
from biblio_standin.corpus.generate import corpus
from biblio_standin.corpus.text import normalise
from biblio_standin.corpus.work import Work
from biblio_standin.faults import FaultInjector
from biblio_standin.served import Ledger, Registry
from biblio_standin.stats import Stats

# Lookups find works served this long ago at least, whatever the ledger's own limit.
MIN_REGISTRY = 100_000


class AppState:
    """Shared by every request; a request reads the tunables once, when it starts."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.tunables: Tunables = settings.tunables()
        self.faults = FaultInjector(self.tunables.seed)
        self.stats = Stats()
        self.ledger = Ledger(settings.served_limit)
        self.registry = Registry(max(settings.served_limit, MIN_REGISTRY))

    def reconfigure(self, patch: dict[str, Any]) -> Tunables:
        """Apply a partial update (validated as a whole); a changed seed restarts the fault sequences."""
        updated = self.tunables.patched(patch)
        if updated.seed != self.tunables.seed:
            self.faults.reseed(updated.seed)
        self.tunables = updated
        return updated

    def reset(self) -> None:
        """Back to the start-up configuration; zero the counters, forget the ledger, restart the faults."""
        self.tunables = self.settings.tunables()
        self.faults.reseed(self.tunables.seed)
        self.stats = Stats()
        self.ledger.clear()

    def search(self, api: Api, query: str, tunables: Tunables) -> tuple[Work, ...]:
        """Every work a search for `query` finds, best first (nothing while `api` plays empty)."""
        lowered = query.casefold()
        if tunables.faults(api).empty or any(m.casefold() in lowered for m in tunables.empty_queries if m):
            return ()
        return corpus(normalise(query), tunables.seed)

    def served(self, api: Api, works: list[Work]) -> None:
        """Record works an answer of `api` carries."""
        self.ledger.add(api, works)
        self.registry.add(works)
        self.stats.api(api).records_served += len(works)


def get_state(request: Request) -> AppState:
    """The AppState of the app serving `request`."""
    state = request.app.state.standin
    assert isinstance(state, AppState)
    return state

"""Counters served at GET /stats."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from biblio_standin.config import Api


@dataclass
class ApiStats:
    """What one API has done since start (or the last reset)."""

    requests: int = 0
    searches: int = 0  # list answers given (200)
    lookups: int = 0  # single-work answers given (200)
    records_served: int = 0
    empty_answers: int = 0  # searches that found nothing: the empty fault, an empty query, filters
    not_found: int = 0
    bad_requests: int = 0
    rate_limited: int = 0
    injected_errors: int = 0
    down_refusals: int = 0
    delayed: int = 0
    with_mailto: int = 0  # requests in the "polite pool": with a mailto parameter
    with_api_key: int = 0


@dataclass
class Stats:
    """Counters of both APIs."""

    openalex: ApiStats = field(default_factory=ApiStats)
    crossref: ApiStats = field(default_factory=ApiStats)
    started_at: float = field(default_factory=time.time)

    def api(self, api: Api) -> ApiStats:
        """The counters of one API."""
        return self.openalex if api == "openalex" else self.crossref

    def snapshot(self) -> dict[str, Any]:
        """The counters as JSON, with totals and uptime."""
        return {
            "requests_total": self.openalex.requests + self.crossref.requests,
            "records_served_total": self.openalex.records_served + self.crossref.records_served,
            "openalex": asdict(self.openalex),
            "crossref": asdict(self.crossref),
            "started_at": self.started_at,
            "uptime_seconds": round(time.time() - self.started_at, 3),
        }

"""The research step: search the bibliographic databases for every chapter at once and pick the essay's list."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from contracts.essay import GenerationRequested
from contracts.sources import SourceRecord
from planner.domain.research import RESULTS_PER_QUERY, Found, Query, queries, select
from planner.ports import SourceSearch, SourcesUnavailable

log = logging.getLogger(__name__)
# Searches in flight per database: OpenAlex and Crossref ask polite clients for about ten a second.
SEARCHES_IN_FLIGHT = 4


@dataclass(frozen=True, slots=True)
class Findings:
    """The essay's list of real records, or why there is none (the LLM then suggests one, unverified)."""

    records: tuple[SourceRecord, ...]
    problem: str = ""

    @property
    def verified(self) -> bool:
        """Whether the list is made of real records."""
        return bool(self.records)


class Research:
    """Finds records over the configured databases; with none configured, only the user's literature."""

    def __init__(
        self,
        searches: Sequence[SourceSearch],
        *,
        today: Callable[[], date] = date.today,
        results_per_query: int = RESULTS_PER_QUERY,
    ) -> None:
        self._searches = tuple(searches)
        self._today = today
        self._results = results_per_query

    async def find(self, request: GenerationRequested) -> Findings:
        """The user's records first, then the best found for each chapter; a database that fails is left
        out, and why is said when nothing real remains."""
        problems: list[str] = []
        found: list[Found] = []
        if self._searches:
            outcomes = await asyncio.gather(
                *(
                    self._search(search, query, limiter)
                    for search, limiter in self._limited()
                    for query in queries(request.topic, request.chapters, request.language)
                )
            )
            for outcome in outcomes:
                if isinstance(outcome, Found):
                    found.append(outcome)
                elif outcome not in problems:
                    problems.append(outcome)
        records = select(
            request.sources,
            found,
            chapters=len(request.chapters),
            language=request.language,
            accessed=self._today().isoformat(),
        )
        log.info(
            "essay %s: %d records (%d the user's) from %d searches; problems: %s",
            request.essay_id,
            len(records),
            len(request.sources),
            len(found),
            "; ".join(problems) or "none",
        )
        if records:
            return Findings(records)
        if not self._searches:
            return Findings((), "no bibliographic database is configured")
        return Findings((), "; ".join(problems) or "the bibliographic databases found no records")

    def _limited(self) -> list[tuple[SourceSearch, asyncio.Semaphore]]:
        return [(search, asyncio.Semaphore(SEARCHES_IN_FLIGHT)) for search in self._searches]

    async def _search(self, search: SourceSearch, query: Query, limiter: asyncio.Semaphore) -> Found | str:
        async with limiter:
            try:
                records = await search.search(query.text, language=query.language, limit=self._results)
            except SourcesUnavailable as error:
                log.warning("search %r in %s failed: %s", query.text, search.name, error)
                return str(error)
        return Found(query, tuple(records))

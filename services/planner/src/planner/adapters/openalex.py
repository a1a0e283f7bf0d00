"""OpenAlex (https://docs.openalex.org) as the planner's `SourceSearch`, over a plain `httpx.AsyncClient`.

Not pyalex: it (like habanero for Crossref) is a synchronous `requests` client, and every search would
block the planner's event loop, which meanwhile serves the broker and other essays. Two GET parameters and
a JSON answer need no client library; the retries follow `http_json`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.sources import SourceRecord
from planner.adapters.http_json import JsonSearch
from planner.adapters.openalex_records import KINDS, openalex_record
from planner.adapters.record_text import distinct
from planner.ports import SourcesUnavailable

MAX_PER_PAGE = 50
# Only the fields the mapping reads: an answer with 50 full works would be megabytes.
SELECT = (
    "id,doi,title,display_name,publication_year,language,type,authorships,primary_location,biblio,"
    "abstract_inverted_index"
)
TYPE_FILTER = "type:" + "|".join(KINDS)


class OpenAlexSearch(JsonSearch):
    """Searches OpenAlex works by relevance: citable types only, never retracted works, in one language."""

    name = "openalex"

    def __init__(self, base_url: str, *, api_key: str = "", **options: Any) -> None:
        super().__init__(base_url, **options)
        self._api_key = api_key

    def params(self, query: str, *, language: str | None, limit: int) -> dict[str, str | int]:
        """The query string of one search."""
        filters = ([f"language:{language}"] if language else []) + [TYPE_FILTER, "is_retracted:false"]
        params: dict[str, str | int] = {
            "search": query,
            "filter": ",".join(filters),
            "per_page": max(1, min(limit, MAX_PER_PAGE)),
            "select": SELECT,
        }
        if self._mailto:
            params["mailto"] = self._mailto
        if self._api_key:
            params["api_key"] = self._api_key
        return params

    async def search(self, query: str, *, language: str | None, limit: int) -> list[SourceRecord]:
        """Works matching `query`, best first, at most `limit`; raise SourcesUnavailable when OpenAlex can't."""
        if limit <= 0 or not query.strip():
            return []
        body = await self._get(self.params(query, language=language, limit=limit))
        results = body.get("results") if isinstance(body, Mapping) else None
        if not isinstance(results, list):
            raise SourcesUnavailable(f"{self.name}: the answer has no list of results")
        return distinct(openalex_record(work) for work in results)[:limit]

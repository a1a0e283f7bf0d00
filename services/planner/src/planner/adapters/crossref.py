"""Crossref (https://api.crossref.org) as the planner's `SourceSearch`, over a plain `httpx.AsyncClient`.

Not habanero: it (like pyalex for OpenAlex) is a synchronous `requests` client, and every search would
block the planner's event loop, which meanwhile serves the broker and other essays. Two GET parameters and
a JSON answer need no client library; the retries follow `http_json`.

Crossref has no language filter, and `language` is not among the fields its `select` accepts (a select
outside its list fails every request with 400), so the language is told from the title's script: Cyrillic
for ru and ky, anything else for the rest; an item that does carry `language` is judged by it."""

from __future__ import annotations

from collections.abc import Mapping

from contracts.sources import SourceRecord
from planner.adapters.crossref_records import KINDS, crossref_record, in_language
from planner.adapters.http_json import JsonSearch
from planner.adapters.record_text import distinct
from planner.ports import SourcesUnavailable

MAX_ROWS = 100
# How many more rows to ask for when the language filter will drop some of them.
LANGUAGE_OVERFETCH = 3
# Only the fields the mapping reads: without a select every item brings its whole list of references.
SELECT = (
    "DOI,URL,title,subtitle,author,editor,container-title,publisher,publisher-location,type,issued,"
    "published,volume,issue,page,abstract"
)
TYPE_FILTER = ",".join(f"type:{kind}" for kind in KINDS)  # the same filter named twice means "or"


class CrossrefSearch(JsonSearch):
    """Searches Crossref works by bibliographic relevance: citable types only, one language, politely."""

    name = "crossref"

    def params(self, query: str, *, language: str | None, limit: int) -> dict[str, str | int]:
        """The query string of one search."""
        rows = limit * LANGUAGE_OVERFETCH if language else limit
        params: dict[str, str | int] = {
            "query.bibliographic": query,
            "filter": TYPE_FILTER,
            "rows": max(1, min(rows, MAX_ROWS)),
            "select": SELECT,
        }
        if self._mailto:
            params["mailto"] = self._mailto
        return params

    async def search(self, query: str, *, language: str | None, limit: int) -> list[SourceRecord]:
        """Works matching `query`, best first, at most `limit`; raise SourcesUnavailable when Crossref can't."""
        if limit <= 0 or not query.strip():
            return []
        body = await self._get(self.params(query, language=language, limit=limit))
        message = body.get("message") if isinstance(body, Mapping) and body.get("status") == "ok" else None
        items = message.get("items") if isinstance(message, Mapping) else None
        if not isinstance(items, list):
            raise SourcesUnavailable(f"{self.name}: the answer is not an ok message with a list of items")
        if language:
            items = [item for item in items if in_language(item, language)]
        return distinct(crossref_record(item) for item in items)[:limit]

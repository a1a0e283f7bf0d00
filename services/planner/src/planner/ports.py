"""What the planner needs from the outside world, as protocols."""

from __future__ import annotations

from typing import Any, Protocol

from contracts.sources import SourceRecord


class LLMUnavailable(Exception):
    """The LLM could not answer within the retry budget (rate limits, 5xx, timeouts, bad requests)."""


class OutlineLLM(Protocol):
    """An LLM that answers chat messages with JSON matching a schema."""

    async def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str) -> str:
        """Return the raw JSON text of the answer; raise LLMUnavailable when it cannot."""
        ...


class SourcesUnavailable(Exception):
    """A bibliographic database could not answer within its retry budget (429, 5xx, timeouts, bad answers)."""


class SourceSearch(Protocol):
    """A bibliographic database searched for scholarly records (OpenAlex, Crossref)."""

    name: str  # the records' origin: "openalex" or "crossref"

    async def search(self, query: str, *, language: str | None, limit: int) -> list[SourceRecord]:
        """Records matching `query`, best first, at most `limit`; only works in `language` (ISO 639-1) when
        it is given. Raise SourcesUnavailable when the database cannot answer."""
        ...

    async def close(self) -> None:
        """Release the HTTP client."""
        ...

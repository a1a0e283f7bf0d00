"""What the planner needs from the outside world, as protocols."""

from __future__ import annotations

from typing import Any, Protocol


class LLMUnavailable(Exception):
    """The LLM could not answer within the retry budget (rate limits, 5xx, timeouts, bad requests)."""


class OutlineLLM(Protocol):
    """An LLM that answers chat messages with JSON matching a schema."""

    async def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str) -> str:
        """Return the raw JSON text of the answer; raise LLMUnavailable when it cannot."""
        ...

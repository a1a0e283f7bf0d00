"""What the writer needs from the LLM, as a protocol, and the errors the adapter reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from contracts.blocks import TokenUsage

Messages = list[dict[str, str]]


@dataclass(frozen=True)
class Completion:
    """One answer: its text, why it ended, and the usage the API reported."""

    text: str
    finish_reason: str | None
    usage: TokenUsage


class TransientLLMError(Exception):
    """Worth retrying: 429, 5xx, timeouts, stalled or broken streams, unusable output."""

    def __init__(
        self, reason: str, *, retry_after: float | None = None, usage: TokenUsage | None = None
    ) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.usage = usage or TokenUsage()


class PermanentLLMError(Exception):
    """Retrying will not help: authentication, a bad request, an unknown model."""


class WriterLLM(Protocol):
    """An OpenAI-compatible chat model."""

    async def stream_text(self, messages: Messages, *, max_tokens: int) -> Completion:
        """Stream a prose answer to the end; raise TransientLLMError or PermanentLLMError."""
        ...

    async def complete_json(
        self, messages: Messages, schema: dict[str, Any], name: str, *, max_tokens: int
    ) -> Completion:
        """A structured answer matching `schema`; raise TransientLLMError or PermanentLLMError."""
        ...

"""Run an LLM call with exponential backoff and jitter; give up after a fixed number of attempts."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from contracts.blocks import TokenUsage
from servicekit import RetriesOver, retry_with_backoff
from writer.ports import PermanentLLMError, TransientLLMError

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]


class GaveUp(Exception):
    """An LLM call failed for good: permanently, or on every attempt."""

    def __init__(self, reason: str, attempts: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


@dataclass
class Retrier:
    """Retry policy plus the token usage spent on failed attempts (they are paid for too)."""

    max_attempts: int
    base_seconds: float
    max_seconds: float
    sleep: Sleep = asyncio.sleep
    jitter: Callable[[], float] = random.random
    wasted: TokenUsage = field(default_factory=TokenUsage)

    async def run(self, call: Callable[[], Awaitable[T]], what: str) -> tuple[T, int]:
        """The call's result and the attempts it took; raises GaveUp (the policy is servicekit's, shared
        with the planner)."""
        try:
            return await retry_with_backoff(
                call,
                is_transient=lambda error: isinstance(error, TransientLLMError),
                retry_after=lambda error: getattr(error, "retry_after", None),
                attempts=self.max_attempts,
                base=self.base_seconds,
                cap=self.max_seconds,
                what=what,
                on_failure=self._count_waste,
                sleep=self.sleep,
                jitter=self.jitter,
            )
        except RetriesOver as over:
            if isinstance(over.error, PermanentLLMError):
                raise GaveUp(str(over.error), over.attempts) from over.error
            if isinstance(over.error, TransientLLMError):
                message = f"{what}: {over.error} (after {over.attempts} attempts)"
                raise GaveUp(message, over.attempts) from over.error
            raise over.error from None

    def _count_waste(self, error: Exception) -> None:
        usage = getattr(error, "usage", None)
        if isinstance(usage, TokenUsage):  # failed attempts are paid for too
            self.wasted = TokenUsage(
                prompt_tokens=self.wasted.prompt_tokens + usage.prompt_tokens,
                completion_tokens=self.wasted.completion_tokens + usage.completion_tokens,
            )

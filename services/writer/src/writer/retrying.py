"""Run an LLM call with exponential backoff and jitter; give up after a fixed number of attempts."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from contracts.blocks import TokenUsage
from writer.domain.backoff import backoff_delay
from writer.ports import PermanentLLMError, TransientLLMError

log = logging.getLogger(__name__)
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
        """The call's result and the attempts it took; raises GaveUp."""
        for attempt in range(1, self.max_attempts + 1):
            try:
                return await call(), attempt
            except PermanentLLMError as error:
                raise GaveUp(str(error), attempt) from error
            except TransientLLMError as error:
                self.wasted = TokenUsage(
                    prompt_tokens=self.wasted.prompt_tokens + error.usage.prompt_tokens,
                    completion_tokens=self.wasted.completion_tokens + error.usage.completion_tokens,
                )
                if attempt == self.max_attempts:
                    raise GaveUp(f"{what}: {error} (after {attempt} attempts)", attempt) from error
                delay = backoff_delay(
                    attempt,
                    base=self.base_seconds,
                    cap=self.max_seconds,
                    jitter=self.jitter(),
                    retry_after=error.retry_after,
                )
                log.warning(
                    "%s failed (attempt %d/%d): %s; retrying in %.1fs",
                    what,
                    attempt,
                    self.max_attempts,
                    error,
                    delay,
                )
                await self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

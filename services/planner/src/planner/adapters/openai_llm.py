"""The outline LLM over any OpenAI-compatible endpoint, retried by the policy every LLM call shares."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any, cast

import openai
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema

from planner.ports import LLMUnavailable
from servicekit import (
    LLMMeter,
    RetriesOver,
    llm_error_class,
    parse_retry_after,
    retry_with_backoff,
    retryable_status,
)
from servicekit.budget import LLMBudget

log = logging.getLogger(__name__)


class OpenAIOutlineLLM:
    """Structured-output chat completions. 429 (after its retry-after), 5xx, timeouts and broken connections
    are retried with exponential backoff and jitter (`servicekit.retry_with_backoff`, as the writer's calls);
    every attempt first waits for room in the LLM budget shared with the writers."""

    def __init__(
        self,
        client: AsyncOpenAI,
        model: str,
        *,
        retries: int = 4,
        backoff: tuple[float, float] = (1.0, 30.0),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        budget: LLMBudget | None = None,
        meter: LLMMeter | None = None,
    ) -> None:
        self._client = client
        self._meter = meter or LLMMeter("planner", model)
        self._model = model
        self._attempts = retries + 1
        self._base, self._cap = backoff
        self._sleep = sleep
        self._jitter = jitter
        self._budget = budget or LLMBudget.off()

    @classmethod
    def connect(
        cls,
        base_url: str,
        api_key: str,
        model: str,
        timeout: float,
        max_retries: int,
        *,
        backoff: tuple[float, float] = (1.0, 30.0),
        budget: LLMBudget | None = None,
    ) -> OpenAIOutlineLLM:
        """Build the client (its own retries off: ours apply); no network I/O until the first request."""
        client = AsyncOpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=0)
        return cls(client, model, retries=max_retries, backoff=backoff, budget=budget)

    async def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str) -> str:
        """Ask for JSON matching `schema`; raise LLMUnavailable once the retries are over."""

        prompt_chars = sum(len(message.get("content", "")) for message in messages)

        async def once() -> Any:
            async with self._budget.call(prompt_chars=prompt_chars, max_tokens=None) as spend:
                try:
                    completion = await self._client.chat.completions.create(
                        model=self._model,
                        messages=cast("list[ChatCompletionMessageParam]", messages),
                        response_format=ResponseFormatJSONSchema(
                            type="json_schema", json_schema={"name": name, "schema": schema, "strict": True}
                        ),
                        temperature=0.7,
                    )
                except openai.APIError as error:
                    self._meter.error(llm_error_class(error))
                    raise
                if completion.usage is not None:
                    spend.record(completion.usage.prompt_tokens, completion.usage.completion_tokens)
                    self._meter.tokens(completion.usage.prompt_tokens, completion.usage.completion_tokens)
                return completion

        try:
            completion, _ = await retry_with_backoff(
                once,
                is_transient=_transient,
                retry_after=_retry_after,
                attempts=self._attempts,
                base=self._base,
                cap=self._cap,
                what="outline",
                sleep=self._sleep,
                jitter=self._jitter,
            )
        except RetriesOver as over:
            raise LLMUnavailable(_describe(over.error)) from over.error
        usage = completion.usage
        if usage is not None:
            log.info("outline usage: prompt=%s completion=%s", usage.prompt_tokens, usage.completion_tokens)
        content = completion.choices[0].message.content if completion.choices else None
        return content or ""

    async def close(self) -> None:
        """Release the HTTP connection pool."""
        await self._client.close()


def _transient(error: Exception) -> bool:
    if isinstance(error, openai.APIStatusError):
        return retryable_status(error.status_code)
    return isinstance(error, openai.APIConnectionError)  # includes APITimeoutError


def _retry_after(error: Exception) -> float | None:
    if isinstance(error, openai.APIStatusError):
        return parse_retry_after(dict(error.response.headers))
    return None


def _describe(error: Exception) -> str:
    if isinstance(error, openai.APIStatusError):
        return f"LLM answered HTTP {error.status_code}: {_short(error.message)}"
    if isinstance(error, openai.APIConnectionError):
        return f"LLM unreachable: {_short(str(error))}"
    return f"LLM call failed: {_short(str(error)) or type(error).__name__}"


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

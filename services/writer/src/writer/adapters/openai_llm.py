"""The writer's LLM over any OpenAI-compatible endpoint: streaming, usage, stall detection, error mapping."""

from __future__ import annotations

import asyncio
import importlib
from typing import Any, cast

import openai
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema

from contracts.blocks import TokenUsage
from servicekit import LLMMeter, llm_error_class, parse_retry_after, retryable_status
from servicekit.budget import LLMBudget
from writer.ports import Completion, Messages, PermanentLLMError, TransientLLMError


def _http_errors() -> tuple[type[Exception], ...]:
    """Transport errors of the HTTP library the openai client uses (httpx before openai 3, httpx2 after)."""
    found: list[type[Exception]] = []
    for name in ("httpx2", "httpx"):
        try:
            found.append(importlib.import_module(name).HTTPError)
        except ImportError:
            continue
    return tuple(found)


# Errors a call may raise mid-stream too: API errors, raw transport errors, a garbled chunk (ValueError).
LLM_ERRORS: tuple[type[Exception], ...] = (openai.APIError, ValueError, *_http_errors())


class OpenAIWriterLLM:
    """Chat completions with the client's own retries off: the writer owns retrying. Every attempt first
    waits for room in the LLM budget shared with the other replicas and the planner."""

    def __init__(
        self,
        client: AsyncOpenAI,
        model: str,
        *,
        stall_seconds: float,
        budget: LLMBudget | None = None,
        meter: LLMMeter | None = None,
    ) -> None:
        self._client = client
        self._model = model
        self._stall_seconds = stall_seconds
        self._budget = budget or LLMBudget.off()
        self._meter = meter or LLMMeter("writer", model)

    @classmethod
    def connect(
        cls,
        base_url: str,
        api_key: str,
        model: str,
        *,
        timeout: float,
        stall_seconds: float,
        budget: LLMBudget | None = None,
    ) -> OpenAIWriterLLM:
        """Build the client; no network I/O happens until the first request."""
        client = AsyncOpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=0)
        return cls(client, model, stall_seconds=stall_seconds, budget=budget)

    async def stream_text(self, messages: Messages, *, max_tokens: int) -> Completion:
        """Stream the answer, summing the API's usage; a stall or a stream cut short is transient."""
        async with self._budget.call(prompt_chars=_chars(messages), max_tokens=max_tokens) as spend:
            completion = await self._stream_text(messages, max_tokens=max_tokens)
            spend.record(completion.usage.prompt_tokens, completion.usage.completion_tokens)
        self._meter.tokens(completion.usage.prompt_tokens, completion.usage.completion_tokens)
        return completion

    async def _stream_text(self, messages: Messages, *, max_tokens: int) -> Completion:
        parts: list[str] = []
        finish: str | None = None
        usage = TokenUsage()
        try:
            stream = await self._client.chat.completions.create(
                model=self._model,
                messages=cast("list[ChatCompletionMessageParam]", messages),
                max_tokens=max_tokens,
                stream=True,
                stream_options={"include_usage": True},
            )
            async with stream:
                iterator = aiter(stream)
                while True:
                    chunk = await self._next(iterator, parts)
                    if chunk is None:
                        break
                    if chunk.usage is not None:
                        usage = TokenUsage(
                            prompt_tokens=chunk.usage.prompt_tokens,
                            completion_tokens=chunk.usage.completion_tokens,
                        )
                    for choice in chunk.choices:
                        if choice.delta.content:
                            parts.append(choice.delta.content)
                        finish = choice.finish_reason or finish
        except LLM_ERRORS as error:
            self._meter.error(llm_error_class(error))
            raise _map_error(error) from error
        if finish is None:
            self._meter.error("connection")
            raise TransientLLMError(
                f"the stream ended without a finish_reason after {len(''.join(parts))} characters"
            )
        return Completion(text="".join(parts), finish_reason=finish, usage=usage)

    async def _next(self, iterator: Any, parts: list[str]) -> ChatCompletionChunk | None:
        try:
            async with asyncio.timeout(self._stall_seconds):
                return cast(ChatCompletionChunk, await anext(iterator))
        except StopAsyncIteration:
            return None
        except TimeoutError as error:
            self._meter.error("stall")
            raise TransientLLMError(
                f"the stream stalled for {self._stall_seconds:g}s after {len(''.join(parts))} characters"
            ) from error

    async def complete_json(
        self, messages: Messages, schema: dict[str, Any], name: str, *, max_tokens: int
    ) -> Completion:
        """A non-streamed structured answer (json_schema response format)."""
        async with self._budget.call(prompt_chars=_chars(messages), max_tokens=max_tokens) as spend:
            try:
                completion = await self._client.chat.completions.create(
                    model=self._model,
                    messages=cast("list[ChatCompletionMessageParam]", messages),
                    max_tokens=max_tokens,
                    response_format=ResponseFormatJSONSchema(
                        type="json_schema", json_schema={"name": name, "schema": schema, "strict": True}
                    ),
                )
            except LLM_ERRORS as error:
                self._meter.error(llm_error_class(error))
                raise _map_error(error) from error
            usage = TokenUsage()
            if completion.usage is not None:
                usage = TokenUsage(
                    prompt_tokens=completion.usage.prompt_tokens,
                    completion_tokens=completion.usage.completion_tokens,
                )
            spend.record(usage.prompt_tokens, usage.completion_tokens)
        self._meter.tokens(usage.prompt_tokens, usage.completion_tokens)
        choice = completion.choices[0] if completion.choices else None
        text = choice.message.content if choice is not None else None
        return Completion(
            text=text or "", finish_reason=choice.finish_reason if choice else None, usage=usage
        )

    async def close(self) -> None:
        """Release the HTTP connection pool."""
        await self._client.close()


def _chars(messages: Messages) -> int:
    return sum(len(message.get("content", "")) for message in messages)


def _map_error(error: Exception) -> Exception:
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        message = f"LLM answered HTTP {status}: {_short(error.message)}"
        if retryable_status(status):
            return TransientLLMError(message, retry_after=parse_retry_after(dict(error.response.headers)))
        return PermanentLLMError(message)
    if isinstance(error, openai.APITimeoutError) or "Timeout" in type(error).__name__:
        return TransientLLMError(f"LLM timed out: {_short(str(error)) or type(error).__name__}")
    if isinstance(error, ValueError):
        return TransientLLMError(f"LLM sent a garbled answer: {_short(str(error))}")
    return TransientLLMError(f"LLM connection failed: {_short(str(error)) or type(error).__name__}")


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""The OpenAI adapter against a fake HTTP transport: streaming, usage, stalls, error mapping."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx2 as httpx
import pytest
from openai import AsyncOpenAI

from contracts.blocks import TokenUsage
from servicekit.budget import Limits, LLMBudget
from writer.adapters.openai_llm import OpenAIWriterLLM
from writer.ports import PermanentLLMError, TransientLLMError

MESSAGES = [{"role": "user", "content": "Language: ru\nTarget length: 100 characters"}]


def chunk(
    content: str | None = None, finish: str | None = None, usage: dict[str, int] | None = None
) -> bytes:
    choices = (
        []
        if usage
        else [{"index": 0, "delta": {"content": content} if content else {}, "finish_reason": finish}]
    )
    body: dict[str, Any] = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": choices,
    }
    if usage:
        body["usage"] = {**usage, "total_tokens": sum(usage.values())}
    return b"data: " + json.dumps(body).encode() + b"\n\n"


def adapter(handler: Callable[[httpx.Request], Any], stall: float = 5.0) -> OpenAIWriterLLM:
    client = AsyncOpenAI(
        base_url="http://llm.test/v1",
        api_key="key",
        max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )
    return OpenAIWriterLLM(client, "llm-standin", stall_seconds=stall)


def sse(*parts: bytes) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=b"".join(parts))


async def test_stream_collects_text_finish_and_usage() -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return sse(
            chunk("Привет, "),
            chunk("мир."),
            chunk(finish="length"),
            chunk(usage={"prompt_tokens": 12, "completion_tokens": 4}),
            b"data: [DONE]\n\n",
        )

    completion = await adapter(handler).stream_text(MESSAGES, max_tokens=64)
    assert completion.text == "Привет, мир." and completion.finish_reason == "length"
    assert completion.usage == TokenUsage(prompt_tokens=12, completion_tokens=4)
    assert seen[0]["stream"] is True and seen[0]["stream_options"] == {"include_usage": True}
    assert seen[0]["max_tokens"] == 64 and seen[0]["model"] == "llm-standin"


async def test_a_stream_cut_short_is_transient() -> None:
    with pytest.raises(TransientLLMError, match="without a finish_reason"):
        await adapter(lambda r: sse(chunk("обрыв"))).stream_text(MESSAGES, max_tokens=64)


async def test_a_stalled_stream_is_transient() -> None:
    async def body() -> AsyncIterator[bytes]:
        yield chunk("начало")
        await asyncio.sleep(30)
        yield chunk(finish="stop")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body())

    with pytest.raises(TransientLLMError, match="stalled"):
        await adapter(handler, stall=0.05).stream_text(MESSAGES, max_tokens=64)


@pytest.mark.parametrize(
    ("status", "headers", "kind", "retry_after"),
    [
        (429, {"retry-after": "2"}, TransientLLMError, 2.0),
        (500, {}, TransientLLMError, None),
        (503, {"retry-after-ms": "250"}, TransientLLMError, 0.25),
        (401, {}, PermanentLLMError, None),
        (400, {}, PermanentLLMError, None),
    ],
)
async def test_http_errors_are_mapped(
    status: int, headers: dict[str, str], kind: type[Exception], retry_after: float | None
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, json={"error": {"message": "nope", "type": "x"}})

    with pytest.raises(kind) as caught:
        await adapter(handler).stream_text(MESSAGES, max_tokens=64)
    assert f"HTTP {status}" in str(caught.value)
    if isinstance(caught.value, TransientLLMError):
        assert caught.value.retry_after == retry_after


async def test_a_connection_dropped_mid_stream_is_transient() -> None:
    async def body() -> AsyncIterator[bytes]:
        yield chunk("начало")
        raise httpx.RemoteProtocolError("peer closed connection")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body())

    with pytest.raises(TransientLLMError, match="connection failed"):
        await adapter(handler).stream_text(MESSAGES, max_tokens=64)


async def test_connection_errors_are_transient() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    with pytest.raises(TransientLLMError, match="connection"):
        await adapter(handler).complete_json(MESSAGES, {"type": "object"}, "x", max_tokens=10)


async def test_complete_json_sends_the_schema_and_reads_usage() -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(
            200,
            json={
                "id": "c",
                "object": "chat.completion",
                "created": 1,
                "model": "m",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": '{"sources": []}'},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
            },
        )

    completion = await adapter(handler).complete_json(MESSAGES, {"type": "object"}, "sources", max_tokens=10)
    assert completion.text == '{"sources": []}' and completion.usage == TokenUsage(
        prompt_tokens=3, completion_tokens=2
    )
    assert seen[0]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "sources", "schema": {"type": "object"}, "strict": True},
    }


class RecordingStore:
    """The shared buckets of servicekit.budget, only recording what is taken."""

    def __init__(self) -> None:
        self.takes: list[tuple[float, float]] = []

    async def take(self, key: str, limits: Limits, requests: float, tokens: float) -> tuple[float, float]:
        self.takes.append((requests, tokens))
        return 0.0, 0.0

    async def close(self) -> None:
        pass


async def test_every_call_takes_from_the_shared_budget_and_settles_to_its_usage() -> None:
    store = RecordingStore()
    budget = LLMBudget(Limits.per_minute(rpm=60, tpm=60_000), "k", store)
    client = AsyncOpenAI(
        base_url="http://llm.test/v1",
        api_key="key",
        max_retries=0,
        http_client=httpx.AsyncClient(
            transport=httpx.MockTransport(
                lambda r: sse(
                    chunk("текст"),
                    chunk(finish="stop"),
                    chunk(usage={"prompt_tokens": 30, "completion_tokens": 2}),
                    b"data: [DONE]\n\n",
                )
            )
        ),
    )
    llm = OpenAIWriterLLM(client, "llm-standin", stall_seconds=5.0, budget=budget)
    await llm.stream_text(MESSAGES, max_tokens=64)
    reserved = -(-len(MESSAGES[0]["content"]) // 4) + 64
    assert store.takes == [
        (1, reserved),
        (0, 30 + 64 - reserved),
    ]  # settled to prompt + the max_tokens allowed

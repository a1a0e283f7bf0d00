"""The two probes, each one tiny request over the OpenAI protocol, as the planner and the writer make theirs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import openai
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessageParam

from servicekit.llmcheck.findings import (
    JSON_SCHEMA,
    PROBE_SCHEMA,
    STREAMING,
    Finding,
    Need,
    failed,
    json_answer,
    stream_answer,
)

Probe = Callable[[AsyncOpenAI, str], Awaitable[Finding]]
ASK: list[ChatCompletionMessageParam] = [
    {"role": "user", "content": 'Answer with the JSON object {"ok": true}.'}
]
STREAM_MAX_TOKENS = 16


async def probe_json_schema(client: AsyncOpenAI, model: str) -> Finding:
    """A JSON-schema structured answer, as the outline and the LLM's list of sources are asked for."""
    try:
        completion = await client.chat.completions.create(
            model=model,
            messages=ASK,
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "probe", "schema": PROBE_SCHEMA, "strict": True},
            },
        )
    except Exception as error:
        return _failed(JSON_SCHEMA, error)
    choice = completion.choices[0] if completion.choices else None
    if choice is None:
        return json_answer(None, None)
    return json_answer(choice.message.content, choice.finish_reason)


async def probe_streaming(client: AsyncOpenAI, model: str) -> Finding:
    """A streamed chat completion asking for usage, as the writer writes every section."""
    chunks, finish, usage_seen = 0, None, False
    try:
        stream = await client.chat.completions.create(
            model=model,
            messages=ASK,
            max_tokens=STREAM_MAX_TOKENS,
            stream=True,
            stream_options={"include_usage": True},
        )
        async with stream:
            async for chunk in stream:
                chunks += 1
                usage_seen = usage_seen or chunk.usage is not None
                for choice in chunk.choices:
                    finish = choice.finish_reason or finish
    except Exception as error:
        return _failed(STREAMING, error)
    return stream_answer(chunks, finish, usage_seen)


PROBES: dict[Need, Probe] = {JSON_SCHEMA: probe_json_schema, STREAMING: probe_streaming}


def _failed(need: Need, error: Exception) -> Finding:
    if isinstance(error, openai.APIStatusError):
        return failed(need, error.status_code, _said(error))
    if isinstance(error, ValueError | openai.APIResponseValidationError):
        # an answer, and a wrong one: a proxy's HTML page, a garbled stream
        return Finding("unfit", f"its answer is not an OpenAI chat completion ({type(error).__name__}: {error})",
                       "check {prefix}LLM_BASE_URL: it must be the server's OpenAI-compatible /v1 URL")  # fmt: skip
    return failed(need, None, f"{type(error).__name__}: {error}")  # connection, timeout, a stream cut off


def _said(error: openai.APIStatusError) -> str:
    """The server's own words (the SDK's message repeats the status before them)."""
    body = error.body
    inner = body.get("error", body) if isinstance(body, dict) else None
    said = inner.get("message") if isinstance(inner, dict) else None
    return said if isinstance(said, str) and said else error.message

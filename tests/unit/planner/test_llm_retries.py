"""The planner's LLM calls follow the policy the writer's do: retry-after for 429, backoff for 5xx and broken
connections, nothing for a bad request."""

from __future__ import annotations

import json

import httpx
import pytest
from openai import AsyncOpenAI

from planner.adapters.openai_llm import OpenAIOutlineLLM
from planner.ports import LLMUnavailable
from servicekit.budget import Limits, LLMBudget

ANSWER = {
    "id": "x", "object": "chat.completion", "created": 0, "model": "m",
    "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": '{"chapters": []}'}}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}  # fmt: skip


def _llm(
    answers: list[httpx.Response], waits: list[float], budget: LLMBudget | None = None
) -> tuple[OpenAIOutlineLLM, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers.pop(0)

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    client = AsyncOpenAI(
        base_url="http://llm.test/v1", api_key="k", max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(reply)),
    )  # fmt: skip
    return OpenAIOutlineLLM(
        client, "m", retries=3, backoff=(1.0, 30.0), sleep=sleep, jitter=lambda: 0.0, budget=budget
    ), seen


async def test_429_waits_its_retry_after_and_5xx_backs_off() -> None:
    waits: list[float] = []
    llm, seen = _llm(
        [
            httpx.Response(429, headers={"retry-after": "2"}, json={"error": {"message": "slow down"}}),
            httpx.Response(503, json={"error": {"message": "overloaded"}}),
            httpx.Response(200, json=ANSWER),
        ],
        waits,
    )
    assert json.loads(await llm.complete_json([{"role": "user", "content": "x"}], {}, "o")) == {
        "chapters": []
    }
    assert len(seen) == 3 and waits == [2.0, 1.0]  # retry-after, then base·2^(n-1) halved by zero jitter


async def test_a_bad_request_is_not_retried_and_the_budget_ends() -> None:
    waits: list[float] = []
    llm, seen = _llm([httpx.Response(400, json={"error": {"message": "bad"}})], waits)
    with pytest.raises(LLMUnavailable, match="HTTP 400"):
        await llm.complete_json([{"role": "user", "content": "x"}], {}, "o")
    assert len(seen) == 1 and waits == []
    llm, seen = _llm([httpx.Response(500, json={"error": {"message": "down"}})] * 4, waits)
    with pytest.raises(LLMUnavailable, match="HTTP 500"):
        await llm.complete_json([{"role": "user", "content": "x"}], {}, "o")
    assert len(seen) == 4  # the first attempt and 3 retries


async def test_every_attempt_takes_its_own_place_in_the_shared_budget() -> None:
    takes: list[tuple[float, float]] = []

    class Store:
        async def take(self, key: str, limits: Limits, requests: float, tokens: float) -> tuple[float, float]:
            takes.append((requests, tokens))
            return 0.0, 0.0

        async def close(self) -> None:
            pass

    waits: list[float] = []
    llm, seen = _llm(
        [httpx.Response(429, headers={"retry-after": "2"}, json={"error": {"message": "slow"}}),
         httpx.Response(200, json=ANSWER)],
        waits,
        LLMBudget(Limits.per_minute(rpm=60, tpm=0), "k", Store()),
    )  # fmt: skip
    await llm.complete_json([{"role": "user", "content": "x"}], {}, "o")
    assert len(seen) == 2 and takes == [(1, 0), (1, 0)]

"""The planner's LLM metrics: the usage of every answer and every failed attempt by class."""

from __future__ import annotations

import httpx
import pytest
from openai import AsyncOpenAI
from prometheus_client import REGISTRY

from planner.adapters.openai_llm import OpenAIOutlineLLM
from planner.ports import LLMUnavailable
from tests.unit.planner.test_llm_retries import ANSWER, _llm


async def no_sleep(seconds: float) -> None:
    return None


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, {"service": "planner", "model": "m", **labels}) or 0.0


async def test_usage_and_failed_attempts_are_counted() -> None:
    before = [value("refgen_llm_errors_total", **{"class": c}) for c in ("429", "5xx")]
    prompt, completion = (
        value("refgen_llm_tokens_total", kind="prompt"),
        value("refgen_llm_tokens_total", kind="completion"),
    )
    llm, _ = _llm(
        [
            httpx.Response(429, headers={"retry-after": "0"}, json={"error": {"message": "slow down"}}),
            httpx.Response(503, json={"error": {"message": "overloaded"}}),
            httpx.Response(200, json=ANSWER),
        ],
        [],
    )
    await llm.complete_json([{"role": "user", "content": "x"}], {}, "o")
    after = [value("refgen_llm_errors_total", **{"class": c}) for c in ("429", "5xx")]
    assert [a - b for a, b in zip(after, before, strict=True)] == [1, 1]
    assert value("refgen_llm_tokens_total", kind="prompt") - prompt == 1
    assert value("refgen_llm_tokens_total", kind="completion") - completion == 1


async def test_a_refused_connection_is_counted_as_connection() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    before = value("refgen_llm_errors_total", **{"class": "connection"})
    client = AsyncOpenAI(
        base_url="http://llm.test/v1",
        api_key="k",
        max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(refused)),
    )
    llm = OpenAIOutlineLLM(client, "m", retries=3, sleep=no_sleep)
    with pytest.raises(LLMUnavailable):
        await llm.complete_json([{"role": "user", "content": "x"}], {}, "o")
    assert value("refgen_llm_errors_total", **{"class": "connection"}) - before == 4  # 1 + 3 retries

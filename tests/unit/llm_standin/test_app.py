"""The HTTP app in-process: wire format, auth, errors, limits, faults, admin and stats."""

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from llm_standin.app import create_app
from llm_standin.config import Settings

CHAT = "/v1/chat/completions"
HELLO = {
    "model": "m",
    "messages": [{"role": "user", "content": "Language: en\nTarget length: 900 characters"}],
}


@pytest.fixture
def app() -> FastAPI:
    return create_app(Settings(preset="speed", models=["standin-a", "standin-b"]))


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://standin") as c:
        yield c


def events(body: str) -> list[Any]:
    assert body.endswith("\n\n")
    out: list[Any] = []
    for block in body.strip().split("\n\n"):
        assert block.startswith("data: ")
        data = block.removeprefix("data: ")
        out.append(data if data == "[DONE]" else json.loads(data))
    return out


async def configure(client: httpx.AsyncClient, **patch: Any) -> dict[str, Any]:
    response = await client.post("/admin/config", json=patch)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_health_and_models(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    models = (await client.get("/v1/models")).json()
    assert [m["id"] for m in models["data"]] == ["standin-a", "standin-b"]
    assert (await client.get("/v1/models/standin-b")).json()["object"] == "model"
    missing = await client.get("/v1/models/nope")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "model_not_found"


async def test_non_stream_body(client: httpx.AsyncClient) -> None:
    body = (await client.post(CHAT, json=HELLO)).json()
    assert body["object"] == "chat.completion" and body["model"] == "m"
    choice = body["choices"][0]
    assert choice["message"]["role"] == "assistant" and choice["finish_reason"] == "stop"
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert len(choice["message"]["content"]) < 900


async def test_stream_with_usage_ends_with_usage_chunk_and_done(client: httpx.AsyncClient) -> None:
    request = {**HELLO, "stream": True, "stream_options": {"include_usage": True}}
    response = await client.post(CHAT, json=request)
    assert response.headers["content-type"].startswith("text/event-stream")
    items = events(response.text)
    assert items[-1] == "[DONE]"
    usage_chunk, finish_chunk = items[-2], items[-3]
    assert usage_chunk["choices"] == [] and usage_chunk["usage"]["completion_tokens"] > 0
    assert finish_chunk["choices"][0]["finish_reason"] == "stop"
    assert items[0]["choices"][0]["delta"]["role"] == "assistant"
    assert all(item["usage"] is None for item in items[:-2])
    text = "".join(item["choices"][0]["delta"].get("content") or "" for item in items[:-2])
    plain = (await client.post(CHAT, json=HELLO)).json()
    assert text == plain["choices"][0]["message"]["content"]
    assert usage_chunk["usage"] == plain["usage"]


async def test_stream_without_usage_has_no_usage_key(client: httpx.AsyncClient) -> None:
    items = events((await client.post(CHAT, json={**HELLO, "stream": True})).text)
    assert all("usage" not in item for item in items[:-1])
    assert items[-2]["choices"][0]["finish_reason"] == "stop"


async def test_max_completion_tokens_gives_length(client: httpx.AsyncClient) -> None:
    body = (await client.post(CHAT, json={**HELLO, "max_completion_tokens": 7})).json()
    assert body["choices"][0]["finish_reason"] == "length" and body["usage"]["completion_tokens"] == 7


@pytest.mark.parametrize(
    "bad",
    [
        {"model": "m", "messages": []},
        {"messages": [{"role": "user", "content": "x"}]},
        {**HELLO, "max_tokens": 0},
        {**HELLO, "n": 2},
        {**HELLO, "response_format": {"type": "yaml"}},
        {**HELLO, "response_format": {"type": "json_schema"}},
    ],
)
async def test_bad_requests_get_openai_400(client: httpx.AsyncClient, bad: dict[str, Any]) -> None:
    response = await client.post(CHAT, json=bad)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"


async def test_configured_key_is_required(client: httpx.AsyncClient) -> None:
    await configure(client, api_key="sekret")
    assert (await client.post(CHAT, json=HELLO)).status_code == 401
    wrong = await client.post(CHAT, json=HELLO, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "invalid_api_key"
    right = await client.post(CHAT, json=HELLO, headers={"authorization": "Bearer sekret"})
    assert right.status_code == 200
    assert (await client.get("/admin/config")).status_code == 401
    config = (await client.get("/admin/config", headers={"authorization": "Bearer sekret"})).json()
    assert config["api_key"] == "***"


async def test_rate_limit_answer(client: httpx.AsyncClient) -> None:
    await configure(client, rpm_limit=1)
    assert (await client.post(CHAT, json=HELLO)).status_code == 200
    limited = await client.post(CHAT, json=HELLO)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1 and limited.headers["x-ratelimit-limit-requests"] == "1"
    assert limited.json()["error"]["code"] == "rate_limit_exceeded"
    stats = (await client.get("/stats")).json()
    assert (stats["rate_limited"], stats["rate_limited_requests"], stats["completions_ok"]) == (1, 1, 1)
    await client.post("/admin/reset")
    assert (await client.post(CHAT, json=HELLO)).status_code == 200


async def test_token_limit_counts_max_tokens(client: httpx.AsyncClient) -> None:
    await configure(client, tpm_limit=500)
    assert (await client.post(CHAT, json={**HELLO, "max_tokens": 400})).status_code == 200
    limited = await client.post(CHAT, json={**HELLO, "max_tokens": 400})
    assert limited.status_code == 429 and limited.json()["error"]["type"] == "tokens"


async def test_injected_errors(client: httpx.AsyncClient) -> None:
    await configure(client, error_rate=1, error_status=503)
    response = await client.post(CHAT, json=HELLO)
    assert response.status_code == 503 and response.json()["error"]["type"] == "server_error"
    assert (await client.get("/stats")).json()["injected_errors"] == 1


async def test_stall_close_mode_ends_without_finish_or_done(client: httpx.AsyncClient) -> None:
    await configure(client, stall_rate=1, stall_seconds=0, stall_mode="close", stall_after_fraction=0.5)
    items = events((await client.post(CHAT, json={**HELLO, "stream": True})).text)
    assert "[DONE]" not in items
    assert all(item["choices"][0]["finish_reason"] is None for item in items)
    stats = (await client.get("/stats")).json()
    assert stats["injected_stalls"] == 1 and stats["streams_disconnected"] == 1


async def test_stall_resume_mode_delivers_everything(client: httpx.AsyncClient) -> None:
    await configure(client, stall_rate=1, stall_seconds=0)
    items = events((await client.post(CHAT, json={**HELLO, "stream": True})).text)
    assert items[-1] == "[DONE]"


async def test_paced_stream_sends_many_small_chunks(client: httpx.AsyncClient) -> None:
    await configure(client, tokens_per_second=100000, max_tokens_per_chunk=2)
    items = events((await client.post(CHAT, json={**HELLO, "stream": True})).text)
    usage = (await client.post(CHAT, json=HELLO)).json()["usage"]["completion_tokens"]
    assert len(items) >= usage // 2


async def test_admin_config_roundtrip_and_validation(client: httpx.AsyncClient) -> None:
    config = await configure(client, ttft_seconds=0.5, seed=3)
    assert config["ttft_seconds"] == 0.5 and config["seed"] == 3
    assert (await client.get("/admin/config")).json()["seed"] == 3
    assert (await client.post("/admin/config", json={"bogus": True})).status_code == 422
    assert (await client.post("/admin/config", json={"error_rate": -1})).status_code == 422
    assert (await client.get("/stats")).json()["config"]["ttft_seconds"] == 0.5


async def test_stats_count_tokens(client: httpx.AsyncClient) -> None:
    body = (await client.post(CHAT, json=HELLO)).json()
    stats = (await client.get("/stats")).json()
    assert stats["requests_total"] == 1 and stats["finish_stop"] == 1
    assert stats["completion_tokens"] == body["usage"]["completion_tokens"]
    assert stats["total_tokens"] == body["usage"]["total_tokens"]


async def test_held_requests_are_answered_once_the_hold_is_off(client: httpx.AsyncClient) -> None:
    await configure(client, hold=True)
    held = asyncio.create_task(client.post(CHAT, json=HELLO))
    for _ in range(20):  # plenty of turns of the loop for an answer that was not held
        await asyncio.sleep(0)
    assert not held.done()
    await configure(client, hold=False)
    answer = await held
    assert answer.status_code == 200 and answer.json()["choices"][0]["message"]["content"]

"""The LLM stand-in as a real HTTP server, driven by the real `openai.AsyncOpenAI` client."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import openai
import pytest
import uvicorn
from pydantic import BaseModel, Field

from llm_standin.app import create_app
from llm_standin.config import Settings

pytestmark = pytest.mark.integration

KEY = "test-key"
BASELINE: dict[str, Any] = {
    "preset": "speed",
    "api_key": None,
    "rpm_limit": 0,
    "tpm_limit": 0,
    "error_rate": 0,
    "stall_rate": 0,
    "stall_seconds": 30,
    "stall_mode": "resume",
    "seed": 0,
}
MARKERS = {"ru": "[Заглушка LLM]", "en": "[LLM stand-in]", "ky": "[LLM ордун басуучу текст]"}


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    sock = _free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(preset="speed")), log_level="warning", ws="none", lifespan="off",
        timeout_graceful_shutdown=2,
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the stand-in did not start"
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
async def admin(base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=5) as c:
        assert (await c.post("/admin/config", json=BASELINE)).status_code == 200
        assert (await c.post("/admin/reset")).status_code == 200
        yield c
        await c.post("/admin/config", json=BASELINE)


@pytest.fixture
async def llm(base_url: str, admin: httpx.AsyncClient) -> AsyncIterator[openai.AsyncOpenAI]:
    client = openai.AsyncOpenAI(base_url=f"{base_url}/v1", api_key=KEY, max_retries=0, timeout=10)
    yield client
    await client.close()


def user(text: str) -> list[Any]:
    return [{"role": "user", "content": text}]


async def collect(stream: Any) -> tuple[str, list[Any]]:
    chunks = [chunk async for chunk in stream]
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    return text, chunks


async def test_streaming_with_include_usage(llm: openai.AsyncOpenAI) -> None:
    stream = await llm.chat.completions.create(
        model="gpt-4o-mini",
        messages=user("Language: en\nTarget length: 1500 characters"),
        stream=True,
        stream_options={"include_usage": True},
    )
    text, chunks = await collect(stream)
    assert text.startswith(MARKERS["en"]) and len(text) < 1500
    last = chunks[-1]
    assert last.choices == [] and last.usage is not None
    assert last.usage.total_tokens == last.usage.prompt_tokens + last.usage.completion_tokens
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert all(c.usage is None for c in chunks[:-1])


async def test_non_stream_matches_stream(llm: openai.AsyncOpenAI) -> None:
    messages = user("Language: en\nTarget length: 1200 characters")
    completion = await llm.chat.completions.create(model="m", messages=messages)
    stream = await llm.chat.completions.create(
        model="m", messages=messages, stream=True, stream_options={"include_usage": True}
    )
    text, chunks = await collect(stream)
    assert completion.choices[0].message.content == text
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage == chunks[-1].usage


@pytest.mark.parametrize("stream", [False, True])
async def test_max_tokens_cuts_with_length(llm: openai.AsyncOpenAI, stream: bool) -> None:
    messages = user("Target length: 3000 characters")
    if stream:
        response = await llm.chat.completions.create(
            model="m", messages=messages, max_tokens=25, stream=True, stream_options={"include_usage": True}
        )
        _, chunks = await collect(response)
        assert chunks[-2].choices[0].finish_reason == "length"
        assert chunks[-1].usage.completion_tokens == 25
    else:
        completion = await llm.chat.completions.create(model="m", messages=messages, max_completion_tokens=25)
        assert completion.choices[0].finish_reason == "length"
        assert completion.usage is not None and completion.usage.completion_tokens == 25


class Chapter(BaseModel):
    title: str = Field(min_length=1)
    synopsis: str


class Outline(BaseModel):
    chapters: list[Chapter] = Field(min_length=6, max_length=6)


@pytest.mark.parametrize("lang", ["ru", "en", "ky"])
async def test_json_schema_outline(llm: openai.AsyncOpenAI, lang: str) -> None:
    schema = Outline.model_json_schema()
    completion = await llm.chat.completions.create(
        model="m",
        messages=[
            {"role": "system", "content": "Answer with JSON only, matching the given schema."},
            {"role": "user", "content": f"Language: {lang}\nTopic: Water resources\nChapters: 6"},
        ],
        response_format={"type": "json_schema", "json_schema": {"name": "outline", "schema": schema}},
    )
    outline = Outline.model_validate_json(completion.choices[0].message.content or "")
    titles = [c.title for c in outline.chapters]
    assert len(set(titles)) == 6
    assert all(c.synopsis.startswith(MARKERS[lang]) for c in outline.chapters)


async def test_parse_helper_with_pydantic_model(llm: openai.AsyncOpenAI) -> None:
    parsed = await llm.chat.completions.parse(
        model="m", messages=user("Language: ru\nPlan the essay."), response_format=Outline
    )
    outline = parsed.choices[0].message.parsed
    assert outline is not None and len(outline.chapters) == 6


async def test_rate_limit_is_a_429_with_retry_after(
    llm: openai.AsyncOpenAI, admin: httpx.AsyncClient
) -> None:
    await admin.post("/admin/config", json={"rpm_limit": 2})
    for _ in range(2):
        await llm.chat.completions.create(model="m", messages=user("Hi"))
    with pytest.raises(openai.RateLimitError) as caught:
        await llm.chat.completions.create(model="m", messages=user("Hi"))
    assert int(caught.value.response.headers["retry-after"]) >= 1
    assert caught.value.code == "rate_limit_exceeded"
    assert (await admin.get("/stats")).json()["rate_limited"] == 1


async def test_injected_server_error(llm: openai.AsyncOpenAI, admin: httpx.AsyncClient) -> None:
    await admin.post("/admin/config", json={"error_rate": 1})
    with pytest.raises(openai.InternalServerError) as caught:
        await llm.chat.completions.create(model="m", messages=user("Hi"))
    assert caught.value.status_code == 500
    assert (await admin.get("/stats")).json()["injected_errors"] == 1


async def test_stalled_stream_hits_the_client_timeout(
    llm: openai.AsyncOpenAI, admin: httpx.AsyncClient
) -> None:
    await admin.post(
        "/admin/config", json={"stall_rate": 1, "stall_seconds": 20, "stall_after_fraction": 0.5}
    )
    impatient = llm.with_options(timeout=0.5)
    stream = await impatient.chat.completions.create(
        model="m", messages=user("Target length: 2000 characters"), stream=True
    )
    received = []
    with pytest.raises(openai.APITimeoutError):
        async for chunk in stream:
            received.append(chunk)
    await stream.close()
    assert received and all(c.choices[0].finish_reason is None for c in received)
    assert (await admin.get("/stats")).json()["injected_stalls"] == 1


@pytest.mark.parametrize(("lang", "script"), [("ru", "[а-яё]{4}"), ("en", "^[^а-яёңөү]*$"), ("ky", "[ңөү]")])
async def test_prose_follows_the_language(llm: openai.AsyncOpenAI, lang: str, script: str) -> None:
    completion = await llm.chat.completions.create(
        model="m",
        messages=[{"role": "system", "content": f"Language: {lang}"}, *user("Write the introduction.")],
    )
    text = completion.choices[0].message.content or ""
    assert text.startswith(MARKERS[lang])
    assert re.search(script, text, re.I)


async def test_long_request_undershoots_and_continuation_gets_more(llm: openai.AsyncOpenAI) -> None:
    messages: list[Any] = user("Language: ru\nTarget length: 8000 characters")
    first = (await llm.chat.completions.create(model="m", messages=messages)).choices[0]
    written = first.message.content or ""
    assert first.finish_reason == "stop"
    assert len(written) < 0.7 * 8000
    messages += [
        {"role": "assistant", "content": written},
        *user("Продолжи текст с того места, где он обрывается."),
    ]
    more = (await llm.chat.completions.create(model="m", messages=messages)).choices[0].message.content or ""
    assert 0 < len(more) < 8000 - len(written)
    assert len(written) + len(more) > 0.9 * 8000


async def test_admin_config_changes_a_running_server(
    llm: openai.AsyncOpenAI, admin: httpx.AsyncClient
) -> None:
    assert (await admin.post("/admin/config", json={"api_key": "other"})).status_code == 200
    with pytest.raises(openai.AuthenticationError):
        await llm.chat.completions.create(model="m", messages=user("Hi"))
    admin.headers["authorization"] = "Bearer other"
    config = (await admin.post("/admin/config", json={"api_key": KEY, "tokens_per_second": 5000})).json()
    admin.headers["authorization"] = f"Bearer {KEY}"
    assert config["tokens_per_second"] == 5000 and config["ttft_seconds"] == 0
    completion = await llm.chat.completions.create(model="m", messages=user("Hi"))
    assert completion.choices[0].finish_reason == "stop"
    stats = (await admin.get("/stats")).json()
    assert stats["unauthorized"] == 1 and stats["completions_ok"] == 1


async def test_models_endpoint(llm: openai.AsyncOpenAI) -> None:
    models = await llm.models.list()
    assert [m.id for m in models.data] == ["llm-standin"]


def test_command_line_entry_point_serves_health() -> None:
    sock = _free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "LLM_STANDIN_PRESET": "speed"}
    process = subprocess.Popen(
        [sys.executable, "-m", "llm_standin", "--port", str(port), "--log-level", "warning"], env=env
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, "the stand-in exited"
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the stand-in did not answer"
                time.sleep(0.1)
        assert response.json() == {"status": "ok"}
        assert httpx.get(f"http://127.0.0.1:{port}/stats").json()["config"]["preset"] == "speed"
    finally:
        process.terminate()
        process.wait(timeout=10)

"""The stand-in plays a model without structured outputs, or a server whose streams carry no usage."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from llm_standin.app import create_app
from llm_standin.config import Settings

CHAT = "/v1/chat/completions"
SCHEMA = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
ASK: dict[str, Any] = {"messages": [{"role": "user", "content": "Language: en"}]}
JSON_SCHEMA = {"type": "json_schema", "json_schema": {"name": "probe", "schema": SCHEMA}}


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(preset="speed", no_json_schema_models=["plain"], no_stream_usage_models=["quiet"])
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://standin") as c:
        yield c


async def test_a_model_without_structured_outputs_gets_openais_400(client: httpx.AsyncClient) -> None:
    refused = await client.post(CHAT, json={**ASK, "model": "plain", "response_format": JSON_SCHEMA})
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert error["type"] == "invalid_request_error" and error["param"] == "response_format"
    assert "'json_schema' is not supported with this model" in error["message"]
    # the same model still answers plain requests, and other models answer the schema
    assert (await client.post(CHAT, json={**ASK, "model": "plain"})).status_code == 200
    answered = await client.post(CHAT, json={**ASK, "model": "other", "response_format": JSON_SCHEMA})
    assert answered.status_code == 200 and '"ok"' in answered.json()["choices"][0]["message"]["content"]


async def test_a_quiet_models_stream_has_no_usage_even_when_asked(client: httpx.AsyncClient) -> None:
    stream = {**ASK, "stream": True, "stream_options": {"include_usage": True}, "max_tokens": 8}
    quiet = (await client.post(CHAT, json={**stream, "model": "quiet"})).text
    loud = (await client.post(CHAT, json={**stream, "model": "loud"})).text
    assert '"finish_reason":"length"' in quiet.replace(" ", "") and '"usage"' not in quiet
    assert '"completion_tokens"' in loud


async def test_the_lists_are_tunables(client: httpx.AsyncClient) -> None:
    response = await client.post("/admin/config", json={"no_json_schema_models": ["other"]})
    assert response.status_code == 200
    refused = await client.post(CHAT, json={**ASK, "model": "other", "response_format": JSON_SCHEMA})
    assert refused.status_code == 400

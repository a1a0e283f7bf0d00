"""servicekit's metrics: /metrics on FastStream and FastAPI apps, HTTP metrics by route template, refresh
hooks before a scrape, LLM error classes."""

from __future__ import annotations

import httpx
import openai
import pytest
from fastapi import FastAPI
from faststream.rabbit import RabbitBroker
from prometheus_client import REGISTRY

from servicekit import LLMMeter, install_http_metrics, llm_error_class, route_recorder, stream_app


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_a_stream_app_serves_the_registry() -> None:
    LLMMeter("kit-test", "m").tokens(3, 2)
    app = stream_app(RabbitBroker("amqp://guest:guest@127.0.0.1:1/"))  # never connected
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        answer = await client.get("/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    assert 'refgen_llm_tokens_total{kind="prompt",model="m",service="kit-test"}' in answer.text


async def test_http_requests_are_counted_by_route_template_and_hooks_refresh_before_a_scrape() -> None:
    refreshed: list[str] = []

    async def refresh() -> None:
        refreshed.append("ok")

    async def broken() -> None:
        raise OSError("source away")

    app = FastAPI()

    @app.get("/kit/items/{item_id}")
    async def item(item_id: int) -> dict[str, int]:
        return {"id": item_id}

    install_http_metrics(app, before=[broken, refresh])
    labels = {"handler": "/kit/items/{item_id}", "method": "GET", "status": "2xx"}
    before = value("http_requests_total", **labels)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        for n in range(3):
            assert (await client.get(f"/kit/items/{n}")).status_code == 200
        answer = await client.get("/metrics")
    assert answer.status_code == 200 and refreshed == ["ok"]  # a broken hook does not stop the scrape
    assert value("http_requests_total", **labels) - before == 3
    assert value("http_requests_total", handler="/metrics", method="GET", status="2xx") == 0  # not measured


def _status_error(status: int) -> openai.APIStatusError:
    response = httpx.Response(status, request=httpx.Request("POST", "http://llm.test/v1/chat/completions"))
    return openai.APIStatusError("nope", response=response, body=None)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_status_error(429), "429"),
        (_status_error(502), "5xx"),
        (_status_error(400), "other"),
        (openai.APITimeoutError(httpx.Request("POST", "http://llm.test")), "timeout"),
        (openai.APIConnectionError(request=httpx.Request("POST", "http://llm.test")), "connection"),
        (TimeoutError(), "timeout"),
        (ValueError("garbled"), "other"),
    ],
)
def test_llm_errors_are_classed(error: BaseException, expected: str) -> None:
    assert llm_error_class(error) == expected


async def test_a_route_recorder_adds_to_the_series_the_middleware_records() -> None:
    app = FastAPI()

    @app.get("/kit/polled/{item_id}")
    async def polled(item_id: int) -> dict[str, int]:
        return {"id": item_id}

    install_http_metrics(app)
    labels = {"handler": "/kit/polled/{item_id}", "method": "GET"}
    before = value("http_requests_total", status="2xx", **labels)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        assert (await client.get("/kit/polled/1")).status_code == 200
    route_recorder("/kit/polled/{item_id}")(0.002)
    assert value("http_requests_total", status="2xx", **labels) - before == 2
    assert value("http_request_duration_seconds_count", **labels) == 2

"""The message-driven services' shared boot: topology declared once consuming, /healthz, uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from faststream.asgi import AsgiFastStream
from faststream.rabbit import RabbitBroker

from servicekit import serve, stream, stream_app


def _broker(answers: bool) -> RabbitBroker:
    broker = RabbitBroker("amqp://guest:guest@127.0.0.1:1/")  # never connected

    async def ping(*_: object, **__: object) -> bool:
        return answers

    broker.ping = ping  # type: ignore[method-assign]
    return broker


async def _healthz(app: AsgiFastStream) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        return await client.get("/healthz")


async def test_health_is_ok_with_the_extra_fields_while_the_broker_answers() -> None:
    answer = await _healthz(stream_app(_broker(True), health_extra={"replica": "host-1"}))
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "replica": "host-1"}
    assert answer.headers["content-type"] == "application/json"


async def test_health_is_503_when_the_broker_does_not_answer() -> None:
    answer = await _healthz(stream_app(_broker(False), health_extra={"replica": "host-1"}))
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable"}


async def test_an_unconnected_broker_is_unavailable() -> None:
    answer = await _healthz(stream_app(RabbitBroker("amqp://guest:guest@127.0.0.1:1/")))
    assert answer.status_code == 503


async def test_health_is_503_with_the_reason_when_a_readiness_check_fails() -> None:
    async def database() -> None:
        raise ConnectionRefusedError("database away")

    answer = await _healthz(stream_app(_broker(True), ready=database))
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable", "reason": "database away"}


async def test_livez_leaves_the_readiness_check_out() -> None:
    async def model() -> None:
        raise RuntimeError("the model cannot serve the planner")

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=stream_app(_broker(True), ready=model)), base_url="http://t"
    ) as client:
        assert (await client.get("/healthz")).status_code == 503
        assert (await client.get("/livez")).json() == {"status": "ok"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=stream_app(_broker(False), ready=model)), base_url="http://t"
    ) as client:
        assert (await client.get("/livez")).status_code == 503  # the broker still counts


async def test_a_nameless_failure_is_reported_by_its_type() -> None:
    async def database() -> None:
        raise TimeoutError

    answer = await _healthz(stream_app(_broker(True), ready=database))
    assert answer.json() == {"status": "unavailable", "reason": "TimeoutError"}


async def test_the_topology_is_declared_once_consuming_before_the_services_own_hooks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []
    broker = _broker(True)

    def record(name: str) -> Any:
        async def call(*args: object, **kwargs: object) -> None:
            events.append(name)

        return call

    monkeypatch.setattr(broker, "connect", record("connect"))
    monkeypatch.setattr(broker, "start", record("start consuming"))
    monkeypatch.setattr(broker, "stop", record("stop consuming"))
    monkeypatch.setattr(stream, "declare_topology", record("declare"))

    @asynccontextmanager
    async def lifespan() -> AsyncIterator[None]:
        events.append("open resources")
        yield
        events.append("close resources")

    app = stream_app(
        broker,
        lifespan=lifespan,
        after_startup=[record("after startup")],
        after_shutdown=[record("close llm")],
    )
    async with app.start_lifespan_context():
        events.append("serving")
    # declared before, a queue would be consumed on the declaring channel, past the subscriber's prefetch
    assert events.index("open resources") < events.index("start consuming") < events.index("declare")
    assert events.index("declare") < events.index("after startup")
    assert events[-3:] == ["stop consuming", "close llm", "close resources"]


def test_serve_sets_up_logs_and_traces_then_builds_and_runs_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, Any]] = []
    monkeypatch.setattr(stream, "observe", lambda service, level: calls.append(("observe", (service, level))))
    monkeypatch.setattr(stream.uvicorn, "run", lambda app, **kw: calls.append(("uvicorn", (app, kw))))
    settings = SimpleNamespace(host="127.0.0.1", port=8099, log_level="INFO")

    def create_app(given: Any) -> Any:
        calls.append(("create", given))
        return "app"

    serve(create_app, settings, "planner")
    assert calls == [
        ("observe", ("planner", "INFO")),
        ("create", settings),
        ("uvicorn", ("app", {"host": "127.0.0.1", "port": 8099, "log_level": "info", "log_config": None})),
    ]

"""The shared log format: a JSON line with every field off a terminal, coloured key=value on one; a message's
and a request's ids bound for the duration of their handling; the trace of the current span."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog
from faststream.rabbit import RabbitBroker, TestRabbitBroker
from faststream.rabbit.opentelemetry import RabbitTelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.types import Receive, Scope, Send

from servicekit.broker_context import LogContext, message_ids
from servicekit.logs import BindPathIds, broker_logger, formatter, log_format, setup_logging

FIELDS = {
    "timestamp",
    "service",
    "level",
    "logger",
    "message",
    "essay_id",
    "correlation_id",
    "trace_id",
    "span_id",
}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    """JSON lines of the logger `refgen.test`, formatted for service `planner`."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter("planner", "json"))
    logger = logging.getLogger("refgen.test")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)


def _parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_json_line_has_every_field_null_when_unknown(lines: io.StringIO) -> None:
    logging.getLogger("refgen.test").warning("essay %s: %s", 7, "drafted")
    (line,) = _parsed(lines)
    assert set(line) == FIELDS
    assert list(line)[:5] == ["timestamp", "service", "level", "logger", "message"]
    assert line["service"] == "planner" and line["level"] == "warning" and line["logger"] == "refgen.test"
    assert line["message"] == "essay 7: drafted"
    assert line["timestamp"].endswith("Z")
    assert line["essay_id"] is line["correlation_id"] is line["trace_id"] is line["span_id"] is None


def test_an_exception_travels_inside_its_line(lines: io.StringIO) -> None:
    try:
        raise ValueError("no outline")
    except ValueError:
        logging.getLogger("refgen.test").exception("planning failed")
    (line,) = _parsed(lines)
    assert "ValueError: no outline" in line["exception"]


def test_the_current_span_gives_the_trace_ids(lines: io.StringIO) -> None:
    tracer = TracerProvider().get_tracer("test")
    with tracer.start_as_current_span("consume") as span:
        logging.getLogger("refgen.test").info("inside")
    (line,) = _parsed(lines)
    assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")
    assert line["span_id"] == format(span.get_span_context().span_id, "016x")


def test_message_ids_come_from_the_body_with_the_header_as_fallback() -> None:
    body = b'{"essay_id": 12, "correlation_id": "c-1", "title": "x"}'
    assert message_ids(body, "header") == {"essay_id": 12, "correlation_id": "c-1"}
    assert message_ids(b'{"essay_id": 3}', "header") == {"essay_id": 3, "correlation_id": "header"}
    assert message_ids(b"not json", None) == {"essay_id": None, "correlation_id": None}


async def test_a_handler_logs_with_its_messages_ids_and_trace(lines: io.StringIO) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    broker = RabbitBroker(middlewares=(RabbitTelemetryMiddleware(tracer_provider=provider), LogContext))

    @broker.subscriber("essays")
    async def handle(event: dict[str, Any]) -> None:
        logging.getLogger("refgen.test").info("handling")

    async with TestRabbitBroker(broker) as running:
        await running.publish({"essay_id": 41, "correlation_id": "corr-41"}, "essays")
        faststream_log = broker.config.logger.logger.logger  # the test broker's stand-in for its logger
        # FastStream's own "Processed" line, written after the handler, gets the ids as extras
        extras = [c.kwargs["extra"] for c in faststream_log.log.call_args_list if c.args[1] == "Processed"]
    logging.getLogger("refgen.test").info("after")
    assert extras and extras[0]["essay_id"] == 41 and extras[0]["correlation_id"] == "corr-41"
    logging.getLogger("refgen.test").info("Processed", extra=extras[0])  # as FastStream's logger would

    inside, after, processed = _parsed(lines)
    assert inside["essay_id"] == 41 and inside["correlation_id"] == "corr-41"
    assert processed["essay_id"] == 41 and processed["queue"] == "essays"
    (process,) = [s for s in exporter.get_finished_spans() if s.name.endswith("process")]
    assert process.context is not None and inside["trace_id"] == format(process.context.trace_id, "032x")
    assert after["essay_id"] is None and after["trace_id"] is None  # unbound once the handler returned


async def test_a_request_binds_the_essay_in_its_path(lines: io.StringIO) -> None:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        logging.getLogger("refgen.test").info("serving %s", scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    bound = BindPathIds(app, pattern=r"/essays/(?P<essay_id>\d+)")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=bound), base_url="http://gw") as client:
        await client.get("/api/v1/essays/17/status")
        await client.get("/api/v1/essays/")
    with_id, without = _parsed(lines)
    assert with_id["essay_id"] == 17 and without["essay_id"] is None


def test_console_on_a_terminal_json_elsewhere_and_log_format_decides() -> None:
    assert log_format(Terminal(), {}) == "console"
    assert log_format(io.StringIO(), {}) == "json"
    assert log_format(Terminal(), {"LOG_FORMAT": "json"}) == "json"
    assert log_format(io.StringIO(), {"LOG_FORMAT": "Console"}) == "console"


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    yield
    root.handlers, root.level = saved[0], saved[1]
    structlog.reset_defaults()


@pytest.mark.usefixtures("restored_logging")
def test_setup_on_a_terminal_writes_coloured_key_values_for_every_logger(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    terminal = Terminal()
    setup_logging("writer", "INFO", stream=terminal)
    with structlog.contextvars.bound_contextvars(essay_id=5):
        logging.getLogger("uvicorn.error").info("Started server process")
        broker_logger().info("Received", extra={"queue": "writer.section_requested"})
        structlog.get_logger("writer.service").info("section written", chars=1800)
    logging.getLogger("refgen.test").debug("below the level")
    text = terminal.getvalue()
    assert len(text.splitlines()) == 3
    assert "\x1b[" in text  # coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "Started server process" in plain and "section written" in plain
    assert "essay_id=5" in plain and "service=writer" in plain and "queue=writer.section_requested" in plain
    assert "trace_id" not in plain  # nothing to show: no span
    assert "{" not in plain  # key=value, not JSON


@pytest.mark.usefixtures("restored_logging")
def test_request_urls_with_keys_in_their_query_stay_out_of_the_log() -> None:
    stream = io.StringIO()
    setup_logging("planner", "INFO", stream=stream, fmt="json")

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"results": []})

    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        client.get("https://api.openalex.org/works", params={"search": "x", "api_key": "SECRET123"})
    logging.getLogger("httpx").warning("a warning still shows")
    assert "SECRET123" not in stream.getvalue()
    assert [line["message"] for line in _parsed(stream)] == ["a warning still shows"]

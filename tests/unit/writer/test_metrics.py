"""The writer's metrics: LLM tokens and failed attempts by class from the real adapter over a fake HTTP
transport, units' writing times from the handler, continuations from the use case."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx2 as httpx
import pytest
from faststream.rabbit import RabbitBroker, TestRabbitBroker
from prometheus_client import REGISTRY

from contracts import SectionFailed, SectionWritten
from contracts.rabbit import exchange, publish, subscription
from writer.handlers import register_handlers
from writer.ports import TransientLLMError
from writer.service import SectionWriter, WriterOptions

from .fakes import ScriptedLLM, done, prose
from .test_adapter import MESSAGES, adapter, chunk, sse
from .test_handlers import no_sleep, section_requested
from .test_service import request


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def tokens(kind: str) -> float:
    return value("refgen_llm_tokens_total", service="writer", model="llm-standin", kind=kind)


def errors(error_class: str) -> float:
    return value("refgen_llm_errors_total", service="writer", model="llm-standin", **{"class": error_class})


async def test_the_usage_the_api_reports_is_counted() -> None:
    before = tokens("prompt"), tokens("completion")
    answer = sse(chunk("Текст.", finish="stop"), chunk(usage={"prompt_tokens": 12, "completion_tokens": 4}))
    await adapter(lambda r: answer).stream_text(MESSAGES, max_tokens=64)
    assert (tokens("prompt") - before[0], tokens("completion") - before[1]) == (12, 4)


@pytest.mark.parametrize(
    ("status", "error_class"), [(429, "429"), (500, "5xx"), (503, "5xx"), (400, "other")]
)
async def test_http_errors_are_counted_by_class(status: int, error_class: str) -> None:
    before = errors(error_class)
    answer = httpx.Response(status, json={"error": {"message": "nope", "type": "x"}})
    with pytest.raises(Exception):  # noqa: B017 - the mapping is test_adapter's; here only the count
        await adapter(lambda r: answer).stream_text(MESSAGES, max_tokens=64)
    assert errors(error_class) - before == 1


async def test_a_stall_a_timeout_and_a_refused_connection_are_counted() -> None:
    before = errors("stall"), errors("timeout"), errors("connection")

    async def stalling() -> AsyncIterator[bytes]:
        yield chunk("начало")
        await asyncio.sleep(30)

    def stalled(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=stalling())

    def timed_out(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow")

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    for handler in (stalled, timed_out, refused):
        with pytest.raises(TransientLLMError):
            await adapter(handler, stall=0.05).stream_text(MESSAGES, max_tokens=64)
    after = errors("stall"), errors("timeout"), errors("connection")
    assert [a - b for a, b in zip(after, before, strict=True)] == [1, 1, 1]


async def test_every_continuation_is_reported() -> None:
    seen: list[int] = []
    llm = ScriptedLLM([done(prose(500))] + [done(prose(300, "Ещё. "))] * 5)
    counted = SectionWriter(
        llm,
        WriterOptions(writer_id="w", max_continuations=2),
        sleep=no_sleep,
        on_continuation=lambda req: seen.append(req.section.index),
    )
    await counted.write(request())
    assert seen == [1, 1]


async def test_the_handler_times_every_unit_by_language_kind_and_outcome() -> None:
    labels = {"language": "ru", "kind": "chapter"}
    written = value("refgen_unit_write_seconds_count", outcome="written", **labels)
    failed = value("refgen_unit_write_seconds_count", outcome="failed", **labels)
    broker = RabbitBroker()
    llm = ScriptedLLM([done(prose(1850)), TransientLLMError("HTTP 500"), TransientLLMError("HTTP 500")])
    writer_ = SectionWriter(llm, WriterOptions(writer_id="w", max_attempts=2), sleep=no_sleep)
    register_handlers(broker, writer_, concurrency=1)

    @broker.subscriber(subscription("printer", SectionWritten), exchange)
    @broker.subscriber(subscription("gateway", SectionFailed), exchange)
    async def outcome(body: dict[str, object]) -> None:
        return None

    async with TestRabbitBroker(broker) as test_broker:
        await publish(test_broker, section_requested(1))
        await publish(test_broker, section_requested(2))
    assert value("refgen_unit_write_seconds_count", outcome="written", **labels) - written == 1
    assert value("refgen_unit_write_seconds_count", outcome="failed", **labels) - failed == 1
    assert value("refgen_unit_write_seconds_sum", outcome="written", **labels) > 0

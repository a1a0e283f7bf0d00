"""The transactional outbox: an accepted request survives a broker outage and is published exactly once; a row
keeps the trace of the request that wrote it, and the relay, publishing later from its own task, publishes under
it, so the consumer's span joins the request's trace (FastStream's in-memory broker with its OpenTelemetry
middleware)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import uuid4

import aio_pika
import asyncpg
import pytest
from faststream.rabbit import RabbitBroker, TestRabbitBroker
from faststream.rabbit.opentelemetry import RabbitTelemetryMiddleware
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from contracts.essay import PlanRequested
from contracts.rabbit import declare_topology, exchange, subscription
from contracts.topology import queue_spec
from devstack import infra
from devstack.catalogue import ProcessSpec
from devstack.config import StackSettings
from devstack.isolation import database_name, rabbit_vhost
from gateway.essays.adapters.outbox import OutboxRelay
from gateway.essays.adapters.repository import EssayRepository
from gateway.essays.domain.essay import Essay

pytestmark = pytest.mark.integration
MIGRATIONS = Path(__file__).resolve().parents[2] / "services" / "gateway" / "migrations"
FIELDS = {
    "topic": "Тема",
    "subject": "Предмет",
    "checked_by": "Петров П. П.",
    "language": "ru",
    "page_count": 10,
    "chapters_count": 2,
}


@pytest.fixture
async def pool() -> AsyncIterator[asyncpg.Pool]:
    settings = StackSettings(database=database_name())
    await infra.ensure_database(settings)
    await asyncio.to_thread(
        infra.migrate,
        ProcessSpec("gateway", (), "", migrations=MIGRATIONS, migrations_schema="gateway"),
        settings,
    )
    pool = await asyncpg.create_pool(settings.database_url)
    yield pool
    await pool.close()
    await infra.drop_database(settings)


@pytest.fixture
def rabbit_url() -> AsyncIterator[str]:
    with rabbit_vhost() as url:
        yield url


async def test_a_request_accepted_while_the_broker_is_down_is_published_once_it_is_back(
    pool: asyncpg.Pool, rabbit_url: str
) -> None:
    repo = EssayRepository(pool)
    async with repo.unit() as work:
        essay = Essay(user_id=7, **FIELDS)  # type: ignore[arg-type]
        essay_id = await work.add(essay)
        essay.request_outline(uuid4())
    down = RabbitBroker("amqp://guest:guest@127.0.0.1:1/", fail_fast=False)
    with pytest.raises(Exception):  # noqa: B017 - any connection error: the broker is unreachable
        await OutboxRelay(pool, down).relay_once()
    assert await pool.fetchval("select count(*) from gateway.outbox where published_at is null") == 1
    assert (await repo.essay(essay_id, 7))["status"] == "PLANNING"

    broker = RabbitBroker(rabbit_url)
    await broker.connect()
    await declare_topology(broker)
    relay = OutboxRelay(pool, broker)
    assert await relay.relay_once() == 1
    assert await relay.relay_once() == 0  # published rows are never sent again
    await broker.stop()

    connection = await aio_pika.connect_robust(rabbit_url)
    async with connection:
        channel = await connection.channel()
        queue = await channel.get_queue(queue_spec("planner", PlanRequested).name)
        message = await queue.get(timeout=5)
        event = PlanRequested.model_validate_json(message.body)
        assert event.essay_id == essay_id and message.message_id == str(event.event_id)
        await message.ack()
        assert await queue.get(fail=False) is None


async def _request_outline(repo: EssayRepository) -> None:
    async with repo.unit() as work:
        essay = Essay(user_id=7, **FIELDS)  # type: ignore[arg-type]
        await work.add(essay)
        essay.request_outline(uuid4())


def _ancestors(span: ReadableSpan, spans: list[ReadableSpan]) -> list[int]:
    by_id = {s.context.span_id: s for s in spans if s.context is not None}
    chain: list[int] = []
    parent = span.parent
    while parent is not None:
        chain.append(parent.span_id)
        above = by_id.get(parent.span_id)
        parent = above.parent if above is not None else None
    return chain


async def test_the_relay_publishes_each_row_under_the_trace_of_the_request_that_wrote_it(
    pool: asyncpg.Pool,
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("test")
    repo = EssayRepository(pool)

    with tracer.start_as_current_span("POST /api/v1/essays/plan/generate", kind=SpanKind.SERVER) as request:
        await _request_outline(repo)
    await _request_outline(repo)  # written outside any trace (tracing off): null, a trace of its own

    stored = await pool.fetch("select traceparent from gateway.outbox order by id")
    trace_id = request.get_span_context().trace_id
    assert stored[0]["traceparent"].split("-")[1] == format(trace_id, "032x")
    assert stored[1]["traceparent"] is None

    broker = RabbitBroker(middlewares=(RabbitTelemetryMiddleware(tracer_provider=provider),))
    consumed: list[int] = []

    @broker.subscriber(subscription("planner", PlanRequested), exchange)
    async def planner(event: PlanRequested) -> None:
        consumed.append(event.essay_id)

    async with TestRabbitBroker(broker) as running:
        # the relay's own task: no span of the request is current here
        assert await OutboxRelay(pool, running).relay_once() == 2
    assert len(consumed) == 2

    spans = list(exporter.get_finished_spans())
    processes = [s for s in spans if s.kind == SpanKind.CONSUMER and s.name.endswith(" process")]
    assert len(processes) == 2
    joined, alone = sorted(processes, key=lambda s: s.context is None or s.context.trace_id != trace_id)
    assert joined.context is not None and joined.context.trace_id == trace_id
    assert request.get_span_context().span_id in _ancestors(joined, spans)
    assert alone.context is not None and alone.context.trace_id != trace_id

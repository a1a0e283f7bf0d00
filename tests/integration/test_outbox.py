"""The transactional outbox: an accepted request survives a broker outage and is published exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import uuid4

import aio_pika
import asyncpg
import pytest
from faststream.rabbit import RabbitBroker

from contracts.essay import PlanRequested
from contracts.rabbit import declare_topology
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

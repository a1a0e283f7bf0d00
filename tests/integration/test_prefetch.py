"""A service consumes at most its prefetch at once: the topology it declares at start must not take its queue
over onto a channel without that limit (FastStream keeps the first channel a queue is declared on)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import aio_pika
import pytest
from faststream import AckPolicy
from faststream.rabbit import Channel, RabbitBroker
from faststream.rabbit.annotations import RabbitMessage

from contracts import SectionRequested
from contracts.rabbit import declare_topology, exchange, subscription
from contracts.topology import queue_spec
from devstack.isolation import rabbit_vhost

pytestmark = pytest.mark.integration
PREFETCH, MESSAGES = 2, 6


@pytest.fixture
def rabbit_url() -> Iterator[str]:
    with rabbit_vhost() as url:
        yield url


async def test_a_booted_service_takes_no_more_than_its_prefetch(rabbit_url: str) -> None:
    broker = RabbitBroker(rabbit_url, logger=None)
    active, peak, done = 0, 0, asyncio.Event()
    handled = 0

    @broker.subscriber(
        subscription("writer", SectionRequested),
        exchange,
        channel=Channel(prefetch_count=PREFETCH),
        ack_policy=AckPolicy.NACK_ON_ERROR,
    )
    async def slow(message: RabbitMessage) -> None:
        nonlocal active, peak, handled
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.3)
        active -= 1
        handled += 1
        if handled == MESSAGES:
            done.set()

    # the services' order (servicekit.stream_app's after-startup hook, the gateway's wiring): consume, declare
    await broker.start()
    await declare_topology(broker)
    try:
        connection = await aio_pika.connect(rabbit_url)
        async with connection:
            channel = await connection.channel()
            for n in range(MESSAGES):
                message = aio_pika.Message(str(n).encode())
                await channel.default_exchange.publish(
                    message, routing_key=queue_spec("writer", SectionRequested).name
                )
        await asyncio.wait_for(done.wait(), 30)
    finally:
        await broker.stop()
    assert peak == PREFETCH

"""The topology declared on the real RabbitMQ has every queue, dead-letter queue and binding."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from uuid import uuid4

import aio_pika
import pytest
from faststream.rabbit import RabbitBroker

from contracts import PlanRequested
from contracts.rabbit import declare_topology, publish
from contracts.topology import DEAD_LETTER_EXCHANGE, DELIVERY_LIMIT, EXCHANGE, QUEUES, queue_spec

pytestmark = pytest.mark.integration
RABBIT_URL = "amqp://guest:guest@127.0.0.1:5672/"


def rabbitmqctl(*args: str) -> list[dict[str, object]]:
    if shutil.which("rabbitmqctl") is None:
        pytest.skip("rabbitmqctl is not on PATH")
    out = subprocess.run(
        ["rabbitmqctl", *args, "--formatter", "json", "-q"], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out or "[]")


@pytest.fixture(scope="module")
async def broker():
    broker = RabbitBroker(RABBIT_URL)
    await broker.connect()
    await declare_topology(broker)
    await declare_topology(broker)  # declaring twice is harmless
    yield broker
    await broker.stop()


def arguments_of(queue: dict[str, object]) -> dict[str, object]:
    args = queue["arguments"]
    if isinstance(args, dict):
        return args
    # rabbitmqctl 3.x prints [key, amqp_type, value] triples
    return {item[0]: item[-1] for item in args}  # type: ignore[union-attr]


async def test_every_queue_is_a_quorum_queue_with_dead_lettering(broker: RabbitBroker) -> None:
    queues = {q["name"]: q for q in rabbitmqctl("list_queues", "name", "type", "durable", "arguments")}
    for spec in QUEUES:
        queue = queues[spec.name]
        assert queue["type"] == "quorum" and queue["durable"] is True
        args = arguments_of(queue)
        assert args["x-delivery-limit"] == DELIVERY_LIMIT
        assert args["x-dead-letter-exchange"] == DEAD_LETTER_EXCHANGE
        assert args["x-dead-letter-routing-key"] == spec.name
        assert queues[spec.dead_letter_queue]["type"] == "quorum"


async def test_bindings_route_each_event_to_its_consumers(broker: RabbitBroker) -> None:
    bindings = {
        (b["source_name"], b["destination_name"], b["routing_key"])
        for b in rabbitmqctl("list_bindings", "source_name", "destination_name", "routing_key")
    }
    for spec in QUEUES:
        assert (EXCHANGE, spec.name, spec.routing_key) in bindings
        assert (DEAD_LETTER_EXCHANGE, spec.dead_letter_queue, spec.name) in bindings


async def test_a_message_rejected_past_the_delivery_limit_lands_in_the_dead_letter_queue(
    broker: RabbitBroker,
) -> None:
    spec = queue_spec("planner", PlanRequested)
    connection = await aio_pika.connect_robust(RABBIT_URL)
    async with connection:
        channel = await connection.channel()
        queue = await channel.get_queue(spec.name)
        dlq = await channel.get_queue(spec.dead_letter_queue)
        await queue.purge()
        await dlq.purge()
        event = PlanRequested(
            essay_id=7,
            correlation_id=uuid4(),
            topic="t",
            subject="s",
            language="ru",
            page_count=10,
            chapters_count=2,
        )
        await publish(broker, event)
        for _ in range(DELIVERY_LIMIT + 1):
            message = await _get(queue)
            await message.nack(requeue=True)
        dead = await _get(dlq)
        assert PlanRequested.model_validate_json(dead.body) == event
        assert dead.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
        await dead.ack()


async def _get(queue: aio_pika.abc.AbstractQueue) -> aio_pika.abc.AbstractIncomingMessage:
    for _ in range(100):
        message = await queue.get(fail=False)
        if message is not None:
            return message
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing arrived in {queue.name}")

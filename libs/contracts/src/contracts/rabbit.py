"""Declares the topology on a FastStream RabbitBroker (needs the `rabbit` extra)."""

from __future__ import annotations

from typing import cast

from faststream.rabbit import ExchangeType, QueueType, RabbitBroker, RabbitExchange, RabbitQueue
from faststream.rabbit.schemas.queue import QuorumQueueArgs

from contracts.base import Event
from contracts.topology import DEAD_LETTER_EXCHANGE, EXCHANGE, QUEUES, QueueSpec, queue_spec

exchange = RabbitExchange(EXCHANGE, type=ExchangeType.TOPIC, durable=True)
dead_letter_exchange = RabbitExchange(DEAD_LETTER_EXCHANGE, type=ExchangeType.DIRECT, durable=True)


def rabbit_queue(spec: QueueSpec) -> RabbitQueue:
    """The FastStream queue object for a spec, bound with the event's routing key."""
    return RabbitQueue(
        spec.name,
        queue_type=QueueType.QUORUM,
        durable=True,
        # the spec also carries "x-queue-type", which the TypedDict omits because RabbitQueue sets it itself
        arguments=cast(QuorumQueueArgs, spec.arguments()),
        routing_key=spec.routing_key,
    )


def dead_letter_queue(spec: QueueSpec) -> RabbitQueue:
    """The dead-letter queue of a spec's queue, bound to the dead-letter exchange with the queue's name."""
    return RabbitQueue(
        spec.dead_letter_queue, queue_type=QueueType.QUORUM, durable=True, routing_key=spec.name
    )


def subscription(service: str, event: type[Event]) -> RabbitQueue:
    """The queue a service subscribes to for one event."""
    return rabbit_queue(queue_spec(service, event))


def document_publishers(broker: RabbitBroker, service: str, *events: type[Event]) -> None:
    """Register an AsyncAPI-documented publisher per event a service publishes; sending still goes through
    `publish` (or the gateway's outbox), whose routing key carries a foreign origin's suffix."""
    for event in events:
        broker.publisher(
            exchange=exchange,
            routing_key=event.ROUTING_KEY,
            persist=True,
            title=f"{event.ROUTING_KEY}:{EXCHANGE}:{service}",
            description=f"{service} publishes {event.__name__} under `{event.ROUTING_KEY}` "
            f"(`{event.ROUTING_KEY}.<origin>` for another producer's essays).",
            schema=event,
        )


async def declare_topology(broker: RabbitBroker) -> None:
    """Declare exchanges, every queue with its dead-letter queue, and all bindings. Idempotent."""
    main = await broker.declare_exchange(exchange)
    dlx = await broker.declare_exchange(dead_letter_exchange)
    for spec in QUEUES:
        queue = await broker.declare_queue(rabbit_queue(spec))
        for key in spec.binding_keys:
            await queue.bind(main, routing_key=key)
        dlq = await broker.declare_queue(dead_letter_queue(spec))
        await dlq.bind(dlx, routing_key=spec.name)


async def publish(broker: RabbitBroker, event: Event) -> None:
    """Publish an event persistently to the main exchange under its routing key (with a foreign origin's suffix)."""
    await broker.publish(
        event,
        exchange=exchange,
        routing_key=event.routing_key,
        persist=True,
        message_id=str(event.event_id),
        correlation_id=str(event.correlation_id),
    )

"""Thin FastStream handler: parse SectionRequested, write the section, publish the outcome."""

from __future__ import annotations

import logging
import time

from faststream.middlewares import AckPolicy
from faststream.rabbit import Channel, RabbitBroker

from contracts.planning import SectionRequested
from contracts.rabbit import document_publishers, exchange, publish, subscription
from contracts.writing import SectionFailed, SectionWritten
from writer.adapters.metrics import observe_unit
from writer.service import SectionWriter

log = logging.getLogger(__name__)


def register_handlers(broker: RabbitBroker, writer: SectionWriter, *, concurrency: int) -> None:
    """Compete for `writer.section_requested` with at most `concurrency` unacked sections per replica.

    The message is acked only once SectionWritten or SectionFailed is confirmed by the broker: a crash
    or a kill mid-section leaves it unacked, so RabbitMQ hands it to another replica. An unexpected
    error nacks it back to the queue; the quorum queue's delivery limit dead-letters a poison message.
    """
    document_publishers(broker, "writer", SectionWritten, SectionFailed)

    @broker.subscriber(
        subscription("writer", SectionRequested),
        exchange,
        channel=Channel(prefetch_count=concurrency),
        ack_policy=AckPolicy.NACK_ON_ERROR,
    )
    async def on_section_requested(event: SectionRequested) -> None:
        started = time.perf_counter()
        outcome = await writer.write(event)
        observe_unit(event, outcome, time.perf_counter() - started)
        await publish(broker, outcome)

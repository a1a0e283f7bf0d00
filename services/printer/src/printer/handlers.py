"""Thin message handlers: parse, call the use case."""

from __future__ import annotations

from collections.abc import Callable

from faststream import AckPolicy
from faststream.rabbit import Channel, RabbitBroker

from contracts.pipeline import EssayFailed
from contracts.planning import SectionsAllocated
from contracts.printing import DocumentAssembled, DocumentConverted
from contracts.rabbit import document_publishers, exchange, subscription
from contracts.writing import SectionWritten
from printer.service import PrinterService
from servicekit import through_outages


def register(
    broker: RabbitBroker,
    service: Callable[[], PrinterService],
    prefetch: int,
    is_outage: Callable[[BaseException], bool] = lambda _error: False,
) -> None:
    """Subscribe the printer's handlers. Through an outage (`is_outage`: database or storage away) a message
    is held and tried again with backoff; other failures are requeued until the delivery limit dead-letters
    them."""
    document_publishers(broker, "printer", DocumentAssembled, DocumentConverted, EssayFailed)
    channel = Channel(prefetch_count=prefetch)
    ack_policy = AckPolicy.NACK_ON_ERROR

    @broker.subscriber(
        subscription("printer", SectionsAllocated), exchange, channel=channel, ack_policy=ack_policy
    )
    async def on_manifest(event: SectionsAllocated) -> None:
        await through_outages(lambda: service().on_manifest(event), is_outage=is_outage)

    @broker.subscriber(
        subscription("printer", SectionWritten), exchange, channel=channel, ack_policy=ack_policy
    )
    async def on_section(event: SectionWritten) -> None:
        await through_outages(lambda: service().on_section(event), is_outage=is_outage)

"""Applies pipeline events to essays: each event at most once, whatever order they arrive in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from faststream import AckPolicy
from faststream.rabbit import Channel, RabbitBroker

from contracts.base import GATEWAY, Event
from contracts.pipeline import EssayFailed
from contracts.planning import PlanDrafted, SectionsAllocated
from contracts.printing import DocumentAssembled, DocumentConverted
from contracts.rabbit import exchange, subscription
from contracts.writing import SectionFailed, SectionWritten
from gateway.essays.adapters import projection
from gateway.essays.adapters.repository import EssayRepository
from gateway.essays.adapters.unit_of_work import EssayUnitOfWork
from gateway.essays.domain.rules import chapter_text, sources_text
from servicekit import is_database_outage, through_outages

Apply = Callable[[EssayUnitOfWork, Any], Awaitable[None]]


async def _section_written(work: EssayUnitOfWork, event: SectionWritten) -> None:
    blocks = [block.model_dump() for block in event.blocks]
    text = chapter_text(blocks)
    if event.sources:
        sources = sources_text([source.model_dump() for source in event.sources])
        text = f"{text}\n\n{sources}" if text else sources
    lead_in = chapter_text([block.model_dump() for block in event.lead_in])
    await projection.section_written(work, event, text, lead_in)


APPLIERS: dict[type[Event], Apply] = {
    PlanDrafted: projection.plan_drafted,
    SectionsAllocated: projection.sections_allocated,
    SectionWritten: _section_written,
    SectionFailed: projection.section_failed,
    DocumentAssembled: projection.document_assembled,
    DocumentConverted: projection.document_converted,
    EssayFailed: projection.essay_failed,
}


def register(broker: RabbitBroker, repo: Callable[[], EssayRepository], prefetch: int) -> None:
    """Subscribe one handler per event; a failure is requeued until the delivery limit dead-letters it."""
    channel = Channel(prefetch_count=prefetch)
    for event_type, apply in APPLIERS.items():
        _subscribe(broker, repo, channel, event_type, apply)


def _subscribe(
    broker: RabbitBroker,
    repo: Callable[[], EssayRepository],
    channel: Channel,
    event_type: type[Event],
    apply: Apply,
) -> None:
    async def handle(event: Any) -> None:
        if event.origin != GATEWAY:  # another producer's essay (its ids are not ours): not ours to apply
            return

        async def once() -> None:
            async with repo().applying(event.event_id) as work:
                if work is not None:
                    await apply(work, event)

        # the database away: hold the message and try again, spending none of its delivery attempts
        await through_outages(once, is_outage=is_database_outage)

    handle.__annotations__["event"] = event_type
    handle.__name__ = f"on_{event_type.__name__}"
    broker.subscriber(
        subscription("gateway", event_type), exchange, channel=channel, ack_policy=AckPolicy.NACK_ON_ERROR
    )(handle)

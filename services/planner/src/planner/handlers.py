"""Thin FastStream handlers: parse the event, call the planner, publish what it returns."""

from __future__ import annotations

import logging

from faststream.middlewares import AckPolicy
from faststream.rabbit import RabbitBroker

from contracts.essay import GenerationRequested, PlanRequested
from contracts.pipeline import EssayFailed
from contracts.planning import PlanDrafted, SectionRequested, SectionsAllocated
from contracts.rabbit import document_publishers, exchange, publish, subscription
from planner.service import Planner

log = logging.getLogger(__name__)


def register_handlers(broker: RabbitBroker, planner: Planner) -> None:
    """Subscribe the planner to its two queues.

    Messages are acked only after everything was published (publisher confirms on); an unexpected
    error nacks with requeue, and the quorum queue's delivery limit dead-letters a poison message.
    """
    document_publishers(broker, "planner", PlanDrafted, SectionsAllocated, SectionRequested, EssayFailed)

    @broker.subscriber(subscription("planner", PlanRequested), exchange, ack_policy=AckPolicy.NACK_ON_ERROR)
    async def on_plan_requested(event: PlanRequested) -> None:
        outcome = await planner.draft_plan(event)
        log.info("essay %s: %s", event.essay_id, type(outcome).__name__)
        await publish(broker, outcome)

    @broker.subscriber(
        subscription("planner", GenerationRequested), exchange, ack_policy=AckPolicy.NACK_ON_ERROR
    )
    async def on_generation_requested(event: GenerationRequested) -> None:
        events = await planner.allocate_generation(event)
        log.info(
            "essay %s generation %s: publishing %d events", event.essay_id, event.generation, len(events)
        )
        for outgoing in events:
            await publish(broker, outgoing)

"""The whole RabbitMQ topology, as data: exchanges, queues, bindings and dead-lettering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contracts.base import Event
from contracts.essay import GenerationRequested, PlanRequested
from contracts.pipeline import EssayFailed
from contracts.planning import PlanDrafted, SectionRequested, SectionsAllocated
from contracts.printing import DocumentAssembled
from contracts.writing import SectionFailed, SectionWritten

EXCHANGE = "refgen"
DEAD_LETTER_EXCHANGE = "refgen.dlx"
DELIVERY_LIMIT = 5


@dataclass(frozen=True)
class QueueSpec:
    """A durable quorum queue of one consuming service, bound to one event's routing key."""

    service: str
    event: type[Event]
    delivery_limit: int = DELIVERY_LIMIT

    @property
    def name(self) -> str:
        """Queue name: `<service>.<event>`, e.g. `writer.section_requested`."""
        return f"{self.service}.{self.event.ROUTING_KEY.split('.')[1]}"

    @property
    def routing_key(self) -> str:
        """Routing key the queue is bound with."""
        return self.event.ROUTING_KEY

    @property
    def dead_letter_queue(self) -> str:
        """Where messages go once they exceed the delivery limit or are rejected."""
        return f"{self.name}.dlq"

    def arguments(self) -> dict[str, Any]:
        """Declaration arguments of the queue."""
        return {
            "x-queue-type": "quorum",
            "x-delivery-limit": self.delivery_limit,
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE,
            "x-dead-letter-routing-key": self.name,
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        }


def _queues(service: str, *events: type[Event]) -> tuple[QueueSpec, ...]:
    return tuple(QueueSpec(service, event) for event in events)


QUEUES: tuple[QueueSpec, ...] = (
    *_queues("planner", PlanRequested, GenerationRequested),
    *_queues("writer", SectionRequested),
    *_queues("printer", SectionsAllocated, SectionWritten),
    *_queues(
        "gateway",
        PlanDrafted,
        SectionsAllocated,
        SectionWritten,
        SectionFailed,
        DocumentAssembled,
        EssayFailed,
    ),
)

EVENTS: tuple[type[Event], ...] = (
    PlanRequested,
    GenerationRequested,
    PlanDrafted,
    SectionsAllocated,
    SectionRequested,
    SectionWritten,
    SectionFailed,
    DocumentAssembled,
    EssayFailed,
)


def queue_spec(service: str, event: type[Event]) -> QueueSpec:
    """The queue through which `service` consumes `event`."""
    for spec in QUEUES:
        if spec.service == service and spec.event is event:
            return spec
    raise KeyError(f"{service} does not consume {event.__name__}")

"""The whole RabbitMQ topology, as data: exchanges, queues, bindings and dead-lettering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contracts.base import Event
from contracts.essay import GenerationRequested, PlanRequested
from contracts.pipeline import EssayFailed
from contracts.planning import PlanDrafted, SectionRequested, SectionsAllocated
from contracts.printing import DocumentAssembled, DocumentConverted
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
    # also takes the events of other producers' essays (`<routing key>.<origin>`)
    any_origin: bool = True

    @property
    def name(self) -> str:
        """Queue name: `<service>.<event>`, e.g. `writer.section_requested`."""
        return f"{self.service}.{self.event.ROUTING_KEY.split('.')[1]}"

    @property
    def routing_key(self) -> str:
        """Routing key the queue is bound with."""
        return self.event.ROUTING_KEY

    @property
    def binding_keys(self) -> tuple[str, ...]:
        """Every key the queue is bound with: the event's, and with any origin's suffix where it takes those."""
        return (self.routing_key, f"{self.routing_key}.*") if self.any_origin else (self.routing_key,)

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


def _queues(service: str, *events: type[Event], any_origin: bool = True) -> tuple[QueueSpec, ...]:
    return tuple(QueueSpec(service, event, any_origin=any_origin) for event in events)


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
        DocumentConverted,
        EssayFailed,
        any_origin=False,  # the gateway's essays only; other producers consume their own events
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
    DocumentConverted,
    EssayFailed,
)


def queue_spec(service: str, event: type[Event]) -> QueueSpec:
    """The queue through which `service` consumes `event`."""
    for spec in QUEUES:
        if spec.service == service and spec.event is event:
            return spec
    raise KeyError(f"{service} does not consume {event.__name__}")

"""Deterministic event ids, so a redelivered request re-publishes events consumers already know."""

from __future__ import annotations

from uuid import UUID, uuid5

from contracts.planning import SectionKind

# Fixed forever: changing it would make redeliveries after a deploy look like new events.
NAMESPACE = uuid5(UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "refgen:planner")


def plan_drafted_id(request_event_id: UUID) -> UUID:
    """Id of the PlanDrafted answering one PlanRequested."""
    return uuid5(NAMESPACE, f"plan_drafted/{request_event_id}")


def planning_failed_id(request_event_id: UUID) -> UUID:
    """Id of the EssayFailed answering one PlanRequested the planner gave up on."""
    return uuid5(NAMESPACE, f"plan_failed/{request_event_id}")


def sections_allocated_id(essay_key: str, generation: int) -> UUID:
    """Id of the manifest of one generation of an essay (`Event.essay_key`)."""
    return uuid5(NAMESPACE, f"sections_allocated/{essay_key}/{generation}")


def section_requested_id(essay_key: str, generation: int, index: int, kind: SectionKind) -> UUID:
    """Id of the request to write one section of one generation."""
    return uuid5(NAMESPACE, f"section_requested/{essay_key}/{generation}/{index}/{kind}")


def allocation_failed_id(essay_key: str, generation: int) -> UUID:
    """Id of the EssayFailed of a generation whose pages cannot hold its chapters."""
    return uuid5(NAMESPACE, f"allocation_failed/{essay_key}/{generation}")

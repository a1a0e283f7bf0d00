"""Deterministic event ids of a section's outcome, so duplicate deliveries produce events consumers dedupe."""

from __future__ import annotations

from uuid import UUID, uuid5

# Fixed forever: changing it would make redeliveries after a deploy look like new events.
NAMESPACE = uuid5(UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "refgen:writer")


def section_written_id(essay_key: str, generation: int, section_index: int) -> UUID:
    """Id of the SectionWritten of one section of one generation of an essay (`Event.essay_key`)."""
    return uuid5(NAMESPACE, f"section_written/{essay_key}/{generation}/{section_index}")


def section_failed_id(
    essay_key: str, generation: int, section_index: int, attempt: UUID | None = None
) -> UUID:
    """Id of the SectionFailed of one section of one generation, within one attempt at it (a resumed version
    is a new attempt, whose failure must not be taken for the earlier one's)."""
    suffix = f"/{attempt}" if attempt is not None else ""
    return uuid5(NAMESPACE, f"section_failed/{essay_key}/{generation}/{section_index}{suffix}")

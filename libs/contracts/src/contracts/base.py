"""The envelope every RefGen event carries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class Contract(BaseModel):
    """Base of every contract model: immutable, tolerant of fields added by newer producers."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class Event(Contract):
    """Common envelope: identity, time, the essay it concerns and the request it belongs to."""

    ROUTING_KEY: ClassVar[str]
    VERSION: ClassVar[int]

    event_id: UUID = Field(
        default_factory=uuid4, description="Unique id of this event; consumers dedupe on it."
    )
    occurred_at: datetime = Field(
        default_factory=utcnow, description="When the producer created the event (UTC)."
    )
    essay_id: int = Field(description="Gateway id of the essay the event concerns.", ge=1)
    correlation_id: UUID = Field(description="Id of the user request that started this chain of events.")
    event_version: int = Field(
        default=1, description="Schema version; a breaking change is a new model and key."
    )

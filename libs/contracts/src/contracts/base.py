"""The envelope every RefGen event carries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field

GATEWAY = "gateway"
# one routing-key word: lower-case letters, digits, `_` and `-`
ORIGIN_PATTERN = r"^[a-z][a-z0-9_-]{0,31}$"


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
    essay_id: int = Field(
        description="Id of the essay the event concerns, in its origin's id space.", ge=1, lt=2**63
    )
    origin: str = Field(
        default=GATEWAY,
        pattern=ORIGIN_PATTERN,
        description="The system that asked for the essay and owns its id: `gateway`, or another producer's "
        "name. Events about another producer's essays travel under `<routing key>.<origin>`.",
    )
    correlation_id: UUID = Field(description="Id of the user request that started this chain of events.")
    event_version: int = Field(
        default=1, description="Schema version; a breaking change is a new model and key."
    )

    @property
    def routing_key(self) -> str:
        """The key this event is published under: its type's, suffixed with a foreign origin."""
        return self.ROUTING_KEY if self.origin == GATEWAY else f"{self.ROUTING_KEY}.{self.origin}"

    @property
    def essay_key(self) -> str:
        """The essay's identity across origins (ids of different producers may be equal)."""
        return str(self.essay_id) if self.origin == GATEWAY else f"{self.origin}/{self.essay_id}"

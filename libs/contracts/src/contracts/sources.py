"""Real scholarly records an essay is grounded in: found by the planner's research step or given by the user."""

from __future__ import annotations

from pydantic import Field

from contracts.base import Contract
from contracts.blocks import SourceEntry

MAX_ABSTRACT_CHARS = 1200
# A user's own literature: at most this many records per essay.
MAX_USER_SOURCES = 60


class SourceRecord(SourceEntry):
    """A bibliographic record with what the writer needs to cite it: its abstract and the chapters it is for."""

    abstract: str = Field(default="", max_length=MAX_ABSTRACT_CHARS * 4)
    chapters: tuple[int, ...] = Field(
        default=(), description="1-based chapters the record was found for; empty: the essay as a whole."
    )

    def entry(self) -> SourceEntry:
        """The record as an entry of the list of sources."""
        return SourceEntry.model_validate(self.model_dump(include=set(SourceEntry.model_fields)))


class NumberedSource(Contract):
    """A record with its number in the essay's list of sources, as the writer cites it: [number]."""

    number: int = Field(ge=1)
    record: SourceRecord

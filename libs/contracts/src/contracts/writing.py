"""Events the writer publishes."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from contracts.base import Event
from contracts.blocks import Block, SourceEntry, TokenUsage


class SectionWritten(Event):
    """A section, written, as typed blocks."""

    ROUTING_KEY: ClassVar[str] = "writing.section_written.v1"
    VERSION: ClassVar[int] = 1

    generation: int = Field(ge=1)
    section_index: int = Field(ge=0)
    blocks: tuple[Block, ...] = ()
    lead_in: tuple[Block, ...] = Field(
        default=(),
        description="The chapter's opening lines, written with its first subsection: printed after the "
        "chapter's heading and before the subsection's.",
    )
    sources: tuple[SourceEntry, ...] = Field(default=(), description="Entries of the references section.")
    usage: TokenUsage = TokenUsage()
    written_chars: int = Field(
        ge=0,
        description="Room the blocks take on the page, in characters of running text (comparable to target_chars).",
    )
    writer_id: str = Field(default="", description="Replica that wrote it, for observability.")
    model: str = Field(default="", description="The LLM model that wrote it (the gateway prices its usage).")


class SectionFailed(Event):
    """A section could not be written within the retry budget."""

    ROUTING_KEY: ClassVar[str] = "writing.section_failed.v1"
    VERSION: ClassVar[int] = 1

    generation: int = Field(ge=1)
    section_index: int = Field(ge=0)
    reason: str
    attempts: int = Field(ge=1)

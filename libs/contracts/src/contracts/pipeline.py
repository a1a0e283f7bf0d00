"""Events any pipeline stage may publish about an essay as a whole."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from contracts.base import Event


class EssayFailed(Event):
    """A stage gave up on an essay; the gateway marks it FAILED with the reason."""

    ROUTING_KEY: ClassVar[str] = "pipeline.essay_failed.v1"
    VERSION: ClassVar[int] = 1

    stage: Literal["planning", "writing", "printing"]
    generation: int | None = Field(default=None, description="None when planning an outline failed.")
    reason: str

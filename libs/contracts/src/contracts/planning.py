"""Events the planner publishes."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from contracts.base import Contract, Event
from contracts.essay import Language, OutlineChapter, TitlePage
from contracts.sources import NumberedSource

SectionKind = Literal["introduction", "chapter", "conclusion", "references"]


class PlanDrafted(Event):
    """The outline the planner drafted for a PlanRequested."""

    ROUTING_KEY: ClassVar[str] = "planning.plan_drafted.v1"
    VERSION: ClassVar[int] = 1

    chapters: tuple[OutlineChapter, ...] = Field(min_length=1)


class SectionSpec(Contract):
    """One section of the document as allocated by the planner."""

    index: int = Field(ge=0, description="Position in the document, 0-based; unique within a generation.")
    kind: SectionKind
    title: str
    chapter_number: int | None = Field(default=None, description="1-based number of a chapter section.")
    chapter_title: str = Field(
        default="", description="Title of the chapter a subsection or part belongs to (its heading's text)."
    )
    subsection_number: int | None = Field(
        default=None,
        ge=1,
        description="1-based number of a subsection within its chapter (`chapter.subsection`); None for a "
        "chapter written as one unit.",
    )
    opens_chapter: bool = Field(
        default=True,
        description="The first unit of its chapter: the document puts the chapter's heading before it, and "
        "the writer opens the chapter in its first lines.",
    )
    part: int = Field(default=1, ge=1, description="Which part of a unit too long for one LLM call this is.")
    parts: int = Field(default=1, ge=1, description="Into how many parts its unit was split (1: not split).")
    target_chars: int = Field(ge=0, description="Length to write, in characters with spaces.")
    starts_page: bool = Field(
        default=True,
        description="False for a chapter that runs on after the previous one without a page break "
        "(short essays with more chapters than chapter pages); structural parts always start a page.",
    )


class SectionsAllocated(Event):
    """The manifest of a generation: every section the document will have, in order."""

    ROUTING_KEY: ClassVar[str] = "planning.sections_allocated.v1"
    VERSION: ClassVar[int] = 1

    generation: int = Field(ge=1)
    language: Language
    topic: str
    title_page: TitlePage
    sections: tuple[SectionSpec, ...] = Field(min_length=1)
    sources_verified: bool = Field(
        default=False,
        description="The list of sources is made of real records (bibliographic databases, the user's own); "
        "False: the LLM suggests it, unverified.",
    )
    sources_problem: str = Field(
        default="", description="Why no real records were found (no provider configured, providers failed)."
    )


class SectionRequested(Event):
    """Write one section; writer replicas compete for these."""

    ROUTING_KEY: ClassVar[str] = "planning.section_requested.v1"
    VERSION: ClassVar[int] = 1

    generation: int = Field(ge=1)
    topic: str
    subject: str
    language: Language
    outline: tuple[OutlineChapter, ...] = Field(description="The whole outline, so sections do not overlap.")
    section: SectionSpec
    sources: tuple[NumberedSource, ...] = Field(
        default=(),
        description="Records this unit may cite as [number]; for the list of sources, every record of the list "
        "in order (the writer copies them, the LLM never rewrites them). Empty: no real records (the LLM "
        "suggests the list).",
    )

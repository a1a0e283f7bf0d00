"""Events the gateway publishes on behalf of a user."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from contracts import limits
from contracts.base import Contract, Event
from contracts.sources import MAX_USER_SOURCES, SourceRecord

Language = Literal["ru", "en", "ky"]


class OutlineSubsection(Contract):
    """A subsection of a chapter in the outline: its title and a one-line synopsis."""

    title: str = Field(min_length=1)
    synopsis: str = ""


class OutlineChapter(Contract):
    """A chapter of the outline: its title, a one-line synopsis and, for a chapter of two pages or more, its
    two to four subsections (numbered `chapter.subsection` in the document)."""

    title: str = Field(min_length=1)
    synopsis: str = ""
    subsections: tuple[OutlineSubsection, ...] = Field(default=(), max_length=limits.MAX_SUBSECTIONS)


class TitlePage(Contract):
    """Everything the title page shows, taken from the profile and the request."""

    ministry: str = Field(default="", description="The first line; empty: the ministry of `country`.")
    country: Literal["RU", "KG", ""] = Field(default="", description="Country of the university, if known.")
    university: str = ""
    faculty: str = ""
    department: str = Field(default="", description="Кафедра.")
    subject: str = ""
    topic: str = ""
    author: str = Field(default="", description="Full name of the student who performed the work.")
    author_gender: Literal["male", "female", ""] = Field(
        default="", description='"Выполнил" or "Выполнила" in Russian; empty when not known.'
    )
    checked_by: str = ""
    group: str = ""
    course: str = ""
    city: str = ""
    year: int = Field(ge=1900, le=2999)


class PlanRequested(Event):
    """A user asked for an outline."""

    ROUTING_KEY: ClassVar[str] = "essay.plan_requested.v1"
    VERSION: ClassVar[int] = 1

    topic: str
    subject: str
    language: Language
    page_count: int = Field(ge=1)
    chapters_count: int = Field(ge=1)


class GenerationRequested(Event):
    """A user asked to write the essay from its current outline."""

    ROUTING_KEY: ClassVar[str] = "essay.generation_requested.v1"
    VERSION: ClassVar[int] = 1

    generation: int = Field(
        ge=1, description="Essay version; a new one per generate call, unless a failed version is resumed."
    )
    topic: str
    subject: str
    language: Language
    page_count: int = Field(ge=1)
    chapters: tuple[OutlineChapter, ...] = Field(min_length=1)
    title_page: TitlePage
    written: tuple[int, ...] = Field(
        default=(),
        description="Sections of this version already written: a resumed version asks only for the others.",
    )
    sources: tuple[SourceRecord, ...] = Field(
        default=(),
        max_length=MAX_USER_SOURCES,
        description="The user's own literature (origin user): cited first, before what research finds.",
    )

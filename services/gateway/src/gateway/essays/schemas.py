"""HTTP shapes of the essay routes, as the monolith's web client expects them."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, field_validator

from contracts.limits import (
    MAX_CHAPTERS,
    MAX_PAGES,
    MAX_TITLE_CHARS,
    MAX_TOPIC_CHARS,
    MIN_CHAPTERS,
    MIN_PAGES,
)
from gateway.essays.domain.rules import normalise_language


def _storable(value: str) -> str:
    # PostgreSQL text holds no NUL, and lone surrogates cannot be encoded: refuse them here, not as a 500.
    if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("must not contain NUL or unpaired surrogate characters")
    return value


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_storable)
]
MAX_ID = 2**63 - 1  # ids are PostgreSQL bigints
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE_CHARS),
    AfterValidator(_storable),
]


class PlanRequest(BaseModel):
    """Body of POST /essays/plan/generate."""

    topic: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TOPIC_CHARS),
        AfterValidator(_storable),
    ]
    subject: Text
    checked_by: Text
    page_count: int = Field(default=20, le=MAX_PAGES)
    chapters_count: int = Field(default=6, ge=MIN_CHAPTERS, le=MAX_CHAPTERS)
    language: Literal["ru", "en", "ky"] = "ru"

    @field_validator("page_count")
    @classmethod
    def _room_for_chapters(cls, value: int) -> int:
        # The monolith's rule: introduction, conclusion and sources (a page each) must leave room.
        if value < MIN_PAGES:
            raise ValueError(
                f"an essay needs at least {MIN_PAGES} pages: the introduction, the conclusion and the list "
                "of sources take a page each and the chapters need at least one"
            )
        return value

    @field_validator("language", mode="before")
    @classmethod
    def _alias(cls, value: object) -> object:
        return normalise_language(value) if isinstance(value, str) else value


class PlanResponse(BaseModel):
    """The drafted outline (or, past the wait, the essay id and its status)."""

    essay_id: int
    plan: list[str] = []
    status: str


class SubsectionOut(BaseModel):
    """A subsection of a chapter (numbered `chapter.position`); `content` is null until it is written."""

    id: int
    title: str
    position: int
    content: str | None
    synopsis: str = ""


class ChapterOut(BaseModel):
    """A chapter as the client lists it; `content` is null until the chapter is written."""

    id: int
    title: str
    position: int
    content: str | None
    synopsis: str = ""
    subsections: list[SubsectionOut] = []


class ChaptersResponse(BaseModel):
    """Body of GET /essays/{id}/chapters."""

    essay_id: int
    chapters: list[ChapterOut]


class RenameChapter(BaseModel):
    """Body of PUT /essays/chapter/title/update."""

    chapter_id: int = Field(ge=1, le=MAX_ID)
    title: Title


class RenameSubsection(BaseModel):
    """Body of PUT /essays/subsection/title/update."""

    subsection_id: int = Field(ge=1, le=MAX_ID)
    title: Title


class RenamedSubsection(BaseModel):
    """The renamed subsection."""

    id: int
    title: str


class RenameSubsectionResponse(BaseModel):
    """Answer of PUT /essays/subsection/title/update."""

    message: str
    subsection: RenamedSubsection


class RenamedChapter(BaseModel):
    """The renamed chapter."""

    id: int
    title: str


class RenameResponse(BaseModel):
    """Answer of PUT /essays/chapter/title/update."""

    message: str
    chapter: RenamedChapter


class GenerateResponse(BaseModel):
    """Answer of POST /essays/{id}/generate."""

    essay_id: int
    status: str
    task_id: str | None


class StatusResponse(BaseModel):
    """Answer of GET /essays/{id}/status."""

    essay_id: int
    status: str
    sections_done: int
    sections_total: int
    progress: float
    generation: int
    task_id: str | None
    failure_reason: str | None


class SectionOut(BaseModel):
    """Per-unit figures of the current essay version (a unit: the introduction, a subsection or an undivided
    chapter, or a part of one, the conclusion, a part of the list of sources)."""

    index: int
    kind: str
    title: str
    chapter_number: int | None = None
    subsection_number: int | None = None
    part: int = 1
    target_chars: int
    written_chars: int | None
    prompt_tokens: int
    completion_tokens: int
    continuation_tokens: int = 0
    model: str = ""
    estimated_cost_usd: float | None = None


class UsageOut(BaseModel):
    """Tokens of every unit of the current version together, and their estimated cost (null: unpriced)."""

    prompt_tokens: int
    completion_tokens: int
    continuation_tokens: int
    estimated_cost_usd: float | None


class SourceOut(BaseModel):
    """One work of an essay's list of sources (or of the user's own literature), with where it comes from:
    openalex or crossref (found by research), user (uploaded), model (suggested by the LLM, unverified)."""

    number: int
    origin: str
    kind: str
    authors: list[str]
    title: str
    year: int | None = None
    journal: str | None = None
    book_title: str | None = None
    publisher: str | None = None
    city: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    language: str | None = None


class LiteratureResponse(BaseModel):
    """Answer of the /essays/{id}/sources routes: the user's own literature as the essay now holds it."""

    essay_id: int
    added: int = Field(default=0, description="Works the request added (a work already there is kept once).")
    removed: int = 0
    sources: list[SourceOut]


class EssayMetadata(BaseModel):
    """What the title page shows, as the monolith's `metadata`."""

    university: str
    faculty: str
    subject: str
    course: str
    performed_by: str
    checked_by: str
    group: str
    city: str
    year: int


class EssayOut(BaseModel):
    """A whole essay: the monolith's fields (introduction, conclusion, references null until written;
    `date` the day it was created) and RefGen's progress and per-section figures."""

    id: int
    date: dt.date
    topic: str
    subject: str
    checked_by: str
    language: str
    page_count: int
    chapters_count: int
    status: str
    failure_reason: str | None
    generation: int
    task_id: str | None
    sections_done: int
    sections_total: int
    document_ready: bool
    pdf_ready: bool = Field(
        default=False, description="`GET /refprint/{id}?format=pdf` has a PDF (the DOCX is there either way)"
    )
    pdf_pending: bool = Field(
        default=False, description="the DOCX is out and its PDF is being made (seconds): pdf_ready follows"
    )
    created_at: datetime
    updated_at: datetime
    introduction: str | None
    conclusion: str | None
    references: str | None
    metadata: EssayMetadata | None
    chapters: list[ChapterOut]
    sections: list[SectionOut]
    usage: UsageOut
    sources: list[SourceOut] = Field(
        default_factory=list,
        description="The current version's list of sources in its order; before it is written, the user's own.",
    )
    sources_verified: bool | None = Field(
        default=None,
        description="True: the list is made of real records (bibliographic databases, the user's own); False: "
        "the LLM suggested it and nobody verified it; null: no version has been started.",
    )
    sources_problem: str | None = Field(default=None, description="Why the list is not verified.")


class EssaysResponse(BaseModel):
    """Answer of GET /essays/."""

    essays: list[EssayOut]

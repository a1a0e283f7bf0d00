"""Essay use cases of the gateway, over the repository, the profile source, storage and change notices."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any, Literal, Protocol
from uuid import UUID, uuid4

from contracts.essay import TitlePage
from gateway.essays import schemas
from gateway.essays.adapters.profiles import ProfileUnavailable
from gateway.essays.adapters.repository import EssayRepository
from gateway.essays.adapters.status_cache import StatusRead
from gateway.essays.adapters.unit_of_work import EssayUnitOfWork
from gateway.essays.domain.essay import Essay, Refused
from gateway.essays.domain.pricing import Price, total_cost, unit_cost
from gateway.essays.domain.rules import (
    EssayStatus,
    PdfState,
    essay_metadata,
    missing_profile_fields,
    title_page,
)
from gateway.essays.errors import Conflict, NotFound, PdfPending, ProfileIncomplete, Unavailable
from gateway.essays.live import EssayEvents
from gateway.essays.sources import SourcesService

PLAN_RECHECK_SECONDS = 1.0
DocumentFormat = Literal["docx", "pdf"]


class Profiles(Protocol):
    """Where the caller's profile comes from."""

    async def profile(self, access_token: str) -> dict[str, Any] | None: ...


class Changes(Protocol):
    """Notices of essay changes."""

    @property
    def listening(self) -> bool:
        """Whether changes are heard as they happen."""
        ...

    async def wait(self, essay_id: int, seconds: float) -> None: ...


class Documents(Protocol):
    """Stored documents."""

    async def get(self, key: str) -> bytes: ...


class EssayService:
    """Plan, edit, generate, report and hand over essays; every call is scoped to the calling user."""

    def __init__(
        self,
        repo: EssayRepository,
        profiles: Profiles,
        documents: Documents,
        changes: Changes,
        plan_wait_seconds: float,
        today: Callable[[], date] = date.today,
        prices: Mapping[str, Price] | None = None,
        statuses: StatusRead | None = None,
        events: EssayEvents | None = None,
    ):
        self._repo = repo
        self._profiles = profiles
        self._documents = documents
        self._changes = changes
        self._plan_wait = plan_wait_seconds
        self._today = today
        self._prices = prices or {}
        self._statuses = statuses or repo.status  # polled most of all: a cache in front of the query
        self.sources = SourcesService(repo)
        self.events = events  # GET /essays/{id}/events (live.py)

    @property
    def listening(self) -> bool:
        """Whether essay changes are heard as they happen (a LISTEN connection is up)."""
        return self._changes.listening

    async def plan(
        self, user_id: int, token: str, request: schemas.PlanRequest
    ) -> tuple[int, schemas.PlanResponse]:
        """Ask for an outline; wait for it up to the configured time. Returns (HTTP status, body)."""
        profile = await self._complete_profile(token)
        page = self._title_page(profile, request)
        essay = Essay(user_id=user_id, **request.model_dump(), metadata=essay_metadata(page))
        async with self._repo.unit() as work:
            essay_id = await work.add(essay)
            essay.request_outline(correlation_id=uuid4())
        row = await self._outline_or_timeout(essay_id, user_id)
        if row["status"] == EssayStatus.PLANNING:
            return 202, schemas.PlanResponse(essay_id=essay_id, plan=[], status=row["status"])
        plan = [chapter["title"] for chapter in await self._repo.chapters(essay_id)]
        return 200, schemas.PlanResponse(essay_id=essay_id, plan=plan, status=row["status"])

    async def _outline_or_timeout(self, essay_id: int, user_id: int) -> dict[str, Any]:
        """The essay once it has left PLANNING, or as it is when the plan wait is over. A notice is only a hint
        (its own creation sends one, and one sent just before the wait begins is missed), so the status
        decides, read at least every PLAN_RECHECK_SECONDS."""
        deadline = time.monotonic() + self._plan_wait
        while True:
            row = await self._own(essay_id, user_id)
            remaining = deadline - time.monotonic()
            if row["status"] != EssayStatus.PLANNING or remaining <= 0:
                return row
            await self._changes.wait(essay_id, min(remaining, PLAN_RECHECK_SECONDS))

    async def chapters(self, user_id: int, essay_id: int) -> schemas.ChaptersResponse:
        """The chapters of an essay."""
        await self._own(essay_id, user_id)
        rows = await self._repo.chapters(essay_id)
        return schemas.ChaptersResponse(
            essay_id=essay_id, chapters=[schemas.ChapterOut(**row) for row in rows]
        )

    async def rename_chapter(self, user_id: int, request: schemas.RenameChapter) -> schemas.RenameResponse:
        """Rename a chapter while no document is being written from the outline."""
        async with self._repo.unit() as work:
            essay = await work.of_chapter(request.chapter_id, user_id)
            if essay is None:
                raise NotFound("chapter not found")
            with _refusal_as_conflict():
                essay.rename_chapter(request.chapter_id, request.title)
        return schemas.RenameResponse(
            message="chapter title updated",
            chapter=schemas.RenamedChapter(id=request.chapter_id, title=request.title),
        )

    async def rename_subsection(
        self, user_id: int, request: schemas.RenameSubsection
    ) -> schemas.RenameSubsectionResponse:
        """Rename a subsection under the same rule as chapters."""
        async with self._repo.unit() as work:
            essay = await work.of_subsection(request.subsection_id, user_id)
            if essay is None:
                raise NotFound("subsection not found")
            with _refusal_as_conflict():
                essay.rename_subsection(request.subsection_id, request.title)
        return schemas.RenameSubsectionResponse(
            message="subsection title updated",
            subsection=schemas.RenamedSubsection(id=request.subsection_id, title=request.title),
        )

    async def generate(self, user_id: int, token: str, essay_id: int) -> schemas.GenerateResponse:
        """Start writing the essay; on a running or finished essay, report it and start nothing."""
        async with self._repo.unit() as work:  # refuse early, before asking auth for the profile
            essay = await self._locked(work, essay_id, user_id)
            with _refusal_as_conflict():
                essay.check_generatable()
        profile = await self._complete_profile(token)
        async with self._repo.unit() as work:
            essay = await self._locked(work, essay_id, user_id)
            page = self._title_page(profile, essay)
            with _refusal_as_conflict():
                essay.start_generation(page, essay_metadata(page), task_id=uuid4())
        return schemas.GenerateResponse(essay_id=essay_id, status=essay.status, task_id=_text(essay.task_id))

    async def status(self, user_id: int, essay_id: int) -> schemas.StatusResponse:
        """Where the essay stands."""
        essay = await self._statuses(essay_id, user_id)
        if essay is None:
            raise NotFound("essay not found")
        total, done = essay["sections_total"], essay["sections_done"]
        return schemas.StatusResponse(
            essay_id=essay_id,
            status=essay["status"],
            sections_done=done,
            sections_total=total,
            progress=round(done / total, 3)
            if total
            else (1.0 if essay["status"] == EssayStatus.GENERATED else 0.0),
            generation=essay["generation"],
            task_id=_text(essay["task_id"]),
            failure_reason=essay["failure_reason"],
        )

    async def essay(self, user_id: int, essay_id: int) -> schemas.EssayOut:
        """One essay with its chapters and per-section figures."""
        return await self._full(await self._own(essay_id, user_id))

    async def essays(self, user_id: int) -> schemas.EssaysResponse:
        """All of the user's essays."""
        return schemas.EssaysResponse(
            essays=[await self._full(row) for row in await self._repo.essays(user_id)]
        )

    async def document(self, user_id: int, essay_id: int, format: DocumentFormat = "docx") -> bytes:
        """The DOCX (or PDF) bytes of a generated essay."""
        essay = await self._own(essay_id, user_id)
        if essay["status"] != EssayStatus.GENERATED or not essay["object_key"]:
            raise Conflict(f"the document is not ready: the essay is {essay['status']}")
        key = essay["object_key"]
        if format == "pdf":
            key = essay.get("pdf_object_key")
            if not key and essay.get("pdf_state") == PdfState.PENDING:
                raise PdfPending("the PDF is being made from the DOCX: try again in a few seconds")
            if not key:
                raise NotFound("no PDF of this essay: the printer could not make one; download the DOCX")
        try:
            return await self._documents.get(key)
        except Exception as error:
            raise Unavailable(f"document storage did not answer: {type(error).__name__}") from error

    async def _full(self, essay: dict[str, Any]) -> schemas.EssayOut:
        chapters = await self._repo.chapters(essay["id"])
        sections = [
            schemas.SectionOut(
                **row,
                estimated_cost_usd=unit_cost(
                    self._prices, row["model"], row["prompt_tokens"], row["completion_tokens"]
                ),
            )
            for row in await self._repo.sections(essay["id"], essay["generation"])
        ]
        return schemas.EssayOut(
            **{k: v for k, v in essay.items() if k in schemas.EssayOut.model_fields and k != "task_id"},
            task_id=_text(essay["task_id"]),
            date=essay["created_at"].date(),
            document_ready=essay["status"] == EssayStatus.GENERATED,
            pdf_ready=essay["status"] == EssayStatus.GENERATED and bool(essay.get("pdf_object_key")),
            pdf_pending=essay["status"] == EssayStatus.GENERATED
            and essay.get("pdf_state") == PdfState.PENDING,
            chapters=[schemas.ChapterOut(**row) for row in chapters],
            sections=sections,
            sources=await self.sources.of_essay(essay),
            usage=schemas.UsageOut(
                prompt_tokens=sum(s.prompt_tokens for s in sections),
                completion_tokens=sum(s.completion_tokens for s in sections),
                continuation_tokens=sum(s.continuation_tokens for s in sections),
                estimated_cost_usd=total_cost(s.estimated_cost_usd for s in sections),
            ),
        )

    def _title_page(self, profile: dict[str, Any], about: schemas.PlanRequest | Essay) -> TitlePage:
        return title_page(
            profile,
            topic=about.topic,
            subject=about.subject,
            checked_by=about.checked_by,
            today=self._today(),
        )

    async def _locked(self, work: EssayUnitOfWork, essay_id: int, user_id: int) -> Essay:
        essay = await work.get(essay_id, user_id)
        if essay is None:
            raise NotFound("essay not found")
        return essay

    async def _own(self, essay_id: int, user_id: int) -> dict[str, Any]:
        essay = await self._repo.essay(essay_id, user_id)
        if essay is None:
            raise NotFound("essay not found")
        return essay

    async def _complete_profile(self, token: str) -> dict[str, Any]:
        try:
            profile = await self._profiles.profile(token)
        except ProfileUnavailable as error:
            raise Unavailable(f"the auth service did not answer: {error}") from error
        missing = missing_profile_fields(profile)
        if missing:
            raise ProfileIncomplete(f"complete your profile first; missing: {', '.join(missing)}")
        assert profile is not None
        return profile


@contextmanager
def _refusal_as_conflict() -> Iterator[None]:
    try:
        yield
    except Refused as refused:
        raise Conflict(str(refused)) from refused


def _text(value: UUID | None) -> str | None:
    return str(value) if value else None

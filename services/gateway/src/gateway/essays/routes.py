"""Thin HTTP handlers of the essay API (paths and fields as the monolith's web client expects)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse, Response

from gateway.essays import schemas
from gateway.essays.errors import EssayError
from gateway.essays.service import EssayService

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EssayId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@dataclass(frozen=True)
class Caller:
    """The authenticated user and the token they came with."""

    user_id: int
    token: str


async def essay_error_handler(_request: Request, error: Exception) -> JSONResponse:
    """Essay failures answer `{detail}` with their own status."""
    assert isinstance(error, EssayError)
    return JSONResponse({"detail": error.detail}, status_code=error.status_code)


def build_router(service: Callable[[], EssayService], caller: Callable[..., Awaitable[Caller]]) -> APIRouter:
    """Essay and document routes; `caller` is the dependency that authenticates the request."""
    router = APIRouter(tags=["essays"])
    User = Annotated[Caller, Depends(caller)]

    @router.post("/essays/plan/generate", response_model=schemas.PlanResponse)
    async def generate_plan(body: schemas.PlanRequest, user: User) -> Any:
        status, plan = await service().plan(user.user_id, user.token, body)
        return JSONResponse(plan.model_dump(), status_code=status)

    @router.get("/essays/{essay_id}/chapters", response_model=schemas.ChaptersResponse)
    async def chapters(essay_id: EssayId, user: User) -> schemas.ChaptersResponse:
        return await service().chapters(user.user_id, essay_id)

    @router.put("/essays/chapter/title/update", response_model=schemas.RenameResponse)
    async def rename_chapter(body: schemas.RenameChapter, user: User) -> schemas.RenameResponse:
        return await service().rename_chapter(user.user_id, body)

    @router.post("/essays/{essay_id}/generate", response_model=schemas.GenerateResponse)
    async def generate(essay_id: EssayId, user: User) -> schemas.GenerateResponse:
        return await service().generate(user.user_id, user.token, essay_id)

    @router.get("/essays/{essay_id}/status", response_model=schemas.StatusResponse)
    async def status(essay_id: EssayId, user: User) -> schemas.StatusResponse:
        return await service().status(user.user_id, essay_id)

    @router.get("/essays/", response_model=schemas.EssaysResponse)
    async def essays(user: User) -> schemas.EssaysResponse:
        return await service().essays(user.user_id)

    @router.get("/essays/{essay_id}", response_model=schemas.EssayOut)
    async def essay(essay_id: EssayId, user: User) -> schemas.EssayOut:
        return await service().essay(user.user_id, essay_id)

    @router.get(
        "/refprint/{essay_id}", response_class=Response, responses={200: {"content": {DOCX_MIME: {}}}}
    )
    async def document(essay_id: EssayId, user: User) -> Response:
        data = await service().document(user.user_id, essay_id)
        filename = f"referat-{essay_id}.docx"
        return Response(
            data,
            media_type=DOCX_MIME,
            headers={
                "Content-Disposition": f"attachment; filename={filename}; filename*=UTF-8''{quote(filename)}"
            },
        )

    return router

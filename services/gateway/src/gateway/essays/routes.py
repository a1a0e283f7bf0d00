"""Thin HTTP handlers of the essay API (paths and fields as the monolith's web client expects)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from gateway.essays import schemas
from gateway.essays.adapters.literature import Literature
from gateway.essays.errors import EssayError, InvalidLiterature
from gateway.essays.service import DocumentFormat, EssayService
from gateway.identity import CurrentUser
from gateway.state import get_state

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME: dict[DocumentFormat, str] = {"docx": DOCX_MIME, "pdf": "application/pdf"}
EssayId = Annotated[int, Path(ge=1, le=2**63 - 1)]


async def _service(request: Request) -> EssayService:
    # async: FastAPI runs a plain def dependency in its thread pool, a thread hop on every request
    essays = get_state(request).essays
    assert essays is not None
    return essays


Essays = Annotated[EssayService, Depends(_service)]
router = APIRouter(tags=["essays"])


async def essay_error_handler(_request: Request, error: Exception) -> JSONResponse:
    """Essay failures answer `{detail}` with their own status."""
    assert isinstance(error, EssayError)
    retry = error.retry_after_seconds
    headers = {"Retry-After": str(retry)} if retry is not None else None
    return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=headers)


@router.post("/essays/plan/generate", response_model=schemas.PlanResponse, status_code=200)
async def generate_plan(body: schemas.PlanRequest, user: CurrentUser, essays: Essays) -> Any:
    """Draft an outline; 200 with the plan, or 202 with the essay id if it takes longer than the wait."""
    status, plan = await essays.plan(user.id, user.access_token, body)
    return JSONResponse(plan.model_dump(), status_code=status)


@router.get("/essays/{essay_id}/chapters", response_model=schemas.ChaptersResponse)
async def chapters(essay_id: EssayId, user: CurrentUser, essays: Essays) -> schemas.ChaptersResponse:
    """The chapters of an essay."""
    return await essays.chapters(user.id, essay_id)


@router.put("/essays/chapter/title/update", response_model=schemas.RenameResponse)
async def rename_chapter(
    body: schemas.RenameChapter, user: CurrentUser, essays: Essays
) -> schemas.RenameResponse:
    """Rename a chapter."""
    return await essays.rename_chapter(user.id, body)


@router.put("/essays/subsection/title/update", response_model=schemas.RenameSubsectionResponse)
async def rename_subsection(
    body: schemas.RenameSubsection, user: CurrentUser, essays: Essays
) -> schemas.RenameSubsectionResponse:
    """Rename a subsection."""
    return await essays.rename_subsection(user.id, body)


@router.post("/essays/{essay_id}/generate", response_model=schemas.GenerateResponse)
async def generate(essay_id: EssayId, user: CurrentUser, essays: Essays) -> schemas.GenerateResponse:
    """Write the essay from its current outline."""
    return await essays.generate(user.id, user.access_token, essay_id)


@router.get("/essays/{essay_id}/status", response_model=schemas.StatusResponse)
async def status(essay_id: EssayId, user: CurrentUser, request: Request) -> Response:
    """Status and progress (sections done / total)."""
    # Polled by every client while its essay is written: one dependency fewer than the other routes, and the
    # model serialised once here rather than validated again against the response model.
    answer = await (await _service(request)).status(user.id, essay_id)
    return Response(answer.model_dump_json(), media_type="application/json")


@router.get("/essays/", response_model=schemas.EssaysResponse)
# the web client asks without the slash; a redirect would name this host, not the proxy in front of it
@router.get("/essays", response_model=schemas.EssaysResponse, include_in_schema=False)
async def list_essays(user: CurrentUser, essays: Essays) -> schemas.EssaysResponse:
    """All of the caller's essays."""
    return await essays.essays(user.id)


@router.get("/essays/{essay_id}", response_model=schemas.EssayOut)
async def essay(essay_id: EssayId, user: CurrentUser, essays: Essays) -> schemas.EssayOut:
    """One essay with chapters and per-section figures."""
    return await essays.essay(user.id, essay_id)


# What an upload of sources may be sent as; anything else is sniffed (or named with ?format=).
LITERATURE_TYPES: dict[str, Literature] = {
    "application/x-bibtex": "bibtex",
    "text/x-bibtex": "bibtex",
    "application/x-research-info-systems": "ris",
    "application/vnd.citationstyles.csl+json": "csl-json",
    "application/json": "csl-json",
}
_TEXT = {"schema": {"type": "string"}}
_LITERATURE_BODY = {
    "requestBody": {
        "required": True,
        "content": {**{mime: _TEXT for mime in LITERATURE_TYPES}, "text/plain": _TEXT},
    }
}


@router.post(
    "/essays/{essay_id}/sources",
    response_model=schemas.LiteratureResponse,
    status_code=201,
    openapi_extra=_LITERATURE_BODY,
)
async def add_sources(
    essay_id: EssayId,
    request: Request,
    user: CurrentUser,
    essays: Essays,
    format: Annotated[
        Literature | None, Query(description="bibtex, ris or csl-json; default: sniffed")
    ] = None,
) -> schemas.LiteratureResponse:
    """Add the student's own literature (BibTeX, RIS or CSL-JSON), cited first by the next version."""
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidLiterature("the sources must be UTF-8 text") from error
    mime = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return await essays.sources.add(user.id, essay_id, text, format or LITERATURE_TYPES.get(mime))


@router.get("/essays/{essay_id}/sources", response_model=schemas.LiteratureResponse)
async def list_sources(essay_id: EssayId, user: CurrentUser, essays: Essays) -> schemas.LiteratureResponse:
    """The student's own literature of an essay."""
    return await essays.sources.listing(user.id, essay_id)


@router.delete("/essays/{essay_id}/sources", response_model=schemas.LiteratureResponse)
async def clear_sources(essay_id: EssayId, user: CurrentUser, essays: Essays) -> schemas.LiteratureResponse:
    """Remove the student's own literature of an essay."""
    return await essays.sources.clear(user.id, essay_id)


@router.get(
    "/refprint/{essay_id}",
    response_class=Response,
    responses={
        200: {"content": {mime: {} for mime in MIME.values()}},
        404: {"description": "no such essay, or (format=pdf) no PDF of it: the DOCX is the document"},
        409: {
            "description": "the essay is not generated yet, or (format=pdf) its PDF is still being made "
            "(Retry-After: 5; `pdf_pending` in GET /essays/{id})"
        },
    },
)
async def document(
    essay_id: EssayId,
    user: CurrentUser,
    essays: Essays,
    format: Annotated[DocumentFormat, Query(description="docx (default) or pdf")] = "docx",
) -> Response:
    """The DOCX (or, with format=pdf, the PDF) of a generated essay."""
    data = await essays.document(user.id, essay_id, format)
    filename = f"referat-{essay_id}.{format}"
    return Response(
        data,
        media_type=MIME[format],
        headers={
            "Content-Disposition": f"attachment; filename={filename}; filename*=UTF-8''{quote(filename)}"
        },
    )

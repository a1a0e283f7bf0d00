"""OpenAlex's works API under /openalex: `GET /works` and `GET /works/{id}`."""

from __future__ import annotations

import time
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from biblio_standin.app.guard import Refusal, admit, retry_after
from biblio_standin.app.openalex_params import BadParameter, encode_cursor, parse, parse_select
from biblio_standin.app.openalex_shape import work_object
from biblio_standin.app.state import get_state
from biblio_standin.corpus.work import Work
from biblio_standin.faults import Fault

router = APIRouter(prefix="/openalex", tags=["OpenAlex"])
NOT_FOUND = (
    "The requested URL was not found on the server. If you entered the URL manually please check your "
    "spelling and try again."
)


def _error(status: int, error: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """OpenAlex's error envelope: `{"error", "message"}`."""
    return JSONResponse({"error": error, "message": message}, status_code=status, headers=headers)


def refusal(fault: Fault) -> Response:
    """An injected fault, answered as OpenAlex answers it."""
    if fault.kind == "rate_limited":
        message = f"Too many requests. Please wait {fault.retry_after} seconds and try again."
        return _error(429, "Rate limit exceeded", message, retry_after(fault))
    phrase = HTTPStatus(fault.status).phrase
    return _error(fault.status, phrase, "The server could not complete the request.", retry_after(fault))


def _bad(request: Request, exc: BadParameter) -> Refusal:
    get_state(request).stats.openalex.bad_requests += 1
    return Refusal(_error(400, exc.error, exc.message))


def _selected(data: dict[str, Any], select: list[str] | None) -> dict[str, Any]:
    return data if select is None else {name: data.get(name) for name in select}


@router.get("/works")
async def list_works(request: Request) -> JSONResponse:
    """Search works: `search`, `filter`, `sort`, `select`, `per_page` + `page` or `cursor`; `mailto` and
    `api_key` are accepted and counted."""
    started = time.perf_counter()
    tunables = await admit(request, "openalex", refusal)
    state = get_state(request)
    try:
        query = parse(request.query_params)
    except BadParameter as exc:
        raise _bad(request, exc) from exc
    found = [w for w in state.search("openalex", query.text, tunables) if all(p(w) for p in query.predicates)]
    works = query.ordered(found)
    offset = query.cursor if query.cursor is not None else (query.page - 1) * query.per_page
    page = works[offset : offset + query.per_page]
    meta: dict[str, Any] = {
        "count": len(works),
        "db_response_time_ms": round((time.perf_counter() - started) * 1000),
        "page": None if query.cursor is not None else query.page,
        "per_page": query.per_page,
        "groups_count": None,
    }
    if query.cursor is not None:
        # As OpenAlex: a cursor while there are results; null once a page comes back empty.
        meta["next_cursor"] = encode_cursor(offset + len(page)) if page else None
    stats = state.stats.openalex
    stats.searches += 1
    stats.empty_answers += not works
    state.served("openalex", page)
    results = [_selected(work_object(w, relevance=query.searching), query.select) for w in page]
    return JSONResponse({"meta": meta, "results": results, "group_by": []})


def _find(request: Request, ident: str) -> Work | None:
    registry = get_state(request).registry
    ident = unquote(ident).strip()
    lowered = ident.lower()
    for prefix in ("https://openalex.org/", "http://openalex.org/", "openalex:"):
        if lowered.startswith(prefix):
            return registry.by_openalex_id(ident[len(prefix) :])
    for prefix in ("https://doi.org/", "http://doi.org/", "doi:"):
        if lowered.startswith(prefix):
            return registry.by_doi(ident[len(prefix) :])
    return registry.by_doi(ident) if lowered.startswith("10.") else registry.by_openalex_id(ident)


@router.get("/works/{ident:path}")
async def get_work(ident: str, request: Request) -> JSONResponse:
    """One work by OpenAlex id (`W…`, `https://openalex.org/W…`) or DOI (`doi:10.…`, `https://doi.org/10.…`);
    only works the stand-in has served are found."""
    await admit(request, "openalex", refusal)
    state = get_state(request)
    try:
        fields = parse_select(request.query_params.get("select"))
    except BadParameter as exc:
        raise _bad(request, exc) from exc
    work = _find(request, ident)
    if work is None:
        state.stats.openalex.not_found += 1
        return _error(404, "404 Not Found", NOT_FOUND)
    state.stats.openalex.lookups += 1
    state.served("openalex", [work])
    return JSONResponse(_selected(work_object(work, relevance=False), fields))

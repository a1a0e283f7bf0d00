"""Crossref's REST API under /crossref: `GET /works` and `GET /works/{doi}`."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any
from urllib.parse import unquote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from biblio_standin.app.crossref_params import SORTS, WorksQuery, decode_cursor, encode_cursor, parse
from biblio_standin.app.crossref_shape import item, score
from biblio_standin.app.guard import Refusal, admit, retry_after
from biblio_standin.app.state import get_state
from biblio_standin.corpus.work import Work
from biblio_standin.faults import Fault

router = APIRouter(prefix="/crossref", tags=["Crossref"])
# Crossref's public pool announces its limit on every answer.
RATE_HEADERS = {"x-rate-limit-limit": "50", "x-rate-limit-interval": "1s"}
SINGLETON_PARAMS = ("rows", "offset", "sample", "select", "cursor")


def refusal(fault: Fault) -> Response:
    """An injected fault: Crossref's gateway answers these in plain text."""
    headers = RATE_HEADERS | retry_after(fault)
    if fault.kind == "rate_limited":
        return PlainTextResponse("Too Many Requests. Please slow down.", status_code=429, headers=headers)
    return PlainTextResponse(HTTPStatus(fault.status).phrase, status_code=fault.status, headers=headers)


def _envelope(message_type: str, message: Any, status: int = 200) -> JSONResponse:
    body = {"status": "ok", "message-type": message_type, "message-version": "1.0.0", "message": message}
    return JSONResponse(body, status_code=status, headers=RATE_HEADERS)


def _failed(request: Request, failures: list[dict[str, str]]) -> Refusal:
    """Crossref's 400: every validation failure of the request at once."""
    get_state(request).stats.crossref.bad_requests += 1
    body = {"status": "failed", "message-type": "validation-failure", "message": failures}
    return Refusal(JSONResponse(body, status_code=400, headers=RATE_HEADERS))


def _ordered(query: WorksQuery, works: list[Work]) -> list[Work]:
    if query.sort is None:
        return works
    name, descending = query.sort
    return sorted(works, key=SORTS[name], reverse=descending)


@router.get("/works")
async def list_works(request: Request) -> JSONResponse:
    """Search works: `query`, `query.bibliographic` (and the other field queries), `filter`, `rows`,
    `offset` or `cursor`, `sort` + `order`, `select`; `mailto` is accepted and counted."""
    tunables = await admit(request, "crossref", refusal)
    state = get_state(request)
    params = request.query_params
    query = parse(params, {"filter": params.getlist("filter")})
    offset = query.offset
    if query.cursor is not None:
        decoded = decode_cursor(query.cursor)
        if decoded is None:
            query.fail("cursor-not-valid", query.cursor, "Cursor specified but it is not one this API issued")
        offset = decoded or 0
    if query.failures:
        raise _failed(request, query.failures)
    # Crossref only registers works with a DOI; the landing-page-only ones exist in OpenAlex alone.
    found = [w for w in state.search("crossref", query.text, tunables) if w.doi]
    works = _ordered(query, [w for w in found if all(p(w) for p in query.predicates)])
    page = works[offset : offset + query.rows]
    items = [item(w, score(w) if query.text else None) for w in page]
    if query.select is not None:
        items = [{name: data[name] for name in query.select if name in data} for data in items]
    message: dict[str, Any] = {"facets": {}}
    if query.cursor is not None:
        message["next-cursor"] = encode_cursor(offset + len(page))
    message |= {
        "total-results": len(works),
        "items": items,
        "items-per-page": query.rows,
        "query": {"start-index": query.offset, "search-terms": query.search_terms},
    }
    stats = state.stats.crossref
    stats.searches += 1
    stats.empty_answers += not works
    state.served("crossref", page)
    return _envelope("work-list", message)


@router.get("/works/{doi:path}")
async def get_work(doi: str, request: Request) -> Response:
    """One work by DOI (bare, `doi:` or `https://doi.org/`); only works the stand-in has served are found."""
    await admit(request, "crossref", refusal)
    state = get_state(request)
    refused = [
        {"type": "parameter-not-allowed", "value": name, "message": f"This route does not support {name}"}
        for name in SINGLETON_PARAMS
        if name in request.query_params
    ]
    if refused:
        raise _failed(request, refused)
    ident = unquote(doi).strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "http://dx.doi.org/", "doi:"):
        if ident.lower().startswith(prefix):
            ident = ident[len(prefix) :]
    work = state.registry.by_doi(ident)
    if work is None or work.doi is None:
        state.stats.crossref.not_found += 1
        return PlainTextResponse("Resource not found.", status_code=404, headers=RATE_HEADERS)
    state.stats.crossref.lookups += 1
    state.served("crossref", [work])
    return _envelope("work", item(work))

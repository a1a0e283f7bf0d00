"""Health, statistics, runtime reconfiguration, faults per API, and the ledger of served records."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Body, HTTPException, Request
from pydantic import ValidationError

from biblio_standin.app.state import get_state
from biblio_standin.config import APIS, Api, Tunables

router = APIRouter(tags=["stand-in"])
admin = APIRouter(prefix="/admin", tags=["stand-in"])


def _apply(request: Request, patch: dict[str, Any]) -> Tunables:
    try:
        return get_state(request).reconfigure(patch)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        raise HTTPException(422, detail=errors) from exc


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness and readiness."""
    return {"status": "ok"}


@router.get("/stats")
async def stats(request: Request) -> dict[str, Any]:
    """Counters per API since start or the last reset, plus the active configuration."""
    state = get_state(request)
    return {
        **state.stats.snapshot(),
        "served_remembered": len(state.ledger.entries()),
        "config": state.tunables.model_dump(),
    }


@router.get("/_served")
async def served(request: Request, api: Api | None = None) -> dict[str, Any]:
    """Every record returned in a search or lookup answer (the latest `served_limit`), oldest first."""
    ledger = get_state(request).ledger
    records = ledger.entries(api)
    return {"count": len(records), "total": ledger.total, "records": records}


@router.delete("/_served")
async def forget_served(request: Request) -> dict[str, int]:
    """Empty the ledger (and nothing else)."""
    get_state(request).ledger.clear()
    return {"count": 0}


@admin.get("/config")
async def get_config(request: Request) -> dict[str, Any]:
    """The active tunables."""
    return get_state(request).tunables.model_dump()


@admin.post("/config")
async def set_config(request: Request, patch: dict[str, Any] = Body(...)) -> dict[str, Any]:
    """Change tunables of the running server (an API's faults merge field by field); 422 on a bad value."""
    return _apply(request, patch).model_dump()


@admin.post("/faults/{target}")
async def set_faults(
    target: Literal["openalex", "crossref", "both"], request: Request, faults: dict[str, Any] = Body(...)
) -> dict[str, Any]:
    """Set faults of one API or both, e.g. `{"rate_limit_rate": 0.5}`, `{"down": true}`, `{"empty": true}`."""
    apis = APIS if target == "both" else (target,)
    return _apply(request, {api: faults for api in apis}).model_dump()


@admin.post("/reset")
async def reset(request: Request) -> dict[str, Any]:
    """Back to the start-up configuration (faults off unless the environment set them); zero the counters,
    empty the ledger, restart the fault sequences."""
    state = get_state(request)
    state.reset()
    return {**state.stats.snapshot(), "config": state.tunables.model_dump()}

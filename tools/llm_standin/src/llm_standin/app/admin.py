"""Health, statistics and runtime reconfiguration."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request
from pydantic import ValidationError

from llm_standin.app.completions import require_key
from llm_standin.app.state import get_state
from llm_standin.config import Tunables

router = APIRouter()
admin = APIRouter(prefix="/admin", dependencies=[Depends(require_key)])


def _public(t: Tunables) -> dict[str, Any]:
    data = t.model_dump()
    data["api_key"] = None if t.api_key is None else "***"
    return data


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness and readiness."""
    return {"status": "ok"}


@router.get("/stats")
async def stats(request: Request) -> dict[str, Any]:
    """Counters since start or the last reset, plus the active configuration."""
    state = get_state(request)
    return {**state.stats.snapshot(), "config": _public(state.tunables)}


@admin.get("/config")
async def get_config(request: Request) -> dict[str, Any]:
    """The active tunables (the API key masked)."""
    return _public(get_state(request).tunables)


@admin.post("/config")
async def set_config(request: Request, patch: dict[str, Any] = Body(...)) -> dict[str, Any]:
    """Change tunables of the running server; unknown fields or bad values give 422."""
    try:
        return _public(get_state(request).reconfigure(patch))
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        raise HTTPException(422, detail=errors) from exc


@admin.post("/reset")
async def reset(request: Request) -> dict[str, Any]:
    """Zero the counters, clear the rate-limit window, restart the fault sequence."""
    state = get_state(request)
    state.reset()
    return state.stats.snapshot()

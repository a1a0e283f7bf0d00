"""GET /healthz."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from gateway.state import get_state

router = APIRouter(tags=["meta"])


@router.get("/healthz")
async def healthz(request: Request) -> dict[str, Any]:
    """200 once the gateway has started; `listening` tells whether essay changes are heard at once (else
    waits fall back to their timeouts and the outbox to its sweep)."""
    essays = get_state(request).essays
    return {"status": "ok", "listening": essays.listening if essays is not None else None}

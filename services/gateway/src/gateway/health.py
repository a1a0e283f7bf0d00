"""GET /healthz."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["meta"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """200 once the gateway has started."""
    return {"status": "ok"}

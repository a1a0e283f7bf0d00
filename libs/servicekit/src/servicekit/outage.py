"""While a service's database is down, its HTTP answers say so: 503 with Retry-After, never a 500."""

from __future__ import annotations

import logging

import asyncpg
from starlette.requests import Request
from starlette.responses import JSONResponse

logger = logging.getLogger(__name__)

# What asyncpg raises when the server is gone, restarting or refusing connections.
DATABASE_OUTAGES: tuple[type[Exception], ...] = (
    OSError,  # connection refused or reset
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.InterfaceError,  # a pooled connection that was closed under us
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
)
RETRY_AFTER_SECONDS = 5


def is_database_outage(error: BaseException) -> bool:
    """Whether the error says the database is unreachable (not that the statement was wrong)."""
    return isinstance(error, DATABASE_OUTAGES)


async def on_database_outage(request: Request, exc: Exception) -> JSONResponse:
    """503 `{detail}` with Retry-After for a request that found the database unreachable."""
    logger.warning("database unreachable on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return JSONResponse(
        {"detail": "The database is unavailable; try again shortly"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )

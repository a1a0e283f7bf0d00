"""JSON `{detail}` for the errors every HTTP service shares: bad input (422), HTTP errors, a database outage
(503) and anything unexpected (500); never a 500 for bad input."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from servicekit.outage import DATABASE_OUTAGES, on_database_outage

logger = logging.getLogger(__name__)

_LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})


def validation_detail(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """FastAPI's error list, naming the field and without echoing the input (it may be a password)."""
    detail = []
    for error in errors:
        loc = list(error.get("loc", ()))
        path = loc[1:] if loc and loc[0] in _LOCATIONS else loc
        field = ".".join(str(part) for part in path) if path else (str(loc[0]) if loc else "")
        if error.get("type") == "json_invalid":
            field = "body"
        message = str(error.get("msg", "Invalid value")).removeprefix("Value error, ")
        detail.append({"loc": loc, "field": field, "msg": message, "type": error.get("type")})
    return detail


async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 `{detail: [{loc, field, msg, type}]}` for a request FastAPI could not validate."""
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": validation_detail(exc.errors())}, status_code=422)


async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
    """An HTTPException's status, headers and detail as `{detail}`."""
    assert isinstance(exc, StarletteHTTPException)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    """500 `{detail}`, the error logged with its traceback and never shown to the client."""
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


def install_json_errors(app: FastAPI) -> None:
    """Register the shared handlers on `app`; a service adds those of its own domain errors."""
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    for outage in DATABASE_OUTAGES:
        app.add_exception_handler(outage, on_database_outage)
    app.add_exception_handler(Exception, on_unexpected)

"""Map domain errors and bad input to JSON `{detail}` answers; never a 500 for bad input."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from auth.config import Settings
from auth.cookies import clear_refresh_cookie
from auth.domain import errors as e
from servicekit import DATABASE_OUTAGES, on_database_outage

logger = logging.getLogger(__name__)

_ANSWERS: dict[type[e.AuthError], tuple[int, str]] = {
    e.EmailTaken: (409, "A user with this email already exists"),
    e.UsernameTaken: (409, "This username is already taken"),
    e.InvalidCredentials: (401, "Incorrect email or password"),
    e.LoginThrottled: (429, "Too many failed login attempts; try again later"),
    e.InactiveUser: (403, "This account is disabled"),
    e.RefreshTokenReused: (401, "Refresh token was already used; please log in again"),
    e.InvalidRefreshToken: (401, "Invalid or expired refresh token"),
    e.InvalidAccessToken: (401, "Invalid token"),
    e.ProfileNotFound: (404, "Profile not found"),
}
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


def install_error_handlers(app: FastAPI, settings: Settings) -> None:
    """Register the exception handlers on `app`."""

    async def on_auth_error(request: Request, exc: Exception) -> JSONResponse:
        status, message = next(
            (_ANSWERS[cls] for cls in type(exc).__mro__ if cls in _ANSWERS), (400, "Bad request")
        )
        if isinstance(exc, e.InvalidAccessToken) and exc.args:
            message = str(exc.args[0])
        response = JSONResponse({"detail": message}, status_code=status)
        if isinstance(exc, e.LoginThrottled):
            response.headers["Retry-After"] = str(exc.retry_after)
        if isinstance(exc, e.InvalidAccessToken):
            response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        if isinstance(exc, e.InvalidRefreshToken):
            clear_refresh_cookie(response, settings)
        return response

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return JSONResponse({"detail": validation_detail(exc.errors())}, status_code=422)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "Internal server error"}, status_code=500)

    app.add_exception_handler(e.AuthError, on_auth_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    for outage in DATABASE_OUTAGES:
        app.add_exception_handler(outage, on_database_outage)
    app.add_exception_handler(Exception, on_unexpected)

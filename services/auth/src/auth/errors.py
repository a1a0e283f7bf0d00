"""Map domain errors and bad input to JSON `{detail}` answers; never a 500 for bad input."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from auth.config import Settings
from auth.cookies import clear_refresh_cookie
from auth.domain import errors as e
from servicekit import install_json_errors

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

    install_json_errors(app)
    app.add_exception_handler(e.AuthError, on_auth_error)

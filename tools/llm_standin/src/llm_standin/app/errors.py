"""Errors answered in OpenAI's format."""

from __future__ import annotations

from fastapi import Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from llm_standin.app.protocol import error_body


class ApiError(Exception):
    """An error the API answers with `{"error": {...}}`."""

    def __init__(
        self,
        status: int,
        message: str,
        type_: str,
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type_
        self.code = code
        self.param = param
        self.headers = headers or {}


async def api_error_handler(request: Request, exc: Exception) -> Response:
    """Render an ApiError."""
    assert isinstance(exc, ApiError)
    body = error_body(exc.message, exc.type, exc.code, exc.param)
    return JSONResponse(body, status_code=exc.status, headers=exc.headers)


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    """Invalid bodies under /v1 get OpenAI's 400; admin routes keep FastAPI's 422."""
    assert isinstance(exc, RequestValidationError)
    if not request.url.path.startswith("/v1/"):
        return await request_validation_exception_handler(request, exc)
    request.app.state.standin.stats.bad_requests += 1
    first = exc.errors()[0] if exc.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part != "body"]
    message = f"Invalid request: {'.'.join(location) or 'body'}: {first.get('msg', 'invalid value')}"
    return JSONResponse(
        error_body(message, "invalid_request_error", "invalid_request", ".".join(location) or None),
        status_code=400,
    )

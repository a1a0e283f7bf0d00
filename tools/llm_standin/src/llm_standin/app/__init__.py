"""The FastAPI application of the stand-in."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

from llm_standin import __version__
from llm_standin.app import admin, completions
from llm_standin.app.errors import ApiError, api_error_handler, validation_error_handler
from llm_standin.app.state import AppState
from llm_standin.config import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; settings come from the environment unless given."""
    app = FastAPI(
        title="RefGen LLM stand-in",
        version=__version__,
        description="OpenAI-compatible placeholder LLM for development, tests, demo and benchmarks.",
    )
    app.state.standin = AppState(settings or Settings())
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.include_router(completions.router)
    app.include_router(admin.router)
    app.include_router(admin.admin)
    return app

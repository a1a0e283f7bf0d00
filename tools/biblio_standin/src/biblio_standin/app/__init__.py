"""The FastAPI application of the stand-in: OpenAlex under /openalex, Crossref under /crossref."""

from __future__ import annotations

from fastapi import FastAPI

from biblio_standin import __version__
from biblio_standin.app import admin, crossref, openalex
from biblio_standin.app.guard import Refusal, refusal_handler
from biblio_standin.app.state import AppState
from biblio_standin.config import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; settings come from the environment unless given."""
    app = FastAPI(
        title="RefGen bibliographic stand-in",
        version=__version__,
        description="OpenAlex- and Crossref-shaped works APIs serving generated records (DOIs under the "
        "test prefix 10.5555, which no real work has) for development, tests and the demo.",
    )
    app.state.standin = AppState(settings or Settings())
    app.add_exception_handler(Refusal, refusal_handler)
    app.include_router(openalex.router)
    app.include_router(crossref.router)
    app.include_router(admin.router)
    app.include_router(admin.admin)
    return app

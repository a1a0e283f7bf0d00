"""The application state the lifespan builds; every route reaches its resources through it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, cast

from fastapi import Depends, Request

if TYPE_CHECKING:  # feature packages import this module; keep it free of import cycles
    import httpx

    from gateway.config import Settings
    from gateway.essays.service import EssayService
    from gateway.identity.adapters.auth_http import AuthForwarder
    from gateway.identity.jwks import JwksCache
    from gateway.identity.verifier import AccessTokenVerifier


@dataclass(slots=True)
class AppState:
    """Resources shared by all requests. Add fields here (pool, broker, outbox) as features arrive."""

    settings: Settings
    auth_client: httpx.AsyncClient
    auth: AuthForwarder
    jwks: JwksCache
    verifier: AccessTokenVerifier
    essays: EssayService | None = None


def get_state(request: Request) -> AppState:
    """FastAPI dependency: the state built by the lifespan."""
    return cast(AppState, request.app.state.gateway)


StateDep = Annotated[AppState, Depends(get_state)]

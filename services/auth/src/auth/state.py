"""What the lifespan builds and the handlers use."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends, Request

from auth.adapters.keyring import KeyRing
from auth.config import Settings
from auth.service import AuthService, ProfileService


@dataclass(slots=True)
class AuthState:
    """The auth service's wired-up use cases and resources."""

    settings: Settings
    auth: AuthService
    profiles: ProfileService
    keyring: KeyRing
    ping: Callable[[], Awaitable[None]]


def get_state(request: Request) -> AuthState:
    """FastAPI dependency: the state built by the lifespan."""
    return cast(AuthState, request.app.state.auth)


StateDep = Annotated[AuthState, Depends(get_state)]

"""FastAPI dependencies for routes that need a signed-in user."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from gateway.identity.jwks import JwksUnavailable
from gateway.identity.verifier import TokenRejected
from gateway.state import get_state

logger = logging.getLogger(__name__)

bearer_scheme = HTTPBearer(auto_error=False, description="Access token from POST /api/v1/auth/login")


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(status_code=401, detail=message, headers={"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True, slots=True)
class AuthenticatedUser:
    """The verified caller: their id, and the token to act on their behalf towards the auth service."""

    id: int
    access_token: str


async def current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> AuthenticatedUser:
    """The user whose access token came with the request; 401 otherwise, 503 if keys are unavailable."""
    if credentials is None:
        raise _unauthorized("Not authenticated")
    try:
        user_id = await get_state(request).verifier.verify(credentials.credentials)
    except TokenRejected as exc:
        raise _unauthorized(str(exc)) from exc
    except JwksUnavailable as exc:
        logger.warning("cannot verify a token: %s", exc)
        raise HTTPException(status_code=503, detail="Authentication is temporarily unavailable") from exc
    return AuthenticatedUser(user_id, credentials.credentials)


async def current_user_id(user: Annotated[AuthenticatedUser, Depends(current_user)]) -> int:
    """The id of the signed-in user (see `current_user`)."""
    return user.id


CurrentUser = Annotated[AuthenticatedUser, Depends(current_user)]
CurrentUserId = Annotated[int, Depends(current_user_id)]

"""HTTP routes of the auth service: parse, call a use case, shape the answer."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from auth.cookies import REFRESH_COOKIE, clear_refresh_cookie, set_refresh_cookie
from auth.domain.errors import InvalidAccessToken, InvalidRefreshToken
from auth.domain.models import TokenPair, User
from auth.schemas import (
    LoginRequest,
    LogoutResponse,
    ProfileCreate,
    ProfileOut,
    ProfileUpdate,
    RegisterRequest,
    TokenResponse,
    UserOut,
)
from auth.state import AuthState, StateDep

logger = logging.getLogger(__name__)

_bearer = HTTPBearer(auto_error=False, description="Access token from /auth/login")


async def current_user(
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    """The active user behind the bearer access token (401 otherwise)."""
    if credentials is None:
        raise InvalidAccessToken("Not authenticated")
    return await state.auth.current_user(credentials.credentials)


CurrentUser = Annotated[User, Depends(current_user)]
RefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE)]

auth_router = APIRouter(prefix="/auth", tags=["auth"])
profile_router = APIRouter(prefix="/profile", tags=["profile"])
meta_router = APIRouter(tags=["meta"])


def _tokens(response: Response, state: AuthState, pair: TokenPair) -> TokenResponse:
    set_refresh_cookie(response, pair.refresh_token, state.settings)
    response.headers["Cache-Control"] = "no-store"
    return TokenResponse.of(pair)


@auth_router.post("/register", response_model=TokenResponse)
async def register(body: RegisterRequest, response: Response, state: StateDep) -> TokenResponse:
    """Create an account with an empty profile and log it in (200, as the monolith answered)."""
    pair = await state.auth.register(body.username, str(body.email), body.password)
    return _tokens(response, state, pair)


def client_address(request: Request) -> str:
    """The caller's address: the last X-Forwarded-For hop (the gateway appends the peer it saw; auth is
    reachable only through it), else the peer itself."""
    forwarded = request.headers.get("x-forwarded-for", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last[:64] or (request.client.host if request.client else "")


@auth_router.post("/login", response_model=TokenResponse)
async def login(body: LoginRequest, request: Request, response: Response, state: StateDep) -> TokenResponse:
    """Exchange email and password for an access token and a refresh token."""
    pair = await state.auth.login(str(body.email), body.password, client_address(request))
    return _tokens(response, state, pair)


@auth_router.get("/refresh", response_model=TokenResponse)
async def refresh(response: Response, state: StateDep, refresh_token: RefreshCookie = None) -> TokenResponse:
    """Rotate the refresh token from the cookie and issue a new pair."""
    if not refresh_token:
        raise InvalidRefreshToken
    pair = await state.auth.refresh(refresh_token)
    return _tokens(response, state, pair)


@auth_router.get("/logout", response_model=LogoutResponse)
async def logout(state: StateDep, refresh_token: RefreshCookie = None) -> JSONResponse:
    """Revoke the refresh token's family and clear the cookie; 200 with or without one, as the monolith."""
    await state.auth.logout(refresh_token)
    response = JSONResponse(LogoutResponse().model_dump())
    clear_refresh_cookie(response, state.settings)
    return response


@auth_router.get("/current_user", response_model=UserOut)
async def read_current_user(user: CurrentUser) -> UserOut:
    """The user the access token belongs to."""
    return UserOut.of(user)


@profile_router.get("/me", response_model=ProfileOut)
async def read_profile(user: CurrentUser, state: StateDep) -> ProfileOut:
    """The caller's profile (every user has one from registration until they delete it)."""
    return ProfileOut.of(await state.profiles.get(user.id))


@profile_router.post("/", response_model=ProfileOut)
@profile_router.post("", response_model=ProfileOut, include_in_schema=False)
async def create_profile(body: ProfileCreate, user: CurrentUser, state: StateDep) -> ProfileOut:
    """Fill in the caller's profile: name and surname required, the other fields sent are set."""
    return ProfileOut.of(await state.profiles.save(user.id, body.changes()))


@profile_router.put("/", response_model=ProfileOut)
@profile_router.put("", response_model=ProfileOut, include_in_schema=False)
async def update_profile(body: ProfileUpdate, user: CurrentUser, state: StateDep) -> ProfileOut:
    """Change the fields sent; the others keep their values."""
    return ProfileOut.of(await state.profiles.save(user.id, body.changes()))


@profile_router.delete("/", status_code=204, response_class=Response)
@profile_router.delete("", status_code=204, response_class=Response, include_in_schema=False)
async def delete_profile(user: CurrentUser, state: StateDep) -> Response:
    """Delete the caller's profile (204, as the monolith); saving it again starts from an empty one."""
    await state.profiles.delete(user.id)
    return Response(status_code=204)


@meta_router.get("/.well-known/jwks.json")
async def jwks(state: StateDep, response: Response) -> dict[str, Any]:
    """Public keys that verify access tokens (every non-retired key)."""
    response.headers["Cache-Control"] = "public, max-age=60"
    return state.keyring.jwks()


@meta_router.get("/healthz")
async def healthz(state: StateDep) -> JSONResponse:
    """200 when the database answers, 503 otherwise."""
    try:
        await state.ping()
    except Exception:
        logger.exception("health check failed")
        return JSONResponse({"status": "unavailable", "detail": "database unreachable"}, status_code=503)
    return JSONResponse({"status": "ok"})

"""/api/v1/auth/* and /api/v1/profile/*: forwarded to the auth service, tokens checked here first."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from gateway.identity.adapters.auth_http import AuthUnavailable, MalformedHeaders
from gateway.identity.dependencies import current_user_id
from gateway.identity.docs import (
    LoginBody,
    LogoutOut,
    ProfileBody,
    ProfileOut,
    RegisterBody,
    TokenOut,
    UserOut,
    answers,
    json_body,
)
from gateway.state import AppState, StateDep

router = APIRouter()
_signed_in = [Depends(current_user_id)]
_ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]


async def forward(request: Request, state: AppState, upstream_path: str) -> Response:
    """Relay the request to the auth service and its answer (status, body, cookies) back."""
    try:
        answer = await state.auth.forward(
            request.method,
            upstream_path,
            query=request.scope.get("query_string", b""),
            body=await request.body(),
            headers=request.headers,
            client_ip=request.client.host if request.client else None,
        )
    except AuthUnavailable:
        return JSONResponse({"detail": "Authentication service unavailable"}, status_code=503)
    except MalformedHeaders:
        return JSONResponse({"detail": "Malformed request headers"}, status_code=400)
    response = Response(content=answer.content, status_code=answer.status_code)
    for name, value in answer.headers:
        response.headers.append(name, value)
    return response


@router.post(
    "/auth/register",
    tags=["auth"],
    openapi_extra=json_body(RegisterBody),
    responses={200: {"model": TokenOut}, **answers(409, 422)},
)
async def register(request: Request, state: StateDep) -> Response:
    """Create an account with an empty profile; answers with a token pair and sets the refresh cookie."""
    return await forward(request, state, "/auth/register")


@router.post(
    "/auth/login",
    tags=["auth"],
    openapi_extra=json_body(LoginBody),
    responses={200: {"model": TokenOut}, **answers(401, 422, 429)},
)
async def login(request: Request, state: StateDep) -> Response:
    """Log in with email and password; repeated failures are throttled (429 with Retry-After)."""
    return await forward(request, state, "/auth/login")


@router.get("/auth/refresh", tags=["auth"], responses={200: {"model": TokenOut}, **answers(401)})
async def refresh(request: Request, state: StateDep) -> Response:
    """Rotate the refresh token from the cookie; a rotated token presented again within the grace period
    (several requests refreshed at once) gets a token of the same family, later it revokes the family."""
    return await forward(request, state, "/auth/refresh")


@router.get("/auth/logout", tags=["auth"], responses={200: {"model": LogoutOut}})
async def logout(request: Request, state: StateDep) -> Response:
    """Revoke the refresh token (and its family) and clear the cookie; 200 with or without a cookie."""
    return await forward(request, state, "/auth/logout")


@router.get(
    "/auth/current_user",
    tags=["auth"],
    dependencies=_signed_in,
    responses={200: {"model": UserOut}, **answers(401)},
)
async def current_user(request: Request, state: StateDep) -> Response:
    """The signed-in user."""
    return await forward(request, state, "/auth/current_user")


@router.get(
    "/profile/me",
    tags=["profile"],
    dependencies=_signed_in,
    responses={200: {"model": ProfileOut}, **answers(401, 404)},
)
async def read_profile(request: Request, state: StateDep) -> Response:
    """The signed-in user's profile: empty (course 1) from registration, 404 only after a delete."""
    return await forward(request, state, "/profile/me")


@router.post(
    "/profile/",
    tags=["profile"],
    dependencies=_signed_in,
    openapi_extra=json_body(ProfileBody),
    responses={200: {"model": ProfileOut}, **answers(401, 422)},
)
@router.post("/profile", dependencies=_signed_in, include_in_schema=False)
async def create_profile(request: Request, state: StateDep) -> Response:
    """Fill in the signed-in user's profile (name and surname required)."""
    return await forward(request, state, "/profile/")


@router.put(
    "/profile/",
    tags=["profile"],
    dependencies=_signed_in,
    openapi_extra=json_body(ProfileBody),
    responses={200: {"model": ProfileOut}, **answers(401, 422)},
)
@router.put("/profile", dependencies=_signed_in, include_in_schema=False)
async def update_profile(request: Request, state: StateDep) -> Response:
    """Update the fields sent; the others keep their values."""
    return await forward(request, state, "/profile/")


@router.delete(
    "/profile/",
    tags=["profile"],
    status_code=204,
    dependencies=_signed_in,
    responses={204: {"description": "Deleted"}, **answers(401, 404)},
)
@router.delete("/profile", dependencies=_signed_in, include_in_schema=False)
async def delete_profile(request: Request, state: StateDep) -> Response:
    """Delete the signed-in user's profile."""
    return await forward(request, state, "/profile/")


@router.api_route("/auth/{path:path}", methods=_ANY_METHOD, include_in_schema=False)
async def other_auth(path: str, request: Request, state: StateDep) -> Response:
    """Anything else under /auth: the auth service decides (and checks its own tokens)."""
    return await forward(request, state, "/auth/" + quote(path))


@router.api_route(
    "/profile/{path:path}", methods=_ANY_METHOD, dependencies=_signed_in, include_in_schema=False
)
async def other_profile(path: str, request: Request, state: StateDep) -> Response:
    """Anything else under /profile needs a signed-in user too."""
    return await forward(request, state, "/profile/" + quote(path))

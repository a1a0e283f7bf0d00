"""The httponly refresh-token cookie."""

from __future__ import annotations

from starlette.responses import Response

from auth.config import Settings

REFRESH_COOKIE = "refresh_token"


def set_refresh_cookie(response: Response, token: str, settings: Settings) -> None:
    """Hand the refresh token to the browser as an httponly cookie scoped to the auth routes."""
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=settings.refresh_ttl_seconds,
        path=settings.cookie_path,
        domain=settings.cookie_domain,
        secure=settings.secure_cookies,
        httponly=True,
        samesite=settings.cookie_samesite,
    )


def clear_refresh_cookie(response: Response, settings: Settings) -> None:
    """Expire the refresh cookie (same attributes, or browsers keep it)."""
    response.delete_cookie(
        REFRESH_COOKIE,
        path=settings.cookie_path,
        domain=settings.cookie_domain,
        secure=settings.secure_cookies,
        httponly=True,
        samesite=settings.cookie_samesite,
    )

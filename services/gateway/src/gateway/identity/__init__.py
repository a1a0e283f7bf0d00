"""Identity layer: JWT verification from the auth service's JWKS, and /auth + /profile forwarding."""

from gateway.identity.dependencies import (
    AuthenticatedUser,
    CurrentUser,
    CurrentUserId,
    current_user,
    current_user_id,
)

__all__ = ["AuthenticatedUser", "CurrentUser", "CurrentUserId", "current_user", "current_user_id"]

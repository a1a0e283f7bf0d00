"""Identity layer: JWT verification from the auth service's JWKS, and /auth + /profile forwarding."""

from gateway.identity.dependencies import CurrentUserId, current_user_id

__all__ = ["CurrentUserId", "current_user_id"]

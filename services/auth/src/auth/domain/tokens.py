"""Access-token claims: what the auth service signs and every verifier expects."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

ALGORITHM = "RS256"
REQUIRED_CLAIMS: tuple[str, ...] = ("sub", "iss", "aud", "exp", "iat", "jti")


def access_claims(
    *, user_id: int, issuer: str, audience: str, now: datetime, ttl: timedelta, jti: str
) -> dict[str, Any]:
    """Claims of an access token for `user_id` issued at `now`."""
    issued_at = int(now.timestamp())
    return {
        "sub": str(user_id),
        "iss": issuer,
        "aud": audience,
        "iat": issued_at,
        "exp": issued_at + int(ttl.total_seconds()),
        "jti": jti,
    }


MAX_USER_ID = 2**63 - 1  # auth.users.id is a bigint


def subject_to_user_id(subject: object) -> int | None:
    """The user id carried in `sub`, or None if it is not a decimal integer a user id can be."""
    if not isinstance(subject, str) or not subject.isascii() or not subject.isdigit() or len(subject) > 19:
        return None
    user_id = int(subject)
    return user_id if 0 < user_id <= MAX_USER_ID else None

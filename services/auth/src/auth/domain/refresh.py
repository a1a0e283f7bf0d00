"""Refresh-token rotation with reuse detection and a short overlap, as pure functions.

A rotated token presented again within the grace period is a client refreshing several requests at once
with the same cookie (the monolith's web client does exactly that), not a thief: it gets a fresh token of
the same family. Presented later, it is reuse and the family is revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from enum import Enum
from uuid import uuid4

from auth.domain.models import NewRefreshToken, RefreshTokenRecord

_TOKEN_BYTES = 32


class RefreshState(Enum):
    """What presenting a stored refresh token means."""

    ACTIVE = "active"  # may be rotated once
    JUST_ROTATED = "just_rotated"  # rotated within the grace period: a concurrent refresh, not a thief
    REUSED = "reused"  # rotated before the grace period: a copy is in someone else's hands
    REVOKED = "revoked"  # its family was revoked (logout or earlier reuse)
    EXPIRED = "expired"


def hash_refresh_token(token: str) -> bytes:
    """The stored form of a refresh token; tokens are random, so a plain SHA-256 suffices."""
    return hashlib.sha256(token.encode("utf-8")).digest()


def new_refresh_token(now: datetime, ttl: timedelta) -> tuple[str, NewRefreshToken]:
    """Mint a random refresh token; returns the plaintext for the client and the record to store."""
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    record = NewRefreshToken(
        id=uuid4(), token_hash=hash_refresh_token(token), issued_at=now, expires_at=now + ttl
    )
    return token, record


def assess(record: RefreshTokenRecord, now: datetime, grace: timedelta = timedelta(0)) -> RefreshState:
    """Classify a presented token; revocation wins over reuse, reuse over expiry."""
    if record.family_revoked_at is not None:
        return RefreshState.REVOKED
    if record.used_at is not None and now - record.used_at > grace:
        return RefreshState.REUSED
    if record.expires_at <= now:
        return RefreshState.EXPIRED
    return RefreshState.ACTIVE if record.used_at is None else RefreshState.JUST_ROTATED

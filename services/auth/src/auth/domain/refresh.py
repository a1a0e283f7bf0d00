"""Refresh-token rotation with reuse detection, as pure functions."""

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
    REUSED = "reused"  # already rotated: a copy is in someone else's hands
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


def assess(record: RefreshTokenRecord, now: datetime) -> RefreshState:
    """Classify a presented token; revocation wins over reuse, reuse over expiry."""
    if record.family_revoked_at is not None:
        return RefreshState.REVOKED
    if record.used_at is not None:
        return RefreshState.REUSED
    if record.expires_at <= now:
        return RefreshState.EXPIRED
    return RefreshState.ACTIVE

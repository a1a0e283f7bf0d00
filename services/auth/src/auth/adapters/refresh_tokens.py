"""Refresh-token families in PostgreSQL (`auth.refresh_families`, `auth.refresh_tokens`)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

import asyncpg

from auth.domain.models import NewRefreshToken, RefreshTokenRecord

_INSERT_TOKEN = (
    "INSERT INTO auth.refresh_tokens (id, family_id, token_hash, issued_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)"
)


class PgRefreshTokenRepository:
    """RefreshTokenRepository over asyncpg."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def start_family(self, user_id: int, token: NewRefreshToken) -> UUID:
        """Open a new family (one login) with its first token."""
        family_id = uuid4()
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "INSERT INTO auth.refresh_families (id, user_id, created_at) VALUES ($1, $2, $3)",
                family_id,
                user_id,
                token.issued_at,
            )
            await conn.execute(
                _INSERT_TOKEN, token.id, family_id, token.token_hash, token.issued_at, token.expires_at
            )
        return family_id

    async def find(self, token_hash: bytes) -> RefreshTokenRecord | None:
        """The token with this hash, with its family's revocation state."""
        row = await self._pool.fetchrow(
            "SELECT t.id, t.family_id, f.user_id, t.issued_at, t.expires_at, t.used_at, "
            "f.revoked_at AS family_revoked_at "
            "FROM auth.refresh_tokens t JOIN auth.refresh_families f ON f.id = t.family_id "
            "WHERE t.token_hash = $1",
            token_hash,
        )
        return None if row is None else RefreshTokenRecord(**dict(row.items()))

    async def rotate(self, old_id: UUID, family_id: UUID, token: NewRefreshToken, now: datetime) -> bool:
        """Mark `old_id` used and add its successor in one transaction; False if it lost a race."""
        async with self._pool.acquire() as conn, conn.transaction():
            # The row lock taken by UPDATE serialises concurrent rotations of the same token:
            # the loser re-reads used_at as set and matches nothing.
            consumed = await conn.fetchval(
                "UPDATE auth.refresh_tokens t SET used_at = $3 FROM auth.refresh_families f "
                "WHERE t.id = $1 AND t.family_id = $2 AND f.id = t.family_id "
                "AND t.used_at IS NULL AND f.revoked_at IS NULL RETURNING t.id",
                old_id,
                family_id,
                now,
            )
            if consumed is None:
                return False
            await conn.execute(
                _INSERT_TOKEN, token.id, family_id, token.token_hash, token.issued_at, token.expires_at
            )
        return True

    async def add_to_family(self, family_id: UUID, token: NewRefreshToken) -> bool:
        """Store another live token in the family, unless the family is revoked."""
        added = await self._pool.fetchval(
            "INSERT INTO auth.refresh_tokens (id, family_id, token_hash, issued_at, expires_at) "
            "SELECT $1, f.id, $3, $4, $5 FROM auth.refresh_families f "
            "WHERE f.id = $2 AND f.revoked_at IS NULL RETURNING id",
            token.id,
            family_id,
            token.token_hash,
            token.issued_at,
            token.expires_at,
        )
        return added is not None

    async def revoke_family(self, family_id: UUID, now: datetime, reason: str) -> None:
        """Revoke every token of the family, present and future."""
        await self._pool.execute(
            "UPDATE auth.refresh_families SET revoked_at = $2, revoke_reason = $3 "
            "WHERE id = $1 AND revoked_at IS NULL",
            family_id,
            now,
            reason,
        )

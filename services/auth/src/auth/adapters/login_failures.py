"""Failed logins in PostgreSQL (`auth.login_failures`), so throttling holds across replicas."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg


class PgLoginFailureRepository:
    """LoginFailureRepository over asyncpg."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def recent(self, email: str, since: datetime, limit: int) -> Sequence[datetime]:
        """Up to `limit` latest failures for `email` after `since`."""
        rows = await self._pool.fetch(
            "SELECT failed_at FROM auth.login_failures WHERE email = $1 AND failed_at > $2 "
            "ORDER BY failed_at DESC LIMIT $3",
            email,
            since,
            limit,
        )
        return [row["failed_at"] for row in rows]

    async def record(self, email: str, at: datetime, prune_before: datetime) -> None:
        """Store one failure and drop rows too old to matter (for every email)."""
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("DELETE FROM auth.login_failures WHERE failed_at < $1", prune_before)
            await conn.execute(
                "INSERT INTO auth.login_failures (email, failed_at) VALUES ($1, $2)", email, at
            )

    async def clear(self, email: str) -> None:
        """Forget the failures of `email` after a successful login."""
        await self._pool.execute("DELETE FROM auth.login_failures WHERE email = $1", email)

"""Failed logins in PostgreSQL (`auth.login_failures`), so throttling holds across replicas."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from auth.domain.throttle import Failures


class PgLoginFailureRepository:
    """LoginFailureRepository over asyncpg."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def recent(self, email: str, client: str, since: datetime, limit: int) -> Failures:
        """Failures after `since` on `email` from `client`, from `client`, and on `email` (at most `limit` each)."""
        async with self._pool.acquire() as conn:
            pair = await conn.fetch(
                "SELECT failed_at FROM auth.login_failures WHERE email = $1 AND client = $2 AND failed_at > $3 "
                "ORDER BY failed_at DESC LIMIT $4",
                email,
                client,
                since,
                limit,
            )
            mine = await conn.fetch(
                "SELECT failed_at FROM auth.login_failures WHERE client = $1 AND failed_at > $2 "
                "ORDER BY failed_at DESC LIMIT $3",
                client,
                since,
                limit,
            )
            account = await conn.fetchval(
                "SELECT count(*) FROM (SELECT 1 FROM auth.login_failures WHERE email = $1 AND failed_at > $2 "
                "LIMIT $3) recent",
                email,
                since,
                limit,
            )
        return Failures([r["failed_at"] for r in pair], [r["failed_at"] for r in mine], account)

    async def record(self, email: str, client: str, at: datetime, prune_before: datetime) -> None:
        """Store one failure and drop rows too old to matter (for every email)."""
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("DELETE FROM auth.login_failures WHERE failed_at < $1", prune_before)
            await conn.execute(
                "INSERT INTO auth.login_failures (email, client, failed_at) VALUES ($1, $2, $3)",
                email,
                client,
                at,
            )

    async def clear(self, email: str, client: str) -> None:
        """Forget this client's failures on `email` after it logged in (other clients' stay)."""
        await self._pool.execute(
            "DELETE FROM auth.login_failures WHERE email = $1 AND client = $2", email, client
        )

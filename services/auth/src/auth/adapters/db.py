"""PostgreSQL connection pool."""

from __future__ import annotations

import asyncpg


async def create_pool(dsn: str, *, min_size: int, max_size: int) -> asyncpg.Pool:
    """Open a pool; fails fast if the database is unreachable."""
    return await asyncpg.create_pool(dsn, min_size=min_size, max_size=max_size, command_timeout=30)


async def ping(pool: asyncpg.Pool) -> None:
    """Raise if the database does not answer."""
    async with pool.acquire() as conn:
        await conn.fetchval("SELECT 1")

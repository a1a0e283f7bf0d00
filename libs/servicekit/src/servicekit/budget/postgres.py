"""The buckets of a budget in PostgreSQL (`llm_budget.buckets`), so every replica takes from the same ones."""

from __future__ import annotations

import asyncio

import asyncpg

from servicekit.budget.bucket import Limits, Rate

CONNECT_TIMEOUT_SECONDS = 3.0
STATEMENT_TIMEOUT_SECONDS = 3.0


def _level(column: str, capacity: str, rate: str, cost: str) -> str:
    # Rate.level_after in SQL: refill since the last take (never for time gone backwards), cap, take.
    elapsed = "greatest(extract(epoch from clock_timestamp() - b.updated_at)::float8, 0)"
    refilled = f"least({capacity}, b.{column} + {elapsed} * {rate})"
    return f"case when {rate} > 0 then least({capacity}, {refilled} - {cost}) else 0 end"


# $2-$4: capacity, refill per second and cost of requests; $5-$7: the same of tokens.
R_CAP, R_RATE, R_COST, T_CAP, T_RATE, T_COST = (f"${n}::float8" for n in range(2, 8))

# One statement, so the row lock makes concurrent takers line up: each sees the level its predecessor left.
TAKE = f"""
insert into llm_budget.buckets as b (key, requests, tokens, updated_at)
values ($1, case when {R_RATE} > 0 then least({R_CAP}, {R_CAP} - {R_COST}) else 0 end,
            case when {T_RATE} > 0 then least({T_CAP}, {T_CAP} - {T_COST}) else 0 end, clock_timestamp())
on conflict (key) do update set
    requests = {_level("requests", R_CAP, R_RATE, R_COST)},
    tokens = {_level("tokens", T_CAP, T_RATE, T_COST)},
    updated_at = greatest(b.updated_at, clock_timestamp())
returning requests, tokens
"""


def _args(rate: Rate, cost: float) -> tuple[float, float, float]:
    return rate.capacity, rate.per_second, cost if rate.on else 0.0


class PostgresBuckets:
    """Takes from the row of one key with a single `INSERT … ON CONFLICT DO UPDATE … RETURNING`."""

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()

    async def _connected(self) -> asyncpg.Pool:
        async with self._opening:
            if self._pool is None:  # opened on first use: nothing connects while the app is being wired
                self._pool = await asyncpg.create_pool(
                    self._dsn,
                    min_size=0,
                    max_size=2,
                    timeout=CONNECT_TIMEOUT_SECONDS,
                    command_timeout=STATEMENT_TIMEOUT_SECONDS,
                )
            return self._pool

    async def take(self, key: str, limits: Limits, requests: float, tokens: float) -> tuple[float, float]:
        """Take from the key's buckets (created full); the levels left, below zero when in debt."""
        async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS + STATEMENT_TIMEOUT_SECONDS):
            pool = await self._connected()
            row = await pool.fetchrow(
                TAKE, key, *_args(limits.requests, requests), *_args(limits.tokens, tokens)
            )
        assert row is not None
        return float(row["requests"]), float(row["tokens"])

    async def close(self) -> None:
        """Close the pool, if it was ever opened."""
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
